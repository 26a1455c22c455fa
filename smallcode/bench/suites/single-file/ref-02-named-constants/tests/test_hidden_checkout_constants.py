import ast
from pathlib import Path

import pytest

import checkout

CONSTANTS = {"VAT_RATE": 0.21, "FREE_SHIPPING_THRESHOLD": 50, "SHIPPING_FEE": 4.99, "LOYALTY_DISCOUNT": 0.05,
             "POINTS_PER_EURO": 10}


def test_behaviour_unchanged() -> None:
    assert checkout.shipping(49.99) == 4.99 and checkout.shipping(50) == 0.0
    assert checkout.with_vat(100) == 121.0
    assert checkout.loyalty_price(100, True) == 95.0 and checkout.loyalty_price(100, False) == 100
    assert checkout.order_total(40) == 54.44
    assert checkout.order_total(52, is_member=True) == 65.81
    assert checkout.order_total(60) == 72.6
    assert checkout.points_earned(72.6) == 726
    assert checkout.summary(52, True) == "total=65.81 free_shipping=no vat_rate=21% points=658"
    assert checkout.summary(60) == "total=72.60 free_shipping=yes vat_rate=21% points=726"


def test_constants_defined() -> None:
    for name, value in CONSTANTS.items():
        assert getattr(checkout, name) == value, name


def test_no_magic_numbers_in_functions() -> None:
    tree = ast.parse(Path("checkout.py").read_text())
    magic = {0.21, 50, 4.99, 0.05, 10}
    for func in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
        for node in ast.walk(func):
            if isinstance(node, ast.Constant) and type(node.value) in (int, float) and node.value in magic:
                raise AssertionError(f"{func.name} still uses the literal {node.value}")


def test_constants_read_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checkout, "VAT_RATE", 0.10)
    monkeypatch.setattr(checkout, "FREE_SHIPPING_THRESHOLD", 30)
    monkeypatch.setattr(checkout, "SHIPPING_FEE", 2.0)
    monkeypatch.setattr(checkout, "LOYALTY_DISCOUNT", 0.5)
    monkeypatch.setattr(checkout, "POINTS_PER_EURO", 1)
    assert checkout.shipping(29) == 2.0 and checkout.shipping(30) == 0.0
    assert checkout.with_vat(100) == 110.0
    assert checkout.order_total(40) == 44.0
    assert checkout.order_total(40, is_member=True) == 24.2
    assert checkout.points_earned(24.2) == 24
    assert checkout.summary(40) == "total=44.00 free_shipping=yes vat_rate=10% points=44"
