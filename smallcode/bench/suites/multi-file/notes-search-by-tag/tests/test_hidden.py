from notes.api import handle_create, handle_search
from notes.repository import NoteRepository
from notes.service import NoteService


def make() -> NoteService:
    service = NoteService(NoteRepository())
    handle_create(service, {"title": "Zebra facts", "tags": ["Animals"]})
    handle_create(service, {"title": "Apple pie", "tags": ["food", "baking"]})
    handle_create(service, {"title": "Ants", "tags": ["animals", "insects"]})
    return service


def test_repository_layer() -> None:
    service = make()
    assert {n.title for n in service.repository.find_by_tag("ANIMALS")} == {"Zebra facts", "Ants"}


def test_service_sorted() -> None:
    assert [n.title for n in make().search("animals")] == ["Ants", "Zebra facts"]


def test_api() -> None:
    service = make()
    assert handle_search(service, {"tag": "baking"}) == {"status": 200, "results": ["Apple pie"]}
    assert handle_search(service, {"tag": "none"}) == {"status": 200, "results": []}
    assert handle_search(service, {}) == {"status": 400, "error": "missing tag"}
    assert handle_search(service, {"tag": ""}) == {"status": 400, "error": "missing tag"}
