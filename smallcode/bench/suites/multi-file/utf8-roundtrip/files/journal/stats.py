from pathlib import Path

from journal.reader import read_entries


def word_count(path: Path) -> int:
    return sum(len(entry.split()) for entry in read_entries(path))
