from webapp import handlers
from webapp.store import ItemStore


def dispatch(store: ItemStore, method: str, path: str, body: str = "") -> handlers.Response:
    parts = [p for p in path.split("/") if p]
    if parts[:1] != ["items"]:
        return 404, "not found"
    if method == "POST" and len(parts) == 1:
        return handlers.create_item(store, body)
    if method == "GET" and len(parts) == 2 and parts[1].isdigit():
        return handlers.get_item(store, int(parts[1]))
    return 405, "method not allowed"
