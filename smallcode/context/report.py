"""What a fit did, as typed records with token counts, so callers can show it and tune the budget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..messages import Message


@dataclass(frozen=True)
class ArgumentsShrunk:
    """Long arguments of an old tool call (a file already written) were replaced by a size note."""

    call_id: str
    tool: str
    tokens_before: int
    tokens_after: int


@dataclass(frozen=True)
class ResultEvicted:
    """An old tool result was replaced by a stub that names the call and the tokens it took."""

    call_id: str
    tool: str
    stub: str
    tokens_before: int
    tokens_after: int


@dataclass(frozen=True)
class HistoryCompacted:
    """Older exchanges were replaced by one summary message.

    ``summarizer`` is ``"model"`` when the configured summarizer wrote it, ``"digest"`` when the
    deterministic fallback did (no summarizer, or it failed: ``error`` says why)."""

    messages: int
    tokens_before: int
    tokens_after: int
    summarizer: Literal["model", "digest"]
    error: str | None = None


@dataclass(frozen=True)
class RecentTrimmed:
    """A last resort: a recent message was cut to head and tail because nothing older was left."""

    index: int
    tokens_before: int
    tokens_after: int


FitAction = ArgumentsShrunk | ResultEvicted | HistoryCompacted | RecentTrimmed


@dataclass(frozen=True)
class FitReport:
    """One ``fit``: token counts of the messages before and after, and the new actions taken.

    Decisions from earlier fits (an evicted result stays evicted, so the prompt prefix and the
    model's KV cache stay valid) are re-applied silently and counted in ``reapplied``.
    ``tokens_before`` is the cached per-message sum for the messages as given; ``tokens_after``
    is the counter's full count of the fitted messages when ``exact`` (the final check ran), else
    the cached sum. ``limit`` is what the messages may take: the window less the output reserve,
    the safety margin and ``overhead`` (tool schemas and the caller's extra tokens).
    """

    window: int
    reserve_for_output: int
    overhead: int
    limit: int
    tokens_before: int
    tokens_after: int
    exact: bool
    actions: tuple[FitAction, ...]
    reapplied: int
    counter_calls: int

    @property
    def changed(self) -> bool:
        """Whether this fit made any new change (a reason to tell the user)."""
        return bool(self.actions)

    @property
    def prompt_tokens(self) -> int:
        """What the model will be sent: the fitted messages plus the overhead."""
        return self.tokens_after + self.overhead


@dataclass(frozen=True)
class Fitted:
    """The fitted messages and the report of how they were made to fit."""

    messages: list[Message]
    report: FitReport
