import itertools
from collections.abc import Callable

Handler = Callable[[str, object], None]


class EventBus:
    def __init__(self) -> None:
        self._handlers: dict[int, tuple[str, Handler]] = {}
        self._ids = itertools.count(1)

    def subscribe(self, topic: str, handler: Handler) -> int:
        subscription = next(self._ids)
        self._handlers[subscription] = (topic, handler)
        return subscription

    def unsubscribe(self, subscription: int) -> None:
        self._handlers.pop(subscription, None)

    def publish(self, topic: str, payload: object) -> int:
        delivered = 0
        for wanted, handler in list(self._handlers.values()):
            if wanted == topic:
                handler(topic, payload)
                delivered += 1
        return delivered
