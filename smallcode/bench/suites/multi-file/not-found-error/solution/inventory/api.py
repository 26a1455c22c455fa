from inventory.errors import NotFound
from inventory.storage import Storage


def get_item(storage: Storage, item_id: int) -> dict[str, object]:
    try:
        return {"status": 200, "name": storage.get(item_id)}
    except NotFound as exc:
        return {"status": 404, "error": str(exc)}
    except Exception:
        return {"status": 500, "error": "internal error"}


def delete_item(storage: Storage, item_id: int) -> dict[str, object]:
    try:
        storage.remove(item_id)
    except NotFound as exc:
        return {"status": 404, "error": str(exc)}
    except Exception:
        return {"status": 500, "error": "internal error"}
    return {"status": 204}
