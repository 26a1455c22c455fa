"""Order processing for the web shop."""

COUPONS = {"WELCOME5": ("fixed", 5.0), "SPRING10": ("percent", 10.0), "BULK20": ("percent", 20.0)}
EU = {"DE", "FR", "NL", "BE", "IT", "ES"}


def process_order(order: dict) -> dict:
    # validation
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

    # subtotal
    subtotal = 0.0
    weight = 0.0
    for item in items:
        subtotal += item["qty"] * item["price"]
        weight += item["qty"] * item.get("weight_kg", 0.0)
    subtotal = round(subtotal, 2)

    # coupon
    discount = 0.0
    coupon = order.get("coupon")
    if coupon:
        if coupon not in COUPONS:
            raise ValueError(f"unknown coupon {coupon}")
        kind, value = COUPONS[coupon]
        if kind == "fixed":
            discount = min(value, subtotal)
        else:
            if coupon == "BULK20" and subtotal < 200:
                raise ValueError("BULK20 needs a subtotal of at least 200")
            discount = round(subtotal * value / 100, 2)
    discounted = round(subtotal - discount, 2)

    # shipping
    if country == "NL":
        shipping = 0.0 if discounted >= 50 else 4.95
    elif country in EU:
        shipping = 9.95 if weight <= 5 else 14.95
    else:
        shipping = 24.95 + max(0.0, weight - 5) * 2.5
    shipping = round(shipping, 2)

    return {
        "id": order["id"],
        "subtotal": subtotal,
        "discount": discount,
        "shipping": shipping,
        "total": round(discounted + shipping, 2),
    }
