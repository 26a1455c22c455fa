"""A simple bank account with an overdraft limit."""


class InsufficientFunds(Exception):
    """The operation would take the balance below -overdraft_limit."""


class Account:
    """Money is in integer cents.

    - Account(owner, overdraft_limit=0): starts with balance 0 and an empty history.
    - deposit(amount): amount must be > 0 (else ValueError); adds to the balance; records ("deposit", amount).
    - withdraw(amount): amount must be > 0 (else ValueError); the balance may go down to exactly
      -overdraft_limit but not below (else InsufficientFunds, and nothing changes); records ("withdraw", amount).
    - transfer_to(other, amount): withdraws from self and deposits into other; if the withdrawal fails, neither
      account changes. Records ("transfer_out", amount) on self and ("transfer_in", amount) on other — instead of
      the withdraw/deposit entries.
    - history: a list of (kind, amount) tuples, oldest first; reading it returns a copy.
    """

    def __init__(self, owner: str, overdraft_limit: int = 0) -> None:
        self.owner = owner
        self.overdraft_limit = overdraft_limit
        self.balance = 0
        self._history: list[tuple[str, int]] = []

    @property
    def history(self) -> list[tuple[str, int]]:
        return list(self._history)

    def _check(self, amount: int) -> None:
        if amount <= 0:
            raise ValueError("amount must be positive")

    def deposit(self, amount: int, kind: str = "deposit") -> None:
        self._check(amount)
        self.balance += amount
        self._history.append((kind, amount))

    def withdraw(self, amount: int, kind: str = "withdraw") -> None:
        self._check(amount)
        if self.balance - amount < -self.overdraft_limit:
            raise InsufficientFunds(f"{self.owner}: balance {self.balance}, requested {amount}")
        self.balance -= amount
        self._history.append((kind, amount))

    def transfer_to(self, other: "Account", amount: int) -> None:
        self.withdraw(amount, kind="transfer_out")
        other.deposit(amount, kind="transfer_in")
