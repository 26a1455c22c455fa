package wordfreq

import (
	"reflect"
	"testing"
)

func TestTopWordsBasic(t *testing.T) {
	text := "The cat and the hat. THE END, and the cat!"
	got := TopWords(text, 3)
	want := []WordCount{{"the", 4}, {"and", 2}, {"cat", 2}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestApostrophesAndUnicode(t *testing.T) {
	got := TopWords("'Hello' don't DON'T café Café cafe x2 x2 x2", 10)
	want := []WordCount{{"x2", 3}, {"café", 2}, {"don't", 2}, {"cafe", 1}, {"hello", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestEdgeCases(t *testing.T) {
	if got := TopWords("a b", 0); got == nil || len(got) != 0 {
		t.Fatalf("n=0: got %#v, want empty non-nil", got)
	}
	if got := TopWords("", 3); got == nil || len(got) != 0 {
		t.Fatalf("empty text: got %#v", got)
	}
	if got := TopWords("... ''' !!!", 3); len(got) != 0 {
		t.Fatalf("punctuation only: got %#v", got)
	}
	got := TopWords("b a c", 2)
	want := []WordCount{{"a", 1}, {"b", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
