package ring

import (
	"fmt"
	"testing"
)

func TestPushOverwrite(t *testing.T) {
	b := New[int](3)
	for i := 1; i <= 3; i++ {
		if _, ok := b.Push(i); ok {
			t.Fatalf("push %d evicted", i)
		}
	}
	if ev, ok := b.Push(4); !ok || ev != 1 {
		t.Fatalf("evicted %d %v", ev, ok)
	}
	if ev, ok := b.Push(5); !ok || ev != 2 {
		t.Fatalf("evicted %d %v", ev, ok)
	}
	if fmt.Sprint(b.Items()) != "[3 4 5]" || b.Len() != 3 || b.Cap() != 3 {
		t.Fatalf("items %v len %d", b.Items(), b.Len())
	}
}

func TestPopPeekWrap(t *testing.T) {
	b := New[string](2)
	if _, ok := b.Pop(); ok {
		t.Fatal("pop empty")
	}
	if _, ok := b.Peek(); ok {
		t.Fatal("peek empty")
	}
	b.Push("a")
	b.Push("b")
	b.Push("c")
	if v, ok := b.Peek(); !ok || v != "b" {
		t.Fatalf("peek %q", v)
	}
	if v, _ := b.Pop(); v != "b" {
		t.Fatalf("pop %q", v)
	}
	b.Push("d")
	if fmt.Sprint(b.Items()) != "[c d]" {
		t.Fatalf("items %v", b.Items())
	}
	b.Pop()
	b.Pop()
	if b.Len() != 0 || len(b.Items()) != 0 {
		t.Fatal("not empty")
	}
	b.Push("e")
	if fmt.Sprint(b.Items()) != "[e]" {
		t.Fatalf("items %v", b.Items())
	}
}

func TestItemsIsCopyAndDo(t *testing.T) {
	b := New[int](4)
	for i := 0; i < 6; i++ {
		b.Push(i)
	}
	items := b.Items()
	items[0] = 99
	if v, _ := b.Peek(); v != 2 {
		t.Fatalf("Items must copy, peek %d", v)
	}
	var seen []int
	b.Do(func(v int) bool {
		seen = append(seen, v)
		return v < 3
	})
	if fmt.Sprint(seen) != "[2 3]" {
		t.Fatalf("Do visited %v", seen)
	}
}

func TestLongRunStaysBounded(t *testing.T) {
	b := New[int](5)
	for i := 0; i < 100000; i++ {
		b.Push(i)
		if i%3 == 0 {
			b.Pop()
		}
	}
	for i := 1; i <= 5; i++ {
		b.Push(-i)
	}
	if b.Len() != 5 || b.Cap() != 5 {
		t.Fatalf("len %d cap %d", b.Len(), b.Cap())
	}
	if fmt.Sprint(b.Items()) != "[-1 -2 -3 -4 -5]" {
		t.Fatalf("items %v", b.Items())
	}
	allocs := testing.AllocsPerRun(1000, func() {
		b.Push(7)
		b.Pop()
		b.Push(8)
	})
	if allocs != 0 {
		t.Fatalf("Push/Pop allocate (%v allocations per run): use a fixed slice", allocs)
	}
}

func TestPanicsOnBadCapacity(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("New(0) did not panic")
		}
	}()
	New[int](0)
}
