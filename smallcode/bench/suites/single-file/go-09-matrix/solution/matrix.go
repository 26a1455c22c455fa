package matrix

import (
	"errors"
	"fmt"
	"math"
)

// ErrShape reports incompatible or invalid matrix dimensions.
var ErrShape = errors.New("matrix: bad shape")

// Matrix is a dense row-major matrix.
type Matrix struct {
	rows, cols int
	data       []float64
}

// New returns a zero matrix.
func New(rows, cols int) (*Matrix, error) {
	if rows <= 0 || cols <= 0 {
		return nil, fmt.Errorf("%dx%d: %w", rows, cols, ErrShape)
	}
	return &Matrix{rows: rows, cols: cols, data: make([]float64, rows*cols)}, nil
}

// FromRows builds a matrix from a slice of rows.
func FromRows(rows [][]float64) (*Matrix, error) {
	if len(rows) == 0 || len(rows[0]) == 0 {
		return nil, fmt.Errorf("empty input: %w", ErrShape)
	}
	m, _ := New(len(rows), len(rows[0]))
	for i, row := range rows {
		if len(row) != m.cols {
			return nil, fmt.Errorf("row %d has %d columns, want %d: %w", i, len(row), m.cols, ErrShape)
		}
		copy(m.data[i*m.cols:], row)
	}
	return m, nil
}

// Identity returns the n×n identity matrix.
func Identity(n int) *Matrix {
	m, err := New(n, n)
	if err != nil {
		panic(err)
	}
	for i := 0; i < n; i++ {
		m.data[i*n+i] = 1
	}
	return m
}

// Dims returns the number of rows and columns.
func (m *Matrix) Dims() (rows, cols int) { return m.rows, m.cols }

func (m *Matrix) index(i, j int) int {
	if i < 0 || i >= m.rows || j < 0 || j >= m.cols {
		panic(fmt.Sprintf("matrix: index (%d, %d) out of range %dx%d", i, j, m.rows, m.cols))
	}
	return i*m.cols + j
}

// At returns the entry at row i, column j.
func (m *Matrix) At(i, j int) float64 { return m.data[m.index(i, j)] }

// Set stores v at row i, column j.
func (m *Matrix) Set(i, j int, v float64) { m.data[m.index(i, j)] = v }

// Transpose returns a new transposed matrix.
func (m *Matrix) Transpose() *Matrix {
	t, _ := New(m.cols, m.rows)
	for i := 0; i < m.rows; i++ {
		for j := 0; j < m.cols; j++ {
			t.data[j*m.rows+i] = m.data[i*m.cols+j]
		}
	}
	return t
}

// Mul returns the matrix product m·o.
func (m *Matrix) Mul(o *Matrix) (*Matrix, error) {
	if m.cols != o.rows {
		return nil, fmt.Errorf("%dx%d times %dx%d: %w", m.rows, m.cols, o.rows, o.cols, ErrShape)
	}
	p, _ := New(m.rows, o.cols)
	for i := 0; i < m.rows; i++ {
		for k := 0; k < m.cols; k++ {
			a := m.data[i*m.cols+k]
			for j := 0; j < o.cols; j++ {
				p.data[i*o.cols+j] += a * o.data[k*o.cols+j]
			}
		}
	}
	return p, nil
}

// Equal reports whether both matrices have the same shape and entries within tol.
func (m *Matrix) Equal(o *Matrix, tol float64) bool {
	if m.rows != o.rows || m.cols != o.cols {
		return false
	}
	for i := range m.data {
		if math.Abs(m.data[i]-o.data[i]) > tol {
			return false
		}
	}
	return true
}
