package payroll

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Employee is one row of the payroll file.
type Employee struct {
	Name   string
	Dept   string
	Salary int
	Active bool
}

var required = []string{"name", "dept", "salary", "active"}

// Load reads employees from CSV with a header row.
func Load(r io.Reader) ([]Employee, error) {
	reader := csv.NewReader(r)
	reader.FieldsPerRecord = -1
	header, err := reader.Read()
	if err != nil {
		return nil, fmt.Errorf("reading header: %w", err)
	}
	index := map[string]int{}
	for i, col := range header {
		index[strings.ToLower(strings.TrimSpace(col))] = i
	}
	for _, col := range required {
		if _, ok := index[col]; !ok {
			return nil, fmt.Errorf("missing column %q", col)
		}
	}
	var result []Employee
	line := 1
	for {
		record, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line++
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", line, err)
		}
		get := func(col string) (string, error) {
			i := index[col]
			if i >= len(record) {
				return "", fmt.Errorf("row %d: missing %s", line, col)
			}
			return strings.TrimSpace(record[i]), nil
		}
		var values [4]string
		for i, col := range required {
			if values[i], err = get(col); err != nil {
				return nil, err
			}
		}
		salary, err := strconv.Atoi(values[2])
		if err != nil || salary < 0 {
			return nil, fmt.Errorf("row %d: invalid salary %q", line, values[2])
		}
		var active bool
		switch strings.ToLower(values[3]) {
		case "true", "yes":
			active = true
		case "false", "no":
			active = false
		default:
			return nil, fmt.Errorf("row %d: invalid active flag %q", line, values[3])
		}
		result = append(result, Employee{Name: values[0], Dept: values[1], Salary: salary, Active: active})
	}
	return result, nil
}

// AverageByDept averages the salaries of active employees per department.
func AverageByDept(emps []Employee) map[string]float64 {
	sums := map[string]int{}
	counts := map[string]int{}
	for _, e := range emps {
		if e.Active {
			sums[e.Dept] += e.Salary
			counts[e.Dept]++
		}
	}
	result := map[string]float64{}
	for dept, sum := range sums {
		result[dept] = float64(sum) / float64(counts[dept])
	}
	return result
}

// TopEarners returns the n best-paid active employees.
func TopEarners(emps []Employee, n int) []Employee {
	var active []Employee
	for _, e := range emps {
		if e.Active {
			active = append(active, e)
		}
	}
	sort.Slice(active, func(i, j int) bool {
		if active[i].Salary != active[j].Salary {
			return active[i].Salary > active[j].Salary
		}
		return active[i].Name < active[j].Name
	})
	if n < len(active) {
		active = active[:n]
	}
	return active
}
