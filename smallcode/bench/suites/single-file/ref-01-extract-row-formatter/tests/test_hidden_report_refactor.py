import ast
from pathlib import Path

import report

LINES = [("Widget", 3, 2.5), ("A very long product name that overflows", 10, 0.333), ("Gadget", 1, 1999.999)]
STOCK = {"bolts": (120, 0.05), "a-really-long-stock-item-name": (3, 12.0), "nuts": (0, 0.1)}

EXPECTED_LINES = [
    "Widget                       3       7.50",
    "A very long product nam…    10       3.33",
    "Gadget                       1    2000.00",
]
EXPECTED_TOTAL = "TOTAL                             2010.83"
EXPECTED_STOCK = "\n".join([
    "a-really-long-stock-ite…     3      36.00",
    "bolts                      120       6.00",
    "nuts                         0       0.00",
])

TREE = ast.parse(Path("report.py").read_text())
FUNCS = {node.name: node for node in TREE.body if isinstance(node, ast.FunctionDef)}


def test_behaviour_unchanged() -> None:
    assert report.invoice_lines(LINES) == EXPECTED_LINES
    assert report.invoice_total(LINES) == EXPECTED_TOTAL
    assert report.stock_report(STOCK) == EXPECTED_STOCK
    assert report.invoice_lines([]) == []
    assert report.invoice_total([]) == "TOTAL                                0.00"


def test_format_row_direct() -> None:
    assert report.format_row("Widget", 3, 7.5) == EXPECTED_LINES[0]
    assert report.format_row("TOTAL", None, 2010.829) == EXPECTED_TOTAL
    assert report.format_row("x" * 30, 1, 1.0).startswith("x" * 23 + "…")


def calls_format_row(func: ast.FunctionDef) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "format_row"
               for n in ast.walk(func))


def test_all_three_use_format_row() -> None:
    assert "format_row" in FUNCS
    for name in ("invoice_lines", "invoice_total", "stock_report"):
        assert calls_format_row(FUNCS[name]), f"{name} must call format_row"


def test_single_copy_of_the_format() -> None:
    specs = []
    for name, func in FUNCS.items():
        for node in ast.walk(func):
            if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
                specs.append(name)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
                specs.append(name)
    assert specs and set(specs) == {"format_row"}, f"row formatting found in {sorted(set(specs))}"
    truncations = [name for name, func in FUNCS.items()
                   for node in ast.walk(func) if isinstance(node, ast.Constant) and node.value == "…"]
    assert len(truncations) == 1, f"the truncation rule is repeated in {truncations}"
