package matrix

import (
	"errors"
	"testing"
)

func must(t *testing.T, rows [][]float64) *Matrix {
	t.Helper()
	m, err := FromRows(rows)
	if err != nil {
		t.Fatalf("FromRows: %v", err)
	}
	return m
}

func TestConstruct(t *testing.T) {
	if _, err := New(0, 3); !errors.Is(err, ErrShape) {
		t.Fatalf("New(0,3): %v", err)
	}
	m, err := New(2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := m.Dims(); r != 2 || c != 3 || m.At(1, 2) != 0 {
		t.Fatalf("dims %d %d", r, c)
	}
	if _, err := FromRows([][]float64{{1, 2}, {3}}); !errors.Is(err, ErrShape) {
		t.Fatalf("ragged: %v", err)
	}
	if _, err := FromRows(nil); !errors.Is(err, ErrShape) {
		t.Fatalf("empty: %v", err)
	}
	src := [][]float64{{1, 2}, {3, 4}}
	a := must(t, src)
	src[0][0] = 99
	if a.At(0, 0) != 1 {
		t.Fatal("FromRows must copy")
	}
	a.Set(1, 0, 7)
	if a.At(1, 0) != 7 {
		t.Fatal("Set")
	}
}

func TestPanics(t *testing.T) {
	m := Identity(2)
	for _, idx := range [][2]int{{2, 0}, {0, 2}, {-1, 0}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("At(%d,%d) did not panic", idx[0], idx[1])
				}
			}()
			m.At(idx[0], idx[1])
		}()
	}
}

func TestTransposeAndMul(t *testing.T) {
	a := must(t, [][]float64{{1, 2, 3}, {4, 5, 6}})
	at := a.Transpose()
	if !at.Equal(must(t, [][]float64{{1, 4}, {2, 5}, {3, 6}}), 0) {
		t.Fatal("transpose")
	}
	if a.At(0, 1) != 2 {
		t.Fatal("transpose modified input")
	}
	p, err := a.Mul(at)
	if err != nil || !p.Equal(must(t, [][]float64{{14, 32}, {32, 77}}), 1e-12) {
		t.Fatalf("mul: %v", err)
	}
	q, err := at.Mul(a)
	if r, c := q.Dims(); err != nil || r != 3 || c != 3 || q.At(2, 2) != 45 {
		t.Fatalf("mul 3x3: %v", err)
	}
	if _, err := a.Mul(a); !errors.Is(err, ErrShape) {
		t.Fatalf("shape mismatch: %v", err)
	}
	i3 := Identity(3)
	if r, _ := a.Mul(i3); !r.Equal(a, 0) {
		t.Fatal("identity")
	}
}

func TestEqual(t *testing.T) {
	a := must(t, [][]float64{{1, 2}})
	b := must(t, [][]float64{{1, 2.0005}})
	if !a.Equal(b, 1e-3) || a.Equal(b, 1e-4) {
		t.Fatal("tolerance")
	}
	if a.Equal(must(t, [][]float64{{1}, {2}}), 1) {
		t.Fatal("different shapes are not equal")
	}
}
