"""How the agent checks its work in a workspace: each edited file on its own, then the tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..validation import FileCheck, check_file, failure_count, summarize_test_output
from ..workspace import Workspace
from ..workspace.examples import assertions_command, examples_command, task_assertions


@dataclass(frozen=True)
class TestRun:
    command: str
    passed: bool
    summary: str
    """The compact failure summary a model can act on."""
    failing: int

    __test__ = False  # not a pytest test class, despite its name


class Checks:
    """The checks of one workspace: a file on its own, and the tests a task has."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def file(self, path: str, baseline: str | None = None) -> FileCheck:
        """The file's own check (syntax, names, types where a compiler is at hand), by its language;
        ``baseline``: its text before the run, whose own faults are not held against an edit."""
        return check_file(self.workspace.root, path, baseline=baseline)

    def tests(self, task: str, sources: Sequence[str], fallback: Sequence[str] = ()) -> TestRun | None:
        """Run the tests for ``task``; None when there are none. ``sources``: the existing files the
        task names that are not tests (what the task's own assertions run against); ``fallback``:
        ``assert`` lines to run against them when there are no other tests."""
        command, timeout = self.test_command(task, sources, fallback)
        if command is None:
            return None
        result = self.workspace.run(command, timeout=timeout)
        passed = result.exit_code == 0 and not result.timed_out
        return TestRun(
            command, passed, summarize_test_output(result.output), failure_count(result.output, passed)
        )

    def test_command(
        self, task: str, sources: Sequence[str], fallback: Sequence[str] = ()
    ) -> tuple[str | None, float]:
        """The project's tests; else the assertions the task shows (before docstring examples, which
        a small model writes itself, wrong ones included); else the docstring examples; else the
        ``fallback`` assertions. With the seconds a run may take."""
        asserts = bool(task_assertions(task))  # without them, one discovery as always
        command = self.workspace.test_command(docstrings=not asserts)
        if command is None and asserts:
            if examples := examples_command(self.workspace.root, task, sources):
                return examples, 30.0
            command = self.workspace.test_command()
        if command is None and (examples := assertions_command(self.workspace.root, fallback, sources)):
            return examples, 30.0
        return command, 120.0
