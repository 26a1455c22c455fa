"""How the budget reads a conversation: exchanges that must stay whole, pinned messages, and the
short stand-ins (stubs) that replace old tool results and tool-call arguments."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..messages import JsonObject, Message, ToolCall
from .capping import NUMBERED_LINE

PlanMatcher = Callable[[Message], bool]

# Arguments that say best what a call was about, in the order a stub names them.
_TOPIC_KEYS = ("path", "file", "directory", "command", "pattern", "query", "url")


def is_plan(message: Message) -> bool:
    """The default plan matcher: a message named ``plan`` (``Message(role="user", name="plan", ...)``)."""
    return message.name == "plan"


@dataclass(frozen=True)
class Unit:
    """Messages that are kept or removed together: an assistant message with its tool results
    (and anything between them), or one other message. ``end`` is inclusive."""

    start: int
    end: int
    pinned: bool

    def indices(self) -> range:
        return range(self.start, self.end + 1)


class History:
    """A conversation split into units, with the messages that are never changed: the leading
    system messages, the first user message (the task) and the latest plan."""

    def __init__(self, messages: Sequence[Message], plan: PlanMatcher = is_plan) -> None:
        self.messages = list(messages)
        self.pinned = _pinned(self.messages, plan)
        self.calls: dict[str, ToolCall] = {}
        self.units = self._split()

    def _split(self) -> list[Unit]:
        last_result: dict[str, int] = {}
        for index, message in enumerate(self.messages):
            if message.role == "tool" and message.tool_call_id is not None:
                last_result[message.tool_call_id] = index
        units: list[Unit] = []
        start = 0
        while start < len(self.messages):
            end = scan = start
            while scan <= end:
                for call in self.messages[scan].tool_calls if self.messages[scan].role == "assistant" else ():
                    self.calls.setdefault(call.id, call)
                    end = max(end, last_result.get(call.id, scan))
                scan += 1
            pinned = any(i in self.pinned for i in range(start, end + 1))
            units.append(Unit(start, end, pinned))
            start = end + 1
        return units

    def call_of(self, result: Message) -> ToolCall | None:
        return self.calls.get(result.tool_call_id or "")


def _pinned(messages: Sequence[Message], plan: PlanMatcher) -> set[int]:
    pinned: set[int] = set()
    for index, message in enumerate(messages):
        if message.role != "system":
            break
        pinned.add(index)
    task = next((i for i, m in enumerate(messages) if m.role == "user"), None)
    if task is not None:
        pinned.add(task)
    plans = [i for i, m in enumerate(messages) if plan(m)]
    if plans:
        pinned.add(plans[-1])
    return pinned


def _short(value: object, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown_lines(content: str) -> tuple[int, int] | None:
    numbers = NUMBERED_LINE.findall(content)
    return (int(numbers[0]), int(numbers[-1])) if numbers else None


def describe_call(call: ToolCall, result: str | None = None) -> str:
    """A short description such as ``read_file src/a.py lines 1-200`` or ``run_command "pytest -q"``."""
    args = call.arguments
    parts = [call.name]
    for key in _TOPIC_KEYS:
        if key in args:
            topic = _short(args[key])
            parts.append(f'"{topic}"' if key == "command" else topic)
    start, end = args.get("start"), args.get("end")
    shown = _shown_lines(result) if result is not None and (start is not None or "path" in args) else None
    if shown is not None:
        parts.append(f"lines {shown[0]}-{shown[1]}")
    elif start is not None or end is not None:
        parts.append(f"lines {start if start is not None else 1}-{end if end is not None else 'end'}")
    for key, value in args.items():
        if key in _TOPIC_KEYS or key in ("start", "end"):
            continue
        if isinstance(value, str | int | float | bool) and len(str(value)) <= 40:
            parts.append(f"{key}={_short(value, 40)}")
    return " ".join(parts)


def eviction_stub(result: Message, call: ToolCall | None, tokens: int) -> Message:
    what = describe_call(call, result.content) if call is not None else f"{result.name or 'tool'} result"
    return result.model_copy(update={"content": f"[evicted: {what}, {tokens:,} tokens]"})


def omitted(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    return f"[{lines:,} lines ({len(text):,} characters) omitted to save context]"


def shrink_arguments(message: Message, limit: int) -> Message | None:
    """``message`` with every tool-call argument longer than ``limit`` characters replaced by a
    note of its size, or None when no argument is that long."""
    calls: list[ToolCall] = []
    changed = False
    for call in message.tool_calls:
        arguments: JsonObject = {}
        for key, value in call.arguments.items():
            size = len(value) if isinstance(value, str) else len(json.dumps(value, default=str))
            if size > limit:
                arguments[key] = omitted(value)
                changed = True
            else:
                arguments[key] = value
        calls.append(call.model_copy(update={"arguments": arguments}))
    return message.model_copy(update={"tool_calls": tuple(calls)}) if changed else None


def result_gist(content: str) -> str:
    """One line that says what a tool result was, for summaries."""
    shown = _shown_lines(content)
    if shown is not None:
        return f"showed lines {shown[0]}-{shown[1]}"
    for line in content.splitlines():
        if line.strip() and not line.startswith("$ "):
            return _short(line, 100)
    return "(no output)"
