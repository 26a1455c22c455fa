"""The shapes a decoded value can take when it is a tool call (OpenAI, Hermes, ReAct, flat, …)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

NAME_KEYS = (
    "name",
    "tool",
    "tool_name",
    "function",
    "function_name",
    "action",
    "recipient_name",
    "tool_code",
)
ARGUMENT_KEYS = (
    "arguments", "args", "parameters", "params", "input", "action_input", "tool_input", "inputs",
    "kwargs", "argument", "parameter", "arguments_json",
)  # fmt: skip
WRAPPER_KEYS = ("function", "function_call", "tool_call", "call")
LIST_KEYS = ("tool_calls", "calls", "function_calls", "tools")
_IGNORED = frozenset(("id", "type", "call_id", "index"))
_CALL_KEYS = frozenset((*NAME_KEYS, *ARGUMENT_KEYS, *WRAPPER_KEYS, *LIST_KEYS, *_IGNORED))


@dataclass(frozen=True)
class RawCall:
    """A call as written: the name and the arguments before any checking."""

    name: str
    arguments: object
    strong: bool
    """Written in an explicit call shape (an arguments key, a function wrapper): a failure is
    worth an issue. Weak shapes (``{"name": "read_file", "path": "a.py"}``, ``{"read_file": {…}}``)
    count only when the name is a known tool."""


@dataclass(frozen=True)
class SchemaEcho:
    """The model wrote a tool definition (name, description, JSON-schema parameters) instead of a call."""

    name: str


Found = RawCall | SchemaEcho


def find_calls(value: object, is_tool: Callable[[str], bool], depth: int = 0) -> list[Found]:
    """Every call in a decoded JSON value; [] when it is not call-shaped. Keys are matched without
    regard to case or spaces (``"Action"``, ``"Action Input"``)."""
    if depth > 4:
        return []
    if isinstance(value, list):
        found: list[Found] = []
        for item in value:
            found.extend(find_calls(item, is_tool, depth + 1))
        return found
    if not isinstance(value, dict):
        return []
    value = _keys_folded(value)
    for key in LIST_KEYS:
        listed = value.get(key)
        if isinstance(listed, list) and listed and all(isinstance(i, dict) for i in listed):
            nested = find_calls(listed, is_tool, depth + 1)
            if nested:
                return nested
    for key in WRAPPER_KEYS:
        inner = value.get(key)
        if isinstance(inner, dict) and isinstance(inner.get("name"), str):
            return find_calls(inner, is_tool, depth + 1)
    return _one_call(value, is_tool)


def _one_call(value: Mapping[str, object], is_tool: Callable[[str], bool]) -> list[Found]:
    name_key = next((k for k in NAME_KEYS if isinstance(value.get(k), str) and value[k]), None)
    if name_key is None:
        if len(value) == 1:
            ((key, inner),) = value.items()
            if isinstance(inner, dict) and is_tool(key):
                return [RawCall(key, inner, strong=False)]
        return []
    name = str(value[name_key]).strip()
    args_key = next((k for k in ARGUMENT_KEYS if k in value and k != name_key), None)
    if args_key is not None:
        arguments = value[args_key]
        if _is_schema(arguments) and ("description" in value or "required" in arguments):  # type: ignore[operator]
            return [SchemaEcho(name)]
        return [RawCall(name, arguments, strong=True)]
    if not is_tool(name):
        return []
    rest = {k: v for k, v in value.items() if k != name_key and k not in _IGNORED}
    if "description" in rest and isinstance(rest.get("parameters"), dict):
        return [SchemaEcho(name)]
    return [RawCall(name, rest, strong=False)]


def _keys_folded(value: Mapping[str, object]) -> dict[str, object]:
    """The call-level keys in lower case with ``_`` for spaces; argument names are left alone."""
    out: dict[str, object] = {}
    for key, item in value.items():
        folded = str(key).strip().lower().replace(" ", "_").replace("-", "_")
        known = folded in _CALL_KEYS
        out[folded if known and folded not in out else str(key)] = item
    return out


def _is_schema(value: object) -> bool:
    return (
        isinstance(value, dict)
        and value.get("type") == "object"
        and isinstance(value.get("properties"), dict)
    )
