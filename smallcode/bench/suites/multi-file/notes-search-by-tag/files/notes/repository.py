from notes.models import Note


class NoteRepository:
    def __init__(self) -> None:
        self._notes: list[Note] = []

    def add(self, note: Note) -> None:
        self._notes.append(note)

    def all(self) -> list[Note]:
        return list(self._notes)
