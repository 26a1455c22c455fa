package semver

import (
	"reflect"
	"strings"
	"testing"
)

func mustParse(t *testing.T, s string) Version {
	t.Helper()
	v, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return v
}

func TestParse(t *testing.T) {
	v := mustParse(t, "v1.20.3-rc.1+build.7")
	want := Version{Major: 1, Minor: 20, Patch: 3, Pre: []string{"rc", "1"}, Build: "build.7"}
	if !reflect.DeepEqual(v, want) {
		t.Fatalf("got %+v", v)
	}
	if v.String() != "1.20.3-rc.1+build.7" {
		t.Fatalf("String() = %q", v.String())
	}
	if s := mustParse(t, "0.0.0").String(); s != "0.0.0" {
		t.Fatalf("String() = %q", s)
	}
	for _, bad := range []string{"", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.3-", "1.2.3-01", "1.2.3-a..b", "a.b.c", "1.2.3+", " 1.2.3"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
	mustParse(t, "1.2.3-0a.x-y")
}

func TestCompareOrder(t *testing.T) {
	order := []string{"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
		"1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0"}
	for i := 0; i < len(order)-1; i++ {
		a, b := mustParse(t, order[i]), mustParse(t, order[i+1])
		if Compare(a, b) != -1 || Compare(b, a) != 1 {
			t.Errorf("%s should be < %s", order[i], order[i+1])
		}
	}
	if Compare(mustParse(t, "1.0.0+a"), mustParse(t, "v1.0.0+b")) != 0 {
		t.Error("build metadata must be ignored")
	}
}

func TestSortAndLatest(t *testing.T) {
	raw := []string{"1.10.0", "1.2.0", "2.0.0-rc.1", "1.2.0-beta", "0.9.9"}
	var vs []Version
	for _, s := range raw {
		vs = append(vs, mustParse(t, s))
	}
	Sort(vs)
	var got []string
	for _, v := range vs {
		got = append(got, v.String())
	}
	if strings.Join(got, " ") != "0.9.9 1.2.0-beta 1.2.0 1.10.0 2.0.0-rc.1" {
		t.Fatalf("sorted: %v", got)
	}
	if v, ok := Latest(vs, false); !ok || v.String() != "1.10.0" {
		t.Fatalf("Latest stable: %v %v", v, ok)
	}
	if v, ok := Latest(vs, true); !ok || v.String() != "2.0.0-rc.1" {
		t.Fatalf("Latest pre: %v %v", v, ok)
	}
	if _, ok := Latest([]Version{mustParse(t, "1.0.0-rc")}, false); ok {
		t.Fatal("only pre-releases: want false")
	}
	if _, ok := Latest(nil, true); ok {
		t.Fatal("empty: want false")
	}
}
