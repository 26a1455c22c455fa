package main

import (
	"fmt"

	"example.com/shop/store"
)

func main() {
	s := store.NewStore()
	value, _ := s.Get("apples")
	fmt.Println(value, store.Limit)
}
