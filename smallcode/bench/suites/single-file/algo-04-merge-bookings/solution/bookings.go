package bookings

import "sort"

// Slot is a half-open interval of minutes [Start, End).
type Slot struct {
	Start, End int
}

// Merge returns the sorted union of the slots.
func Merge(slots []Slot) []Slot {
	valid := make([]Slot, 0, len(slots))
	for _, s := range slots {
		if s.End > s.Start {
			valid = append(valid, s)
		}
	}
	sort.Slice(valid, func(i, j int) bool { return valid[i].Start < valid[j].Start })
	merged := []Slot{}
	for _, s := range valid {
		last := len(merged) - 1
		if last >= 0 && s.Start <= merged[last].End {
			if s.End > merged[last].End {
				merged[last].End = s.End
			}
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// FreeSlots returns the free gaps of at least minLength minutes inside the day.
func FreeSlots(busy []Slot, dayStart, dayEnd, minLength int) []Slot {
	free := []Slot{}
	cursor := dayStart
	add := func(start, end int) {
		if end-start >= minLength && end > start {
			free = append(free, Slot{start, end})
		}
	}
	for _, b := range Merge(busy) {
		if b.End <= cursor {
			continue
		}
		if b.Start >= dayEnd {
			break
		}
		if b.Start > cursor {
			add(cursor, b.Start)
		}
		cursor = b.End
	}
	if cursor < dayEnd {
		add(cursor, dayEnd)
	}
	return free
}

// RoomsNeeded returns the peak number of simultaneous bookings.
func RoomsNeeded(slots []Slot) int {
	type event struct{ at, delta int }
	var events []event
	for _, s := range slots {
		if s.End > s.Start {
			events = append(events, event{s.Start, 1}, event{s.End, -1})
		}
	}
	sort.Slice(events, func(i, j int) bool {
		if events[i].at != events[j].at {
			return events[i].at < events[j].at
		}
		return events[i].delta < events[j].delta
	})
	peak, current := 0, 0
	for _, e := range events {
		current += e.delta
		if current > peak {
			peak = current
		}
	}
	return peak
}
