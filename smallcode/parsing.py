"""LenientParser: turns what a small model wrote into tool calls, or into issues it can act on."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import json_repair

from .messages import JsonObject, ToolCall, ToolSpec

IssueKind = Literal["unknown_tool", "bad_arguments", "unparseable"]

_TOOL_CALL = re.compile(r"<tool_call>\s*(.*?)\s*(?:</tool_call>|$)", re.DOTALL)
_FENCE = re.compile(r"```(?:json|tool_call)?\s*\n(.*?)```", re.DOTALL)


@dataclass(frozen=True)
class ParseIssue:
    kind: IssueKind
    message: str
    """Written for the model: what was wrong and how to call again."""
    tool: str | None = None


@dataclass
class ParseResult:
    calls: list[ToolCall] = field(default_factory=list)
    text: str = ""
    issues: list[ParseIssue] = field(default_factory=list)


class LenientParser:
    """Recovers tool calls from model text. Works standalone: ``LenientParser(tools).parse(text)``."""

    def __init__(self, tools: Sequence[ToolSpec] | None = None) -> None:
        self.tools = {t.name: t for t in tools or ()}

    def parse(self, text: str) -> ParseResult:
        result = ParseResult()
        spans: list[tuple[int, int]] = []
        for match in _TOOL_CALL.finditer(text):
            spans.append(match.span())
            self._add(match.group(1), result)
        if not spans:
            for match in _FENCE.finditer(text):
                before = len(result.calls)
                self._add(match.group(1), result, quiet=True)
                if len(result.calls) > before:
                    spans.append(match.span())
        kept: list[str] = []
        cursor = 0
        for start, end in spans:
            kept.append(text[cursor:start])
            cursor = end
        kept.append(text[cursor:])
        result.text = "".join(kept).strip()
        return result

    def _add(self, payload: str, result: ParseResult, *, quiet: bool = False) -> None:
        data = _decode(payload)
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            if not quiet:
                result.issues.append(
                    ParseIssue(
                        "unparseable",
                        'Your tool call is not valid JSON. Write it as <tool_call>{"name": "TOOL", '
                        '"arguments": {...}}</tool_call>.',
                    )
                )
            return
        name = data["name"]
        arguments = data.get("arguments", data.get("parameters", {}))
        if isinstance(arguments, str):
            arguments = _decode(arguments)
        if not isinstance(arguments, dict):
            result.issues.append(
                ParseIssue("bad_arguments", f"The arguments of {name} must be a JSON object.", tool=name)
            )
            return
        if self.tools and name not in self.tools:
            known = ", ".join(sorted(self.tools))
            result.issues.append(
                ParseIssue(
                    "unknown_tool", f"There is no tool named {name!r}. Use one of: {known}.", tool=name
                )
            )
            return
        result.calls.append(ToolCall(name=name, arguments=_as_object(arguments)))


def _decode(payload: str) -> object:
    try:
        return json.loads(payload)
    except json.JSONDecodeError:
        pass
    try:
        return json_repair.loads(payload)
    except Exception:  # json-repair raises assorted errors on hopeless input
        return None


def _as_object(value: dict[object, object]) -> JsonObject:
    return {str(k): v for k, v in value.items()}
