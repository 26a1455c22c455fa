package routes

import (
	"fmt"
	"reflect"
	"testing"
)

func TestTable(t *testing.T) {
	var paths []string
	for _, r := range Table() {
		paths = append(paths, r.Path())
	}
	want := []string{"/api/v1/users", "/api/v1/orders", "/api/v1/invoices", "/api/v1/admin/stats", "/api/v1/admin/jobs"}
	if !reflect.DeepEqual(paths, want) {
		t.Fatalf("got %v", paths)
	}
}

func TestExtendNeverShares(t *testing.T) {
	base := make([]string, 1, 10)
	base[0] = "root"
	a := Extend(base, "a")
	b := Extend(base, "b")
	if fmt.Sprint(a, b) != "[root a] [root b]" {
		t.Fatalf("a=%v b=%v", a, b)
	}
	a[0] = "changed"
	if base[0] != "root" || b[0] != "root" {
		t.Fatal("Extend result shares memory with its input")
	}
}

func TestGroupWithSpareCapacity(t *testing.T) {
	prefix := make([]string, 0, 5)
	prefix = append(prefix, "shop")
	routes := Group(prefix, "cart", "checkout")
	if routes[0].Path() != "/shop/cart" || routes[1].Path() != "/shop/checkout" {
		t.Fatalf("got %s %s", routes[0].Path(), routes[1].Path())
	}
}

func TestBreadcrumbsStable(t *testing.T) {
	crumbs := Breadcrumbs([]string{"docs", "guide", "install"})
	want := [][]string{{"docs"}, {"docs", "guide"}, {"docs", "guide", "install"}}
	if !reflect.DeepEqual(crumbs, want) {
		t.Fatalf("got %v", crumbs)
	}
	crumbs[0][0] = "x"
	if crumbs[1][0] != "docs" {
		t.Fatal("breadcrumbs share memory")
	}
	first := Breadcrumbs([]string{"a", "b"})
	Breadcrumbs([]string{"c", "d"})
	if fmt.Sprint(first) != "[[a] [a b]]" {
		t.Fatalf("earlier result changed: %v", first)
	}
}
