import ast
from pathlib import Path

import pytest

import orders


def order(**overrides):  # type: ignore[no-untyped-def]
    base = {"id": "o-1", "country": "DE", "items": [{"sku": "a", "qty": 2, "price": 12.5, "weight_kg": 1.0},
                                                    {"sku": "b", "qty": 1, "price": 30.0, "weight_kg": 4.0}]}
    base.update(overrides)
    return base


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, {"id": "o-1", "subtotal": 55.0, "discount": 0.0, "shipping": 14.95, "total": 69.95}),
        ({"coupon": "WELCOME5", "country": "NL"},
         {"id": "o-1", "subtotal": 55.0, "discount": 5.0, "shipping": 0.0, "total": 50.0}),
        ({"coupon": "SPRING10", "country": "NL"},
         {"id": "o-1", "subtotal": 55.0, "discount": 5.5, "shipping": 4.95, "total": 54.45}),
        ({"country": "US"}, {"id": "o-1", "subtotal": 55.0, "discount": 0.0, "shipping": 27.45, "total": 82.45}),
        ({"country": "JP", "items": [{"sku": "c", "qty": 3, "price": 100.0, "weight_kg": 3.0}], "coupon": "BULK20"},
         {"id": "o-1", "subtotal": 300.0, "discount": 60.0, "shipping": 34.95, "total": 274.95}),
        ({"items": [{"sku": "d", "qty": 1, "price": 3.0}], "coupon": "WELCOME5"},
         {"id": "o-1", "subtotal": 3.0, "discount": 3.0, "shipping": 9.95, "total": 9.95}),
    ],
)
def test_results_unchanged(overrides: dict, expected: dict) -> None:
    assert orders.process_order(order(**overrides)) == expected


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id": ""}, "order id is required"),
        ({"items": []}, "order has no items"),
        ({"items": [{"sku": "x", "qty": 0, "price": 1.0}]}, "invalid quantity for x"),
        ({"items": [{"sku": "y", "qty": 1, "price": -1.0}]}, "invalid price for y"),
        ({"country": "de"}, "country must be a two-letter code"),
        ({"coupon": "FREE"}, "unknown coupon FREE"),
        ({"coupon": "BULK20"}, "BULK20 needs a subtotal of at least 200"),
    ],
)
def test_errors_unchanged(overrides: dict, message: str) -> None:
    with pytest.raises(ValueError) as info:
        orders.process_order(order(**overrides))
    assert str(info.value) == message


def test_helpers_work_alone() -> None:
    items = order()["items"]
    assert orders.compute_subtotal(items) == 55.0
    assert orders.apply_coupon(55.0, None) == 0.0
    assert orders.apply_coupon(55.0, "SPRING10") == 5.5
    assert orders.apply_coupon(2.0, "WELCOME5") == 2.0
    assert orders.compute_shipping("NL", 1.0, 50.0) == 0.0
    assert orders.compute_shipping("US", 7.0, 10.0) == 29.95
    with pytest.raises(ValueError, match="order has no items"):
        orders.validate_order({"id": "x", "items": [], "country": "DE"})
    assert orders.validate_order(order()) is None


def _count_statements(nodes: list[ast.stmt]) -> int:
    total = 0
    for node in nodes:
        total += 1
        for field in ("body", "orelse", "finalbody", "handlers"):
            children = getattr(node, field, None)
            if isinstance(children, list):
                total += _count_statements([c for c in children if isinstance(c, ast.stmt)])
                for handler in children:
                    if isinstance(handler, ast.ExceptHandler):
                        total += _count_statements(handler.body)
    return total


def test_structure() -> None:
    tree = ast.parse(Path("orders.py").read_text())
    funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    for name in ("validate_order", "compute_subtotal", "apply_coupon", "compute_shipping"):
        assert name in funcs, f"missing helper {name}"
    main = funcs["process_order"]
    called = {n.func.id for n in ast.walk(main) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert {"validate_order", "compute_subtotal", "apply_coupon", "compute_shipping"} <= called
    body = main.body[1:] if isinstance(main.body[0], ast.Expr) and isinstance(main.body[0].value, ast.Constant) \
        else main.body
    assert _count_statements(body) <= 15, f"process_order has {_count_statements(body)} statements"
