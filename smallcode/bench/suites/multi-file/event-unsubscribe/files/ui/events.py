from collections.abc import Callable

Handler = Callable[[str, object], None]


class EventBus:
    def __init__(self) -> None:
        self._handlers: list[tuple[str, Handler]] = []

    def subscribe(self, topic: str, handler: Handler) -> None:
        self._handlers.append((topic, handler))

    def publish(self, topic: str, payload: object) -> int:
        delivered = 0
        for wanted, handler in list(self._handlers):
            if wanted == topic:
                handler(topic, payload)
                delivered += 1
        return delivered
