"""Built-in file tools, bound to one Workspace."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..errors import ToolError
from ..workspace import Workspace
from .base import Tool, tool


def file_tools(workspace: Workspace) -> list[Tool]:
    """read_file, write_file and list_files operating inside ``workspace``."""

    @tool(category="read")
    def read_file(
        path: Annotated[str, Field(description="file path relative to the workspace")],
        start: Annotated[int, Field(ge=1, description="first line to show (1-based)")] = 1,
        end: Annotated[int | None, Field(ge=1, description="last line to show, inclusive")] = None,
    ) -> str:
        """Read a text file; lines are shown with their numbers."""
        lines = workspace.read_text(path).splitlines()
        stop = len(lines) if end is None else min(end, len(lines))
        if not lines:
            return f"{path} is empty"
        shown = [f"{n:>4}| {lines[n - 1]}" for n in range(start, stop + 1)]
        return "\n".join(shown) if shown else f"{path} has {len(lines)} lines; nothing in {start}-{stop}"

    @tool(category="write", payload=("content",))
    def write_file(
        path: Annotated[str, Field(description="file path relative to the workspace")],
        content: Annotated[str, Field(description="the complete new file content")],
    ) -> str:
        """Create or overwrite a file with the given content."""
        existed = workspace.exists(path)
        if existed and workspace.read_text(path) == content:
            raise ToolError(f"{path} already has exactly this content; nothing changed.")
        workspace.write_text(path, content)
        lines = content.count("\n") + (0 if content.endswith("\n") or not content else 1)
        return f"{'overwrote' if existed else 'created'} {path} ({lines} lines)"

    @tool(category="read")
    def list_files(
        directory: Annotated[str, Field(description="directory relative to the workspace")] = ".",
    ) -> str:
        """List the files under a directory."""
        files = workspace.list_files(directory)
        return "\n".join(files) if files else f"no files under {directory}"

    return [read_file, write_file, list_files]
