"""Checks that run after every edit: per-language syntax checks and compact test feedback."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from pyflakes import checker as pyflakes_checker
from pyflakes import messages as pyflakes_messages

_CHECK_TIMEOUT = 20.0
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
    new = _undefined_names(tree)
    if new and baseline is not None:  # the file before the edit is parsed only when it matters
        known = {name for _, name in _undefined_names(baseline)}
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


def _undefined_names(source: ast.Module | str) -> list[tuple[int, str]]:
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


def _external(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str | None:
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=_CHECK_TIMEOUT,
            stdin=subprocess.DEVNULL,
            env=None if env is None else {**os.environ, **env},
        )
    except subprocess.TimeoutExpired:
        return f"{command[0]} did not finish within {_CHECK_TIMEOUT:.0f} s"
    if done.returncode == 0:
        return None
    output = (done.stderr or done.stdout).replace(f"{cwd}{os.sep}", "")  # paths as the model names them
    return output.strip()[:1500] or f"{command[0]} exited with {done.returncode}"


def _node(path: str, root: Path) -> str | None:
    """``node --check``, without the lines about node's own internals (its stack, its version)."""
    problem = _external(["node", "--check", path], root)
    if problem is None:
        return None
    kept = [
        line
        for line in problem.splitlines()
        if line.strip() and not line.startswith(("    at ", "Node.js v"))
    ]
    return "\n".join(kept)


# Never fetch modules or toolchains, nor rewrite go.mod, while checking. A dependency go.mod requires
# that is not in the module cache leaves the types unchecked; an import no required module provides
# ("github.com/yourname/pkg") is the edit's own fault.
GO_OFFLINE = {"GOPROXY": "off", "GOTOOLCHAIN": "local", "GOFLAGS": "-mod=readonly"}
_GO_UNCHECKABLE = ("GOPROXY=off", "missing go.sum entry", "GOTOOLCHAIN", "updates to go.mod needed")


def _go(path: Path, root: Path) -> tuple[str | None, str]:
    """Syntax with gofmt; then, with the go tool at hand, the types: the file's package is compiled
    (with its tests when the file is a test), so an edit that does not build is caught at once."""
    if problem := _external(["gofmt", "-e", "-l", path.relative_to(root).as_posix()], root):
        return problem, "gofmt -e"
    if shutil.which("go") is None:
        return None, "gofmt -e"
    test = path.name.endswith("_test.go")
    action = ["go", "test", "-count=1", "-run", "^$"] if test else ["go", "build", "-o", os.devnull]
    module = next((d for d in path.parents if (d / "go.mod").is_file() and d.is_relative_to(root)), None)
    if module is not None:
        command, cwd = [*action, "./" + path.parent.relative_to(module).as_posix()], module
    else:  # no module: the directory's files are the package
        files = sorted(f.name for f in path.parent.glob("*.go") if test or not f.name.endswith("_test.go"))
        command, cwd = [*action, *files], path.parent
    problem = _external(command, cwd, env=GO_OFFLINE)
    if problem is not None and any(mark in problem for mark in _GO_UNCHECKABLE):
        return None, "gofmt -e"
    return problem, " ".join(action[:2])


def _typescript(path: Path, root: Path, tsc: str) -> str | None:
    """The file's type errors: with the project's own settings where a ``tsconfig.json`` holds them
    (the whole project is compiled, and only this file's errors count), else with tsc's defaults."""
    config = next((d / "tsconfig.json" for d in path.parents if d.is_relative_to(root)
                   and (d / "tsconfig.json").is_file()), None)  # fmt: skip
    if config is None:
        relative = path.relative_to(root).as_posix()
        problem = _external([tsc, "--noEmit", "--skipLibCheck", "--target", "es2020", relative], root)
    else:
        problem = _external([tsc, "--noEmit", "-p", config.name], config.parent)
        problem = problem and _errors_of(problem, path.relative_to(config.parent).as_posix())
    return _TS_NO_MODULE.sub(_no_module, problem) if problem else None


def _errors_of(output: str, name: str) -> str | None:
    """The diagnostics of one file in tsc's output (each with its indented continuation lines)."""
    kept: list[str] = []
    keeping = False
    for line in output.splitlines():
        if not line.startswith(" "):
            keeping = line.startswith(f"{name}(")
        if keeping:
            kept.append(line)
    return "\n".join(kept) or None


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
        problem, checker = _node(relative, root), "node --check"
    elif suffix == ".go":
        if shutil.which("gofmt") is None:
            return FileCheck(relative, True, "gofmt is not installed: Go syntax was not checked", None)
        problem, checker = _go(path, root)
    elif suffix == ".ts":
        tsc = shutil.which("tsc")
        if tsc is None:
            return FileCheck(relative, True, "tsc is not installed: TypeScript was not checked", None)
        problem, checker = _typescript(path, root, tsc), "tsc --noEmit"
    else:
        return FileCheck(relative, True, f"no checker for {suffix or 'files without a suffix'}", None)
    if problem is None:
        return FileCheck(relative, True, f"{checker}: ok", checker)
    return FileCheck(relative, False, problem, checker, parses=_parses(checker, problem))


