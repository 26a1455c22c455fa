"""The state of one parse: claimed spans, what was found in them, and how a found call is checked."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from ..messages import JsonObject, ToolCall
from .decode import Decoded, decode, exact
from .forms import Block
from .result import CallOrigin, IssueKind, ParseIssue, Shape
from .scan import JSON_OPEN, Fence, Group, fences, outline, scan_group
from .schema import Checked
from .shapes import ARGUMENT_KEYS, LIST_KEYS, WRAPPER_KEYS, Found, RawCall, SchemaEcho, find_calls

if TYPE_CHECKING:
    from .parser import LenientParser

_STRONG_KEYS = "|".join(re.escape(k) for k in (*ARGUMENT_KEYS, *LIST_KEYS, *WRAPPER_KEYS))
_STRONG_TRIGGER = re.compile(rf"[\"']?(?:{_STRONG_KEYS})[\"']?\s*:")
_IDENTIFIER = re.compile(r"[A-Za-z_][\w.\-]{0,80}")
_TRIM_TRIES = 3
_SCAN_BUDGET_PER_CHAR = 8
_SCAN_BUDGET_BASE = 100_000
_REPAIRS = 64
_TRUNCATED = (
    "Your call to {name} was cut off before it ended. Call {name} again with the complete arguments "
    "(shorten long content if it does not fit)."
)
_LOSSY = (
    "Your call to {name} is not valid JSON, and repairing it would lose part of what you wrote. "
    'Call {name} again with valid JSON: inside strings write \\" for a quote and \\n for a newline.'
)
_NOT_AN_OBJECT = "The arguments of {name} must be a JSON object: {expected}."
_ECHO = (
    "You wrote the definition of {name} instead of calling it. Call it with real values: "
    '{{"name": "{name}", "arguments": {expected}}}.'
)
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


class Run:
    """One parse: the spans claimed so far and the calls and issues found in them."""

    def __init__(self, parser: LenientParser, text: str) -> None:
        self.parser = parser
        self.index = parser.index
        self.text = text
        self.fences = fences(text)
        self._fence_starts = [fence.start for fence in self.fences]
        self.fence_by_start = {fence.start: fence for fence in self.fences}
        self.outline = outline(text)
        self._group_starts = [group.start for group in self.outline.groups]
        self._starts: list[int] = []
        self._ends: list[int] = []
        self.found: list[tuple[int, ToolCall | ParseIssue, CallOrigin | None]] = []
        self._budget = _SCAN_BUDGET_PER_CHAR * len(text) + _SCAN_BUDGET_BASE
        self._repairs = _REPAIRS

    # -- bookkeeping ----------------------------------------------------------------------------

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] > start:
            return False
        return not (i + 1 < len(self._starts) and self._starts[i + 1] < end)

    def claim(self, start: int, end: int) -> None:
        if end <= start:
            return
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def issue(
        self, at: int, kind: IssueKind, message: str, tool: str | None = None, field: str | None = None
    ) -> None:
        excerpt = self.text[at : at + 80]
        self.found.append((at, ParseIssue(kind, message, tool, field, excerpt), None))

    def scan(self, start: int, opens: frozenset[str] = JSON_OPEN, limit: int | None = None) -> Group:
        """``scan_group`` from ``start``, out of a budget of characters for the whole parse.

        Passes that start at many places (every ``read_file(`` line, every marker) would scan to the end
        of the text from each unclosed one; the budget keeps a parse linear even on such input.
        """
        stop = len(self.text) if limit is None else limit
        group = scan_group(self.text, start, opens, limit=min(stop, start + max(self._budget, 1)))
        self._budget -= group.end - start
        return group

    def decode(self, source: str, missing: str = "") -> Decoded | None:
        """``decode`` with at most ``_REPAIRS`` json-repair runs per parse: each costs far more than the
        rest of the parser, and text with thousands of broken values must still parse in linear time."""
        decoded = decode(source, missing, repair=self._repairs > 0)
        if decoded is None or decoded.method == "repair":
            self._repairs -= 1
        return decoded

    def fence_at(self, pos: int) -> Fence | None:
        """The fence whose body holds ``pos``."""
        i = bisect.bisect_right(self._fence_starts, pos) - 1
        if i >= 0 and self.fences[i].body_start <= pos < self.fences[i].body_end:
            return self.fences[i]
        return None

    # -- from found calls to ToolCalls or issues -------------------------------------------------

    def value(self, group: Group, source: str, at: int, shape: Shape, *, explicit: bool) -> bool:
        """Decode one bracketed value and record the calls (or issues) in it."""
        span = (at, group.end)
        decoded = self.decode(source, group.missing)
        if decoded is None:
            if explicit or _STRONG_TRIGGER.search(source):
                kind: IssueKind = "truncated" if group.open_string else "unparseable"
                message = (
                    "The tool call was cut off."
                    if kind == "truncated"
                    else "The tool call is not valid JSON."
                )
                self.issue(at, kind, self.unparseable_message(message))
                return True
            return False
        is_tool = (lambda _: True) if explicit else self.parser.is_tool
        calls = find_calls(decoded.value, is_tool)
        if not calls:
            if explicit:
                self.issue(at, "unparseable", self.unparseable_message("That JSON is not a tool call."))
                return True
            return False
        recorded = False
        for found in calls:
            recorded = (
                self.emit(found, span, shape, decoded, group.open_string, explicit=explicit) or recorded
            )
        return recorded

    def trim(self, group: Group) -> Group:
        """An unclosed value without the prose after it: ``{"name": …, "arguments": {…}`` then text.

        Cuts after one of the last few ``}``/``]`` when the value up to there, completed with its
        missing brackets, reads exactly; otherwise the value runs to the end as it was.
        """
        text = self.text
        if group.closed or group.open_string or exact(text[group.start : group.end].rstrip() + group.missing):
            return group
        cut = group.end
        for _ in range(_TRIM_TRIES):
            cut = max(text.rfind("}", group.start, cut), text.rfind("]", group.start, cut))
            if cut <= group.start:
                break
            shorter = self.scan(group.start, limit=cut + 1)
            if not shorter.open_string and exact(text[group.start : cut + 1] + shorter.missing):
                return shorter
        return group

    def block(self, block: Block, at: int, shape: Shape, *, explicit: bool) -> bool:
        """A labelled or YAML-like call. Outside a tag it must name a known tool, or be an explicit
        ``Action: NAME`` with JSON arguments, to count: prose and code are full of ``key: value``."""
        known = self.index.resolve(block.name) if self.index else None
        if not explicit:
            if known is None and not (block.action and block.given_arguments):
                return False
            if known is not None and known != block.name and not block.action:
                return False  # ``Name: Finish`` in prose is a person's name, not the finish tool
            if known is not None and not (block.arguments or block.action):
                return False
        arguments = dict(block.arguments)
        if "" in arguments:
            value = arguments.pop("")
            required = self.index.required(known) if known else []
            if len(required) != 1:
                if known is None and not explicit:
                    return False
                message = f"Write the arguments of {block.name} as a JSON object: {self.expected(known)}."
                self.issue(at, "bad_arguments", message, known or block.name)
                return True
            arguments[required[0]] = value
        if shape == "labelled" and not block.action:
            shape = "yaml"
        raw = RawCall(block.name, arguments, strong=True)
        decoded = Decoded(arguments, "repair" if block.repaired else "json")
        return self.emit(raw, (block.start, block.end), shape, decoded, block.cut, explicit=True)

    def python_raw(
        self,
        name: str,
        positional: list[object],
        keywords: dict[str, object],
        span: tuple[int, int],
        shape: Shape,
    ) -> bool:
        known = self.index.resolve(name) if self.index else name
        arguments: dict[str, object] = dict(keywords)
        if positional and known is not None and self.index:
            order = list(self.index.properties(known))
            if len(positional) > len(order) or any(key in keywords for key in order[: len(positional)]):
                message = f"Call {known} with named arguments: {self.expected(known)}."
                self.issue(span[0], "bad_arguments", message, known)
                return True
            arguments.update(zip(order, positional, strict=False))
        elif positional:
            arguments["args"] = positional
        return self.emit(RawCall(name, arguments, strong=True), span, shape, None, False, explicit=True)

    def emit(
        self,
        found: Found,
        span: tuple[int, int],
        shape: Shape,
        decoded: Decoded | None,
        cut: bool,
        *,
        explicit: bool,
    ) -> bool:
        """Record ``found`` as a checked call or as an issue; False when it is no call at all.

        ``decoded`` is how its text was read (None for text that was not JSON), ``cut`` whether the
        text ended inside it, ``explicit`` whether the model marked it as a call (a tag, a call line).
        """
        at = span[0]
        if isinstance(found, SchemaEcho):
            return self.schema_echo(found, at, explicit=explicit)
        name = self.tool_name(found, decoded, at, explicit=explicit)
        if isinstance(name, bool):
            return name
        fixes = [f"renamed tool {found.name} to {name}"] if name != found.name else []
        arguments, decoded = self.unpack(found.arguments, name, decoded, fixes)
        if cut:
            self.issue(at, "truncated", _TRUNCATED.format(name=name), name)
        elif decoded is not None and decoded.lossy:
            self.issue(at, "lossy_repair", _LOSSY.format(name=name), name)
        elif not isinstance(arguments, dict):
            self.issue(
                at, "bad_arguments", _NOT_AN_OBJECT.format(name=name, expected=self.expected(name)), name
            )
        else:
            arguments = {str(k): v for k, v in arguments.items()}
            if self.index:
                strict_keys = decoded is not None and decoded.method == "repair"
                checked = self.index.check(name, arguments, strict_keys=strict_keys, guess=shape != "yaml")
                if not isinstance(checked, Checked):
                    self.issue(at, "bad_arguments", checked.message, name, checked.field)
                    return True
                arguments = checked.arguments
                fixes.extend(checked.fixes)
            repaired = decoded is not None and decoded.repaired
            call = ToolCall(name=name, arguments=_json_object(arguments))
            self.found.append((at, call, CallOrigin(shape, span[0], span[1], repaired, tuple(fixes))))
        return True

    def schema_echo(self, found: SchemaEcho, at: int, *, explicit: bool) -> bool:
        echoed = self.index.resolve(found.name) if self.index else found.name
        if echoed is None and not explicit:
            return False
        name = echoed or found.name
        self.issue(at, "schema_echo", _ECHO.format(name=name, expected=self.expected(echoed)), name)
        return True

    def tool_name(self, found: RawCall, decoded: Decoded | None, at: int, *, explicit: bool) -> str | bool:
        """The tool ``found`` names; or, when there is none, whether that was reported as an issue."""
        if not self.index:
            return found.name
        name = self.index.resolve(found.name)
        if name is not None:
            return name
        # Outside tags an unknown name counts only in clean JSON with an explicit call shape:
        # code is full of dicts like {"name": self.name, "arguments": args} that json-repair "fixes".
        guessed = decoded is not None and decoded.method == "repair"
        if not explicit and (not found.strong or guessed or not _IDENTIFIER.fullmatch(found.name)):
            return False
        message = f"There is no tool named {found.name!r}. Use one of: {self.index.names()}."
        self.issue(at, "unknown_tool", message, found.name)
        return True

    def unpack(
        self, arguments: object, name: str, decoded: Decoded | None, fixes: list[str]
    ) -> tuple[object, Decoded | None]:
        """Arguments written as a JSON string, decoded (a lossy decode replaces ``decoded``); a plain
        string goes to the tool's one required parameter."""
        if arguments is None:
            return {}, decoded
        if not isinstance(arguments, str):
            return arguments, decoded
        inner = self.decode(arguments) if arguments.strip() else Decoded({}, "json")
        if inner is not None and isinstance(inner.value, dict):
            worse = decoded is None or inner.lossy or (inner.repaired and not decoded.repaired)
            return inner.value, inner if worse else decoded
        single = self.index.single_parameter(name) if self.index else None
        if single is None:
            return arguments, decoded
        fixes.append(f"took the arguments string as {single}")
        return {single: arguments}, decoded

    def expected(self, name: str | None) -> str:
        if name is None or name not in self.index.specs:
            return "{...}"
        return self.index.expected(name)

    def unparseable_message(self, problem: str) -> str:
        example = next(iter(self.parser.tools), "TOOL")
        return (
            f'{problem} Write one call as <tool_call>{{"name": "{example}", "arguments": {{...}}}}'
            "</tool_call> with valid JSON."
        )

    # -- what is left: prose ------------------------------------------------------------------

    def absorb_fences(self) -> None:
        """A fence that holds nothing but calls goes with them."""
        for fence in self.fences:
            i = bisect.bisect_left(self._starts, fence.body_start)
            inside: list[tuple[int, int]] = []
            while i < len(self._starts) and self._starts[i] < fence.body_end:
                inside.append((self._starts[i], self._ends[i]))
                i += 1
            if not inside or inside[-1][1] > fence.end:
                continue
            pos = fence.body_start
            rest = []
            for start, end in inside:
                rest.append(self.text[pos:start])
                pos = end
            rest.append(self.text[pos : fence.body_end])
            if "".join(rest).strip():
                continue
            for start, _ in inside:
                j = self._starts.index(start)
                del self._starts[j], self._ends[j]
            self.claim(fence.start, fence.end)

    def prose(self) -> str:
        """The text outside the claimed spans. Where a span sat on its own lines the pieces around it
        become paragraphs; where it sat inside a line they are joined with a space."""
        pieces: list[str] = []
        pos = 0
        for start, end in zip(self._starts, self._ends, strict=True):
            pieces.append(self.text[pos:start])
            pos = max(pos, end)
        pieces.append(self.text[pos:])
        out = ""
        for piece in pieces:
            if not piece.strip():
                continue
            if not out:
                out = piece
            elif out.rstrip(" \t").endswith("\n") or piece.lstrip(" \t").startswith("\n"):
                out = out.rstrip() + "\n\n" + _LEADING_BLANK_LINES.sub("", piece)
            else:
                out = out.rstrip() + " " + piece.lstrip()
        return out.strip()


def _json_object(arguments: dict[str, object]) -> JsonObject:
    return {str(k): v for k, v in arguments.items()}
