import pytest

from inventory.api import delete_item, get_item
from inventory.errors import NotFound
from inventory.storage import Storage


def test_storage_raises_not_found() -> None:
    storage = Storage()
    with pytest.raises(NotFound, match="item 7 not found"):
        storage.get(7)
    with pytest.raises(NotFound):
        storage.remove(7)


def test_api_404() -> None:
    storage = Storage()
    item = storage.add("bolt")
    assert get_item(storage, item) == {"status": 200, "name": "bolt"}
    assert delete_item(storage, item) == {"status": 204}
    assert get_item(storage, item) == {"status": 404, "error": f"item {item} not found"}
    assert delete_item(storage, 99) == {"status": 404, "error": "item 99 not found"}
