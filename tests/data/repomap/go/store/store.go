package store

// Store keeps counts by key.
type Store struct {
	items map[string]int
}

type Getter interface {
	Get(key string) (int, bool)
}

const Limit = 10

func NewStore() *Store {
	return &Store{items: map[string]int{}}
}

func (s *Store) Get(key string) (int, bool) {
	value, ok := s.items[key]
	return value, ok
}
