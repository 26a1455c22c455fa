"""Mechanical repairs of a failed check that need no model: Go's unused imports, which stop a package
from compiling, and which small models leave behind in nearly every rewrite."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

# go 1.19: `./a.go:4:2: imported and not used: "errors"`; later: `./a.go:4:2: "errors" imported and not used`.
_UNUSED = re.compile(
    r"^(?:\./)?(?P<file>\S+\.go):(?P<line>\d+):\d+: "
    r'(?:imported and not used: "(?P<old>[^"]+)"|"(?P<new>[^"]+)" imported (?:as \w+ )?and not used)',
    re.MULTILINE,
)
_IMPORT_SPEC = r'^\s*(?:import\s+)?(?:[\w.]+\s+)?"{path}"\s*(?://.*)?$'


def drop_unused_go_imports(path: str, text: str, problem: str) -> tuple[str, list[str]] | None:
    """``text`` of the Go file ``path`` without the imports ``problem`` (the compiler's output) says
    it does not use, and those imports; None when it names none of this file's."""
    lines = text.splitlines(keepends=True)
    name = PurePosixPath(path).name
    dropped: list[str] = []
    for match in _UNUSED.finditer(problem):
        if PurePosixPath(match["file"]).name != name:
            continue
        index, imported = int(match["line"]) - 1, match["old"] or match["new"]
        if 0 <= index < len(lines) and re.match(_IMPORT_SPEC.format(path=re.escape(imported)), lines[index]):
            lines[index] = ""
            dropped.append(imported)
    return ("".join(lines), dropped) if dropped else None
