"""``smallcode bench validate``: prove each task is real (start fails the check, solution passes it)."""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress

from .checks import CheckResult, Toolchain, run_check
from .tasks import Task, builtin_suites, load_tasks, select, suite_dir

Verdict = Literal["ok", "failed", "skipped"]


@dataclass(frozen=True)
class Validation:
    task_id: str
    verdict: Verdict
    reasons: tuple[str, ...]
    start: CheckResult | None = None
    solved: CheckResult | None = None


def validate_task(task: Task, toolchain: Toolchain) -> Validation:
    """Run the check on the starting state (must fail) and on the solved state (must pass)."""
    missing = toolchain.missing(task.requires)
    if missing:
        return Validation(task.id, "skipped", (f"missing tool: {', '.join(missing)}",))
    if not task.solution:
        return Validation(task.id, "failed", ("solution/ is empty: there is nothing to prove the task with",))
    with tempfile.TemporaryDirectory(prefix=f"smallcode-validate-{task.id}-") as tmp:
        start_dir, solved_dir = Path(tmp, "start"), Path(tmp, "solved")
        start_dir.mkdir()
        solved_dir.mkdir()
        task.write_start(start_dir)
        task.write_tests(start_dir)
        task.write_solution(solved_dir)
        task.write_tests(solved_dir)
        start = run_check(task.spec.check, start_dir, timeout=task.spec.timeout, toolchain=toolchain)
        solved = run_check(task.spec.check, solved_dir, timeout=task.spec.timeout, toolchain=toolchain)
    reasons: list[str] = []
    if start.passed:
        reasons.append("the starting state passes the check (it must fail)")
    if not solved.passed:
        why = "timed out" if solved.timed_out else f"exit {solved.returncode}"
        reasons.append(f"the solution fails the check ({why}): {solved.output.strip()[-600:]}")
    return Validation(task.id, "failed" if reasons else "ok", tuple(reasons), start, solved)


def validate_tasks(
    tasks: Sequence[Task],
    toolchain: Toolchain,
    *,
    jobs: int = 1,
    on_done: Callable[[Validation], None] | None = None,
) -> list[Validation]:
    def one(task: Task) -> Validation:
        result = validate_task(task, toolchain)
        if on_done is not None:
            on_done(result)
        return result

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, tasks))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dirs", nargs="*", type=Path, help="task directories or directories of tasks")
    parser.add_argument("--suite", action="append", default=[], help="a built-in suite (repeatable; 'all')")
    parser.add_argument(
        "--filter",
        action="append",
        default=[],
        help="id substring, category or language; a whole id selects that task alone",
    )
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("-j", "--jobs", type=int, default=1, help="tasks validated in parallel")
    parser.add_argument("--tools-dir", type=Path, default=None, help="where `make bench-deps` put tsc")
    parser.add_argument("--json", action="store_true", help="one JSON object per task on stdout")


def main(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    suites: list[str] = builtin_suites() if "all" in args.suite else args.suite
    tasks: list[Task] = []
    for name in suites:
        tasks.extend(load_tasks(suite_dir(name)))
    for directory in args.dirs:
        tasks.extend(load_tasks(directory))
    tasks = select(tasks, filters=args.filter, limit=args.limit)
    if not tasks:
        console.print("nothing to validate: give task directories or --suite NAME")
        return 2
    toolchain = Toolchain.detect(args.tools_dir)
    with Progress(console=console, transient=True) as progress:
        bar = progress.add_task("validating", total=len(tasks))

        def done(result: Validation) -> None:
            progress.advance(bar)
            if result.verdict != "ok":
                style = "red" if result.verdict == "failed" else "yellow"
                reason = escape(f"{result.task_id}: {result.reasons[0]}")
                progress.console.print(f"[{style}]{result.verdict}[/{style}] {reason}")

        results = validate_tasks(tasks, toolchain, jobs=args.jobs, on_done=done)
    counts = {verdict: sum(r.verdict == verdict for r in results) for verdict in ("ok", "failed", "skipped")}
    if args.json:
        for result in results:
            print(
                json.dumps({"id": result.task_id, "verdict": result.verdict, "reasons": list(result.reasons)})
            )
    else:
        print(
            f"{len(results)} tasks: {counts['ok']} ok, {counts['failed']} failed, {counts['skipped']} skipped"
        )
        for result in results:
            if result.verdict != "ok":
                print(f"  {result.verdict:8} {result.task_id}: {'; '.join(result.reasons)}")
    return 1 if counts["failed"] else 0
