"""Explicit markers: ``<tool_call>``, ``<function=…>``, ``<function_call>``, ``[TOOL_CALLS]``, …"""

from __future__ import annotations

import bisect
import re

from .forms import headers, python_call, read_block
from .scan import JSON_OPEN, Group
from .shapes import RawCall
from .state import Run

_MARKER = re.compile(
    r"<tool_call>|<function_call>|<function=([^>\n]{1,100})>|\[TOOL_CALLS\]|<\|python_tag\|>", re.IGNORECASE
)
_CLOSE_TAG = {"<tool_call>": "</tool_call>", "<function_call>": "</function_call>"}
_PYTHON_TAG_CLOSERS = ("<|eom_id|>", "<|eot_id|>")
_CLOSER = re.compile(
    r"</tool_call>|</function_call>|</function>|</parameter>|<\|eom_id\|>|<\|eot_id\|>", re.IGNORECASE
)
_PARAMETER = re.compile(r"<parameter=([^>\n]{1,100})>\n?(.*?)(?:\n?</parameter>|$)", re.DOTALL)
_PARAMETER_OPEN = re.compile(r"<parameter=[^>\n]{1,100}>")
_NAME_THEN_JSON = re.compile(r"\s*`?([A-Za-z_][\w.\-]*)`?\s*(?:\n|:|\s)\s*(?=[{\[])")
_MISTRAL_ARGS = re.compile(r"\s*([A-Za-z_][\w.\-]*)\s*\[ARGS\]\s*(?=[{\[])")
_BODY_FENCE = re.compile(r"\s*(?:`{3,}|~{3,})[\w-]*[ \t]*\n")
_MARKER_FENCES = {"", "xml", "json", "tool_call", "tool", "text", "txt", "html"}
# A marker counts after a blank, at the start, or right after these (``Sure:<tool_call>``).
_MARKER_AFTER = ">.:!?,;"


