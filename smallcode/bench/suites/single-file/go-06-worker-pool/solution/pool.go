package pool

import (
	"context"
	"sync"
)

// Map applies fn to every input with a bounded number of goroutines.
func Map[T, R any](ctx context.Context, inputs []T, workers int, fn func(context.Context, T) (R, error)) ([]R, error) {
	if workers < 1 {
		workers = 1
	}
	if workers > len(inputs) {
		workers = len(inputs)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	results := make([]R, len(inputs))
	jobs := make(chan int)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r, err := fn(ctx, inputs[i])
				if err != nil {
					once.Do(func() {
						firstErr = err
						cancel()
					})
					continue
				}
				results[i] = r
			}
		}()
	}

feed:
	for i := range inputs {
		select {
		case <-ctx.Done():
			break feed
		case jobs <- i:
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return results, nil
}
