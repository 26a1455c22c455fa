package bank

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

var (
	ErrInsufficientFunds = errors.New("insufficient funds")
	ErrInvalidAmount     = errors.New("invalid amount")
	ErrAccountClosed     = errors.New("account closed")
)

var lastID int64

// Account is a bank account holding cents.
type Account struct {
	mu      sync.Mutex
	id      int64
	owner   string
	balance int64
	closed  bool
}

// NewAccount opens an account.
func NewAccount(owner string, openingCents int64) (*Account, error) {
	if openingCents < 0 {
		return nil, fmt.Errorf("opening balance %d: %w", openingCents, ErrInvalidAmount)
	}
	return &Account{id: atomic.AddInt64(&lastID, 1), owner: owner, balance: openingCents}, nil
}

// Balance returns the current balance.
func (a *Account) Balance() int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.balance
}

// Deposit adds money.
func (a *Account) Deposit(cents int64) error {
	if cents <= 0 {
		return fmt.Errorf("deposit %d: %w", cents, ErrInvalidAmount)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return ErrAccountClosed
	}
	a.balance += cents
	return nil
}

// Withdraw takes money out.
func (a *Account) Withdraw(cents int64) error {
	if cents <= 0 {
		return fmt.Errorf("withdraw %d: %w", cents, ErrInvalidAmount)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.withdrawLocked(cents)
}

func (a *Account) withdrawLocked(cents int64) error {
	if a.closed {
		return ErrAccountClosed
	}
	if a.balance < cents {
		return fmt.Errorf("withdraw %d from %d: %w", cents, a.balance, ErrInsufficientFunds)
	}
	a.balance -= cents
	return nil
}

// Close closes the account and returns its final balance.
func (a *Account) Close() (int64, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return 0, ErrAccountClosed
	}
	a.closed = true
	return a.balance, nil
}

// Transfer moves money between accounts atomically.
func Transfer(from, to *Account, cents int64) error {
	if cents <= 0 {
		return fmt.Errorf("transfer %d: %w", cents, ErrInvalidAmount)
	}
	if from == to {
		return fmt.Errorf("transfer to the same account: %w", ErrInvalidAmount)
	}
	first, second := from, to
	if second.id < first.id {
		first, second = second, first
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	if to.closed {
		return ErrAccountClosed
	}
	if err := from.withdrawLocked(cents); err != nil {
		return err
	}
	to.balance += cents
	return nil
}
