package payroll

import (
	"reflect"
	"strings"
	"testing"
)

const data = `active,name,salary,dept,notes
yes, Ann ,5000,eng,
TRUE,Bob,7000,eng,"likes, commas"
no,Cy,9000,eng,
false,Di,100,ops,
Yes,Ed,3000,ops,
true,Flo,7000,ops,
`

func TestLoad(t *testing.T) {
	emps, err := Load(strings.NewReader(data))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(emps) != 6 {
		t.Fatalf("got %d employees", len(emps))
	}
	if emps[0] != (Employee{Name: "Ann", Dept: "eng", Salary: 5000, Active: true}) {
		t.Fatalf("first: %+v", emps[0])
	}
	if emps[2].Active || !emps[1].Active {
		t.Fatalf("active flags wrong: %+v", emps)
	}
}

func TestAverageByDept(t *testing.T) {
	emps, _ := Load(strings.NewReader(data))
	got := AverageByDept(emps)
	want := map[string]float64{"eng": 6000, "ops": 5000}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestTopEarners(t *testing.T) {
	emps, _ := Load(strings.NewReader(data))
	before := append([]Employee(nil), emps...)
	top := TopEarners(emps, 3)
	names := []string{}
	for _, e := range top {
		names = append(names, e.Name)
	}
	if !reflect.DeepEqual(names, []string{"Bob", "Flo", "Ann"}) {
		t.Fatalf("got %v", names)
	}
	if !reflect.DeepEqual(emps, before) {
		t.Fatal("input modified")
	}
	if len(TopEarners(emps, 100)) != 4 {
		t.Fatal("n larger than active count")
	}
}

func TestErrors(t *testing.T) {
	cases := map[string]string{
		"name,dept,salary,active\nA,x,10,yes\nB,y,-3,yes\n": "row 3",
		"name,dept,salary,active\nA,x,ten,yes\n":            "row 2",
		"name,dept,salary,active\nA,x,1,yes\nB,x,1,maybe\n": "row 3",
		"name,dept,salary,active\nA,x\n":                    "row 2",
	}
	for input, want := range cases {
		_, err := Load(strings.NewReader(input))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("%q: got %v, want error containing %q", input, err, want)
		}
	}
	if _, err := Load(strings.NewReader("name,dept,active\nA,x,yes\n")); err == nil || !strings.Contains(err.Error(), "salary") {
		t.Fatalf("missing column: %v", err)
	}
}
