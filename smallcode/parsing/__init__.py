"""LenientParser: turns what a small model wrote into tool calls, or into issues it can act on.

``LenientParser(tools).parse(text)`` returns a ``ParseResult`` with the recovered ``calls``, the
prose ``text`` around them and typed ``issues`` whose messages are written for the model.
"""

from .parser import LenientParser
from .result import CallOrigin, IssueKind, ParseIssue, ParseResult, Shape

__all__ = ["CallOrigin", "IssueKind", "LenientParser", "ParseIssue", "ParseResult", "Shape"]
