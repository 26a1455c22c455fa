"""Order processing for the web shop."""

COUPONS = {"WELCOME5": ("fixed", 5.0), "SPRING10": ("percent", 10.0), "BULK20": ("percent", 20.0)}
EU = {"DE", "FR", "NL", "BE", "IT", "ES"}


def validate_order(order: dict) -> None:
    if not order.get("id"):
        raise ValueError("order id is required")
    items = order.get("items") or []
    if not items:
        raise ValueError("order has no items")
    for item in items:
        if item.get("qty", 0) <= 0:
            raise ValueError(f"invalid quantity for {item.get('sku')}")
        if item.get("price", -1) < 0:
            raise ValueError(f"invalid price for {item.get('sku')}")
    country = order.get("country", "")
    if len(country) != 2 or not country.isupper():
        raise ValueError("country must be a two-letter code")


def compute_subtotal(items: list[dict]) -> float:
    return round(sum(item["qty"] * item["price"] for item in items), 2)


def total_weight(items: list[dict]) -> float:
    return sum(item["qty"] * item.get("weight_kg", 0.0) for item in items)


def apply_coupon(subtotal: float, coupon: str | None) -> float:
    if not coupon:
        return 0.0
    if coupon not in COUPONS:
        raise ValueError(f"unknown coupon {coupon}")
    kind, value = COUPONS[coupon]
    if kind == "fixed":
        return min(value, subtotal)
    if coupon == "BULK20" and subtotal < 200:
        raise ValueError("BULK20 needs a subtotal of at least 200")
    return round(subtotal * value / 100, 2)


def compute_shipping(country: str, weight_kg: float, discounted_subtotal: float) -> float:
    if country == "NL":
        shipping = 0.0 if discounted_subtotal >= 50 else 4.95
    elif country in EU:
        shipping = 9.95 if weight_kg <= 5 else 14.95
    else:
        shipping = 24.95 + max(0.0, weight_kg - 5) * 2.5
    return round(shipping, 2)


def process_order(order: dict) -> dict:
    validate_order(order)
    items = order["items"]
    subtotal = compute_subtotal(items)
    discount = apply_coupon(subtotal, order.get("coupon"))
    discounted = round(subtotal - discount, 2)
    shipping = compute_shipping(order["country"], total_weight(items), discounted)
    return {
        "id": order["id"],
        "subtotal": subtotal,
        "discount": discount,
        "shipping": shipping,
        "total": round(discounted + shipping, 2),
    }
