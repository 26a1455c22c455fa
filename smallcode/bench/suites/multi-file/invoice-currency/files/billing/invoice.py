from billing.models import Invoice
from billing.money import format_money


def render_invoice(invoice: Invoice) -> str:
    rows = [f"Invoice {invoice.number}"]
    rows += [f"  {line.description:<20}{format_money(line.cents):>12}" for line in invoice.lines]
    rows.append(f"  {'TOTAL':<20}{format_money(invoice.total()):>12}")
    return "\n".join(rows)
