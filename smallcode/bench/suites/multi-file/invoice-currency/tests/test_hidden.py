from billing.models import Invoice, Line
from billing.invoice import render_invoice
from billing.money import format_money


def test_format_money_currencies() -> None:
    assert format_money(1234) == "$12.34"
    assert format_money(1234, "EUR") == "€12.34"
    assert format_money(5, currency="GBP") == "£0.05"


def test_invoice_uses_its_currency() -> None:
    invoice = Invoice("A-1", "EUR", [Line("hosting", 1500), Line("domain", 999)])
    text = render_invoice(invoice)
    assert "€15.00" in text and "€9.99" in text and "€24.99" in text
    assert "$" not in text


def test_default_currency_unchanged() -> None:
    assert "$1.00" in render_invoice(Invoice("B-2", lines=[Line("x", 100)]))
