"""Stuck detection: the patterns by which small models waste their steps."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

StuckKind = Literal[
    "repeated_call", "repeated_edit", "patch_spiral", "empty_reply", "read_only_loop", "text_repetition"
]

_REPEATED_LINE = re.compile(r"^(.{8,})$(?:\n\1$){3,}", re.MULTILINE)


@dataclass(frozen=True)
class StuckSignal:
    kind: StuckKind
    detail: str
    path: str | None = None


def repeated_text(text: str) -> str | None:
    """A line written four or more times in a row, or a tail that loops on a short period."""
    match = _REPEATED_LINE.search(text)
    if match:
        return match.group(1).strip()[:80]
    tail = text[-240:]
    if len(tail) == 240:
        for period in range(4, 61):
            if tail[-period:] * (240 // period) == tail[-(240 // period) * period :]:
                return tail[-period:].strip()[:80] or None
    return None


@dataclass
class StuckDetector:
    """Feeds on each reply and tool outcome; returns a signal when a pattern shows up."""

    spiral_edits: int = 3
    read_only_limit: int = 6
    empty_limit: int = 2
    _failed_edits: Counter[str] = field(default_factory=Counter)
    _edits: set[str] = field(default_factory=set)
    _read_only_streak: int = 0
    _empty_streak: int = 0

    def observe_reply(self, text: str, has_call: bool) -> StuckSignal | None:
        if has_call or text.strip():
            self._empty_streak = 0
        else:
            self._empty_streak += 1
            if self._empty_streak >= self.empty_limit:
                return StuckSignal("empty_reply", f"{self._empty_streak} empty replies in a row")
        looping = repeated_text(text)
        if looping:
            return StuckSignal("text_repetition", f"the reply repeats {looping!r}")
        return None

    def observe_repeat(self, call_name: str) -> StuckSignal:
        """A call identical to one already made since the workspace last changed was used anyway."""
        return StuckSignal("repeated_call", f"{call_name} was called again with the same arguments")

    def observe_tool(
        self, *, category: str, edit_key: str | None, path: str | None, ok: bool, unchanged: bool
    ) -> StuckSignal | None:
        """``edit_key`` identifies a mutating call; ``unchanged`` means it left the file as it was."""
        if category in ("read", "search"):
            self._read_only_streak += 1
            if self._read_only_streak >= self.read_only_limit:
                self._read_only_streak = 0
                return StuckSignal("read_only_loop", "many reads in a row without a change")
            return None
        self._read_only_streak = 0
        if edit_key is None:
            return None
        repeated = edit_key in self._edits or unchanged
        self._edits.add(edit_key)
        if path is not None:
            if ok and not unchanged:
                self._failed_edits[path] = 0
            else:
                self._failed_edits[path] += 1
                if self._failed_edits[path] >= self.spiral_edits:
                    self._failed_edits[path] = 0
                    return StuckSignal("patch_spiral", f"{self.spiral_edits} failed edits of {path}", path)
        if repeated:
            return StuckSignal("repeated_edit", "the same edit was made again", path)
        return None
