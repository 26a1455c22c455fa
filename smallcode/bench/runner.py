"""Scoring tasks: a fresh workspace per task, the agent (or the raw baseline), then the hidden check."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..agent import Agent, RunResult
from ..errors import SmallcodeError
from ..events import ParseProblem, ToolStarted
from ..model import Model
from ..workspace import Workspace
from .checks import Toolchain, run_check
from .raw import run_raw
from .report import Mode, ResultsFile, TaskResult
from .tasks import Task


class TaskAgent(Protocol):
    """What the runner needs of an agent (``smallcode.Agent`` or a stand-in)."""

    def run(self, task: str) -> RunResult: ...


AgentFactory = Callable[[Model, Workspace], TaskAgent]


@dataclass(frozen=True)
class RunSettings:
    model_name: str
    """The label results are keyed by (resuming only skips records with the same label)."""
    suite: str
    max_steps: int = 12
    raw_max_tokens: int = 2048
    keep_workspaces: Path | None = None
    """Copy each finished workspace here (for debugging a task), as ``<id>-<mode>/``."""
    traces: Path | None = None
    """Write each agent run's session trace here, as ``<id>-<mode>.jsonl`` (the default agent only)."""


def _agent_metrics(result: RunResult) -> dict[str, object]:
    """Cost and behaviour figures of one agent run, from its result and events."""
    tools_run = sum(isinstance(event, ToolStarted) for event in result.events)
    problems = sum(isinstance(event, ParseProblem) for event in result.events)
    escalations = getattr(result, "escalations", None)
    if not isinstance(escalations, int):
        escalations = sum(type(event).__name__ == "Escalated" for event in result.events)
    return {
        "steps": result.steps,
        "prompt_tokens": result.usage.prompt_tokens,
        "completion_tokens": result.usage.completion_tokens,
        "tool_calls": tools_run,
        "parse_problems": problems,
        # A step whose reply could not be used as a call counts against the rate.
        "well_formed_rate": max(0, result.steps - problems) / result.steps if result.steps else None,
        "escalations": escalations,
        "stop_reason": result.stop_reason,
        "files_changed": tuple(result.files_changed),
    }


def run_task(
    task: Task,
    mode: Mode,
    model: Model,
    settings: RunSettings,
    toolchain: Toolchain,
    *,
    agent_factory: AgentFactory | None = None,
) -> TaskResult:
    """Score one task in one mode. Hidden tests reach the workspace only after the model has stopped."""
    base = {
        "task_id": task.id,
        "suite": settings.suite,
        "category": task.category,
        "language": task.language,
        "mode": mode,
        "model": settings.model_name,
    }
    missing = toolchain.missing(task.requires)
    if missing:
        return TaskResult.model_validate(
            {**base, "status": "skipped", "detail": f"missing tool: {', '.join(missing)}"}
        )
    if mode == "raw" and task.target is None:
        return TaskResult.model_validate(
            {**base, "status": "skipped", "detail": "no raw target: set `target` in task.toml"}
        )
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"smallcode-bench-{task.id}-") as tmp:
        root = Path(tmp)
        task.write_start(root)
        metrics: dict[str, object]
        try:
            if mode != "raw":
                workspace = Workspace(root)
                trace = settings.traces / f"{task.id}-{mode}.jsonl" if settings.traces is not None else None
                factory = agent_factory or _default_agent(
                    settings.max_steps, loop=mode == "agent", trace=trace
                )
                metrics = _agent_metrics(factory(model, workspace).run(task.prompt))
            else:
                outcome = run_raw(task, model, root, max_tokens=settings.raw_max_tokens)
                metrics = {
                    "steps": 1,
                    "prompt_tokens": outcome.completion.usage.prompt_tokens,
                    "completion_tokens": outcome.completion.usage.completion_tokens,
                    "stop_reason": "wrote_code" if outcome.wrote else "no_code_block",
                    "files_changed": (task.target,) if outcome.wrote else (),
                }
        except SmallcodeError as exc:
            # The model failed (context overflow, generation error): what it left behind is still checked.
            metrics = {"stop_reason": f"error: {type(exc).__name__}", "detail": str(exc)[:500]}
        task.write_tests(root)
        check = run_check(task.spec.check, root, timeout=task.spec.timeout, toolchain=toolchain)
        if settings.keep_workspaces is not None:
            _keep(root, settings.keep_workspaces / f"{task.id}-{mode}")
    detail = str(metrics.pop("detail", ""))
    if not check.passed:
        output = check.output.strip()
        shown = output[-800:] if task.quote_output else (output.splitlines() or [""])[-1][:200]
        detail = (detail + "\n" + shown).strip()
    return TaskResult.model_validate(
        {
            **base,
            **metrics,
            "status": "passed" if check.passed else "failed",
            "wall_seconds": round(time.monotonic() - started, 3),
            "check_seconds": round(check.seconds, 3),
            "check_exit": check.returncode,
            "check_timed_out": check.timed_out,
            "detail": detail,
        }
    )


def _default_agent(max_steps: int, *, loop: bool = True, trace: Path | None = None) -> AgentFactory:
    def build(model: Model, workspace: Workspace) -> TaskAgent:
        if trace is not None:
            trace.parent.mkdir(parents=True, exist_ok=True)
            trace.unlink(missing_ok=True)  # a rerun of the task replaces its trace
        return Agent(
            model=model, workspace=workspace, max_steps=max_steps, validate=loop, run_tests=loop, trace=trace
        )

    return build


def _keep(root: Path, destination: Path) -> None:
    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(root, destination)


def plan(
    tasks: Iterable[Task], modes: Sequence[Mode], settings: RunSettings, done: set[tuple[str, str, str]]
) -> list[tuple[Task, Mode]]:
    """(task, mode) pairs still to run, raw before agent for each task so partial runs stay paired."""
    return [
        (task, mode) for task in tasks for mode in modes if (task.id, mode, settings.model_name) not in done
    ]


def run_all(
    tasks: Sequence[Task],
    modes: Sequence[Mode],
    model: Model,
    settings: RunSettings,
    results: ResultsFile,
    *,
    toolchain: Toolchain | None = None,
    jobs: int = 1,
    agent_factory: AgentFactory | None = None,
    on_result: Callable[[TaskResult], None] | None = None,
) -> list[TaskResult]:
    """Run every (task, mode) not already in ``results``, appending each record as it finishes.

    Jobs share one model (a local Runtime generates for one caller at a time); parallel jobs
    overlap one task's check with another's generation. The toolchain is on ``PATH`` meanwhile.
    """
    chain = toolchain or Toolchain.detect()
    todo = plan(tasks, modes, settings, results.done_keys())

    def one(item: tuple[Task, Mode]) -> TaskResult:
        task, mode = item
        try:
            record = run_task(task, mode, model, settings, chain, agent_factory=agent_factory)
        except Exception as exc:  # a harness or agent bug must not end a run of hundreds of tasks
            record = TaskResult(
                task_id=task.id,
                suite=settings.suite,
                category=task.category,
                language=task.language,
                mode=mode,
                model=settings.model_name,
                status="error",
                detail=f"{type(exc).__name__}: {exc}"[:800],
            )
        results.append(record)
        if on_result is not None:
            on_result(record)
        return record

    with chain.on_path():
        if jobs <= 1:
            return [one(item) for item in todo]
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(one, todo))
