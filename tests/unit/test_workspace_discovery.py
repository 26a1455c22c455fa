"""Test-runner discovery from a project's files."""

from __future__ import annotations

import importlib.util
import json
import shlex
import sys
from pathlib import Path

import pytest

from smallcode import Workspace
from smallcode.workspace import discover_test_command

PY = shlex.quote(sys.executable)
NPM_DEFAULT = 'echo "Error: no test specified" && exit 1'


def _project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"pytest.ini": "[pytest]\n", "Makefile": "test:\n\ttrue\n"}, f"{PY} -B -m pytest -q"),
        ({"pyproject.toml": "[tool.pytest.ini_options]\naddopts = '-q'\n"}, f"{PY} -B -m pytest -q"),
        ({"setup.cfg": "[tool:pytest]\n"}, f"{PY} -B -m pytest -q"),
        ({"tests/conftest.py": ""}, f"{PY} -B -m pytest -q"),
        ({"requirements-dev.txt": "pytest>=8\n"}, f"{PY} -B -m pytest -q"),
        ({"pytest.ini": "", ".venv/bin/python": ""}, ".venv/bin/python -B -m pytest -q"),
        ({"package.json": json.dumps({"scripts": {"test": "jest"}})}, "npm test --silent"),
        ({"package.json": json.dumps({"scripts": {"test": "vitest"}}), "pnpm-lock.yaml": ""}, "pnpm test"),
        ({"package.json": json.dumps({"scripts": {"test": "mocha"}}), "yarn.lock": ""}, "yarn test"),
        ({"package.json": json.dumps({"scripts": {"test": NPM_DEFAULT}}), "test/a.js": ""}, "node --test"),
        ({"package.json": "{not json", "lib/x.test.mjs": ""}, "node --test"),
        ({"go.mod": "module example.com/x\n", "x_test.go": ""}, "go test ./..."),
        ({"go.mod": "module example.com/x\n", "pkg/x_test.go": ""}, "go test ./..."),
        ({"go.mod": "module example.com/x\n", "x.go": ""}, None),  # no tests: nothing to run
        ({"go.mod": "module example.com/x\n"}, None),  # no packages yet
        ({"Cargo.toml": "[package]\nname = 'x'\n"}, "cargo test"),
        ({"Makefile": "build:\n\tcc x.c\ntest: build\n\t./run-tests\n"}, "make test"),
        ({"GNUmakefile": "test:\n\ttrue\n"}, "make test"),
        ({"Makefile": "TEST := 1\ntests:\n\ttrue\n"}, None),
        ({"src/app.py": "", "README.md": ""}, None),
        ({}, None),
    ],
)
def test_discovers_the_projects_test_command(
    tmp_path: Path, files: dict[str, str], expected: str | None
) -> None:
    assert discover_test_command(_project(tmp_path, files)) == expected


def test_python_test_files_alone_use_pytest_when_installed_else_unittest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path, {"calc.py": "", "tests/test_calc.py": ""})
    assert importlib.util.find_spec("pytest") is not None
    assert discover_test_command(root) == f"{PY} -B -m pytest -q"
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    assert discover_test_command(root) == f"{PY} -B -m unittest discover -s tests -t ."
    (root / "tests" / "__init__.py").write_text("")
    assert discover_test_command(root) == f"{PY} -B -m unittest discover"


def test_dependency_folders_are_not_searched(tmp_path: Path) -> None:
    root = _project(tmp_path, {"node_modules/dep/index.test.js": "", ".venv/lib/test_site.py": ""})
    assert discover_test_command(root) is None


def test_workspace_override_and_discovered_command_runs(tmp_path: Path) -> None:
    _project(tmp_path, {"test_ok.py": "def test_ok():\n    assert 1 + 1 == 2\n"})
    ws = Workspace(tmp_path)
    command = ws.test_command()
    assert command == f"{PY} -B -m pytest -q"
    result = ws.run(command + " -p no:cacheprovider", timeout=120)
    assert result.ok and "1 passed" in result.output
    assert Workspace(tmp_path, test_command="make check").test_command() == "make check"


def test_docstring_examples_are_the_tests_of_last_resort(tmp_path: Path) -> None:
    code = 'def add(a, b):\n    """\n    >>> add(2, 2)\n    5\n    """\n    return a + b\n'
    _project(tmp_path, {"calc.py": code, "notes.py": "X = 1\n"})
    ws = Workspace(tmp_path, history=False)
    assert ws.test_command() == f"{PY} -B -m doctest calc.py"  # only the file with examples
    failing = ws.run(ws.test_command() or "")
    assert failing.exit_code != 0 and "Expected:\n    5\nGot:\n    4" in failing.output
    (tmp_path / "calc.py").write_text(code.replace("5\n", "4\n", 1))
    assert ws.run(ws.test_command() or "").exit_code == 0
    (tmp_path / "test_calc.py").write_text("def test_it():\n    pass\n")
    assert "doctest" not in (ws.test_command() or "")  # a real test suite wins
