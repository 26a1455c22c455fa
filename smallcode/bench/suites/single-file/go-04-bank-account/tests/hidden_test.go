package bank

import (
	"errors"
	"sync"
	"testing"
	"time"
)

func mustOpen(t *testing.T, owner string, cents int64) *Account {
	t.Helper()
	a, err := NewAccount(owner, cents)
	if err != nil {
		t.Fatalf("NewAccount: %v", err)
	}
	return a
}

func TestBasics(t *testing.T) {
	a := mustOpen(t, "ann", 1000)
	if err := a.Deposit(250); err != nil || a.Balance() != 1250 {
		t.Fatalf("deposit: %v %d", err, a.Balance())
	}
	if err := a.Withdraw(1250); err != nil || a.Balance() != 0 {
		t.Fatalf("withdraw: %v %d", err, a.Balance())
	}
	if err := a.Withdraw(1); !errors.Is(err, ErrInsufficientFunds) {
		t.Fatalf("overdraft: %v", err)
	}
	for _, amount := range []int64{0, -5} {
		if err := a.Deposit(amount); !errors.Is(err, ErrInvalidAmount) {
			t.Fatalf("deposit %d: %v", amount, err)
		}
		if err := a.Withdraw(amount); !errors.Is(err, ErrInvalidAmount) {
			t.Fatalf("withdraw %d: %v", amount, err)
		}
	}
	if _, err := NewAccount("x", -1); !errors.Is(err, ErrInvalidAmount) {
		t.Fatalf("negative opening: %v", err)
	}
	if _, err := NewAccount("x", 0); err != nil {
		t.Fatalf("zero opening: %v", err)
	}
}

func TestClose(t *testing.T) {
	a := mustOpen(t, "bo", 300)
	final, err := a.Close()
	if err != nil || final != 300 {
		t.Fatalf("close: %d %v", final, err)
	}
	if _, err := a.Close(); !errors.Is(err, ErrAccountClosed) {
		t.Fatalf("close twice: %v", err)
	}
	if err := a.Deposit(5); !errors.Is(err, ErrAccountClosed) {
		t.Fatalf("deposit closed: %v", err)
	}
	if err := a.Withdraw(5); !errors.Is(err, ErrAccountClosed) {
		t.Fatalf("withdraw closed: %v", err)
	}
	b := mustOpen(t, "cy", 100)
	if err := Transfer(b, a, 50); !errors.Is(err, ErrAccountClosed) || b.Balance() != 100 {
		t.Fatalf("transfer to closed: %v, balance %d", err, b.Balance())
	}
}

func TestTransferAtomic(t *testing.T) {
	a := mustOpen(t, "a", 100)
	b := mustOpen(t, "b", 0)
	if err := Transfer(a, b, 150); !errors.Is(err, ErrInsufficientFunds) {
		t.Fatalf("want insufficient funds, got %v", err)
	}
	if a.Balance() != 100 || b.Balance() != 0 {
		t.Fatalf("balances changed: %d %d", a.Balance(), b.Balance())
	}
	if err := Transfer(a, b, 60); err != nil || a.Balance() != 40 || b.Balance() != 60 {
		t.Fatalf("transfer: %v %d %d", err, a.Balance(), b.Balance())
	}
	if err := Transfer(a, b, 0); !errors.Is(err, ErrInvalidAmount) {
		t.Fatalf("zero transfer: %v", err)
	}
}

func TestConcurrentTransfersNoDeadlock(t *testing.T) {
	a := mustOpen(t, "a", 100000)
	b := mustOpen(t, "b", 100000)
	done := make(chan struct{})
	go func() {
		var wg sync.WaitGroup
		for i := 0; i < 200; i++ {
			wg.Add(2)
			go func() { defer wg.Done(); _ = Transfer(a, b, 7) }()
			go func() { defer wg.Done(); _ = Transfer(b, a, 5) }()
		}
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("deadlock: opposite transfers did not finish")
	}
	if a.Balance()+b.Balance() != 200000 {
		t.Fatalf("money created or lost: %d", a.Balance()+b.Balance())
	}
	if a.Balance() != 100000-200*2 {
		t.Fatalf("a balance %d", a.Balance())
	}
}

func TestConcurrentDeposits(t *testing.T) {
	a := mustOpen(t, "a", 0)
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); _ = a.Deposit(3) }()
	}
	wg.Wait()
	if a.Balance() != 300 {
		t.Fatalf("lost updates: %d", a.Balance())
	}
}
