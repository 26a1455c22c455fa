"""The workspace as a run uses it: files read and written through the tools, every edit checked, the
tests run, and the run's best test state put back when it ends worse."""

from __future__ import annotations

from collections.abc import Callable, Generator

from .. import prompts
from ..errors import SmallcodeError, ToolError
from ..events import AgentEvent, KeptBest, TestsRan, Validated
from ..messages import ToolCall
from ..routing import ToolRouter
from ..tools import WRITE_FILE
from ..turns import WHOLE_FILE
from ..validation import FileCheck
from ..validation.tidy import drop_unused_go_imports, import_missing_go_packages, import_missing_modules
from ..validation.toolchains import go_standard_packages
from ..workspace import Workspace
from ..workspace.discovery import is_test_file
from .checks import Checks
from .state import RunState

Emit = Callable[[RunState, AgentEvent], AgentEvent]


class Workbench:
    """One agent's hands on its workspace. ``emit`` records each event of a run (``Agent._emit``)."""

    def __init__(self, workspace: Workspace, router: ToolRouter, emit: Emit) -> None:
        self.workspace = workspace
        self.router = router
        self.checks = Checks(workspace)
        self._emit = emit

    def text(self, path: str) -> str | None:
        """The file's text; None when it does not exist or cannot be read (too large, outside)."""
        try:
            return self.workspace.read_text(path) if self.workspace.exists(path) else None
        except SmallcodeError:
            return None

    def exists(self, path: str) -> bool:
        try:
            return self.workspace.exists(path)
        except SmallcodeError:
            return False

    def execute(self, call: ToolCall) -> tuple[str, bool]:
        """Run a tool call as one undoable step: its output, and whether it succeeded."""
        try:
            with self.workspace.step(call.name):
                return self.router.get(call.name)(call.arguments), True
        except ToolError as exc:
            return f"Error: {exc}", False

    def put(self, path: str, text: str) -> bool:
        """Write through the write tool where there is one, so its read guard knows the text."""
        if WRITE_FILE in self.router.names:
            return self.execute(ToolCall(name=WRITE_FILE, arguments={"path": path, WHOLE_FILE: text}))[1]
        self.workspace.write_text(path, text)
        return True

    def restore(self, path: str, before: str) -> bool:
        """Put back a file whose edit left it unparseable, when what it held before passed its check."""
        after = self.workspace.read_text(path)
        self.put(path, before)
        if self.checks.file(path, baseline=before).ok:
            return True
        self.put(path, after)
        return False

    def validate(
        self, state: RunState, path: str, *, run_tests: bool
    ) -> Generator[AgentEvent, None, FileCheck]:
        """Check the edited file, then run the tests when it passes; remember what fails for the next
        message. Returns the file's own check (failing tests do not make an edit invalid)."""
        state.checks_failing = ""
        baseline = state.originals.get(path.removeprefix("./"))
        check = self.checks.file(path, baseline)
        if not check.ok and check.checker in ("go build", "go test", "python"):
            check = self._tidy(state, path, check, baseline)
        yield self._emit(state, Validated(state.step, path, check.ok, check.message, check.checker))
        if not check.ok:
            state.checks_failing = state.feedback = prompts.FILE_INVALID.format(
                path=path, problem=check.message
            )
            return check
        tests = (yield from self.tests(state)) if run_tests else None
        if tests is not None:
            state.checks_failing = prompts.TESTS_FAIL.format(summary=tests)
        state.feedback = state.checks_failing
        return check

    def _tidy(self, state: RunState, path: str, check: FileCheck, baseline: str | None) -> FileCheck:
        """Drop the imports a Go file does not use (the compiler refuses them) and add the standard
        ones a file uses without importing, then check it again; ``state.tidied`` says what changed,
        for the write's result."""
        text = self.text(path)
        if text is None:
            return check
        said = []
        if check.checker == "python":
            added = import_missing_modules(text)
        else:
            dropped = drop_unused_go_imports(path, text, check.message)
            if dropped is not None:
                text = dropped[0]
                said.append(prompts.TIDIED.format(path=path, imports=", ".join(f'"{i}"' for i in dropped[1])))
            added = import_missing_go_packages(path, text, check.message, go_standard_packages)
        if added is not None:
            text = added[0]
            said.append(prompts.TIDIED_ADDED.format(path=path, imports=", ".join(added[1])))
        if not said or not self.put(path, text):
            return check
        state.tidied = "\n".join(said)
        return self.checks.file(path, baseline)

    def tests(self, state: RunState) -> Generator[AgentEvent, None, str | None]:
        """Run the tests; the compact failure summary, or None when they pass or do not exist."""
        sources = [path for path in state.named_files if not is_test_file(path) and self.exists(path)]
        run = self.checks.tests(state.task, sources, state.stated_examples)
        if run is None:
            return None
        state.failing = run.failing
        if state.best is None or state.failing < state.best[0]:
            touched = dict.fromkeys(p.removeprefix("./") for p in [*state.named_files, *state.changed])
            state.best = (state.failing, {path: self.text(path) for path in touched})
        yield self._emit(state, TestsRan(state.step, run.command, run.passed, run.summary))
        return None if run.passed else run.summary

    def keep_best(self, state: RunState) -> Generator[AgentEvent, None, None]:
        """At the end of a run whose tests fail: go back to the state with the fewest failures,
        if an edit since made them more. A session never ends worse than its best test run."""
        if state.best is None or state.failing is None or state.best[0] >= state.failing:
            return
        failing, texts = state.best
        restored = []
        for path, before in texts.items():
            if before is not None and self.text(path) != before and self.put(path, before):
                restored.append(path)
        if restored:
            yield self._emit(state, KeptBest(state.step, tuple(restored), failing, state.failing))
            state.failing = failing
