from webapp.store import ItemStore

Response = tuple[int, str]


def create_item(store: ItemStore, body: str) -> Response:
    return 201, str(store.create(body))


def get_item(store: ItemStore, item_id: int) -> Response:
    name = store.get(item_id)
    return (200, name) if name is not None else (404, "not found")
