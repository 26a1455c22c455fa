from orders import Cart, Order, add_tag


def test_new_carts_are_empty() -> None:
    a = Cart("ann")
    a.add("apple")
    b = Cart("bob")
    assert len(b) == 0 and b.items == []
    assert a.items == ["apple"]


def test_given_items_kept() -> None:
    cart = Cart("cy", ["pear"])
    cart.add("fig")
    assert cart.items == ["pear", "fig"]


def test_add_tag_fresh_each_call() -> None:
    assert add_tag("gift") == ["gift"]
    assert add_tag("rush") == ["rush"]
    existing = ["vip"]
    assert add_tag("gift", existing) == ["vip", "gift"]
    assert add_tag("vip", existing) == ["vip", "gift"]


def test_orders_do_not_share_tags() -> None:
    first = Order(1)
    second = Order(2)
    assert first.tag("fragile") == ["fragile"]
    assert second.tag("express") == ["express"]
    assert first.tags == ["fragile"]
