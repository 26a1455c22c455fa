"""Shipping prices (in cents) and delivery estimates.

shipping_cost(weight_g, zone, express=False, order_total_cents=0):
  - weight bands: up to and including 500 g -> 450; up to and including 2000 g -> 690; up to and including
    10000 g -> 1290; heavier parcels cost 1290 plus 150 for every started 1000 g above 10000 g;
  - zone "domestic" adds nothing, "eu" adds 500, "world" adds 1500; any other zone raises ValueError;
  - express doubles the price (band + zone);
  - domestic, non-express orders with order_total_cents >= 5000 ship free (0);
  - weight_g <= 0 raises ValueError.

delivery_days(zone, express=False, weekday=0):
  - base days: domestic 2, eu 4, world 8; express halves them, rounding up;
  - weekday is 0 = Monday ... 6 = Sunday, the day the order is placed; orders placed on Saturday or Sunday add
    the days until Monday (2 for Saturday, 1 for Sunday);
  - an unknown zone or a weekday outside 0..6 raises ValueError.
"""

import math

ZONES = {"domestic": 0, "eu": 500, "world": 1500}
DAYS = {"domestic": 2, "eu": 4, "world": 8}


def _band(weight_g: int) -> int:
    if weight_g <= 500:
        return 450
    if weight_g <= 2000:
        return 690
    if weight_g <= 10000:
        return 1290
    return 1290 + 150 * math.ceil((weight_g - 10000) / 1000)


def shipping_cost(weight_g: int, zone: str, express: bool = False, order_total_cents: int = 0) -> int:
    if weight_g <= 0:
        raise ValueError("weight must be positive")
    if zone not in ZONES:
        raise ValueError(f"unknown zone {zone!r}")
    if zone == "domestic" and not express and order_total_cents >= 5000:
        return 0
    price = _band(weight_g) + ZONES[zone]
    return price * 2 if express else price


def delivery_days(zone: str, express: bool = False, weekday: int = 0) -> int:
    if zone not in DAYS:
        raise ValueError(f"unknown zone {zone!r}")
    if not 0 <= weekday <= 6:
        raise ValueError("weekday must be 0..6")
    days = math.ceil(DAYS[zone] / 2) if express else DAYS[zone]
    if weekday == 5:
        days += 2
    elif weekday == 6:
        days += 1
    return days
