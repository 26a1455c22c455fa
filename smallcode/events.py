"""Typed events an Agent emits while it works (``Agent.stream``, ``Agent.on``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .messages import Completion, ToolCall

Remedy = Literal["message", "temperature", "escalate", "stop"]


@dataclass(frozen=True)
class AgentEvent:
    """Base of every event; ``agent.on(AgentEvent, callback)`` observes them all."""

    step: int


@dataclass(frozen=True)
class ModelToken(AgentEvent):
    """A piece of streamed model output (delivered live to observers)."""

    text: str


@dataclass(frozen=True)
class ModelReplied(AgentEvent):
    completion: Completion
    escalated: bool = False


@dataclass(frozen=True)
class ToolStarted(AgentEvent):
    call: ToolCall


@dataclass(frozen=True)
class ToolFinished(AgentEvent):
    call: ToolCall
    output: str
    ok: bool


@dataclass(frozen=True)
class Validated(AgentEvent):
    """A file was checked after an edit. ``checker`` is None when none exists for its kind."""

    path: str
    ok: bool
    message: str
    checker: str | None


@dataclass(frozen=True)
class TestsRan(AgentEvent):
    command: str
    ok: bool
    summary: str

    __test__ = False  # not a pytest test class, despite its name


@dataclass(frozen=True)
class ParseProblem(AgentEvent):
    messages: tuple[str, ...]


@dataclass(frozen=True)
class Retried(AgentEvent):
    """A reply repeated a call already tried and was sampled again."""

    call: ToolCall
    temperature: float


@dataclass(frozen=True)
class Stuck(AgentEvent):
    kind: str
    detail: str
    remedy: Remedy


@dataclass(frozen=True)
class Escalated(AgentEvent):
    reason: str
    approved: bool


@dataclass(frozen=True)
class ContextFitted(AgentEvent):
    """The budget changed the prompt to make it fit."""

    tokens_before: int
    tokens_after: int
    actions: int
    """How many evictions, shrinks or compactions this fit made."""


@dataclass(frozen=True)
class KeptBest(AgentEvent):
    """The run ended with more failing tests than an earlier state: the files went back to it."""

    paths: tuple[str, ...]
    failing_before: int
    failing_after: int


@dataclass(frozen=True)
class Finished(AgentEvent):
    stop_reason: str
    answer: str
    ok: bool = False


Event = (
    ModelToken | ModelReplied | ToolStarted | ToolFinished | Validated | TestsRan | ParseProblem | Retried
    | Stuck | Escalated | ContextFitted | KeptBest | Finished
)  # fmt: skip
