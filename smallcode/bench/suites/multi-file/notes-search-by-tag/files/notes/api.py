from notes.service import NoteService


def handle_create(service: NoteService, params: dict[str, object]) -> dict[str, object]:
    title = str(params.get("title", "")).strip()
    if not title:
        return {"status": 400, "error": "missing title"}
    tags = [str(t) for t in params.get("tags", [])]  # type: ignore[attr-defined]
    note = service.create(title, str(params.get("body", "")), tags)
    return {"status": 201, "title": note.title}
