package textutil

import "testing"

func TestReverse(t *testing.T) {
	cases := map[string]string{"": "", "abc": "cba", "héllo": "olléh", "日本語": "語本日", "a b": "b a"}
	for in, want := range cases {
		if got := Reverse(in); got != want {
			t.Errorf("Reverse(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsPalindrome(t *testing.T) {
	yes := []string{"", "A man, a plan, a canal: Panama", "Été", "12 3 21", "x"}
	no := []string{"ab", "hello", "12 3 4"}
	for _, s := range yes {
		if !IsPalindrome(s) {
			t.Errorf("IsPalindrome(%q) = false", s)
		}
	}
	for _, s := range no {
		if IsPalindrome(s) {
			t.Errorf("IsPalindrome(%q) = true", s)
		}
	}
}

func TestTruncate(t *testing.T) {
	cases := []struct {
		in   string
		max  int
		want string
	}{
		{"hello world", 20, "hello world"},
		{"hello world", 11, "hello world"},
		{"hello world", 7, "hello…"},
		{"hello world", 6, "hello…"},
		{"héllo wörld", 8, "héllo w…"},
		{"abc", 1, "…"},
		{"abc", 0, ""},
		{"", 3, ""},
	}
	for _, c := range cases {
		if got := Truncate(c.in, c.max); got != c.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}

func TestInitials(t *testing.T) {
	cases := map[string]string{"ada  lovelace": "AL", "élise durand": "ÉD", "  grace brewster hopper ": "GBH", "": ""}
	for in, want := range cases {
		if got := Initials(in); got != want {
			t.Errorf("Initials(%q) = %q, want %q", in, got, want)
		}
	}
}
