"""Calls written as text rather than JSON: Python call syntax, labelled / YAML-like blocks, intent."""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import yaml  # type: ignore[import-untyped]

from ..messages import ToolSpec
from .decode import Decoded, triple_quotes_as_json
from .scan import JSON_OPEN, Fence, Group, line_end


class Reader(Protocol):
    """What reading a block needs from the parse: its budgeted scanning and decoding."""

    def scan(self, start: int, opens: frozenset[str] = JSON_OPEN, limit: int | None = None) -> Group: ...

    def decode(self, source: str, missing: str = "") -> Decoded | None: ...


# -- Python call syntax: read_file(path="a.py", start=3) --------------------------------------


@dataclass(frozen=True)
class PythonCall:
    name: str
    positional: list[object]
    keywords: dict[str, object]


def python_call(source: str) -> PythonCall | None:
    """``source`` read as one Python call with literal arguments; None for anything else."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences in model text
            tree = ast.parse(triple_quotes_as_json(source.strip()), mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    node = tree.body
    if not isinstance(node, ast.Call):
        return None
    name = _dotted(node.func)
    if name is None:
        return None
    try:
        positional = [ast.literal_eval(arg) for arg in node.args]
        keywords: dict[str, object] = {}
        for keyword in node.keywords:
            if keyword.arg is None:
                return None
            keywords[keyword.arg] = ast.literal_eval(keyword.value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return PythonCall(name, positional, keywords)


def looks_like_call(source: str) -> bool:
    """Whether ``source`` is one Python call (whatever its arguments are)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return isinstance(ast.parse(triple_quotes_as_json(source.strip()), mode="eval").body, ast.Call)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def python_call_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """Line starts where one of ``names`` is called (with optional ``functions.`` and backtick)."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(
        rf"^[ \t]*(?:[-*>][ \t]+)?`?((?:functions\.|tools\.|default_api\.)?(?:{alternatives}))[ \t]*\(",
        re.MULTILINE,
    )


_CALL_TAIL = re.compile(r"[ \t]*[`;.]?[ \t]*`?[ \t]*(?:\n|$)")


def call_end(text: str, group: Group) -> int | None:
    """The end of a call statement whose arguments are ``group``: only trailing blanks may follow it."""
    if not group.closed:
        return None
    tail = _CALL_TAIL.match(text, group.end)
    return group.end if tail is not None else None


# -- labelled and YAML-like blocks ------------------------------------------------------------

_HEADER = re.compile(
    r"^[ \t]*(?:[-*>][ \t]+)?(?:\*\*)?(action|tool|tool[ _]name|tool[ _]call|function|function[ _]name|name|"
    r"use[ _]tool)(?:\*\*)?[ \t]*:[ \t]*(?:\*\*)?[ \t]*"
    r"[`'\"]?([A-Za-z_][\w.\-]*(?:[ \t]+[\w.\-]+)*)[`'\"]?(\([^\n]*\))?[ \t]*(?:\*\*)?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_ARGUMENTS = re.compile(
    r"[ \t]*(?:[-*>][ \t]+)?(?:\*\*)?(?:arguments|args|action[ _]input|input|parameters|params|tool[ _]input)"
    r"(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*",
    re.IGNORECASE,
)
_PAYLOAD = re.compile(r"[ \t]*(?:\*\*)?`?([A-Za-z_]\w*)`?(?:\*\*)?[ \t]*:[ \t]*\n")
_KEY_LINE = re.compile(r"([ \t]*)(?:[-*][ \t]+)?([A-Za-z_][\w\-]*)[ \t]*:(?:[ \t]+[^\n]*)?(?:\n|$)")
_BLOCK_LINES = 64
# Every scalar stays the exact string written; pydantic coerces it later. The C loader when present.
_YAML_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_ACTION_HEADERS = {"action", "tool", "tool call", "function", "use tool"}


@dataclass(frozen=True)
class Block:
    name: str
    arguments: dict[str, object]
    start: int
    end: int
    action: bool
    """The header is action-like (``Action:``, ``Tool:``, ``Function:``), not just ``name:``."""
    given_arguments: bool
    """Arguments were written explicitly: a JSON object after ``Arguments:`` or ``NAME(...)``."""
    repaired: bool = False
    cut: bool = False
    """The arguments' JSON ended inside a string (cut off at the length limit)."""


