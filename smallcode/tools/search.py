"""Search tools: find files by name pattern (glob) and lines by regular expression (grep)."""

from __future__ import annotations

import re
from typing import Annotated

import pathspec
from pydantic import Field

from ..errors import ToolError
from ..workspace import Workspace
from .base import Tool, tool

MAX_FILES_SCANNED = 5_000
MAX_LINE_CHARS = 200
_GLOB_CHARS = frozenset("*?[")


def matcher(pattern: str) -> pathspec.PathSpec[pathspec.Pattern]:
    """Gitignore-style patterns: ``*.py`` matches at any depth, ``src/**/*.py`` under ``src``."""
    return pathspec.PathSpec.from_lines("gitignore", [pattern])


def _candidates(workspace: Workspace, path: str) -> list[str]:
    """The files ``path`` names: one file, everything under a directory, or a glob's matches."""
    if _GLOB_CHARS & set(path):
        spec = matcher(path)
        return [f for f in workspace.list_files(".", limit=MAX_FILES_SCANNED) if spec.match_file(f)]
    target = workspace.resolve(path)
    if target.is_file():
        return [workspace.relative(target)]
    if target.is_dir():
        return workspace.list_files(path, limit=MAX_FILES_SCANNED)
    raise ToolError(f"{path} does not exist; use a directory, a file or a pattern such as *.py")


def search_tools(workspace: Workspace) -> list[Tool]:
    """glob and grep operating inside ``workspace``."""

    @tool(category="search")
    def glob(
        pattern: Annotated[str, Field(description="file name pattern, e.g. *.py or src/**/test_*.py")],
        limit: Annotated[int, Field(ge=1, le=1000, description="most paths to list")] = 200,
    ) -> str:
        """Find files whose path matches a pattern."""
        found = _candidates(workspace, pattern if _GLOB_CHARS & set(pattern) else f"**/{pattern}")
        if not found:
            return f"no files match {pattern}"
        shown = "\n".join(found[:limit])
        return shown if len(found) <= limit else f"{shown}\n[{len(found) - limit} more; narrow the pattern]"

    @tool(category="search")
    def grep(
        pattern: Annotated[str, Field(description="regular expression to search for")],
        path: Annotated[str, Field(description="file, directory or file pattern to search in")] = ".",
        ignore_case: bool = False,
        max_matches: Annotated[int, Field(ge=1, le=500, description="stop after this many matches")] = 50,
    ) -> str:
        """Search file contents; shows each matching line as path:line: text."""
        flags = re.IGNORECASE if ignore_case else 0
        note = ""
        try:
            regex = re.compile(pattern, flags)
        except re.error as exc:
            regex = re.compile(re.escape(pattern), flags)
            note = f"[{pattern!r} is not a valid regular expression ({exc}); searched for it literally]\n"
        matches: list[str] = []
        files = _candidates(workspace, path)
        for name in files:
            try:
                text = workspace.read_text(name)
            except ToolError:  # too large or unreadable: not worth failing the search for
                continue
            if "\x00" in text[:1024]:
                continue
            for number, line in enumerate(text.splitlines(), start=1):
                if regex.search(line):
                    shown = line.strip()
                    if len(shown) > MAX_LINE_CHARS:
                        shown = shown[:MAX_LINE_CHARS] + " …"
                    matches.append(f"{name}:{number}: {shown}")
                    if len(matches) >= max_matches:
                        return note + "\n".join(matches) + f"\n[stopped at {max_matches} matches]"
        if not matches:
            return f"{note}no matches for {pattern!r} in {path} ({len(files)} files searched)"
        return note + "\n".join(matches)

    return [glob, grep]
