package wordfreq

import (
	"sort"
	"strings"
	"unicode"
)

// WordCount is a word and how often it occurs.
type WordCount struct {
	Word  string
	Count int
}

// TopWords returns the n most frequent words of text.
func TopWords(text string, n int) []WordCount {
	result := []WordCount{}
	if n <= 0 {
		return result
	}
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'')
	})
	counts := map[string]int{}
	for _, field := range fields {
		word := strings.ToLower(strings.Trim(field, "'"))
		if word != "" {
			counts[word]++
		}
	}
	for word, count := range counts {
		result = append(result, WordCount{Word: word, Count: count})
	}
	sort.Slice(result, func(i, j int) bool {
		if result[i].Count != result[j].Count {
			return result[i].Count > result[j].Count
		}
		return result[i].Word < result[j].Word
	})
	if len(result) > n {
		result = result[:n]
	}
	return result
}
