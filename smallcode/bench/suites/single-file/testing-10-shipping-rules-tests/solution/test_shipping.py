import pytest

from shipping import delivery_days, shipping_cost


@pytest.mark.parametrize(
    ("weight", "price"),
    [(1, 450), (500, 450), (501, 690), (2000, 690), (2001, 1290), (10000, 1290), (10001, 1440), (11000, 1440),
     (11001, 1590)],
)
def test_weight_bands(weight: int, price: int) -> None:
    assert shipping_cost(weight, "domestic") == price


def test_zones() -> None:
    assert shipping_cost(400, "eu") == 950
    assert shipping_cost(400, "world") == 1950
    with pytest.raises(ValueError):
        shipping_cost(400, "mars")


def test_express_doubles_band_and_zone() -> None:
    assert shipping_cost(400, "eu", express=True) == 1900
    assert shipping_cost(3000, "domestic", express=True) == 2580


def test_free_shipping_rule() -> None:
    assert shipping_cost(3000, "domestic", order_total_cents=5000) == 0
    assert shipping_cost(3000, "domestic", order_total_cents=4999) == 1290
    assert shipping_cost(3000, "eu", order_total_cents=9000) == 1790
    assert shipping_cost(3000, "domestic", express=True, order_total_cents=9000) == 2580


def test_invalid_weight() -> None:
    for weight in (0, -10):
        with pytest.raises(ValueError):
            shipping_cost(weight, "domestic")


def test_delivery_days() -> None:
    assert [delivery_days(z) for z in ("domestic", "eu", "world")] == [2, 4, 8]
    assert [delivery_days(z, express=True) for z in ("domestic", "eu", "world")] == [1, 2, 4]
    assert delivery_days("eu", weekday=4) == 4
    assert delivery_days("eu", weekday=5) == 6
    assert delivery_days("eu", weekday=6) == 5
    assert delivery_days("domestic", express=True, weekday=5) == 3


def test_delivery_errors() -> None:
    with pytest.raises(ValueError):
        delivery_days("moon")
    for weekday in (-1, 7):
        with pytest.raises(ValueError):
            delivery_days("eu", weekday=weekday)
