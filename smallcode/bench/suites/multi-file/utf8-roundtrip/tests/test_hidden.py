import builtins
import codecs
import io
from pathlib import Path

import pytest

from journal.reader import read_entries
from journal.writer import save_entry


def test_roundtrip(tmp_path: Path) -> None:
    path = tmp_path / "j.txt"
    save_entry(path, "café naïve")
    save_entry(path, "東京 ✓")
    assert read_entries(path) == ["café naïve", "東京 ✓"]
    assert path.read_bytes().decode("utf-8").startswith("café")


def test_reader_names_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "j.txt"
    path.write_bytes("crème\n".encode())
    seen: list[object] = []
    real_open = io.open

    def spy(file, mode="r", buffering=-1, encoding=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(encoding)
        return real_open(file, mode, buffering, encoding, *args, **kwargs)

    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr(builtins, "open", spy)
    assert read_entries(path) == ["crème"]
    assert seen, "read_entries must open the file"
    for encoding in seen:
        assert isinstance(encoding, str) and encoding != "locale"
        assert codecs.lookup(encoding).name == "utf-8"
