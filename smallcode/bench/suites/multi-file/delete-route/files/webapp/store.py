class ItemStore:
    def __init__(self) -> None:
        self.items: dict[int, str] = {}
        self.next_id = 1

    def create(self, name: str) -> int:
        item_id = self.next_id
        self.items[item_id] = name
        self.next_id += 1
        return item_id

    def get(self, item_id: int) -> str | None:
        return self.items.get(item_id)