def headers(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    return list(_HEADER.finditer(text, start, len(text) if end is None else end))


def read_block(
    text: str, header: re.Match[str], fence_at: Mapping[int, Fence], reader: Reader, limit: int
) -> Block:
    """The arguments written after a header line, as far as they go (a JSON value no further than
    ``limit``, the next header)."""
    key = header.group(1).lower().replace("_", " ")
    name = header.group(2)
    arguments: dict[str, object] = {}
    given_arguments = False
    repaired = False
    cut = False
    pos = min(header.end() + 1, len(text))
    end = header.end()
    for _ in range(_BLOCK_LINES):
        if pos >= len(text) or _HEADER.match(text, pos):  # the next call begins
            break
        line_stop = line_end(text, pos)
        if not text[pos:line_stop].strip():
            nxt = min(line_stop + 1, len(text))
            if nxt >= len(text) or not text[nxt : line_end(text, nxt)].strip():
                break
            if not (_ARGUMENTS.match(text, nxt) or _PAYLOAD.match(text, nxt) or nxt in fence_at):
                break
            pos = nxt
            continue
        args_line = _ARGUMENTS.match(text, pos)
        if args_line is not None:
            read = _arguments_value(text, args_line.end(), fence_at, reader, limit)
            value, pos = read.value, read.end
            repaired = repaired or read.repaired
            cut = cut or read.cut
            if isinstance(value, dict):
                given_arguments = True
                arguments.update({str(k): v for k, v in value.items()})
            elif isinstance(value, str) and value:
                arguments[""] = value
            end = pos
            continue
        payload = _PAYLOAD.match(text, pos)
        if payload is not None and payload.end() in fence_at:
            fence = fence_at[payload.end()]
            arguments[payload.group(1)] = text[fence.body_start : fence.body_end]
            pos = end = fence.end
            continue
        key_line = _KEY_LINE.match(text, pos)
        if key_line is None:
            break
        chunk_end = _indented_end(text, key_line.end(), len(key_line.group(1)))
        loaded = _yaml_mapping(text[pos:chunk_end])
        if loaded is None:
            break
        arguments.update(loaded)
        pos = end = chunk_end
    if header.group(3):  # Action: read_file("a.py"), with or without an Arguments line after it
        call = python_call(name + header.group(3))
        given_arguments = given_arguments or call is not None
        if call is not None and not arguments and not call.positional:
            arguments = dict(call.keywords)
        elif call is not None and not arguments and len(call.positional) == 1 and not call.keywords:
            arguments[""] = call.positional[0]
    action = key in _ACTION_HEADERS
    return Block(name, arguments, header.start(), end, action, given_arguments, repaired, cut)


@dataclass(frozen=True)
class _Read:
    value: object
    end: int
    repaired: bool = False
    cut: bool = False


def _arguments_value(text: str, pos: int, fence_at: Mapping[int, Fence], reader: Reader, limit: int) -> _Read:
    """The value after ``Arguments:``: inline JSON, JSON on the next lines, a fence, or YAML lines."""
    stop = line_end(text, pos)
    inline = text[pos:stop].strip()
    nxt = min(stop + 1, len(text))
    if inline and inline[0] not in JSON_OPEN:
        return _Read(inline.strip("`'\""), nxt)
    if not inline and nxt in fence_at:
        fence = fence_at[nxt]
        decoded = reader.decode(text[fence.body_start : fence.body_end])
        return _Read(decoded.value if decoded else None, fence.end, bool(decoded and decoded.repaired))
    first = inline or text[nxt : line_end(text, nxt)].lstrip()
    if first[:1] in JSON_OPEN:
        start = text.index(first[0], pos)
        group = reader.scan(start, limit=max(limit, start + 1))
        decoded = reader.decode(text[start : group.end], group.missing)
        after = min(line_end(text, group.end) + 1, len(text))
        value = decoded.value if decoded else None
        return _Read(value, after, bool(decoded and decoded.repaired), group.open_string)
    if first and text[nxt] in " \t":
        chunk_end = _indented_end(text, nxt, 0)
        return _Read(_yaml_mapping(text[nxt:chunk_end]), chunk_end)
    return _Read(None, nxt)


def _indented_end(text: str, pos: int, indent: int) -> int:
    """The end of the lines from ``pos`` on that are indented deeper than ``indent`` (or blank inside)."""
    end = pos
    while pos < len(text):
        stop = line_end(text, pos)
        line = text[pos:stop]
        if line.strip():
            if len(line) - len(line.lstrip(" \t")) <= indent:
                break
            end = min(stop + 1, len(text))
        pos = stop + 1
    return end


def _yaml_mapping(chunk: str) -> dict[str, object] | None:
    """A YAML mapping with every scalar kept as the exact string written (coercion comes later)."""
    try:
        loaded = yaml.load(_dedent(chunk), Loader=_YAML_LOADER)
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    if not isinstance(loaded, dict):
        return None
    return {str(k): v for k, v in loaded.items()}


def _dedent(chunk: str) -> str:
    lines = chunk.splitlines(keepends=True)
    widths = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
    cut = min(widths, default=0)
    return "".join(line[cut:] if line.strip() else line.lstrip(" \t") for line in lines)


def named_line_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """Lines that start with a tool name: ``read_file {…}``, ``read_file:``, ``run_command pytest``."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(
        rf"^[ \t]*(?:[-*>][ \t]+)?(?:\*\*)?`?((?:functions\.)?(?:{alternatives}))`?(?:\*\*)?(?![\w.\-])"
        r"[ \t]*(:?)[ \t]*([^\n]*)$",
        re.MULTILINE | re.IGNORECASE,
    )


def read_named_block(text: str, pos: int) -> tuple[dict[str, object], int] | None:
    """The indented YAML mapping under a ``read_file:`` line, and where it ends."""
    start = min(pos + 1, len(text))
    end = _indented_end(text, start, 0)
    if end <= start:
        return None
    mapping = _yaml_mapping(text[start:end])
    return None if mapping is None else (mapping, end)


_TOKEN = re.compile(r"[\w./\-:@~+]+")
_NOT_AN_ARGUMENT = frozenset(
    (
        "is", "are", "was", "were", "be", "the", "a", "an", "to", "will", "would", "can", "could", "should",
        "may", "might", "tool", "function", "returns", "runs", "reads", "writes", "lists", "with", "for",
        "and", "or", "not", "has", "have", "does", "did", "this", "that", "it", "which", "here", "now",
    )
)  # fmt: skip
_COMMANDS = frozenset(
    (
        "pytest", "python", "python3", "pip", "npm", "npx", "node", "yarn", "make", "ls", "cat", "git", "go",
        "cargo", "ruff", "mypy", "bash", "sh", "uv", "poetry", "tox", "grep", "find", "echo", "cd", "./",
    )
)  # fmt: skip


def single_argument(parameter: str, rest: str) -> bool:
    """Whether the text after a bare tool name reads as its one argument rather than as a sentence:
    quoted, one word that is not an English function word, or a familiar program and its options."""
    value = rest.strip()
    if value[:1] in "`'\"" and value[-1:] == value[:1] and len(value) > 2:
        return True
    if _TOKEN.fullmatch(value):
        return value.lower() not in _NOT_AN_ARGUMENT
    first = value.split(maxsplit=1)[0] if value else ""
    return parameter == "command" and (first in _COMMANDS or first.startswith("./"))


# -- plain-text intent: "I'll read src/app.py" ------------------------------------------------

_INTENT = re.compile(
    r"(?i)(?:\bI(?:'ll| will| am going to|'m going to| need to| want to| would like to|'d like to)"
    r"|\blet me|\blet's|\bfirst,? I(?:'ll| will))[ \t]+(?:first[ \t]+|now[ \t]+|quickly[ \t]+)?"
    r"(read|open|view|look at|check|inspect|examine|show|cat|list|run|execute)[ \t]+"
    r"(?:(?:the|a)[ \t]+)?(?:contents?[ \t]+of[ \t]+(?:the[ \t]+)?)?(?:files[ \t]+in[ \t]+(?:the[ \t]+)?)?"
    r"(?:(?:file|directory|folder|command)[ \t]+)?"
    r"(`[^`\n]+`|'[^'\n]+'|\"[^\"\n]+\"|[^\s`'\"]+)"
)
_PATH = re.compile(r"(?:[\w.\-]+/)*[\w\-]+(?:\.[A-Za-z0-9]{1,8})+|(?:[\w.\-]+/)+[\w.\-]*")
_MORE = re.compile(r"[ \t]*(?:,|and\b|&)[ \t]*(?:the[ \t]+)?`?[\w.\-]+(?:/[\w.\-]+)*\.\w+")
_READ_VERBS = {"read", "open", "view", "look at", "check", "inspect", "examine", "show", "cat"}


@dataclass(frozen=True)
class Intent:
    tool: str
    arguments: dict[str, object]
    start: int
    end: int


def intents(text: str, tools: Sequence[ToolSpec]) -> list[Intent]:
    """Every unambiguous "I'll read PATH" / "let me run `CMD`" in ``text`` that one tool fits."""
    found: list[Intent] = []
    for match in _INTENT.finditer(text):
        verb = " ".join(match.group(1).lower().split())
        target = match.group(2)
        quoted = target[:1] in "`'\""
        value = target[1:-1].strip() if quoted else target.rstrip(".,:;!?)")
        if _MORE.match(text, match.end()):
            continue
        if verb in ("run", "execute"):
            tool = _tool_for(tools, ("command",), ("run", "exec", "shell", "bash", "command"))
            if tool is None or target[:1] != "`" or not value:
                continue
            found.append(Intent(tool, {"command": value}, match.start(), match.end()))
            continue
        if verb == "list":
            tool = _tool_for(tools, ("directory",), ("list", "ls")) or _tool_for(
                tools, ("path",), ("list", "ls")
            )
            if tool is None or not (quoted or value.endswith("/")) or not re.fullmatch(r"[\w./\-]+", value):
                continue
            key = "directory" if "directory" in _params(tools, tool) else "path"
            found.append(Intent(tool, {key: value.rstrip("/") or "."}, match.start(), match.end()))
        elif verb in _READ_VERBS:
            if not _PATH.fullmatch(value) or value.startswith(("http", "www.")):
                continue
            tool = _tool_for(tools, ("path",), ("read", "view", "open", "cat"))
            if tool is None:
                continue
            found.append(Intent(tool, {"path": value}, match.start(), match.end()))
    return found


def _params(tools: Sequence[ToolSpec], name: str) -> set[str]:
    spec = next(t for t in tools if t.name == name)
    props = spec.parameters.get("properties")
    return set(props) if isinstance(props, dict) else set()


def _tool_for(tools: Sequence[ToolSpec], required: tuple[str, ...], words: tuple[str, ...]) -> str | None:
    """The one tool whose name has one of ``words`` and whose required parameters are ``required``."""
    fits = []
    for spec in tools:
        needed = spec.parameters.get("required")
        needed_list = [str(n) for n in needed] if isinstance(needed, list) else []
        props = spec.parameters.get("properties")
        has = set(props) if isinstance(props, dict) else set()
        name = spec.name.lower()
        if any(w in name for w in words) and set(required) <= has and set(needed_list) <= set(required):
            fits.append(spec.name)
    return fits[0] if len(fits) == 1 else None
