from ui.events import EventBus
from ui.widgets import Widget


def test_unsubscribe() -> None:
    bus = EventBus()
    got: list[object] = []
    first = bus.subscribe("t", lambda topic, payload: got.append(payload))
    second = bus.subscribe("t", lambda topic, payload: got.append(("2", payload)))
    assert first != second
    bus.unsubscribe(first)
    assert bus.publish("t", 1) == 1
    assert got == [("2", 1)]


def test_closed_widget_gets_nothing() -> None:
    bus = EventBus()
    a, b = Widget(bus, "clicks"), Widget(bus, "clicks")
    bus.publish("clicks", "x")
    a.close()
    assert bus.publish("clicks", "y") == 1
    assert a.received == ["x"]
    assert b.received == ["x", "y"]
