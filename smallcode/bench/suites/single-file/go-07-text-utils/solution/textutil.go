package textutil

import (
	"strings"
	"unicode"
)

// Reverse reverses s rune by rune.
func Reverse(s string) string {
	runes := []rune(s)
	for i, j := 0, len(runes)-1; i < j; i, j = i+1, j-1 {
		runes[i], runes[j] = runes[j], runes[i]
	}
	return string(runes)
}

// IsPalindrome reports whether the letters and digits of s read the same both ways.
func IsPalindrome(s string) bool {
	var kept []rune
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			kept = append(kept, unicode.ToLower(r))
		}
	}
	for i, j := 0, len(kept)-1; i < j; i, j = i+1, j-1 {
		if kept[i] != kept[j] {
			return false
		}
	}
	return true
}

// Truncate shortens s to at most max runes, ending with an ellipsis when cut.
func Truncate(s string, max int) string {
	if max < 1 {
		return ""
	}
	runes := []rune(s)
	if len(runes) <= max {
		return s
	}
	return strings.TrimRight(string(runes[:max-1]), " ") + "…"
}

// Initials returns the upper-cased first rune of every word.
func Initials(name string) string {
	var b strings.Builder
	for _, word := range strings.Fields(name) {
		b.WriteRune(unicode.ToUpper([]rune(word)[0]))
	}
	return b.String()
}
