from decimal import Decimal

from store.cart import Cart
from store.prices import parse_price


def test_parse() -> None:
    assert parse_price("$1.2") == Decimal("1.20")
    assert isinstance(parse_price("3"), Decimal)
    assert str(parse_price("3")) == "3.00"


def test_total_exact() -> None:
    cart = Cart()
    cart.add("a", "0.10")
    cart.add("b", "$0.20")
    assert cart.total() == Decimal("0.30")
    assert str(cart.total()) == "0.30"
    cart.add("c", "0.15", 3)
    assert str(cart.total()) == "0.75"


def test_empty() -> None:
    assert Cart().total() == Decimal("0")
