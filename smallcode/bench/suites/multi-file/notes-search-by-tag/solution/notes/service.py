from notes.models import Note
from notes.repository import NoteRepository


class NoteService:
    def __init__(self, repository: NoteRepository) -> None:
        self.repository = repository

    def create(self, title: str, body: str, tags: list[str]) -> Note:
        note = Note(title, body, tags)
        self.repository.add(note)
        return note

    def search(self, tag: str) -> list[Note]:
        return sorted(self.repository.find_by_tag(tag), key=lambda n: n.title)
