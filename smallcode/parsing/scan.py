"""Linear-time scanning: where bracketed values, strings and fences start and end.

Every scan walks the text once, jumping between the few characters that matter (quotes, brackets,
backslashes) with one regular expression, so a megabyte of prose or code costs milliseconds.
Quotes count only inside brackets: outside them an apostrophe in prose is just an apostrophe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EVENT = re.compile(r"[\"'{}\[\]()]")
_DOUBLE = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
# A single-quoted string ends on its line (as in Python); an unclosed one is an apostrophe.
_SINGLE = re.compile(r"'(?:[^'\\\n]|\\.)*'")
_CLOSE = {"}": "{", "]": "[", ")": "("}
_CLOSER = {"{": "}", "[": "]", "(": ")"}
JSON_OPEN = frozenset("{[")
GROUP_OPEN = frozenset("{[(")


@dataclass(frozen=True)
class Group:
    """A bracketed value from ``start`` to ``end`` (exclusive)."""

    start: int
    end: int
    closed: bool
    """False when the text ended before the brackets did."""
    open_string: bool = False
    """The text ended inside a string: the value was cut off mid-string."""
    missing: str = ""
    """The closing brackets an unclosed value lacks, innermost first (``"}]}"``)."""


def _skip_string(text: str, pos: int, token: str) -> int | None:
    """The end of the string starting at ``pos``; None when it runs to the end of the text."""
    if len(token) == 3:
        close = text.find(token, pos + 3)
        return None if close < 0 else close + 3
    if token == '"':
        match = _DOUBLE.match(text, pos)
        return None if match is None else match.end()
    match = _SINGLE.match(text, pos)
    return pos + 1 if match is None else match.end()


def _closers(stack: list[str]) -> str:
    return "".join(_CLOSER[token] for token in reversed(stack))


def scan_group(text: str, start: int, opens: frozenset[str] = GROUP_OPEN, limit: int | None = None) -> Group:
    """The bracketed value that opens at ``text[start]``, string-aware, brackets of ``opens`` counted."""
    stop = len(text) if limit is None else min(limit, len(text))
    stack = [text[start]]
    pos = start + 1
    while stack:
        match = _EVENT.search(text, pos, stop)
        if match is None:
            return Group(start, stop, closed=False, missing=_closers(stack))
        token = match.group()
        pos = match.end()
        if token in opens:
            stack.append(token)
        elif token in _CLOSE:
            if _CLOSE[token] == stack[-1]:
                stack.pop()
        elif token == "(" or token == "[" or token == "{":
            continue
        else:
            if len(token) == 1 and text.startswith(token * 3, match.start()):
                token *= 3
            end = _skip_string(text, match.start(), token)
            if end is None or end > stop:
                return Group(start, stop, closed=False, open_string=True, missing=_closers(stack))
            pos = end
    return Group(start, pos, closed=True)


@dataclass(frozen=True)
class Outline:
    """The outermost bracketed values of a text."""

    groups: list[Group]
    """Closed values not inside another closed value, in order."""
    unclosed: list[int]
    """Where the values still open at the end of the text start, outermost first."""
    open_string: bool
    """The text ended inside a string that opened inside brackets."""


_LONG_JUMP = 256
_OPENER = re.compile(r"[{\[]")
_INNER = re.compile(r"[\"'{}\[\]]")


def outline(text: str) -> Outline:
    """One pass over ``text``: its top-level closed ``{}``/``[]`` values and the ones left open."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    pos = 0
    open_string = False
    while not open_string:
        if not stack:  # between values only an opener matters: skip prose at regex speed
            opener = _OPENER.search(text, pos)
            if opener is None:
                break
            stack.append((opener.group(), opener.start()))
            pos = opener.end()
        restart = False
        for match in _INNER.finditer(text, pos):
            at = match.start()
            if at < pos:
                continue
            token = match.group()
            pos = at + 1
            if token == "{" or token == "[":
                stack.append((token, at))
            elif token == "}" or token == "]":
                if _CLOSE[token] == stack[-1][0]:
                    pairs.append((stack.pop()[1], pos))
                    if not stack:
                        restart = True
                        break
            else:
                if text.startswith(token * 3, at):
                    token *= 3
                end = _skip_string(text, at, token)
                if end is None:
                    open_string = True
                    break
                pos = end
                if end - at > _LONG_JUMP:  # start a fresh scan past a long string
                    restart = True
                    break
        if not restart:
            break
    pairs.sort()
    groups: list[Group] = []
    reach = -1
    for begin, end in pairs:
        if begin >= reach:
            groups.append(Group(begin, end, closed=True))
            reach = end
    return Outline(groups, [begin for _, begin in stack], open_string)


_FENCE_OPEN = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n`]*$", re.MULTILINE)


@dataclass(frozen=True)
class Fence:
    start: int
    end: int
    """After the closing fence line (or the end of the text when it is missing)."""
    body_start: int
    body_end: int
    language: str
    closed: bool


def fences(text: str) -> list[Fence]:
    """Markdown fenced blocks in order. An unclosed fence runs to the end of the text."""
    found: list[Fence] = []
    pos = 0
    while True:
        opening = _FENCE_OPEN.search(text, pos)
        if opening is None:
            return found
        marker = opening.group(1)
        body_start = min(opening.end() + 1, len(text))
        closing = re.compile(rf"^[ \t]{{0,3}}{marker[0]}{{{len(marker)},}}[ \t]*$", re.MULTILINE)
        close = closing.search(text, body_start)
        if close is None:
            found.append(
                Fence(opening.start(), len(text), body_start, len(text), opening.group(2).lower(), False)
            )
            return found
        end = min(close.end() + 1, len(text)) if close.end() < len(text) else close.end()
        found.append(Fence(opening.start(), end, body_start, close.start(), opening.group(2).lower(), True))
        pos = close.end()


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end
