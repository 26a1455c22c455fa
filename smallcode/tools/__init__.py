"""Tools: the ``@tool`` decorator, the ``Tool`` class, and the built-in coding tools."""

from .base import Tool, render_result, tool
from .control import FINISH, finish_tool
from .files import file_tools

__all__ = ["FINISH", "Tool", "file_tools", "finish_tool", "render_result", "tool"]