class MarkerPass(Run):
    """The first pass: calls the model marked as calls. Everything in a marker is a call or an issue."""

    def markers(self) -> None:
        text = self.text
        found = [m for m in _MARKER.finditer(text) if self.real_marker(m.start())]
        self._closers: dict[str, list[int]] = {}
        for close in _CLOSER.finditer(text):
            self._closers.setdefault(close.group().lower(), []).append(close.start())
        for i, marker in enumerate(found):
            if not self.free(marker.start(), marker.end()):
                continue
            limit = found[i + 1].start() if i + 1 < len(found) else len(text)
            token = marker.group().lower()
            end: int | None
            if token.startswith("<function="):
                end = self.function_tag(marker, found, i + 1)
            elif token == "[tool_calls]":
                end = self.mistral(marker, limit)
            else:
                end = self.tag(marker, token, limit)
            if end is not None:
                self.claim(marker.start(), end)

    def next_close(self, tag: str, pos: int) -> int:
        """Where the next ``tag`` closer at or after ``pos`` starts; -1 if there is none."""
        positions = self._closers.get(tag, [])
        i = bisect.bisect_left(positions, pos)
        return positions[i] if i < len(positions) else -1

    def real_marker(self, at: int) -> bool:
        """Not a mention: not quoted, not inside a JSON value, not inside a fence of program code."""
        if at > 0 and not (self.text[at - 1].isspace() or self.text[at - 1] in _MARKER_AFTER):
            return False
        groups = self.outline.groups
        i = bisect.bisect_left(self._group_starts, at) - 1
        if i >= 0 and groups[i].end > at:
            return False
        fence = self.fence_at(at)
        return fence is None or fence.language in _MARKER_FENCES

    def tag(self, marker: re.Match[str], token: str, limit: int) -> int | None:
        """``<tool_call>``, ``<function_call>`` or ``<|python_tag|>``: up to its closer, the next
        marker (``limit``) or the end of the text."""
        text = self.text
        start = marker.end()
        closers = _PYTHON_TAG_CLOSERS if token == "<|python_tag|>" else (_CLOSE_TAG[token],)
        closes = [(at, tag) for tag in closers if 0 <= (at := self.next_close(tag, start)) < limit]
        close_at, close_tag = min(closes) if closes else (-1, "")
        bound = close_at if close_at >= 0 else limit
        fenced = _BODY_FENCE.match(text, start, bound)
        if fenced is not None:  # <tool_call>```json {...} ```</tool_call>
            start = fenced.end()
        groups, after = self.values(start, bound, limit)
        if not groups:
            if not self.text_call(start, bound, marker.start(), closed=close_at >= 0):
                return None
            return close_at + len(close_tag) if close_at >= 0 else bound
        for group in groups:
            self.value(group, text[group.start : group.end], marker.start(), "tool_call_tag", explicit=True)
        end = max(groups[-1].end, after)
        if close_at >= end or close_at < 0:
            # junk between the value and the closer goes with the call; a closer inside a payload
            # string (close_at < end) is skipped for the next one
            later = [(at, tag) for tag in closers if 0 <= (at := self.next_close(tag, end)) < limit]
            if later and (close_at >= end or not text[end : min(later)[0]].strip()):
                at, tag = min(later)
                return at + len(tag)
        return end

    def values(self, start: int, bound: int, limit: int) -> tuple[list[Group], int]:
        """The JSON values after ``start`` (separated by blanks or commas). A closed value may run past
        ``bound`` (a payload that contains a closing tag) but not past ``limit``, the next marker."""
        text = self.text
        groups: list[Group] = []
        pos = _skip_blank(text, start)
        while pos < len(text) and text[pos] in JSON_OPEN and (pos < bound or not groups):
            group = self.scan(pos, limit=limit)
            if not group.closed:
                group = self.trim(self.scan(pos, limit=max(bound, pos + 1)))
            groups.append(group)
            pos = _skip_blank(text, group.end, ",")
            if not group.closed:
                break
        return groups, pos

    def text_call(self, start: int, bound: int, at: int, *, closed: bool) -> bool:
        """A tag body that is not JSON: ``read_file(...)``, ``read_file {...}``, or labelled lines.

        A closed tag with nothing call-like inside is reported; an empty closed pair or an unclosed
        tag followed by prose is a mention of the tag, not a call.
        """
        body = self.text[start:bound]
        if not body.strip():
            if closed or bound < len(self.text):
                return False
            self.issue(at, "unparseable", self.unparseable_message("The tool call is empty."))
            return True
        call = python_call(body)
        if call is not None:
            return self.python_raw(call.name, call.positional, call.keywords, (at, bound), "tool_call_tag")
        named = _NAME_THEN_JSON.match(body)
        if named is not None:
            json_start = start + named.end()
            group = self.scan(json_start, limit=bound)
            decoded = self.decode(self.text[json_start : group.end], group.missing)
            raw = RawCall(named.group(1), decoded.value if decoded else None, strong=True)
            return self.emit(raw, (at, bound), "tool_call_tag", decoded, group.open_string, explicit=True)
        for header in headers(self.text, start, bound):
            block = read_block(self.text, header, self.fence_by_start, self, bound)
            return self.block(block, at, "tool_call_tag", explicit=True)
        if not closed:
            return False
        self.issue(at, "unparseable", self.unparseable_message("The tool call is not valid JSON."))
        return True

    def function_extent(self, start: int, found: list[re.Match[str]], j: int) -> tuple[int, int]:
        """Where ``</function>`` starts for a function tag whose header ends at ``start`` (-1:
        nowhere), and the first marker from ``found[j]`` on outside its closed ``<parameter=…>``
        bodies (else the text's end). A closed body is payload: a marker or closer in it is content."""
        text = self.text
        pos = start
        while True:
            close = self.next_close("</function>", pos)
            limit = found[j].start() if j < len(found) else len(text)
            opener = _PARAMETER_OPEN.search(text, pos, limit)
            if opener is None or 0 <= close < opener.start():
                return close, limit
            end = self.next_close("</parameter>", opener.end())
            if end < 0:  # an unclosed body ends at the next marker, as a cut-off call does
                return close, limit
            pos = end + len("</parameter>")
            while j < len(found) and found[j].start() < pos:
                j += 1

    def function_tag(self, marker: re.Match[str], found: list[re.Match[str]], after: int) -> int:
        """``<function=name>`` with a JSON object or ``<parameter=…>`` tags, up to ``</function>`` or
        the next marker (from ``found[after]`` on) outside its parameters."""
        text = self.text
        name = marker.group(1).strip()
        start = marker.end()
        close, limit = self.function_extent(start, found, after)
        bound = close if 0 <= close < limit else limit
        groups, _ = self.values(start, bound, limit)
        span = (marker.start(), bound)
        if groups:
            group = groups[0]
            decoded = self.decode(text[group.start : group.end], group.missing)
            raw = RawCall(name, decoded.value if decoded else None, strong=True)
            self.emit(raw, span, "function_tag", decoded, group.open_string, explicit=True)
        else:
            body = text[start:bound]
            arguments: dict[str, object] = {}
            cut = False
            for parameter in _PARAMETER.finditer(body):
                arguments[parameter.group(1).strip()] = parameter.group(2)
                cut = cut or not parameter.group().endswith("</parameter>")
            self.emit(RawCall(name, arguments, strong=True), span, "function_tag", None, cut, explicit=True)
        return bound + len("</function>") if bound == close else bound

    def mistral(self, marker: re.Match[str], limit: int) -> int:
        text = self.text
        start = marker.end()
        named = _MISTRAL_ARGS.match(text, start, limit)
        json_start = named.end() if named else start
        groups, _ = self.values(json_start, limit, limit)
        if not groups:
            self.issue(
                marker.start(),
                "unparseable",
                self.unparseable_message("Nothing readable follows [TOOL_CALLS]."),
            )
            return start
        for group in groups:
            source = text[group.start : group.end]
            if named is not None:
                decoded = self.decode(source, group.missing)
                raw = RawCall(named.group(1), decoded.value if decoded else None, strong=True)
                self.emit(
                    raw, (marker.start(), group.end), "marker", decoded, group.open_string, explicit=True
                )
            else:
                self.value(group, source, marker.start(), "marker", explicit=True)
        return groups[-1].end


def _skip_blank(text: str, pos: int, extra: str = "") -> int:
    while pos < len(text) and (text[pos].isspace() or text[pos] in extra):
        pos += 1
    return pos
