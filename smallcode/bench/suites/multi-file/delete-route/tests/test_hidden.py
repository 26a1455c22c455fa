from webapp.router import dispatch
from webapp.store import ItemStore


def test_delete() -> None:
    store = ItemStore()
    status, item = dispatch(store, "POST", "/items", "lamp")
    assert status == 201
    assert dispatch(store, "DELETE", f"/items/{item}") == (204, "")
    assert dispatch(store, "GET", f"/items/{item}") == (404, "not found")
    assert dispatch(store, "DELETE", f"/items/{item}") == (404, "not found")


def test_store_delete() -> None:
    store = ItemStore()
    item = store.create("x")
    assert store.delete(item) is True
    assert store.delete(item) is False


def test_other_methods() -> None:
    assert dispatch(ItemStore(), "PUT", "/items/1") == (405, "method not allowed")
