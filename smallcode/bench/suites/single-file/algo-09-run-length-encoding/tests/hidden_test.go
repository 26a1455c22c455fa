package rle

import (
	"strings"
	"testing"
)

func TestEncode(t *testing.T) {
	cases := map[string]string{
		"":                "",
		"aaabccdddd":      "3a1b2c4d",
		"x":               "1x",
		"xxxxxxxxxxxxyyz": "12x2y1z",
		"ééé":             "3é",
		"aAa":             "1a1A1a",
		"  \n":            "2 1\n",
	}
	for in, want := range cases {
		if got := Encode(in); got != want {
			t.Errorf("Encode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEncodePanicsOnDigits(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Encode with digits did not panic")
		}
	}()
	Encode("ab3")
}

func TestDecode(t *testing.T) {
	cases := map[string]string{"": "", "3a1b2c4d": "aaabccdddd", "12x": strings.Repeat("x", 12), "3é1€": "ééé€", "2 1\n": "  \n"}
	for in, want := range cases {
		got, err := Decode(in)
		if err != nil || got != want {
			t.Errorf("Decode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"a", "3", "3a2", "0a", "03a", "3ab", "-1a"} {
		if got, err := Decode(bad); err == nil {
			t.Errorf("Decode(%q) = %q, want error", bad, got)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	inputs := []string{"hello  world", "ßßß∂∂x", strings.Repeat("ab", 50) + strings.Repeat("c", 1000)}
	for _, in := range inputs {
		got, err := Decode(Encode(in))
		if err != nil || got != in {
			t.Errorf("round trip of %q failed: %q %v", in, got, err)
		}
	}
}
