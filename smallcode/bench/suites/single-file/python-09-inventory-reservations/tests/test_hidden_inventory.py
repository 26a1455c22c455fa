import pytest

from inventory import Inventory, InventoryError, OutOfStockError


@pytest.fixture
def inv() -> Inventory:
    inventory = Inventory()
    inventory.add("apple", 10)
    inventory.add("pear", 2)
    return inventory


def test_add_unchanged(inv: Inventory) -> None:
    inv.add("apple", 5)
    assert inv.on_hand("apple") == 15
    assert inv.on_hand("kiwi") == 0
    with pytest.raises(ValueError):
        inv.add("apple", 0)


def test_reserve_reduces_available_not_on_hand(inv: Inventory) -> None:
    rid = inv.reserve("apple", 4)
    assert rid == "R1"
    assert inv.available("apple") == 6
    assert inv.on_hand("apple") == 10
    assert inv.reserve("apple", 6) == "R2"
    assert inv.available("apple") == 0


def test_out_of_stock(inv: Inventory) -> None:
    inv.reserve("pear", 2)
    with pytest.raises(OutOfStockError):
        inv.reserve("pear", 1)
    with pytest.raises(OutOfStockError):
        inv.reserve("kiwi", 1)
    assert issubclass(OutOfStockError, InventoryError)


def test_invalid_quantity(inv: Inventory) -> None:
    with pytest.raises(ValueError):
        inv.reserve("apple", 0)
    with pytest.raises(ValueError):
        inv.reserve("apple", -3)


def test_release_and_commit(inv: Inventory) -> None:
    first = inv.reserve("apple", 3)
    second = inv.reserve("apple", 5)
    inv.release(first)
    assert inv.available("apple") == 5
    inv.commit(second)
    assert inv.on_hand("apple") == 5
    assert inv.available("apple") == 5
    with pytest.raises(KeyError):
        inv.commit(second)
    with pytest.raises(KeyError):
        inv.release("R99")


def test_ids_per_inventory() -> None:
    a, b = Inventory(), Inventory()
    a.add("x", 5)
    b.add("x", 5)
    assert a.reserve("x", 1) == "R1"
    assert b.reserve("x", 1) == "R1"
    assert a.reserve("x", 1) == "R2"
    assert Inventory().available("nothing") == 0
