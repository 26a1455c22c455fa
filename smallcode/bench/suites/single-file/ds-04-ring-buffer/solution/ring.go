package ring

// Buffer is a fixed-capacity FIFO that overwrites its oldest element when full.
type Buffer[T any] struct {
	data []T
	head int
	size int
}

// New returns an empty buffer.
func New[T any](capacity int) *Buffer[T] {
	if capacity < 1 {
		panic("ring: capacity must be at least 1")
	}
	return &Buffer[T]{data: make([]T, capacity)}
}

// Push appends v, evicting the oldest element when full.
func (b *Buffer[T]) Push(v T) (evicted T, ok bool) {
	if b.size == len(b.data) {
		evicted, ok = b.data[b.head], true
		b.data[b.head] = v
		b.head = (b.head + 1) % len(b.data)
		return evicted, ok
	}
	b.data[(b.head+b.size)%len(b.data)] = v
	b.size++
	return evicted, false
}

// Pop removes the oldest element.
func (b *Buffer[T]) Pop() (T, bool) {
	var zero T
	if b.size == 0 {
		return zero, false
	}
	v := b.data[b.head]
	b.data[b.head] = zero
	b.head = (b.head + 1) % len(b.data)
	b.size--
	return v, true
}

// Peek returns the oldest element.
func (b *Buffer[T]) Peek() (T, bool) {
	var zero T
	if b.size == 0 {
		return zero, false
	}
	return b.data[b.head], true
}

// Len is the number of stored elements.
func (b *Buffer[T]) Len() int { return b.size }

// Cap is the capacity.
func (b *Buffer[T]) Cap() int { return len(b.data) }

// Items returns the elements, oldest first.
func (b *Buffer[T]) Items() []T {
	out := make([]T, 0, b.size)
	b.Do(func(v T) bool {
		out = append(out, v)
		return true
	})
	return out
}

// Do visits the elements oldest first until f returns false.
func (b *Buffer[T]) Do(f func(T) bool) {
	for i := 0; i < b.size; i++ {
		if !f(b.data[(b.head+i)%len(b.data)]) {
			return
		}
	}
}
