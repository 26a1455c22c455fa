"""Calls that cannot help: a file written back as it is, a test pasted into the code it tests (or
the code into its test file), a file rewritten unchanged once the work is done. Small models make
each of these often."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import PurePosixPath

from ..messages import ToolCall
from ..repomap import top_level_names
from ..tools import WRITE_FILE
from ..turns import WHOLE_FILE, Focus
from ..workspace.discovery import is_test_file
from ..workspace.examples import doctest_examples
from .state import DocExamples, RunState


def as_is(call: ToolCall, read: Callable[[str], str | None]) -> bool:
    """A whole-file write of exactly what the file holds."""
    path, content = call.arguments.get("path"), call.arguments.get(WHOLE_FILE)
    return isinstance(path, str) and isinstance(content, str) and read(path) == content


def copied_from(
    state: RunState, path: str | None, content: object, read: Callable[[str], str | None]
) -> str | None:
    """The file whose text ``content`` repeats where it cannot belong: small models copy the failing
    test they were shown into the code they were asked to change, and the code they were shown into
    the test file they were asked to write. (A test file is neither the code it tests nor holds it.)"""
    if path is None or not isinstance(content, str):
        return None
    path = path.removeprefix("./")
    words = " ".join(content.split())
    writing_test = is_test_file(path)
    module = PurePosixPath(path).stem if path.endswith(".py") and not writing_test else None
    for other in dict.fromkeys(p.removeprefix("./") for p in [*state.named_files, *state.seen]):
        if other == path or is_test_file(other) == writing_test:
            continue
        text = read(other)
        if text is None:
            continue
        if writing_test and len(text.strip().splitlines()) < 3:
            continue  # a line or two (an `__init__.py`) may well appear in a test
        copied = " ".join(text.split())
        if copied and copied in words:
            return other
        if writing_test and _rewrites(other, text, path, content):
            return other
        if module and re.search(rf"^[ \t]*(from|import) {re.escape(module)}\b", content, re.MULTILINE):
            return other  # the test's import of this module, pasted into the module itself
    return None


# A function pytest would run: without one, a test file tests nothing.
_TEST_FUNCTION = re.compile(r"^[ \t]*(?:async\s+)?def\s+test", re.MULTILINE)


def _rewrites(module: str, code: str, path: str, content: str) -> bool:
    """Whether the Python test file ``content`` holds no test but defines what ``module`` defines: the
    module written again (its docstring and functions, reworded) instead of tests of it."""
    if not (path.endswith(".py") and module.endswith(".py")) or _TEST_FUNCTION.search(content):
        return False
    defined, redefined = top_level_names(module, code), top_level_names(path, content)
    return bool(defined and redefined and defined & redefined)


def examples_of(paths: Sequence[str], read: Callable[[str], str | None]) -> dict[str, DocExamples]:
    """The docstring examples of each Python file among ``paths`` that has some."""
    found = {p.removeprefix("./"): doctest_examples(read(p) or "") for p in paths if p.endswith(".py")}
    return {path: examples for path, examples in found.items() if examples}


def missing_examples(state: RunState, path: str | None, content: object) -> int:
    """How many of the docstring examples the run began failing ``content`` leaves out of ``path``."""
    kept = state.examples.get(path.removeprefix("./")) if path is not None else None
    now = doctest_examples(content) if kept and isinstance(content, str) else None
    return len(kept - now) if kept and now is not None else 0


def settled(
    state: RunState, call: ToolCall, read: Callable[[str], str | None], exists: Callable[[str], bool]
) -> bool:
    """The model writes again, unchanged, a file it already changed and that passes its checks:
    it has nothing left to change. Sampling the same file hotter would only cost time."""
    path, content = call.arguments.get("path"), call.arguments.get(WHOLE_FILE)
    if not state.changed or state.checks_failing or not isinstance(path, str):
        return False
    if any(not exists(named) for named in state.named_files):
        return False  # a file the task asks for is still missing
    if path.removeprefix("./") not in state.changed_paths or not isinstance(content, str):
        return False
    return read(path) == content


def afresh(state: RunState, focus: Focus | None, call: ToolCall) -> Focus | None:
    """The focus for a retry of ``call``: a file this run changed, rewritten unchanged while a
    check fails, is asked for again without its failing text (which small models copy), as it was
    before the run (nothing, for a file the run created)."""
    path = call.arguments.get("path")
    if (
        focus is None
        or call.name != WRITE_FILE
        or not isinstance(path, str)
        or path.removeprefix("./") not in state.changed_paths
        or not state.feedback
    ):
        return focus
    return replace(focus, afresh=(*focus.afresh, path))
