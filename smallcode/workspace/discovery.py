"""Test-runner discovery: the command that runs a project's tests, read from its files.

Explicit configuration wins over guesses: a pytest configuration, a ``test`` script in
package.json, go.mod, Cargo.toml, a Makefile ``test`` target; then test files alone
(``test_*.py`` → pytest or unittest, ``*.test.js`` → ``node --test``); last, the examples in
Python docstrings (``>>>`` lines → ``python -m doctest``), which are the only tests some code has.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

_SKIP = {".git", "node_modules", ".venv", "venv", "__pycache__", "build", "dist", "target", ".tox"}
_NPM_PLACEHOLDER = "no test specified"
_DOCTEST = re.compile(r"^[ \t]*>>> \S", re.MULTILINE)
_MAX_DOCTEST_FILES = 20
_MAKE_TEST = re.compile(r"^test\s*:(?!=)", re.MULTILINE)
_TEST_FILE = re.compile(r"(^|/)(test_[^/]*\.py|[^/]*_test\.(py|go)|[^/]*\.(test|spec)\.[jt]sx?|tests?/.*)$")


def is_test_file(path: str) -> bool:
    """Whether ``path`` (relative, ``/``-separated) names a test by the usual conventions:
    ``test_*.py``, ``*_test.py``, ``*_test.go``, ``*.test.js`` / ``*.spec.ts``, anything under ``tests/``."""
    return _TEST_FILE.search(path) is not None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[:200_000]
    except OSError:
        return ""


def _files(root: Path, limit: int = 5000) -> Iterator[Path]:
    seen = 0
    for current, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP and not d.startswith("."))
        for name in sorted(names):
            seen += 1
            if seen > limit:
                return
            yield Path(current, name)


def python_command(root: Path) -> str:
    """The project's own virtualenv interpreter if it has one, else the one running smallcode."""
    for candidate in (".venv/bin/python", "venv/bin/python"):
        if (root / candidate).is_file():
            return candidate
    return shlex.quote(sys.executable)


def _module(python: str, args: str) -> str:
    """``python -B -m ARGS``. -B: an agent rewrites a file within the same second and at the same
    size, which a cached .pyc (keyed on both) would hide."""
    return f"{python} -B -m {args}"


def _pytest_configured(root: Path) -> str | None:
    configured = (
        (root / "pytest.ini").is_file()
        or (root / "conftest.py").is_file()
        or (root / "tests" / "conftest.py").is_file()
        or "[tool.pytest" in _read(root / "pyproject.toml")
        or "[tool:pytest]" in _read(root / "setup.cfg")
        or "[pytest]" in _read(root / "tox.ini")
        or any(re.search(r"^pytest\b", _read(p), re.MULTILINE) for p in root.glob("requirements*.txt"))
    )
    return _module(python_command(root), "pytest -q") if configured else None


def _npm_script(root: Path) -> str | None:
    manifest = root / "package.json"
    if not manifest.is_file():
        return None
    try:
        scripts = json.loads(_read(manifest)).get("scripts", {})
    except (json.JSONDecodeError, AttributeError):
        return None
    test = scripts.get("test") if isinstance(scripts, dict) else None
    if not isinstance(test, str) or not test.strip() or _NPM_PLACEHOLDER in test:
        return None
    if (root / "pnpm-lock.yaml").is_file():
        return "pnpm test"
    if (root / "yarn.lock").is_file():
        return "yarn test"
    return "npm test --silent"


def _go(root: Path) -> str | None:
    # Without a test file there is nothing to run: a module with no Go files yet fails
    # ("matched no packages"), which a run that creates them would read as failing tests.
    if not (root / "go.mod").is_file():
        return None
    return "go test ./..." if any(p.name.endswith("_test.go") for p in _files(root)) else None


def _cargo(root: Path) -> str | None:
    return "cargo test" if (root / "Cargo.toml").is_file() else None


def _make(root: Path) -> str | None:
    for name in ("GNUmakefile", "makefile", "Makefile"):
        if _MAKE_TEST.search(_read(root / name)):
            return "make test"
    return None


def _python_files(root: Path) -> str | None:
    names = [p.name for p in _files(root) if p.suffix == ".py"]
    if not any(n.startswith("test_") or n.endswith("_test.py") for n in names):
        return None
    python = python_command(root)
    if python != shlex.quote(sys.executable) or importlib.util.find_spec("pytest") is not None:
        return _module(python, "pytest -q")
    tests = root / "tests"
    if tests.is_dir() and not (tests / "__init__.py").is_file():
        return _module(python, "unittest discover -s tests -t .")
    return _module(python, "unittest discover")


def _node_files(root: Path) -> str | None:
    for path in _files(root):
        name = path.name
        if re.search(r"[.-]test\.[cm]?js$", name) or (path.parent.name == "test" and name.endswith(".js")):
            return "node --test"
    return None


def _doctests(root: Path) -> str | None:
    files: list[str] = []
    for path in _files(root):
        if path.suffix == ".py" and _DOCTEST.search(_read(path)):
            files.append(shlex.quote(path.relative_to(root).as_posix()))
            if len(files) > _MAX_DOCTEST_FILES:
                return None
    return _module(python_command(root), "doctest " + " ".join(files)) if files else None


FINDERS: tuple[Callable[[Path], str | None], ...] = (
    _pytest_configured,
    _npm_script,
    _go,
    _cargo,
    _make,
    _python_files,
    _node_files,
    _doctests,
)


def discover_test_command(root: Path, *, docstrings: bool = True) -> str | None:
    """The first command the finders agree on, or None when the project has no visible tests.
    ``docstrings=False`` leaves docstring examples out (a caller with better tests of last resort)."""
    for finder in FINDERS:
        if finder is _doctests and not docstrings:
            continue
        command = finder(root)
        if command:
            return command
    return None
