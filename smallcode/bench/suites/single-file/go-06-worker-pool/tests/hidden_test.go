package pool

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

func TestOrderAndConcurrencyBound(t *testing.T) {
	var active, peak int32
	inputs := []int{5, 1, 4, 2, 3, 0, 6, 2}
	out, err := Map(context.Background(), inputs, 3, func(ctx context.Context, n int) (string, error) {
		cur := atomic.AddInt32(&active, 1)
		for {
			old := atomic.LoadInt32(&peak)
			if cur <= old || atomic.CompareAndSwapInt32(&peak, old, cur) {
				break
			}
		}
		time.Sleep(time.Duration(n) * time.Millisecond)
		atomic.AddInt32(&active, -1)
		return strconv.Itoa(n * 10), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"50", "10", "40", "20", "30", "0", "60", "20"}
	if fmt.Sprint(out) != fmt.Sprint(want) {
		t.Fatalf("got %v", out)
	}
	if peak > 3 || peak < 2 {
		t.Fatalf("peak concurrency %d", peak)
	}
}

func TestEmptyAndWorkerDefaults(t *testing.T) {
	out, err := Map(context.Background(), []int{}, 4, func(ctx context.Context, n int) (int, error) { return n, nil })
	if err != nil || len(out) != 0 {
		t.Fatalf("empty: %v %v", out, err)
	}
	out, err = Map(context.Background(), []int{1, 2, 3}, 0, func(ctx context.Context, n int) (int, error) { return n * n, nil })
	if err != nil || fmt.Sprint(out) != "[1 4 9]" {
		t.Fatalf("workers=0: %v %v", out, err)
	}
}

func TestFirstErrorCancelsOthers(t *testing.T) {
	boom := errors.New("boom")
	var started int32
	var sawCancel int32
	before := runtime.NumGoroutine()
	inputs := make([]int, 100)
	for i := range inputs {
		inputs[i] = i
	}
	out, err := Map(context.Background(), inputs, 4, func(ctx context.Context, n int) (int, error) {
		atomic.AddInt32(&started, 1)
		if n == 2 {
			return 0, boom
		}
		select {
		case <-ctx.Done():
			atomic.AddInt32(&sawCancel, 1)
			return 0, ctx.Err()
		case <-time.After(2 * time.Second):
			return n, nil
		}
	})
	if !errors.Is(err, boom) || out != nil {
		t.Fatalf("got %v %v, want boom and nil results", out, err)
	}
	if s := atomic.LoadInt32(&started); s > 10 {
		t.Fatalf("kept handing out work after the error: %d calls", s)
	}
	if atomic.LoadInt32(&sawCancel) == 0 {
		t.Fatal("running calls did not see cancellation")
	}
	time.Sleep(50 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before+1 {
		t.Fatalf("goroutines leaked: before %d after %d", before, after)
	}
}

func TestParentCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls int32
	inputs := make([]int, 50)
	_, err := Map(ctx, inputs, 2, func(c context.Context, n int) (int, error) {
		if atomic.AddInt32(&calls, 1) == 3 {
			cancel()
		}
		return n, nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	if c := atomic.LoadInt32(&calls); c > 10 {
		t.Fatalf("too many calls after cancel: %d", c)
	}
}
