"""ContextBudget: exact token accounting, capped tool results, and fitting a long session into the
model's context window (shrink old arguments, evict old results, compact older history)."""

from .budget import ContextBudget
from .capping import cap_text
from .counting import TokenCounter, ToolCounter, estimate_counter, estimate_tool_counter
from .history import describe_call, is_plan
from .report import (
    ArgumentsShrunk,
    FitAction,
    FitReport,
    Fitted,
    HistoryCompacted,
    RecentTrimmed,
    ResultEvicted,
)
from .summary import ModelSummarizer, Summarizer, digest

__all__ = [
    "ArgumentsShrunk",
    "ContextBudget",
    "FitAction",
    "FitReport",
    "Fitted",
    "HistoryCompacted",
    "ModelSummarizer",
    "RecentTrimmed",
    "ResultEvicted",
    "Summarizer",
    "TokenCounter",
    "ToolCounter",
    "cap_text",
    "describe_call",
    "digest",
    "estimate_counter",
    "estimate_tool_counter",
    "is_plan",
]
