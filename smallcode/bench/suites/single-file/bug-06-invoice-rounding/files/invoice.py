"""Invoice arithmetic."""


def line_total(quantity: int, unit_price: str) -> float:
    return round(quantity * float(unit_price), 2)


def build_invoice(lines: list[tuple[str, int, str]], vat_rate: str = "0.20") -> dict:
    rate = float(vat_rate)
    out_lines = []
    net = 0.0
    for description, quantity, unit_price in lines:
        amount = quantity * float(unit_price)
        net += amount
        out_lines.append({"description": description, "amount": f"{round(amount, 2):.2f}"})
    vat = round(net * rate, 2)
    return {
        "lines": out_lines,
        "net": f"{net:.2f}",
        "vat": f"{vat:.2f}",
        "gross": f"{net + vat:.2f}",
    }
