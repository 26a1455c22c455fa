from billing.models import Invoice
from billing.money import format_money


def render_invoice(invoice: Invoice) -> str:
    rows = [f"Invoice {invoice.number}"]
    money = [format_money(line.cents, invoice.currency) for line in invoice.lines]
    rows += [f"  {line.description:<20}{text:>12}" for line, text in zip(invoice.lines, money)]
    rows.append(f"  {'TOTAL':<20}{format_money(invoice.total(), invoice.currency):>12}")
    return "\n".join(rows)
