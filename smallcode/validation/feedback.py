"""What a test run's output tells: the part a model can act on, and how many tests fail."""

from __future__ import annotations

import re

_PYTEST_SUMMARY = re.compile(r"^(FAILED|ERROR) (\S+)(?: - (.*))?$")
_PYTEST_COUNTS = re.compile(r"^=*\s*((?:\d+ \w+, )*\d+ (?:passed|failed|errors?)\b.*?|no tests ran.*?)\s*=*$")
_FRAME = re.compile(r"^(\S+\.(?:py|js|ts|go)):(\d+):")


def summarize_test_output(output: str, *, limit: int = 1500) -> str:
    """The part of a test run a model can act on: failing tests, assertion lines, frames, counts."""
    lines = output.splitlines()
    if any(_TAP.match(line) for line in lines[:10]):  # after npm's own lines, when npm ran it
        return _cut(_summarize_tap(lines), limit)
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
    return _cut("\n".join(parts), limit)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 20] + "\n[... more cut ...]"


_TAP = re.compile(r"^TAP version \d+$")
_TAP_FAILED = re.compile(r"^\s*not ok \d+ - (.*)$")
_TAP_FIELD = re.compile(r"^\s+(location|error|name): ?(.*)$")
_TAP_COUNT = re.compile(r"^# (tests|pass|fail) (\d+)$")
_LOCATION = re.compile(r"([^/'\s]+):(\d+):\d+'?$")


def _summarize_tap(lines: list[str]) -> str:
    """``node --test`` output (TAP): counts, then each failing test with where and why it failed, and
    what the process printed before it (a module that cannot be loaded says so only there)."""
    counts = [f"{m.group(1)} {m.group(2)}" for line in lines if (m := _TAP_COUNT.match(line))]
    printed = [line[2:].strip() for line in lines if line.startswith("# ") and "Error:" in line]
    failed: list[dict[str, str]] = []
    block: list[str] | None = None  # the lines of an ``error: |-`` block
    for line in lines:
        if (m := _TAP_FAILED.match(line)) is not None:
            failed.append({"test": m.group(1)})
        elif failed and block is not None and (line.startswith("    ") or not line.strip()):
            block.append(line.strip())
            failed[-1]["error"] = " ".join(part for part in block if part)
        elif failed and (m := _TAP_FIELD.match(line)) is not None:
            key, value = m.groups()
            block = [] if key == "error" and value.startswith("|") else None
            failed[-1][key] = "" if block is not None else value.strip("'")
        else:
            block = None
    parts = [", ".join(counts)] if counts else []
    parts += list(dict.fromkeys(printed))[:5] + [_tap_failure(test) for test in failed[:8]]
    return "\n".join(parts)


def _tap_failure(test: dict[str, str]) -> str:
    where = _LOCATION.search(test.get("location", ""))
    at = f" ({where.group(1)}:{where.group(2)})" if where else ""
    kind = f"{test['name']}: " if test.get("name") else ""
    return f"{test['test']}{at}: {kind}{test.get('error', '')}".rstrip(": ")


_COUNT = re.compile(r"(\d+) (failed|errors?)\b")
_DOCTEST_FAILURES = re.compile(r"\*\*\*Test Failed\*\*\* (\d+) failures?")
_UNITTEST_FAILED = re.compile(r"^FAILED \((.*)\)$", re.MULTILINE)
_NODE_FAIL = re.compile(r"^# fail (\d+)$", re.MULTILINE)
_GO_FAIL = re.compile(r"^[ \t]*--- FAIL", re.MULTILINE)


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
