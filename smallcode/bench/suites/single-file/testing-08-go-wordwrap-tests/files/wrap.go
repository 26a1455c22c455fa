// Package wrap formats plain text for terminals.
package wrap

import "strings"

// Wrap breaks text into lines of at most width runes.
//
// Words are separated by any whitespace, which is collapsed to single spaces. A line is filled with as many
// words as fit (a line may be exactly width runes long). A word longer than width is put on its own line,
// unbroken. Paragraphs are separated by blank lines ("\n\n" or more) in the input and are kept separated by
// exactly one empty line in the output. Width < 1 is treated as 1. Empty or all-whitespace text gives nil.
func Wrap(text string, width int) []string {
	if width < 1 {
		width = 1
	}
	var lines []string
	paragraphs := splitParagraphs(text)
	for p, words := range paragraphs {
		if p > 0 {
			lines = append(lines, "")
		}
		current := ""
		for _, word := range words {
			switch {
			case current == "":
				current = word
			case len([]rune(current))+1+len([]rune(word)) <= width:
				current += " " + word
			default:
				lines = append(lines, current)
				current = word
			}
		}
		if current != "" {
			lines = append(lines, current)
		}
	}
	return lines
}

func splitParagraphs(text string) [][]string {
	var out [][]string
	normalized := strings.ReplaceAll(text, "\r\n", "\n")
	for _, block := range strings.Split(normalized, "\n\n") {
		words := strings.Fields(block)
		if len(words) > 0 {
			out = append(out, words)
		}
	}
	return out
}

// Indent prefixes every non-empty line with prefix and the first line with first instead (first may differ in
// length, e.g. a bullet "- " and a hanging indent "  "). Empty lines stay empty (no trailing spaces).
func Indent(lines []string, first, prefix string) []string {
	out := make([]string, len(lines))
	for i, line := range lines {
		switch {
		case line == "":
			out[i] = ""
		case i == 0:
			out[i] = first + line
		default:
			out[i] = prefix + line
		}
	}
	return out
}
