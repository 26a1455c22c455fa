"""Tags per file, reused while the file's mtime and size are unchanged; optionally kept on disk as JSON."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from .tags import Definition, FileTags

CACHE_FORMAT = 1


def _fingerprint() -> str:
    """Tags depend on the queries (``CACHE_FORMAT``) and on the grammars' version."""
    try:
        pack = metadata.version("tree-sitter-language-pack")
    except metadata.PackageNotFoundError:
        pack = "none"
    return f"{CACHE_FORMAT}:{pack}"


class TagCache:
    """``FileTags`` by workspace-relative path.

    With a ``path``, the cache is read from that JSON file when created (a missing, unreadable or
    outdated file means an empty cache) and written back by ``save``, so a new process re-parses
    only what changed since the last save.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else None
        self._entries: dict[str, FileTags] = {}
        self._fingerprint = _fingerprint()
        if self.path is not None:
            self._entries = self._read(self.path)

    def get(self, path: str, mtime_ns: int, size: int) -> FileTags | None:
        """The cached tags, if the file still has this mtime and size."""
        entry = self._entries.get(path)
        if entry is None or entry.mtime_ns != mtime_ns or entry.size != size:
            return None
        return entry

    def put(self, tags: FileTags) -> None:
        self._entries[tags.path] = tags

    def retain(self, paths: set[str]) -> int:
        """Forget every file not in ``paths`` (deleted or no longer listed); how many were dropped."""
        gone = [path for path in self._entries if path not in paths]
        for path in gone:
            del self._entries[path]
        return len(gone)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[FileTags]:
        return iter(self._entries.values())

    def save(self) -> None:
        """Write the cache to ``path`` atomically (a no-op without a path)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "fingerprint": self._fingerprint,
            "files": {path: _encode(tags) for path, tags in self._entries.items()},
        }
        fd, temp = tempfile.mkstemp(prefix=".repomap-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise

    def _read(self, path: Path) -> dict[str, FileTags]:
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            if payload.get("fingerprint") != self._fingerprint:
                return {}
            return {name: _decode(name, entry) for name, entry in payload["files"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}  # a damaged cache costs one full re-parse, never a failure


def _encode(tags: FileTags) -> dict[str, object]:
    return {
        "language": tags.language,
        "mtime_ns": tags.mtime_ns,
        "size": tags.size,
        "note": tags.note,
        "definitions": [[d.name, d.kind, d.line, d.end_line, d.header, d.parent] for d in tags.definitions],
        "references": {name: list(lines) for name, lines in tags.references.items()},
        "links": dict(tags.links),
    }


def _decode(path: str, entry: dict[str, object]) -> FileTags:
    definitions = entry["definitions"]
    references = entry["references"]
    links = entry["links"]
    language = entry["language"]
    if not isinstance(definitions, list) or not isinstance(references, dict) or not isinstance(links, dict):
        raise TypeError("malformed cache entry")
    return FileTags(
        path=path,
        language=str(language) if language is not None else None,
        mtime_ns=int(str(entry["mtime_ns"])),
        size=int(str(entry["size"])),
        note=str(entry.get("note", "")),
        definitions=tuple(
            Definition(path, str(name), str(kind), int(line), int(end), str(header), int(parent))
            for name, kind, line, end, header, parent in definitions
        ),
        references={str(name): tuple(int(n) for n in lines) for name, lines in references.items()},
        links={str(name): int(n) for name, n in links.items()},
    )
