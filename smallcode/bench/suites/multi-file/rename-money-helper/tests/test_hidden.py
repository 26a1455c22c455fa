from shop import money
from shop.invoice import invoice_lines
from shop.receipt import receipt


def test_new_name() -> None:
    assert money.format_money(1234) == "$12.34"
    assert money.format_money(-5) == "-$0.05"


def test_old_name_gone() -> None:
    assert not hasattr(money, "fmt_money")


def test_callers() -> None:
    assert invoice_lines([("tea", 250), ("cake", 399)]) == ["tea: $2.50", "cake: $3.99", "Total: $6.49"]
    assert receipt(649, 1000) == "Paid $10.00, change $3.51"
