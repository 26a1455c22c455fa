package rle

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Encode run-length encodes s.
func Encode(s string) string {
	var b strings.Builder
	runes := []rune(s)
	for i := 0; i < len(runes); {
		if runes[i] >= '0' && runes[i] <= '9' {
			panic(fmt.Sprintf("rle: cannot encode digit %q", runes[i]))
		}
		j := i
		for j < len(runes) && runes[j] == runes[i] {
			j++
		}
		b.WriteString(strconv.Itoa(j - i))
		b.WriteRune(runes[i])
		i = j
	}
	return b.String()
}

// Decode reverses Encode.
func Decode(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		digits := s[start:i]
		if digits == "" {
			return "", fmt.Errorf("missing count at byte %d", start)
		}
		if digits[0] == '0' {
			return "", fmt.Errorf("invalid count %q at byte %d", digits, start)
		}
		if i >= len(s) {
			return "", errors.New("count without a character at the end")
		}
		n, err := strconv.Atoi(digits)
		if err != nil {
			return "", err
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(strings.Repeat(string(r), n))
		i += size
	}
	return b.String(), nil
}
