from ui.events import EventBus


class Widget:
    def __init__(self, bus: EventBus, topic: str) -> None:
        self.bus = bus
        self.received: list[object] = []
        bus.subscribe(topic, self._on_event)

    def _on_event(self, topic: str, payload: object) -> None:
        self.received.append(payload)

    def close(self) -> None:
        pass
