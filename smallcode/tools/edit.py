"""SEARCH/REPLACE edits: parsing, whitespace-tolerant matching, and the ``edit_file`` tool.

An edit names lines that are in the file now (SEARCH) and what they become (REPLACE)::

    <<<<<<< SEARCH
    def add(a, b):
        return a - b
    =======
    def add(a, b):
        return a + b
    >>>>>>> REPLACE

Matching tries, in order: the exact lines; lines with trailing whitespace ignored; lines with all
whitespace runs collapsed (indentation may differ, and the replacement is re-indented to fit);
then the same with blank lines ignored. A SEARCH that matches in several places is refused with
the candidates' line numbers; one that matches nowhere is answered with the closest lines.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable, Sequence
from typing import Annotated, Literal

from pydantic import Field

from ..errors import ToolError
from ..workspace import Workspace
from .base import Tool, WorkspacePath, tool
from .files import ReadGuard

_START = re.compile(r"^\s*<{5,9}\s*(?:SEARCH)?\s*$")
_DIVIDER = re.compile(r"^\s*={5,9}\s*$")
_END = re.compile(r"^\s*>{5,9}\s*(?:REPLACE)?\s*$")
_LINE_NUMBER = re.compile(r"^\s*\d+\s?\| ?")
_SIMILAR_ENOUGH = 0.6
_SHOWN_LINES = 12

FORMAT_HELP = (
    "Write each edit as:\n<<<<<<< SEARCH\nlines that are in the file now\n=======\n"
    "the lines that replace them\n>>>>>>> REPLACE"
)

MatchLevel = Literal["exact", "trailing whitespace", "whitespace", "blank lines"]
FailureKind = Literal["missing", "ambiguous", "empty"]


@dataclasses.dataclass(frozen=True)
class EditBlock:
    search: str
    replace: str


@dataclasses.dataclass(frozen=True)
class EditFailure:
    block: int
    """1-based position of the block in the request."""
    kind: FailureKind
    message: str


@dataclasses.dataclass(frozen=True)
class AppliedEdit:
    block: int
    level: MatchLevel
    first_line: int
    """1-based first line of the replacement in the edited text."""
    line_count: int


@dataclasses.dataclass
class EditReport:
    """The text after every edit that could be applied, and what happened to each block."""

    text: str
    applied: list[AppliedEdit] = dataclasses.field(default_factory=list)
    failures: list[EditFailure] = dataclasses.field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def parse_edit_blocks(text: str) -> list[EditBlock]:
    """The SEARCH/REPLACE blocks in ``text``; ``ToolError`` (with the format) when there are none.

    A final block whose ``>>>>>>> REPLACE`` line is missing is still taken: generation often stops there.
    """
    blocks: list[EditBlock] = []
    search: list[str] | None = None
    replace: list[str] | None = None
    for line in text.splitlines():
        if _START.match(line):
            if search is not None:
                raise ToolError(f"Edit {len(blocks) + 1} has no ======= line. {FORMAT_HELP}")
            search, replace = [], None
        elif search is not None and replace is None and _DIVIDER.match(line):
            replace = []
        elif search is not None and replace is not None and _END.match(line):
            blocks.append(EditBlock("\n".join(search), "\n".join(replace)))
            search, replace = None, None
        elif replace is not None:
            replace.append(line)
        elif search is not None:
            search.append(line)
    if search is not None:
        if replace is None:
            raise ToolError(f"Edit {len(blocks) + 1} has no ======= line. {FORMAT_HELP}")
        blocks.append(EditBlock("\n".join(search), "\n".join(replace)))
    if not blocks:
        raise ToolError(f"No SEARCH/REPLACE block found. {FORMAT_HELP}")
    return blocks


def _trim_blank(lines: list[str]) -> tuple[list[str], int, int]:
    start, stop = 0, len(lines)
    while start < stop and not lines[start].strip():
        start += 1
    while stop > start and not lines[stop - 1].strip():
        stop -= 1
    return lines[start:stop], start, len(lines) - stop


def _drop_line_numbers(lines: list[str]) -> list[str]:
    """Lines copied from read_file output keep their ``  12| `` prefixes; take them off."""
    filled = [line for line in lines if line.strip()]
    if filled and all(_LINE_NUMBER.match(line) for line in filled):
        return [_LINE_NUMBER.sub("", line, count=1) for line in lines]
    return lines


def _collapse(line: str) -> str:
    return " ".join(line.split())


_LEVELS: tuple[tuple[MatchLevel, Callable[[str], str], bool], ...] = (
    ("exact", lambda line: line, False),
    ("trailing whitespace", str.rstrip, False),
    ("whitespace", _collapse, False),
    ("blank lines", _collapse, True),
)


def _find(
    lines: Sequence[str], search: Sequence[str], norm: Callable[[str], str], skip_blank: bool
) -> list[tuple[int, int]]:
    """Every ``(start, stop)`` span of ``lines`` that matches ``search`` under ``norm``."""
    if skip_blank:
        kept = [i for i, line in enumerate(lines) if line.strip()]
        haystack = [norm(lines[i]) for i in kept]
        needle = [norm(line) for line in search if line.strip()]
        if not needle:
            return []
        return [
            (kept[i], kept[i + len(needle) - 1] + 1)
            for i in range(len(haystack) - len(needle) + 1)
            if haystack[i : i + len(needle)] == needle
        ]
    normalized = [norm(line) for line in lines]
    needle = [norm(line) for line in search]
    n = len(needle)
    return [(i, i + n) for i in range(len(normalized) - n + 1) if normalized[i : i + n] == needle]


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _reindent(replace: list[str], search: Sequence[str], matched: Sequence[str]) -> list[str]:
    """Shift ``replace`` by the indentation difference between ``search`` and the matched lines."""
    first_search = next((line for line in search if line.strip()), None)
    first_file = next((line for line in matched if line.strip()), None)
    if first_search is None or first_file is None:
        return replace
    have, want = _indent(first_search), _indent(first_file)
    if have == want:
        return replace
    if want.endswith(have):
        extra = want[: len(want) - len(have)]
        return [extra + line if line.strip() else line for line in replace]
    if have.endswith(want):
        cut = len(have) - len(want)
        return [line[min(cut, len(_indent(line))) :] for line in replace]
    return replace


def _lines(start: int, stop: int) -> str:
    """Human line numbers of the 0-based span ``start:stop``."""
    return f"line {start + 1}" if stop - start <= 1 else f"lines {start + 1}-{stop}"


def _numbered(lines: Sequence[str], start: int, stop: int) -> str:
    stop = min(stop, len(lines))
    shown = [f"{n + 1:>4}| {lines[n]}" for n in range(start, min(stop, start + _SHOWN_LINES))]
    if stop - start > _SHOWN_LINES:
        shown.append(f"     … ({stop - start - _SHOWN_LINES} more lines)")
    return "\n".join(shown)


def _closest(lines: Sequence[str], search: Sequence[str]) -> tuple[float, int, int]:
    """The span of ``lines`` most like ``search``: (similarity, start, stop)."""
    needle = "\n".join(_collapse(line) for line in search)
    size = max(1, len(search))
    collapsed = [_collapse(line) for line in lines]
    best = (0.0, 0, min(size, len(lines)))
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    for start in range(max(1, len(lines) - size + 1)):
        matcher.set_seq1("\n".join(collapsed[start : start + size]))
        if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
            continue
        ratio = matcher.ratio()
        if ratio > best[0]:
            best = (ratio, start, min(start + size, len(lines)))
    return best


def _miss_message(number: int, lines: Sequence[str], search: list[str], replace: list[str]) -> str:
    message = f"Edit {number}: its SEARCH lines are not in the file."
    done = _find(lines, replace, _collapse, True) if any(line.strip() for line in replace) else []
    if done:
        message += (
            f" Its REPLACE lines are already there ({_lines(*done[0])}); if that was this edit, it is done."
        )
    ratio, start, stop = _closest(lines, search)
    if ratio >= _SIMILAR_ENOUGH:
        return (
            f"{message} Did you mean {_lines(start, stop)}?\n{_numbered(lines, start, stop)}\n"
            "Copy the SEARCH lines exactly as they are in the file."
        )
    return message + " No lines look like them; read the file again to see what it holds now."


def apply_edits(text: str, blocks: Sequence[EditBlock]) -> EditReport:
    """Apply ``blocks`` in order to ``text``; a block that cannot be applied is reported, not raised."""
    newline = "\r\n" if "\r\n" in text else "\n"
    trailing = text.endswith(("\n", "\r"))
    lines = text.splitlines()
    report = EditReport(text=text)
    for number, block in enumerate(blocks, start=1):
        search, lead, tail = _trim_blank(_drop_line_numbers(block.search.splitlines()))
        replace = _drop_line_numbers(block.replace.splitlines())
        while lead and replace and not replace[0].strip():
            replace, lead = replace[1:], lead - 1
        while tail and replace and not replace[-1].strip():
            replace, tail = replace[:-1], tail - 1
        if not search:
            report.failures.append(
                EditFailure(number, "empty", f"Edit {number}: its SEARCH part is empty. {FORMAT_HELP}")
            )
            continue
        for level, norm, skip_blank in _LEVELS:
            spans = _find(lines, search, norm, skip_blank)
            if len(spans) > 1:
                where = ", ".join(_lines(a, b) for a, b in spans[:10])
                report.failures.append(
                    EditFailure(
                        number,
                        "ambiguous",
                        f"Edit {number}: its SEARCH lines occur {len(spans)} times (at {where}). "
                        "Add lines around them so that they match one place only.",
                    )
                )
                break
            if spans:
                start, stop = spans[0]
                new = (
                    replace
                    if level in ("exact", "trailing whitespace")
                    else _reindent(replace, search, lines[start:stop])
                )
                lines[start:stop] = new
                shift = len(new) - (stop - start)
                report.applied = [
                    dataclasses.replace(a, first_line=a.first_line + shift) if a.first_line > stop else a
                    for a in report.applied
                ]
                report.applied.append(AppliedEdit(number, level, start + 1, len(new)))
                break
        else:
            report.failures.append(
                EditFailure(number, "missing", _miss_message(number, lines, search, replace))
            )
    if report.applied:
        report.text = newline.join(lines) + (newline if trailing and lines else "")
    return report


def edit_tool(workspace: Workspace, *, guard: ReadGuard | None = None) -> Tool:
    """``edit_file``: SEARCH/REPLACE edits of one file in ``workspace``."""

    @tool(category="write", payload=("edits",))
    def edit_file(
        path: WorkspacePath,
        edits: Annotated[
            str,
            Field(
                description="one or more blocks: <<<<<<< SEARCH, current lines, =======, new lines, "
                ">>>>>>> REPLACE"
            ),
        ],
    ) -> str:
        """Change part of an existing file: each edit replaces lines that are in the file now."""
        blocks = parse_edit_blocks(edits)
        report = apply_edits(workspace.read_text(path), blocks)
        if report.changed:
            workspace.write_text(path, report.text)
            if guard is not None:
                guard.saw(path, report.text)
        return _summary(path, report, len(blocks))

    return edit_file


def _summary(path: str, report: EditReport, total: int) -> str:
    lines = report.text.splitlines()
    done = [
        f"edit {a.block} now at {_lines(a.first_line - 1, a.first_line - 1 + a.line_count)}"
        + ("" if a.level == "exact" else f" (matched ignoring {a.level})")
        for a in report.applied
    ]
    if not report.failures:
        shown = "\n".join(
            _numbered(lines, max(0, a.first_line - 2), a.first_line - 1 + a.line_count + 1)
            for a in report.applied
        )
        return f"edited {path}: " + "; ".join(done) + f"\n{shown}"
    problems = "\n".join(f.message for f in report.failures)
    if report.applied:
        applied = ", ".join(str(a.block) for a in report.applied)
        problems += (
            f"\nApplied and saved in {path}: edit {applied} (of {total}). Send only the failed edits again."
        )
    else:
        problems += f"\nNothing was changed in {path}."
    raise ToolError(problems)


__all__ = [
    "AppliedEdit",
    "EditBlock",
    "EditFailure",
    "EditReport",
    "apply_edits",
    "edit_tool",
    "parse_edit_blocks",
]
