"""Capping one long text (a tool result) to its head and tail, with a marker saying what was cut."""

from __future__ import annotations

import re

DEFAULT_HINT = "to see them, read a smaller range (read_file with start/end) or narrow the command"

# read_file numbers its lines as "  12| text"; a cut between numbered lines names the exact range.
NUMBERED_LINE = re.compile(r"^[ \t]*(\d+)\| ", re.MULTILINE)
# Room kept for the marker line itself, besides the hint.
_MARKER_ROOM = 90


def cut_marker(text: str, head: str, tail: str, hint: str) -> str:
    cut = text[len(head) : len(text) - len(tail)]
    head_numbers = NUMBERED_LINE.findall(head)
    tail_number = NUMBERED_LINE.search(tail)
    if head_numbers and tail_number:
        first, last = int(head_numbers[-1]) + 1, int(tail_number.group(1)) - 1
        if last >= first:
            return (
                f"[... lines {first}-{last} not shown ({len(cut):,} characters); "
                f"use read_file with start={first} end={last} to see them ...]"
            )
    lines = cut.count("\n") + (0 if cut.endswith("\n") else 1)
    return f"[... {lines:,} lines ({len(cut):,} characters) cut from the middle; {hint} ...]"


def cap_text(text: str, max_chars: int, *, hint: str = DEFAULT_HINT) -> str:
    """``text`` unchanged when it has at most ``max_chars`` characters; else its head (about two
    thirds) and tail, cut at line boundaries where possible, around a marker line."""
    if len(text) <= max_chars:
        return text
    room = max(0, max_chars - _MARKER_ROOM - len(hint))
    head_size = room * 2 // 3
    tail_size = room - head_size
    head = text[:head_size]
    newline = head.rfind("\n")
    if newline >= head_size // 2:
        head = head[: newline + 1]
    tail = text[len(text) - tail_size :] if tail_size else ""
    newline = tail.find("\n")
    if 0 <= newline < tail_size // 2:
        tail = tail[newline + 1 :]
    marker = cut_marker(text, head, tail, hint)
    joined_head = head if head.endswith("\n") or not head else head + "\n"
    return f"{joined_head}{marker}\n{tail}" if tail else f"{joined_head}{marker}"
