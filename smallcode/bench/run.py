"""``smallcode bench run``: score a task suite or a public dataset, agent vs raw model, resumable."""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import BenchmarkError
from ..runtime import DEFAULT_MODEL
from ..runtime.opening import LocalOptions, open_model
from .checks import Toolchain
from .datasets import DATASETS, load_dataset
from .report import Mode, ResultsFile, TaskResult, markdown_summary, score, write_chart
from .runner import RunSettings, run_all
from .tasks import Task, builtin_suites, load_tasks, select, suite_dir

_MODES: dict[str, tuple[Mode, ...]] = {
    "both": ("raw", "agent"),
    "agent": ("agent",),
    "raw": ("raw",),
    "loop": ("agent-no-loop", "agent"),
}

RESULTS_DIR = Path("bench-results")


def model_label(spec: str, remote_model: str | None = None) -> str:
    """A short name for results: the registry name, the GGUF file's stem, or the remote model."""
    if spec == "default":
        return DEFAULT_MODEL
    if spec.startswith(("http://", "https://")):
        return remote_model or re.sub(r"^https?://", "", spec).rstrip("/")
    if spec.endswith(".gguf"):
        return Path(spec).stem
    return spec


def collect_tasks(args: argparse.Namespace) -> tuple[str, list[Task]]:
    """The source's name and its tasks, filtered and limited."""
    sources = [bool(args.suite), bool(args.suite_dir), bool(args.dataset)]
    if sum(sources) != 1:
        raise BenchmarkError("give exactly one of --suite NAME, --suite-dir PATH, --dataset NAME")
    if args.suite:
        name, tasks = args.suite, load_tasks(suite_dir(args.suite))
    elif args.suite_dir:
        name, tasks = Path(args.suite_dir).resolve().name, load_tasks(args.suite_dir)
    else:
        if args.data is None:
            raise BenchmarkError("--dataset needs --data PATH (the dataset file or the folder holding it)")
        name, tasks = args.dataset, load_dataset(args.dataset, args.data)
    return name, select(tasks, filters=args.filter, limit=args.limit, interleave=args.interleave)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    source = parser.add_argument_group("what to run (one of)")
    source.add_argument(
        "--suite", help=f"a built-in suite: {', '.join(builtin_suites()) or 'none installed'}"
    )
    source.add_argument("--suite-dir", type=Path, help="a directory of tasks in the task format")
    source.add_argument("--dataset", choices=sorted(DATASETS), help="a public benchmark read from --data")
    source.add_argument("--data", type=Path, help="the dataset file, or a folder holding it")
    parser.add_argument(
        "--model", default="default", help="default, a registered name, a .gguf path, or a URL"
    )
    parser.add_argument("--remote-model", help="the model name to ask a URL for")
    LocalOptions.add_arguments(parser)
    parser.add_argument("--label", help="the model's name in results (default: derived from --model)")
    parser.add_argument("--n-ctx", type=int, default=8192)
    parser.add_argument(
        "--mode",
        choices=tuple(_MODES),
        default="both",
        help="both: raw and agent; loop: the agent with its improvement loop on and off",
    )
    parser.add_argument("--max-steps", type=int, default=12, help="agent steps per task")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="tasks in flight (they share one model)")
    parser.add_argument("--limit", type=int, default=None, help="only the first K tasks (after --filter)")
    parser.add_argument(
        "--filter",
        action="append",
        default=[],
        help="id substring, category or language; a whole id selects that task alone",
    )
    parser.add_argument("--interleave", action="store_true", help="order tasks round-robin over categories")
    parser.add_argument("--out", type=Path, help="results JSONL (default bench-results/SOURCE-MODEL.jsonl)")
    parser.add_argument("--no-chart", action="store_true", help="skip the PNG chart")
    parser.add_argument("--keep-workspaces", type=Path, help="copy each finished workspace here")
    parser.add_argument("--traces", type=Path, help="write each agent run's session trace (JSONL) here")
    parser.add_argument("--tools-dir", type=Path, help="where `make bench-deps` installed tsc")
    parser.add_argument("--json", action="store_true", help="print the per-category scores as JSON")


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """``SIGTERM`` (``kill``, a CI job cancelled) ends a run as Ctrl-C does: the task in flight is
    dropped, its temporary workspace removed and the model closed; the results file resumes there."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    source, tasks = collect_tasks(args)
    if not tasks:
        raise BenchmarkError("no task matches the filters")
    label = args.label or model_label(args.model, args.remote_model)
    out: Path = args.out or RESULTS_DIR / f"{source}-{label}.jsonl"
    results = ResultsFile(out)
    modes = _MODES[args.mode]
    settings = RunSettings(
        model_name=label,
        suite=source,
        max_steps=args.max_steps,
        keep_workspaces=args.keep_workspaces,
        traces=args.traces,
    )
    toolchain = Toolchain.detect(args.tools_dir)
    already = len(results.done_keys() & {(t.id, m, label) for t in tasks for m in modes})
    total = len(tasks) * len(modes)
    console.print(
        escape(
            f"{source}: {len(tasks)} tasks × {'+'.join(modes)} with {label} → {out} ({already} already done)"
        )
    )
    if already < total:
        model = open_model(
            args.model, n_ctx=args.n_ctx, local=LocalOptions.from_args(args), remote_model=args.remote_model
        )
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.fields[tally]}"))  # fmt: skip
        tally = {mode: [0, 0] for mode in modes}
        with Progress(*columns, console=console) as progress:
            bar = progress.add_task(source, total=total, completed=already, tally="")

            def advance(record: TaskResult) -> None:
                if record.status in ("passed", "failed"):
                    tally[record.mode][0] += record.passed
                    tally[record.mode][1] += 1
                shown = "  ".join(f"{mode} {p}/{n}" for mode, (p, n) in tally.items() if n)
                progress.update(bar, advance=1, tally=shown)

            try:
                with terminate_as_interrupt():
                    run_all(tasks, modes, model, settings, results, toolchain=toolchain, jobs=args.jobs,
                            on_result=advance)  # fmt: skip
            finally:
                close = getattr(model, "close", None)
                if callable(close):
                    close()
    ids = {task.id for task in tasks}
    records = [r for r in results.load() if r.task_id in ids and r.model == label and r.mode in modes]
    title = f"{source}: {label}"
    summary = markdown_summary(records, title=title)
    out.with_suffix(".md").write_text(summary, encoding="utf-8")
    if not args.no_chart:
        try:
            write_chart(records, out.with_suffix(".png"), title=title)
        except BenchmarkError as exc:
            console.print(f"[yellow]no chart:[/yellow] {escape(str(exc))}")
    if args.json:
        scores = {mode: score(r for r in records if r.mode == mode) for mode in modes}
        print(json.dumps({
            "source": source, "model": label, "results": str(out),
            **{mode: {"passed": s.passed, "scored": s.scored, "skipped": s.skipped, "rate": s.rate}
               for mode, s in scores.items()},
        }))  # fmt: skip
    else:
        print(summary)
    return 0
