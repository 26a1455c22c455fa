package kvconf

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseValid(t *testing.T) {
	input := `
# comment
; another comment
Name = demo
  port=8080   # inline
greeting = "  hi # not a comment  "
empty =
url = http://x/#anchor
`
	got, err := Parse(strings.NewReader(input))
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	want := map[string]string{
		"name":     "demo",
		"port":     "8080",
		"greeting": "  hi # not a comment  ",
		"empty":    "",
		"url":      "http://x/#anchor",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v, want %#v", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		input string
		line  int
	}{
		{"a = 1\nbroken line\n", 2},
		{"\n\n = 3\n", 3},
		{"a = \"open\n", 1},
		{"A = 1\n# c\na = 2\n", 3},
	}
	for _, c := range cases {
		_, err := Parse(strings.NewReader(c.input))
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%q: want *ParseError, got %v", c.input, err)
		}
		if pe.Line != c.line {
			t.Fatalf("%q: line %d, want %d", c.input, pe.Line, c.line)
		}
		if !strings.HasPrefix(pe.Error(), "line ") || !strings.Contains(pe.Error(), pe.Msg) {
			t.Fatalf("bad message %q", pe.Error())
		}
	}
}

type failingReader struct{}

var errDisk = errors.New("disk on fire")

func (failingReader) Read([]byte) (int, error) { return 0, errDisk }

func TestReaderError(t *testing.T) {
	_, err := Parse(failingReader{})
	if !errors.Is(err, errDisk) {
		t.Fatalf("want reader error, got %v", err)
	}
}
