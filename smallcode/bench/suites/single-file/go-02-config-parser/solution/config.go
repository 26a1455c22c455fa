package kvconf

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// ParseError reports a problem on one line of the input.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Parse reads key = value lines.
func Parse(r io.Reader) (map[string]string, error) {
	result := map[string]string{}
	scanner := bufio.NewScanner(r)
	line := 0
	for scanner.Scan() {
		line++
		text := strings.TrimSpace(scanner.Text())
		if text == "" || strings.HasPrefix(text, "#") || strings.HasPrefix(text, ";") {
			continue
		}
		eq := strings.Index(text, "=")
		if eq < 0 {
			return nil, &ParseError{Line: line, Msg: "missing '='"}
		}
		key := strings.ToLower(strings.TrimSpace(text[:eq]))
		if key == "" {
			return nil, &ParseError{Line: line, Msg: "empty key"}
		}
		raw := strings.TrimSpace(text[eq+1:])
		var value string
		if strings.HasPrefix(raw, "\"") {
			end := strings.Index(raw[1:], "\"")
			if end < 0 {
				return nil, &ParseError{Line: line, Msg: "unterminated quote"}
			}
			value = raw[1 : end+1]
		} else {
			if i := strings.Index(raw, " #"); i >= 0 {
				raw = raw[:i]
			}
			value = strings.TrimSpace(raw)
		}
		if _, seen := result[key]; seen {
			return nil, &ParseError{Line: line, Msg: fmt.Sprintf("duplicate key %q", key)}
		}
		result[key] = value
	}
	if err := scanner.Err(); err != nil {
		return nil, err
	}
	return result, nil
}
