"""Summarise a sales CSV export per region."""

import csv
from collections import defaultdict


def summarize_sales(path: str) -> dict:
    revenue: dict[str, float] = defaultdict(float)
    units: dict[str, int] = defaultdict(int)
    by_product: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    skipped = 0
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            if not any((value or "").strip() for value in row.values()):
                continue
            try:
                quantity = int(row["quantity"])
                price = float(row["unit_price"])
            except (TypeError, ValueError):
                skipped += 1
                continue
            region = row["region"].strip()
            amount = quantity * price
            revenue[region] += amount
            units[region] += quantity
            by_product[region][row["product"].strip()] += amount
    result: dict = {}
    for region in revenue:
        products = by_product[region]
        top = sorted(products, key=lambda name: (-round(products[name], 2), name))[0]
        result[region] = {"revenue": round(revenue[region], 2), "units": units[region], "top_product": top}
    result["_skipped"] = skipped
    return result
