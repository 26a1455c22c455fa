"""Tools: the ``@tool`` decorator, the ``Tool`` class, and the built-in coding tools."""

from .base import Tool, WorkspacePath, render_result, tool
from .coding import coding_tools
from .commands import command_tools
from .control import FINISH, finish_tool
from .edit import apply_edits, edit_tool, parse_edit_blocks
from .files import READ_FILE, WRITE_FILE, ReadGuard, file_tools
from .search import search_tools
from .symbols import symbol_tools

__all__ = [
    "FINISH",
    "READ_FILE",
    "WRITE_FILE",
    "ReadGuard",
    "Tool",
    "WorkspacePath",
    "apply_edits",
    "coding_tools",
    "command_tools",
    "edit_tool",
    "file_tools",
    "finish_tool",
    "parse_edit_blocks",
    "render_result",
    "search_tools",
    "symbol_tools",
    "tool",
]
