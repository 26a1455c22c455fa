package shop

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseAndString(t *testing.T) {
	good := map[string]Cents{"12.50": 1250, "3": 300, "-0.05": -5, "0.5": 50, "0.29": 29, "1234567.89": 123456789, "0": 0}
	for in, want := range good {
		got, err := ParseCents(in)
		if err != nil || got != want {
			t.Errorf("ParseCents(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "1.234", "abc", "1.", ".5", "--1", "1-", "+-1", "1,50", " 1"} {
		if _, err := ParseCents(bad); err == nil {
			t.Errorf("ParseCents(%q) accepted", bad)
		}
	}
	for c, want := range map[Cents]string{1250: "12.50", -5: "-0.05", 0: "0.00", 7: "0.07", -1999: "-19.99"} {
		if c.String() != want {
			t.Errorf("%d.String() = %q, want %q", c, c.String(), want)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	b, err := json.Marshal(Product{SKU: "A-1", Price: 1250})
	if err != nil || string(b) != `{"sku":"A-1","price":"12.50"}` {
		t.Fatalf("marshal: %s %v", b, err)
	}
	var c Cents
	for in, want := range map[string]Cents{`"0.10"`: 10, `12.5`: 1250, `12`: 1200, `"-3"`: -300} {
		if err := json.Unmarshal([]byte(in), &c); err != nil || c != want {
			t.Errorf("unmarshal %s = %d, %v; want %d", in, c, err, want)
		}
	}
	if err := json.Unmarshal([]byte(`"1.999"`), &c); err == nil {
		t.Error("three decimals accepted")
	}
	if err := json.Unmarshal([]byte(`true`), &c); err == nil {
		t.Error("bool accepted")
	}
}

func TestDecodeProducts(t *testing.T) {
	data := []byte(`[{"sku": "A", "price": "0.10", "tags": ["x"]}, {"sku": "B", "price": 0.2}, {"sku": "C", "price": "19.99"}]`)
	ps, err := DecodeProducts(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 || ps[0].Tags[0] != "x" || ps[1].Price != 20 {
		t.Fatalf("decoded %+v", ps)
	}
	if Total(ps) != 2029 {
		t.Fatalf("total %d", Total(ps))
	}
	cases := map[string]string{
		`[{"sku": "A", "price": "1"}, {"sku": "", "price": "1"}]`:                   "product 1",
		`[{"sku": "A", "price": "1"}, {"sku": "B", "price": "1"}, {"sku": "C", "price": "-1"}]`: "product 2",
		`[{"sku": "A", "price": "1", "colour": "red"}]`:                            "product 0",
		`[{"sku": "A", "price": "x"}]`:                                              "product 0",
	}
	for in, want := range cases {
		if _, err := DecodeProducts([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want error with %q", in, err, want)
		}
	}
}
