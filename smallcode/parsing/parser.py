"""LenientParser: every shape of "almost tool call" a small model writes, in one linear pass each."""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence

from ..messages import ToolCall, ToolSpec
from .forms import (
    call_end,
    headers,
    intents,
    looks_like_call,
    named_line_pattern,
    python_call,
    python_call_pattern,
    read_block,
    read_named_block,
    single_argument,
)
from .markers import MarkerPass
from .result import CallOrigin, ParseIssue, ParseResult, Shape
from .scan import GROUP_OPEN, JSON_OPEN, Fence, line_start
from .schema import Checked, ToolIndex
from .shapes import LIST_KEYS, NAME_KEYS, WRAPPER_KEYS, RawCall

logger = logging.getLogger(__name__)

_PLAUSIBLE_OPEN = re.compile(r"\{\s*[\"']?[A-Za-z_]|\[\s*\{")
_DATA_FENCES = {
    "", "json", "json5", "jsonc", "tool_call", "tool", "tool_code", "function", "text", "txt", "plaintext",
    "xml", "yaml", "yml", "html",
}  # fmt: skip
_SHELL_FENCES = {"bash", "sh", "shell", "console", "zsh", "cmd"}
_CODE_FENCES = {"", "python", "py", "python3", "tool_code", "tool_call", "tool", "json"}
_UNCLOSED_TRIES = 4
_UNCLOSED_LOOK = 64
_INTENT_MAX_CHARS = 4000


def _trigger(tools: Sequence[str]) -> re.Pattern[str]:
    """What a JSON value must contain to be worth decoding as a call: a name key with a string
    value, a call list or wrapper, or a tool name as a key. Code is full of other dicts."""

    def keys(names: Sequence[str]) -> str:
        return "[\"']?(?:" + "|".join(re.escape(k) for k in names) + ")[\"']?\\s*:\\s*"

    parts = [keys(NAME_KEYS) + "[\"'`]", keys((*LIST_KEYS, *WRAPPER_KEYS)) + "[\\[{]"]
    if tools:
        parts.append(keys(tools) + "\\{")
    return re.compile("|".join(parts), re.IGNORECASE)


class LenientParser:
    """Recovers tool calls from model text. Works standalone: ``LenientParser(tools).parse(text)``.

    With ``tools`` it checks each call against its tool's schema (fixing names, argument aliases and
    types where that is unambiguous) and also reads Python call syntax, YAML-like blocks and plain
    intent ("I'll read src/app.py"); without tools it returns whatever explicit calls it finds.
    ``intent=False`` turns off the inference from prose; ``max_issues`` caps the issues returned (a
    reply full of broken calls should not become a prompt full of error messages).
    """

    def __init__(
        self, tools: Sequence[ToolSpec] | None = None, *, intent: bool = True, max_issues: int = 10
    ) -> None:
        self.specs: tuple[ToolSpec, ...] = tuple(tools or ())
        self.tools = {spec.name: spec for spec in self.specs}
        self.index = ToolIndex(self.specs)
        self.intent = intent
        self.max_issues = max_issues
        self._call_pattern = python_call_pattern(list(self.tools))
        self._named_pattern = named_line_pattern(list(self.tools))
        self._trigger = _trigger(list(self.tools))

    def parse(self, text: str) -> ParseResult:
        """The calls in ``text``, the prose around them and the problems found. Never raises."""
        try:
            return self._parse(text)
        except Exception:  # a parser bug must never take an agent down with it
            logger.exception("LenientParser failed; the text is returned as prose")
            return ParseResult(text=text.strip() if isinstance(text, str) else "")

    def _parse(self, text: str) -> ParseResult:
        return _Run(self, text).result()

    def is_tool(self, name: str) -> bool:
        return bool(self.index) and self.index.resolve(name) is not None


