"""What a parse returns: the recovered calls, the prose around them, and typed issues."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..messages import ToolCall

IssueKind = Literal[
    "unparseable",
    "unknown_tool",
    "bad_arguments",
    "truncated",
    "lossy_repair",
    "schema_echo",
]
"""
- ``unparseable``: something was clearly meant as a call (a tag, a call-shaped fence) but could not be read.
- ``unknown_tool``: the call names no known tool, even after fixing spelling.
- ``bad_arguments``: the arguments do not fit the tool's schema and could not be coerced.
- ``truncated``: the call was cut off inside a string (usually the output-length limit).
- ``lossy_repair``: repairing the JSON would have dropped text the model wrote; nothing is called.
- ``schema_echo``: the model repeated a tool's definition instead of calling it.
"""

Shape = Literal[
    "tool_call_tag",
    "function_tag",
    "marker",
    "fence",
    "json",
    "labelled",
    "python_call",
    "yaml",
    "intent",
]
"""Where a call came from. ``intent`` calls were inferred from prose ("I'll read src/app.py")."""


@dataclass(frozen=True)
class ParseIssue:
    kind: IssueKind
    message: str
    """Written for the model: what was wrong and how to call again."""
    tool: str | None = None
    field: str | None = None
    """The argument at fault, when one is."""
    excerpt: str = ""
    """The start of the text the issue is about (at most 80 characters)."""


@dataclass(frozen=True)
class CallOrigin:
    """How one recovered call was written and what it took to read it."""

    shape: Shape
    start: int
    end: int
    repaired: bool = False
    """The JSON needed repair (quotes, commas, brackets, Python literals, …)."""
    fixes: tuple[str, ...] = ()
    """Changes made to the call itself: a renamed tool or argument, a coerced value, a dropped key."""


@dataclass
class ParseResult:
    calls: list[ToolCall] = field(default_factory=list)
    text: str = ""
    """The text with the calls (and the broken calls reported in ``issues``) taken out."""
    issues: list[ParseIssue] = field(default_factory=list)
    origins: list[CallOrigin] = field(default_factory=list)
    """One per call, in the same order."""

    @property
    def ok(self) -> bool:
        """At least one call and no issue."""
        return bool(self.calls) and not self.issues

    def feedback(self) -> str:
        """The issue messages as one reply to the model ("" when there are none)."""
        return "\n".join(issue.message for issue in self.issues)
