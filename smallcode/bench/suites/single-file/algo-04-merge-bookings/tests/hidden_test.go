package bookings

import (
	"math/rand"
	"reflect"
	"testing"
)

func TestMerge(t *testing.T) {
	in := []Slot{{600, 660}, {540, 600}, {700, 720}, {650, 680}, {800, 790}, {900, 900}}
	before := append([]Slot(nil), in...)
	got := Merge(in)
	want := []Slot{{540, 680}, {700, 720}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if !reflect.DeepEqual(in, before) {
		t.Fatal("input modified")
	}
	if got := Merge(nil); got == nil || len(got) != 0 {
		t.Fatalf("Merge(nil) = %#v", got)
	}
	if got := Merge([]Slot{{1, 10}, {2, 3}}); !reflect.DeepEqual(got, []Slot{{1, 10}}) {
		t.Fatalf("contained: %v", got)
	}
}

func TestFreeSlots(t *testing.T) {
	busy := []Slot{{540, 600}, {630, 660}, {655, 700}, {1000, 1100}}
	got := FreeSlots(busy, 480, 1020, 30)
	want := []Slot{{480, 540}, {600, 630}, {700, 1000}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	got = FreeSlots(busy, 480, 1020, 31)
	want = []Slot{{480, 540}, {700, 1000}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("min length: got %v", got)
	}
	if got := FreeSlots(nil, 0, 60, 0); !reflect.DeepEqual(got, []Slot{{0, 60}}) {
		t.Fatalf("empty day: %v", got)
	}
	if got := FreeSlots([]Slot{{0, 100}}, 10, 50, 1); len(got) != 0 {
		t.Fatalf("fully busy: %v", got)
	}
}

func TestRoomsNeeded(t *testing.T) {
	if n := RoomsNeeded([]Slot{{0, 30}, {30, 60}, {60, 90}}); n != 1 {
		t.Fatalf("back to back: %d", n)
	}
	if n := RoomsNeeded([]Slot{{0, 30}, {10, 40}, {20, 50}, {45, 60}}); n != 3 {
		t.Fatalf("overlap: %d", n)
	}
	if n := RoomsNeeded(nil); n != 0 {
		t.Fatalf("none: %d", n)
	}
}

func TestRandomAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	for round := 0; round < 200; round++ {
		var slots []Slot
		for i := 0; i < r.Intn(12); i++ {
			s := r.Intn(100)
			slots = append(slots, Slot{s, s + r.Intn(20)})
		}
		peak := 0
		covered := map[int]bool{}
		for m := 0; m < 130; m++ {
			n := 0
			for _, s := range slots {
				if s.Start <= m && m < s.End {
					n++
					covered[m] = true
				}
			}
			if n > peak {
				peak = n
			}
		}
		if got := RoomsNeeded(slots); got != peak {
			t.Fatalf("RoomsNeeded(%v) = %d, want %d", slots, got, peak)
		}
		for _, s := range Merge(slots) {
			for m := s.Start; m < s.End; m++ {
				if !covered[m] {
					t.Fatalf("Merge covers %d wrongly", m)
				}
				delete(covered, m)
			}
		}
		if len(covered) != 0 {
			t.Fatalf("Merge missed minutes %v", covered)
		}
	}
}
