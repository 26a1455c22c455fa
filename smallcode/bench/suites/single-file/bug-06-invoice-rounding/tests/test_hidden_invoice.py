from decimal import Decimal

from invoice import build_invoice, line_total


def test_line_total_half_up() -> None:
    assert Decimal(str(line_total(3, "0.335"))) == Decimal("1.01")
    assert Decimal(str(line_total(1, "2.675"))) == Decimal("2.68")
    assert Decimal(str(line_total(1, "1.005"))) == Decimal("1.01")
    assert Decimal(str(line_total(2, "0.125"))) == Decimal("0.25")
    assert Decimal(str(line_total(4, "19.99"))) == Decimal("79.96")


def test_invoice_per_line_rounding() -> None:
    invoice = build_invoice([("pens", 3, "0.335"), ("paper", 1, "2.675"), ("clips", 7, "0.015")])
    assert [line["amount"] for line in invoice["lines"]] == ["1.01", "2.68", "0.11"]
    assert invoice["net"] == "3.80"
    # VAT per line: 0.202 -> 0.20, 0.536 -> 0.54, 0.022 -> 0.02
    assert invoice["vat"] == "0.76"
    assert invoice["gross"] == "4.56"
    assert invoice["lines"][0]["description"] == "pens"


def test_total_equals_sum_of_printed_lines() -> None:
    lines = [(f"item{i}", i % 4 + 1, f"0.{i:02d}5") for i in range(1, 40)]
    invoice = build_invoice(lines, vat_rate="0.07")
    printed = sum(Decimal(line["amount"]) for line in invoice["lines"])
    assert Decimal(invoice["net"]) == printed
    assert Decimal(invoice["gross"]) == Decimal(invoice["net"]) + Decimal(invoice["vat"])
    expected_vat = sum((Decimal(line["amount"]) * Decimal("0.07")).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
                       for line in invoice["lines"])
    assert Decimal(invoice["vat"]) == expected_vat


def test_empty_invoice() -> None:
    assert build_invoice([]) == {"lines": [], "net": "0.00", "vat": "0.00", "gross": "0.00"}