class _Run(MarkerPass):
    """The passes after the markers, in order; each skips what an earlier one claimed."""

    _trigger_spans: list[tuple[int, int]] | None = None
    _searched = 0

    def result(self) -> ParseResult:
        self.markers()
        self.blocks()
        self.json_values()
        self.python_calls()
        if self.parser.intent and self.index and not self.found:
            self.intent()
        self.absorb_fences()
        self.found.sort(key=lambda item: item[0])
        result = ParseResult(text=self.prose())
        for _, item, origin in self.found:
            if isinstance(item, ParseIssue):
                if len(result.issues) < self.parser.max_issues:  # the model needs the first few
                    result.issues.append(item)
            elif origin is not None:
                result.calls.append(item)
                result.origins.append(origin)
        return result

    def blocks(self) -> None:
        found = headers(self.text)
        for i, header in enumerate(found):
            if not self.free(header.start(), header.end()):
                continue
            # a value left open is read no further than the next header: each line is scanned once
            limit = found[i + 1].start() if i + 1 < len(found) else len(self.text)
            block = read_block(self.text, header, self.fence_by_start, self, limit)
            if self.block(block, block.start, "labelled", explicit=False):
                self.claim(block.start, block.end)
        pattern = self.parser._named_pattern
        if pattern is None:
            return
        lines = list(pattern.finditer(self.text))
        for i, line in enumerate(lines):
            limit = lines[i + 1].start() if i + 1 < len(lines) else len(self.text)
            fence = self.fence_at(line.start())
            if not self.free(line.start(), line.end()):
                continue
            # in a fence of code only ``read_file config.json`` alone in a shell fence is a call
            if (
                fence is not None
                and fence.language not in _DATA_FENCES
                and (fence.language not in _SHELL_FENCES or not self.alone_in_code(line.start(), line.end()))
            ):
                continue
            end = self.named_line(line, fence, limit)
            if end is not None:
                self.claim(line.start(), end)

    def named_line(self, line: re.Match[str], fence: Fence | None, limit: int) -> int | None:
        """``read_file {"path": "a.py"}``, ``read_file:`` over indented ``path: a.py``, or a whole reply
        ``run_command pytest`` for a tool with one required parameter."""
        text = self.text
        name = self.index.resolve(line.group(1))
        rest = line.group(3)
        if name is None or rest.startswith("("):
            return None
        if rest[:1] in JSON_OPEN:
            brace = line.start(3)
            group = self.scan(brace, limit=limit)
            if not group.closed:
                group = self.trim(group)
            decoded = self.decode(text[brace : group.end], group.missing)
            if decoded is None or not isinstance(decoded.value, dict):
                return None
            raw = RawCall(line.group(1), decoded.value, strong=True)
            span = (line.start(), group.end)
            return (
                group.end
                if self.emit(raw, span, "labelled", decoded, group.open_string, explicit=True)
                else None
            )
        if not rest and line.group(2):
            block = read_named_block(text, line.end())
            if block is None:
                return None
            arguments, end = block
            raw = RawCall(line.group(1), arguments, strong=True)
            return end if self.emit(raw, (line.start(), end), "yaml", None, False, explicit=True) else None
        single = self.index.single_parameter(name)
        whole = text[fence.body_start : fence.body_end] if fence is not None else text
        if single is None or whole.strip() != line.group().strip() or not single_argument(single, rest):
            return None
        raw = RawCall(line.group(1), {single: rest.strip().strip("`'\"")}, strong=True)
        return (
            line.end()
            if self.emit(raw, (line.start(), line.end()), "labelled", None, False, explicit=True)
            else None
        )

    def json_values(self) -> None:
        text = self.text
        shape_of = self.json_shape
        found_outline = self.outline
        for group in found_outline.groups:
            if not self.free(group.start, group.end) or not self.has_trigger(group.start, group.end):
                continue
            if not self.alone_in_code(group.start, group.end):
                continue
            if self.value(
                group, text[group.start : group.end], group.start, shape_of(group.start), explicit=False
            ):
                self.claim(group.start, group.end)
        tries = 0
        for start in found_outline.unclosed[:_UNCLOSED_LOOK]:
            if tries == _UNCLOSED_TRIES:
                break
            fence = self.fence_at(start)
            bound = fence.body_end if fence is not None else len(text)
            if not self.free(start, bound) or not _PLAUSIBLE_OPEN.match(text, start):
                continue
            tries += 1
            if not self.has_trigger(start, bound):
                continue
            bounded = self.trim(self.scan(start, limit=bound))
            if self.value(bounded, text[start : bounded.end], start, shape_of(start), explicit=False):
                self.claim(start, bounded.end)
                break

    def has_trigger(self, start: int, end: int) -> bool:
        """Whether a trigger lies wholly inside ``text[start:end]``. Small ranges are searched
        directly; once the searches add up to the text's length, every trigger is found in one pass,
        so the many nested groups of a large text do not each search it again."""
        if self._trigger_spans is None:
            self._searched += end - start
            if self._searched <= len(self.text):
                return self.parser._trigger.search(self.text, start, end) is not None
        spans = self.trigger_spans()
        i = bisect.bisect_left(spans, (start, -1))
        while i < len(spans) and spans[i][0] < end:
            if spans[i][1] <= end:
                return True
            i += 1
        return False

    def trigger_spans(self) -> list[tuple[int, int]]:
        if self._trigger_spans is None:
            spans: list[tuple[int, int]] = []
            pos, search = 0, self.parser._trigger.search
            while (match := search(self.text, pos)) is not None:
                spans.append(match.span())
                pos = match.start() + 1  # overlapping triggers count too
            self._trigger_spans = spans
        return self._trigger_spans

    def alone_in_code(self, start: int, end: int) -> bool:
        """In a fence of program code a value counts only when the fence holds nothing else."""
        fence = self.fence_at(start)
        if fence is None or fence.language in _DATA_FENCES:
            return True
        return not self.text[fence.body_start : start].strip() and not self.text[end : fence.body_end].strip()

    def json_shape(self, pos: int) -> Shape:
        return "fence" if self.fence_at(pos) is not None else "json"

    def python_calls(self) -> None:
        pattern = self.parser._call_pattern
        if pattern is None:
            return
        text = self.text
        by_fence: dict[int, list[tuple[int, int]]] = {}
        accepted: list[tuple[int, int, str, list[object], dict[str, object], Fence | None]] = []
        for match in pattern.finditer(text):
            start = match.start(1)
            if not self.free(start, match.end()):
                continue
            fence = self.fence_at(start)
            if fence is not None and fence.language not in _CODE_FENCES:
                continue
            end = call_end(text, self.scan(match.end() - 1, GROUP_OPEN))
            if end is None:
                continue
            call = python_call(text[start:end])
            if call is None:
                self.non_literal_call(match.group(1), start, end, fence)
                continue
            if fence is not None:
                by_fence.setdefault(fence.start, []).append((line_start(text, start), end))
            accepted.append((line_start(text, start), end, call.name, call.positional, call.keywords, fence))
        for begin, end, name, positional, keywords, fence in accepted:
            if fence is not None and not _only(text, fence, by_fence[fence.start]):
                continue
            if self.python_raw(name, positional, keywords, (begin, end), "python_call"):
                self.claim(begin, end)

    def non_literal_call(self, name: str, start: int, end: int, fence: Fence | None) -> None:
        """``finish(hello.py)`` alone in a reply: a call, but its arguments are not values."""
        whole = self.text[fence.body_start : fence.body_end] if fence is not None else self.text
        if whole.strip() != self.text[start:end].strip() or not looks_like_call(self.text[start:end]):
            return
        tool = self.index.resolve(name) or name
        message = f"Write the arguments of {tool} as quoted values: {tool}({self.call_example(tool)})."
        self.issue(start, "bad_arguments", message, tool)
        self.claim(line_start(self.text, start), end)

    def call_example(self, name: str) -> str:
        return ", ".join(f'{key}="..."' for key in self.index.required(name) or self.index.properties(name))

    def intent(self) -> None:
        text = self.text
        if len(text) > _INTENT_MAX_CHARS or self.fences:
            return  # a reply with code in it is an answer, not a plan
        found = [i for i in intents(text, self.parser.specs) if self.fence_at(i.start) is None]
        if len(found) != 1:
            return
        intent = found[0]
        checked = self.index.check(intent.tool, intent.arguments)
        if isinstance(checked, Checked):
            call = ToolCall(name=intent.tool, arguments=checked.arguments)
            self.found.append((intent.start, call, CallOrigin("intent", intent.start, intent.end)))


def _only(text: str, fence: Fence, spans: list[tuple[int, int]]) -> bool:
    """Whether the fence body holds nothing but these calls (and blank or comment lines)."""
    pos = fence.body_start
    for start, end in sorted(spans):
        if not _blank_or_comments(text[pos:start]):
            return False
        pos = end
    return _blank_or_comments(text[pos : fence.body_end])


def _blank_or_comments(chunk: str) -> bool:
    return all(not line.strip() or line.strip().startswith("#") for line in chunk.splitlines())
