"""Built-in file tools bound to one Workspace, and the read-before-write guard they share."""

from __future__ import annotations

import hashlib
from typing import Annotated

from pydantic import BeforeValidator, Field

from ..errors import ToolError
from ..workspace import Workspace
from .base import Tool, WorkspacePath, tool

READ_FILE = "read_file"
WRITE_FILE = "write_file"
READ_MAX_LINES = 400
READ_MAX_CHARS = 24_000
READ_MAX_LINE_CHARS = 1_000


def _from_zero(value: object) -> object:
    """Line 0 is the first line: small models often count from 0."""
    return 1 if value == 0 else value


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="replace")).hexdigest()


class ReadGuard:
    """What the agent has seen of each file in this session, so it never overwrites one blind.

    A file counts as seen once ``read_file`` showed it (any line range) or a tool of the same set
    wrote it. Overwriting an existing file is refused when it was never seen, or when it changed
    on disk since (a command rewrote it, say). One guard is shared by the tools of one session.
    """

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._seen: dict[str, str] = {}

    def key(self, path: str) -> str:
        return self.workspace.relative(self.workspace.resolve(path))

    def saw(self, path: str, text: str) -> None:
        """Record that the agent now knows ``path`` holds ``text``."""
        self._seen[self.key(path)] = _digest(text)

    def has_seen(self, path: str) -> bool:
        return self.key(path) in self._seen

    @property
    def seen(self) -> frozenset[str]:
        return frozenset(self._seen)

    def check_overwrite(self, path: str, current: str) -> None:
        """Raise ``ToolError`` unless the agent saw ``path`` as it is now."""
        known = self._seen.get(self.key(path))
        if known is None:
            raise ToolError(
                f"{path} already exists and you have not read it. Call read_file on {path} first, "
                "then change it (edit_file changes only the lines you name)."
            )
        if known != _digest(current):
            raise ToolError(
                f"{path} changed since you last read it. Read it again with read_file, then overwrite it."
            )

    def reset(self) -> None:
        self._seen.clear()


def _number(lines: list[str], start: int, stop: int) -> str:
    shown: list[str] = []
    used = 0
    last = start - 1
    for n in range(start, stop + 1):
        line = lines[n - 1]
        if len(line) > READ_MAX_LINE_CHARS:
            line = line[:READ_MAX_LINE_CHARS] + " …[line cut]"
        row = f"{n:>4}| {line}"
        if shown and (len(shown) >= READ_MAX_LINES or used + len(row) > READ_MAX_CHARS):
            break
        shown.append(row)
        used += len(row) + 1
        last = n
    if last < stop:
        shown.append(
            f"[showing lines {start}-{last} of {len(lines)}; call read_file with start={last + 1} for more]"
        )
    return "\n".join(shown)


def file_tools(workspace: Workspace, *, guard: ReadGuard | None = None) -> list[Tool]:
    """read_file, write_file and list_files operating inside ``workspace``.

    ``guard`` is shared with other tools of the same session (``edit_file``); a new one by default.
    """
    seen = guard if guard is not None else ReadGuard(workspace)

    @tool(name=READ_FILE, category="read")
    def read_file(
        path: WorkspacePath,
        start: Annotated[
            int, Field(ge=1, description="first line to show (1-based)"), BeforeValidator(_from_zero)
        ] = 1,
        end: Annotated[int | None, Field(ge=1, description="last line to show, inclusive")] = None,
    ) -> str:
        """Read a text file; lines are shown with their numbers."""
        text = workspace.read_text(path)
        seen.saw(path, text)
        lines = text.splitlines()
        if not lines:
            return f"{path} is empty"
        stop = len(lines) if end is None else min(end, len(lines))
        if start > stop:
            return f"{path} has {len(lines)} lines; nothing in {start}-{stop}"
        return _number(lines, start, stop)

    @tool(name=WRITE_FILE, category="write", payload=("content",))
    def write_file(
        path: WorkspacePath,
        content: Annotated[str, Field(description="the complete new file content")],
    ) -> str:
        """Create a file, or replace a file you have read, with the given content."""
        existed = workspace.exists(path)
        if existed:
            current = workspace.read_text(path)
            if current == content:
                raise ToolError(f"{path} already has exactly this content; nothing changed.")
            seen.check_overwrite(path, current)
        workspace.write_text(path, content)
        seen.saw(path, content)
        lines = content.count("\n") + (0 if content.endswith("\n") or not content else 1)
        return f"{'overwrote' if existed else 'created'} {seen.key(path)} ({lines} lines)"

    @tool(category="read")
    def list_files(
        directory: Annotated[str, Field(description="directory relative to the workspace")] = ".",
    ) -> str:
        """List the files under a directory."""
        files = workspace.list_files(directory)
        return "\n".join(files) if files else f"no files under {directory}"

    return [read_file, write_file, list_files]
