import pytest

from account import Account, InsufficientFunds


def test_new_account() -> None:
    acc = Account("ann")
    assert acc.balance == 0 and acc.history == []


def test_deposit_and_withdraw() -> None:
    acc = Account("ann")
    acc.deposit(500)
    acc.withdraw(200)
    assert acc.balance == 300
    assert acc.history == [("deposit", 500), ("withdraw", 200)]


@pytest.mark.parametrize("amount", [0, -5])
def test_non_positive_amounts_rejected(amount: int) -> None:
    acc = Account("ann")
    with pytest.raises(ValueError):
        acc.deposit(amount)
    with pytest.raises(ValueError):
        acc.withdraw(amount)
    assert acc.history == []


def test_no_overdraft_by_default() -> None:
    acc = Account("ann")
    acc.deposit(100)
    with pytest.raises(InsufficientFunds):
        acc.withdraw(101)
    assert acc.balance == 100
    acc.withdraw(100)
    assert acc.balance == 0


def test_overdraft_limit_boundary() -> None:
    acc = Account("bob", overdraft_limit=50)
    acc.withdraw(50)
    assert acc.balance == -50
    with pytest.raises(InsufficientFunds):
        acc.withdraw(1)
    assert acc.balance == -50 and acc.history == [("withdraw", 50)]


def test_transfer() -> None:
    a, b = Account("a"), Account("b")
    a.deposit(300)
    a.transfer_to(b, 120)
    assert (a.balance, b.balance) == (180, 120)
    assert a.history == [("deposit", 300), ("transfer_out", 120)]
    assert b.history == [("transfer_in", 120)]


def test_failed_transfer_changes_nothing() -> None:
    a, b = Account("a"), Account("b")
    a.deposit(100)
    with pytest.raises(InsufficientFunds):
        a.transfer_to(b, 150)
    assert (a.balance, b.balance) == (100, 0)
    assert b.history == [] and a.history == [("deposit", 100)]


def test_history_is_a_copy() -> None:
    acc = Account("ann")
    acc.deposit(10)
    acc.history.append(("hack", 1))
    assert acc.history == [("deposit", 10)]
