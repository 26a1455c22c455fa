"""Typed events an Agent emits while it works."""

from __future__ import annotations

from dataclasses import dataclass

from .messages import Completion, ToolCall


@dataclass(frozen=True)
class ModelReplied:
    step: int
    completion: Completion


@dataclass(frozen=True)
class ToolStarted:
    step: int
    call: ToolCall


@dataclass(frozen=True)
class ToolFinished:
    step: int
    call: ToolCall
    output: str
    ok: bool


@dataclass(frozen=True)
class ParseProblem:
    step: int
    messages: tuple[str, ...]


@dataclass(frozen=True)
class Finished:
    step: int
    stop_reason: str
    answer: str


Event = ModelReplied | ToolStarted | ToolFinished | ParseProblem | Finished
