from inventory.errors import NotFound


class Storage:
    def __init__(self) -> None:
        self._items: dict[int, str] = {}
        self._next = 1

    def add(self, name: str) -> int:
        item_id = self._next
        self._items[item_id] = name
        self._next += 1
        return item_id

    def get(self, item_id: int) -> str:
        if item_id not in self._items:
            raise NotFound(f"item {item_id} not found")
        return self._items[item_id]

    def remove(self, item_id: int) -> None:
        if item_id not in self._items:
            raise NotFound(f"item {item_id} not found")
        del self._items[item_id]
