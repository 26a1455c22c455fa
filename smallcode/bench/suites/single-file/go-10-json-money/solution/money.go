package shop

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Cents is an amount of money in minor units.
type Cents int64

var amount = regexp.MustCompile(`^(-)?(\d+)(?:\.(\d{1,2}))?$`)

// ParseCents parses a decimal string with at most two decimals.
func ParseCents(s string) (Cents, error) {
	m := amount.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("invalid amount %q", s)
	}
	whole, err := strconv.ParseInt(m[2], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("invalid amount %q: %w", s, err)
	}
	frac := int64(0)
	if m[3] != "" {
		frac, _ = strconv.ParseInt((m[3] + "0")[:2], 10, 64)
	}
	c := Cents(whole*100 + frac)
	if m[1] == "-" {
		c = -c
	}
	return c, nil
}

func (c Cents) String() string {
	sign := ""
	v := int64(c)
	if v < 0 {
		sign = "-"
		v = -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// MarshalJSON writes the amount as a JSON string.
func (c Cents) MarshalJSON() ([]byte, error) {
	return json.Marshal(c.String())
}

// UnmarshalJSON reads a JSON string or number.
func (c *Cents) UnmarshalJSON(b []byte) error {
	text := strings.TrimSpace(string(b))
	if strings.HasPrefix(text, "\"") {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		text = s
	}
	v, err := ParseCents(text)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Product is one catalogue entry.
type Product struct {
	SKU   string   `json:"sku"`
	Price Cents    `json:"price"`
	Tags  []string `json:"tags,omitempty"`
}

// DecodeProducts decodes and validates a JSON array of products.
func DecodeProducts(data []byte) ([]Product, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	products := make([]Product, 0, len(raw))
	for i, item := range raw {
		dec := json.NewDecoder(bytes.NewReader(item))
		dec.DisallowUnknownFields()
		var p Product
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("product %d: %w", i, err)
		}
		if p.SKU == "" {
			return nil, fmt.Errorf("product %d: %w", i, errors.New("empty sku"))
		}
		if p.Price < 0 {
			return nil, fmt.Errorf("product %d: negative price %s", i, p.Price)
		}
		products = append(products, p)
	}
	return products, nil
}

// Total sums the prices.
func Total(ps []Product) Cents {
	var sum Cents
	for _, p := range ps {
		sum += p.Price
	}
	return sum
}
