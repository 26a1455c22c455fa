"""The built-in coding tool set: every tool an agent needs to read, search, change and test a project."""

from __future__ import annotations

from ..workspace import Workspace
from .base import Tool
from .commands import command_tools
from .control import finish_tool
from .edit import edit_tool
from .files import ReadGuard, file_tools
from .search import search_tools


def coding_tools(
    workspace: Workspace, *, guard: ReadGuard | None = None, commands: bool = True
) -> list[Tool]:
    """read_file, list_files, glob, grep, write_file, edit_file, run_command, run_tests and finish.

    The file tools share one ``ReadGuard`` (a new one unless given), so an existing file must be
    read before ``write_file`` may overwrite it. ``commands=False`` leaves out the two tools that
    run commands.
    """
    seen = guard if guard is not None else ReadGuard(workspace)
    read_file, write_file, list_files = file_tools(workspace, guard=seen)
    tools = [read_file, list_files, *search_tools(workspace), write_file, edit_tool(workspace, guard=seen)]
    if commands:
        tools += command_tools(workspace)
    return [*tools, finish_tool()]
