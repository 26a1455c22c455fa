package wrap

import (
	"reflect"
	"testing"
)

func TestWrap(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		width int
		want  []string
	}{
		{"exact fit", "aaa bbb", 7, []string{"aaa bbb"}},
		{"one short", "aaa bbb", 6, []string{"aaa", "bbb"}},
		{"fill lines", "the quick brown fox jumps", 10, []string{"the quick", "brown fox", "jumps"}},
		{"collapse whitespace", "  a \t b\n c  ", 20, []string{"a b c"}},
		{"long word", "hi supercalifragilistic yo", 5, []string{"hi", "supercalifragilistic", "yo"}},
		{"runes", "ééé ééé", 7, []string{"ééé ééé"}},
		{"width zero", "a b", 0, []string{"a", "b"}},
		{"empty", "   \n ", 10, nil},
		{"paragraphs", "one two\n\n\n\nthree", 20, []string{"one two", "", "three"}},
		{"crlf paragraphs", "one\r\n\r\ntwo", 20, []string{"one", "", "two"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Wrap(c.text, c.width); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("Wrap(%q, %d) = %q, want %q", c.text, c.width, got, c.want)
			}
		})
	}
}

func TestIndent(t *testing.T) {
	got := Indent([]string{"first", "second", "", "third"}, "- ", "  ")
	want := []string{"- first", "  second", "", "  third"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q", got)
	}
}

func TestIndentEmptyFirstLine(t *testing.T) {
	got := Indent([]string{"", "x"}, "* ", "> ")
	if !reflect.DeepEqual(got, []string{"", "> x"}) {
		t.Fatalf("got %q", got)
	}
}

func TestIndentDoesNotModifyInput(t *testing.T) {
	in := []string{"a", "b"}
	Indent(in, "1 ", "2 ")
	if !reflect.DeepEqual(in, []string{"a", "b"}) {
		t.Fatalf("input modified: %q", in)
	}
}
