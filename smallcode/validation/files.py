"""Checks of one edited file: the best checker for its kind, and what it found."""

from __future__ import annotations

import ast
import json
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from pyflakes import checker as pyflakes_checker
from pyflakes import messages as pyflakes_messages

from .toolchains import go_check, node_check, typescript_check

_VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "param", "keygen", "command", "basefont", "frame", "isindex",
}  # fmt: skip


@dataclass(frozen=True)
class FileCheck:
    """The outcome of checking one file. ``checker`` is None when no check exists for its kind."""

    path: str
    ok: bool
    message: str
    checker: str | None
    parses: bool = True
    """False when the file does not even parse (a syntax error); True for a file that parses but
    fails on names or types, which an edit can still build on."""


def _python(path: Path, baseline: str | None) -> str | None:
    """Syntax, then names used but never defined or imported (the NameError a test would meet),
    except those ``baseline`` (the file before the edit) already had."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=path.name)
    except SyntaxError as exc:
        where = f"line {exc.lineno}" + (f", column {exc.offset}" if exc.offset else "")
        snippet = (exc.text or "").rstrip()
        hint = _syntax_hint(exc)
        return f"SyntaxError at {where}: {exc.msg}{hint}" + (f"\n    {snippet}" if snippet else "")
    new = undefined_names(tree)
    if new and baseline is not None:  # the file before the edit is parsed only when it matters
        known = {name for _, name in undefined_names(baseline)}
        new = [(line, name) for line, name in new if name not in known]
    if not new:
        return None
    found = "; ".join(f"line {line}: {name!r}" for line, name in new[:5])
    return f"undefined names (import or define them): {found}"


def _syntax_hint(exc: SyntaxError) -> str:
    """What Python's bare "invalid syntax" means where small models keep writing the same thing."""
    text, offset = exc.text or "", exc.offset or 0
    around = text[max(offset - 2, 0) : offset + 1] if offset else ""
    assigns = len(around) == 3 and around[1] == "=" and around[0] not in "=<>!" and around[2] != "="
    if exc.msg == "invalid syntax" and assigns and "lambda" in text[: offset - 1]:
        return " (an assignment inside a lambda: a lambda holds one expression; write a def instead)"
    return ""


def undefined_names(source: ast.Module | str) -> list[tuple[int, str]]:
    if isinstance(source, str):
        try:
            source = ast.parse(source)
        except SyntaxError:
            return []
    found = pyflakes_checker.Checker(source).messages
    kinds = (pyflakes_messages.UndefinedName, pyflakes_messages.UndefinedLocal)
    return [(m.lineno, str(m.message_args[0])) for m in found if isinstance(m, kinds)]


def _json(path: Path) -> str | None:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    return None


class _TagBalance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, int]] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID_TAGS:
            self.stack.append((tag, self.getpos()[0]))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        if not any(open_tag == tag for open_tag, _ in self.stack):
            self.problems.append(f"line {self.getpos()[0]}: </{tag}> closes nothing")
            return
        while self.stack:
            open_tag, line = self.stack.pop()
            if open_tag == tag:
                return
            if open_tag not in ("p", "li", "td", "th", "tr", "option", "dt", "dd"):  # may close implicitly
                self.problems.append(f"line {line}: <{open_tag}> is never closed")


def _html(path: Path) -> str | None:
    checker = _TagBalance()
    checker.feed(path.read_text(encoding="utf-8", errors="replace"))
    checker.close()
    unclosed = [f"line {line}: <{tag}> is never closed" for tag, line in checker.stack
                if tag not in ("html", "body", "head", "p", "li")]  # fmt: skip
    problems = checker.problems + unclosed
    return "; ".join(problems[:5]) if problems else None


def check_file(root: Path, relative: str, *, baseline: str | None = None) -> FileCheck:
    """Check the file at ``root/relative`` with the best checker available for its kind.
    ``baseline``: the file's text before the edit; what it already got wrong is not held against
    the edit (for Python, its undefined names)."""
    path = root / relative
    suffix = path.suffix.lower()
    if suffix == ".py":
        problem, checker = _python(path, baseline), "python"
    elif suffix == ".json":
        problem, checker = _json(path), "json"
    elif suffix in (".html", ".htm"):
        problem, checker = _html(path), "html"
    elif suffix in (".js", ".mjs", ".cjs"):
        if shutil.which("node") is None:
            return FileCheck(relative, True, "node is not installed: JavaScript syntax was not checked", None)
        problem, checker = node_check(path, root), "node --check"
    elif suffix == ".go":
        if shutil.which("gofmt") is None:
            return FileCheck(relative, True, "gofmt is not installed: Go syntax was not checked", None)
        problem, checker = go_check(path, root)
    elif suffix == ".ts":
        tsc = shutil.which("tsc")
        if tsc is None:
            return FileCheck(relative, True, "tsc is not installed: TypeScript was not checked", None)
        problem, checker = typescript_check(path, root, tsc), "tsc --noEmit"
    else:
        return FileCheck(relative, True, f"no checker for {suffix or 'files without a suffix'}", None)
    if problem is None:
        return FileCheck(relative, True, f"{checker}: ok", checker)
    return FileCheck(relative, False, problem, checker, parses=_parses(checker, problem))


_TS_SYNTAX = re.compile(r"error TS1\d{3}\b")  # TypeScript's 1xxx diagnostics are syntax errors


def _parses(checker: str, problem: str) -> bool:
    """Whether a file that failed ``checker`` with ``problem`` parsed: only its names or types are wrong."""
    if checker == "python":
        return not problem.startswith("SyntaxError")
    if checker == "tsc --noEmit":
        return _TS_SYNTAX.search(problem) is None
    return checker in ("go build", "go test")
