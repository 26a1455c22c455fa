"""Every built-in multi-file task and a sample of single-file tasks are real: start fails, solution passes.

The whole of both suites: ``smallcode bench validate --suite all -j 2`` (see docs/benchmarks.md).
"""

from __future__ import annotations

from smallcode.bench.checks import Toolchain
from smallcode.bench.tasks import builtin_suites, load_tasks, suite_dir
from smallcode.bench.validate import validate_tasks

SINGLE_FILE_SAMPLE_EVERY = 20


def test_builtin_tasks_are_real() -> None:
    tasks = load_tasks(suite_dir("multi-file"))
    if "single-file" in builtin_suites():
        tasks += load_tasks(suite_dir("single-file"))[::SINGLE_FILE_SAMPLE_EVERY]
    results = validate_tasks(tasks, Toolchain.detect(), jobs=2)
    failed = {r.task_id: r.reasons for r in results if r.verdict == "failed"}
    assert failed == {}
    checked = [r for r in results if r.verdict == "ok"]
    # Python and JavaScript tasks need only the interpreter and node, which CI has.
    assert len(checked) >= 30