# tsc's advice for a module it cannot find is about its own settings; a small model takes it for
# the fix ("set moduleResolution to nodenext") instead of seeing that the module does not exist.
_TS_NO_MODULE = re.compile(
    r"Cannot find module '([^']+)'\. Did you mean to set the 'moduleResolution' option.*"
)


def _no_module(match: re.Match[str]) -> str:
    module = match.group(1)
    if module.startswith("."):
        return f"Cannot find module '{module}': the project has no such file."
    return f"Cannot find module '{module}': no such package is installed."


_TS_SYNTAX = re.compile(r"error TS1\d{3}\b")  # TypeScript's 1xxx diagnostics are syntax errors


def _parses(checker: str, problem: str) -> bool:
    """Whether a file that failed ``checker`` with ``problem`` parsed: only its names or types are wrong."""
    if checker == "python":
        return not problem.startswith("SyntaxError")
    if checker == "tsc --noEmit":
        return _TS_SYNTAX.search(problem) is None
    return checker in ("go build", "go test")


_PYTEST_SUMMARY = re.compile(r"^(FAILED|ERROR) (\S+)(?: - (.*))?$")
_PYTEST_COUNTS = re.compile(r"^=*\s*((?:\d+ \w+, )*\d+ (?:passed|failed|errors?)\b.*?|no tests ran.*?)\s*=*$")
_FRAME = re.compile(r"^(\S+\.(?:py|js|ts|go)):(\d+):")


def summarize_test_output(output: str, *, limit: int = 1500) -> str:
    """The part of a test run a model can act on: failing tests, assertion lines, frames, counts."""
    lines = output.splitlines()
    failing = [m.group(2) + (f" - {m.group(3)}" if m.group(3) else "")
               for line in lines if (m := _PYTEST_SUMMARY.match(line.strip()))]  # fmt: skip
    counts = next((m.group(1) for line in reversed(lines) if (m := _PYTEST_COUNTS.match(line.strip()))), None)
    detail: list[str] = []
    for line in lines:
        stripped = line.strip()
        relevant = stripped.startswith(("E ", ">")) or _FRAME.match(stripped) or "Error:" in stripped
        if relevant and stripped not in detail:
            detail.append(stripped)
    if not failing and counts is None:
        tail = "\n".join(lines[-25:])  # not pytest: the end of the output says the most
        return tail[-limit:]
    parts = []
    if counts:
        parts.append(counts)
    if failing:
        parts.append("failing: " + "; ".join(failing[:8]))
    parts.extend(detail[:20])
    text = "\n".join(parts)
    return text if len(text) <= limit else text[: limit - 20] + "\n[... more cut ...]"


_COUNT = re.compile(r"(\d+) (failed|errors?)\b")
_DOCTEST_FAILURES = re.compile(r"\*\*\*Test Failed\*\*\* (\d+) failures?")
_UNITTEST_FAILED = re.compile(r"^FAILED \((.*)\)$", re.MULTILINE)
_NODE_FAIL = re.compile(r"^# fail (\d+)$", re.MULTILINE)
_GO_FAIL = re.compile(r"^\s*--- FAIL", re.MULTILINE)


def failure_count(output: str, passed: bool) -> int:
    """How many tests fail in a run's output (pytest, unittest, doctest, node --test, go test):
    0 for a passing run, at least 1 for a failing one whose format is unknown."""
    if passed:
        return 0
    lines = output.splitlines()
    counts = next((m.group(1) for line in reversed(lines) if (m := _PYTEST_COUNTS.match(line.strip()))), None)
    found: int | None = None
    if counts is not None:
        found = sum(int(n) for n, _ in _COUNT.findall(counts))
    elif doctest := _DOCTEST_FAILURES.findall(output):
        found = sum(int(n) for n in doctest)
    elif unittest := _UNITTEST_FAILED.search(output):
        found = sum(int(n) for n in re.findall(r"=(\d+)", unittest.group(1)))
    elif node := _NODE_FAIL.search(output):
        found = int(node.group(1))
    elif go := len(_GO_FAIL.findall(output)):
        found = go
    return max(1, found or 0)
