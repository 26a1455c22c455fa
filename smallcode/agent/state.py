"""What a run is limited by, what it accumulates, and what it returns."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Literal

from ..events import AgentEvent
from ..messages import Message, ToolCall, Usage
from ..repomap import Reference, RepoMap
from ..stuck import StuckDetector

StopReason = Literal["finished", "max_steps", "max_tokens", "time_limit", "stuck"]


@dataclass(frozen=True)
class Limits:
    """When a run stops even though the model has not finished."""

    max_steps: int = 20
    max_tokens: int | None = None
    max_seconds: float | None = None
    finish_refusals: int = 1
    """Finishes refused while the tests fail, each with what fails; the next one ends the run, not ok."""
    check_refusals: int = 1
    """Finishes refused while a changed file fails its own check (a syntax error, an undefined name,
    a type error), each asking for that file again; the next one ends the run, not ok. Counted apart
    from ``finish_refusals``. With 3, the 1.5B left 7 of 9 such single-file runs still failing their
    check, at 2.4x the time, and passed none."""


@dataclass
class RunResult:
    ok: bool
    """The agent finished and every check (file validation, tests) passed."""
    answer: str
    stop_reason: StopReason
    steps: int
    usage: Usage
    messages: list[Message]
    events: list[AgentEvent] = field(default_factory=list)
    files_changed: list[str] = field(default_factory=list)
    escalations: int = 0
    diff: str = ""
    """Unified diff of everything the session changed in the workspace."""


def call_key(call: ToolCall) -> str:
    """A call's identity: its name and arguments, whatever their order."""
    return call.name + json.dumps(call.arguments, sort_keys=True, default=str)


DocExamples = frozenset[tuple[str, str]]
"""Docstring examples: each one's source and expected output, stripped."""


@dataclass
class RunState:
    """Everything one run accumulates."""

    task: str
    messages: list[Message]
    named_files: tuple[str, ...]
    started: float = field(default_factory=time.monotonic)
    step: int = 0
    usage: Usage = field(default_factory=Usage)
    events: list[AgentEvent] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    created: set[str] = field(default_factory=set)
    """Files this run wrote that did not exist before."""
    originals: dict[str, str] = field(default_factory=dict)
    """What each existing file held before this run first changed it."""
    tried: set[str] = field(default_factory=set)
    """Calls made since the workspace last changed: repeating one cannot help."""
    stuck_level: int = 0
    hot_turns: list[float] = field(default_factory=list)
    looped: bool = False
    """Whether the last reply was cut off at the length limit (the next turn penalizes repeats)."""
    escalated_turns: int = 0
    finish_attempts: int = 0
    """Finishes refused because the tests failed (``Limits.finish_refusals`` of them at most)."""
    invalid_finishes: int = 0
    """Finishes refused because a changed file failed its own check (``Limits.check_refusals``)."""
    urged: bool = False
    """Whether a finish before any change was already turned back (not counted as a refusal)."""
    finish_blocked: bool = False
    reminded: bool = False
    """Whether a finish was already met with the files the task names but the run has not changed."""
    noted_lost: bool = False
    """Whether a finish was already met with the definitions the run's writes left out."""
    protected: set[str] = field(default_factory=set)
    """Files the task says not to change, and the test files when tests fail at the start: edits to
    them are refused."""
    stated_examples: tuple[str, ...] = ()
    """The examples the named files' docstrings give as prose (``f(1) ➞ 2``) when the run began, as
    ``assert`` lines: the tests when there are no others. Read once, so no edit can remove them."""
    examples: dict[str, DocExamples] = field(default_factory=dict)
    """Docstring examples by file, when they were the failing tests the run began with: a write
    that leaves one out is refused (a small model deletes the example it cannot pass)."""
    checks_failing: str = ""
    tidied: str = ""
    """What the last edit's check repaired by itself (Go imports it did not use), for its result."""
    unsaved: str = ""
    """Why the last edit was not kept, until an edit is: finishing is no answer to it."""
    feedback: str = ""
    """What the last check (file, tests, a refused finish) said, for payloads written from a focus."""
    failing: int | None = None
    """Failing tests in the last run (None before any run)."""
    best: tuple[int, dict[str, str | None]] | None = None
    """The fewest failing tests seen, and the changed files' texts then (None: did not exist)."""
    seen: list[str] = field(default_factory=list)
    """Files read or changed in this run, most recent last."""
    repo: RepoMap | None = None
    """The project's map when the agent uses one: it also finds the uses of what an edit changed."""
    dependents: dict[str, list[Reference]] = field(default_factory=dict)
    """Lines of other files that use definitions this run changed, by file (found by the map)."""
    follow: list[tuple[str, str]] = field(default_factory=list)
    """Files the agent asks for one by one after a finish left them unchanged, each with why."""
    directed: str | None = None
    """The file this turn was asked to write (from ``follow``)."""
    to_fix: set[str] = field(default_factory=set)
    """Files asked for because they fail their check: written back as they are, they are not done."""
    detector: StuckDetector = field(default_factory=StuckDetector)

    @property
    def changed_paths(self) -> set[str]:
        return {path.removeprefix("./") for path in self.changed}
