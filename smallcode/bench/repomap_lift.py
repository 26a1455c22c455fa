"""``smallcode bench repomap --lift``: the same model and agent on a task suite without and with the repo
map, task by task in one run, scored by the suite's hidden checks and compared per category.

The map is the Agent's own (``repo_map=True``): after the system prompt, rendered once per task at a
share of the context window, focused by the task's text; the other arm runs with ``repo_map=False``.
Everything else (tools, steps, sampling) is the default ``Agent``, so the pass-rate difference is the
map's.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from ..agent import Agent
from ..errors import BenchmarkError
from ..model import Model
from ..runtime.opening import LocalOptions, open_model
from ..workspace import Workspace
from .checks import Toolchain
from .report import ResultsFile, TaskResult, compare, load_results
from .run import RESULTS_DIR, model_label
from .runner import AgentFactory, RunSettings, run_task
from .tasks import load_tasks, select, suite_dir


def agent_factory(*, max_steps: int, share: float | None) -> AgentFactory:
    """An ``Agent`` per task; with ``share``, the Agent's own repo map at that share of the window,
    without it no map at all (the Agent's default would add one)."""

    def build(model: Model, workspace: Workspace) -> Agent:
        if share is None:
            return Agent(model=model, workspace=workspace, max_steps=max_steps, repo_map=False)
        return Agent(model=model, workspace=workspace, max_steps=max_steps, map_share=share)

    return build


def run_lift(args: argparse.Namespace, progress: Callable[[str], None] = print) -> int:
    tasks = select(load_tasks(suite_dir(args.suite)), filters=args.filter, limit=args.limit)
    if not tasks:
        raise BenchmarkError("no task matches the filters")
    spec = args.model or "default"
    label = model_label(spec)
    out_dir: Path = args.out_dir or RESULTS_DIR
    without = ResultsFile(out_dir / f"{args.suite}-{label}-without-map.jsonl")
    with_map = ResultsFile(out_dir / f"{args.suite}-{label}-with-map.jsonl")
    settings = RunSettings(model_name=label, suite=args.suite, max_steps=args.max_steps)
    toolchain = Toolchain.detect()
    arms = ((without, None), (with_map, args.map_share))
    todo = [
        (task, results, share)
        for task in tasks
        for results, share in arms
        if (task.id, "agent", label) not in results.done_keys()
    ]
    if todo:
        model = open_model(spec, n_ctx=args.n_ctx, local=LocalOptions(threads=args.threads))
        try:
            for n, (task, results, share) in enumerate(todo, start=1):
                factory = agent_factory(max_steps=args.max_steps, share=share)
                record: TaskResult = run_task(
                    task, "agent", model, settings, toolchain, agent_factory=factory
                )
                results.append(record)
                arm = "with map" if share is not None else "without map"
                progress(f"[{n}/{len(todo)}] {task.id} {arm}: {record.status}")
        finally:
            close = getattr(model, "close", None)
            if callable(close):
                close()
    ids = {task.id for task in tasks}
    before = [r for r in load_results(without.path) if r.task_id in ids]
    after = [r for r in load_results(with_map.path) if r.task_id in ids]
    deltas = compare(before, after)
    if args.json:
        print(json.dumps({
            "suite": args.suite, "model": label, "without": str(without.path), "with": str(with_map.path),
            "categories": [
                {"category": d.category, "without": [d.before.passed, d.before.scored],
                 "with": [d.after.passed, d.after.scored], "delta_points": d.points}
                for d in deltas
            ],
        }, indent=2))  # fmt: skip
        return 0
    print(f"{args.suite}, {label}, agent without vs with the repo map (same run, same model)")
    print(f"{'category':<20} {'without map':>16} {'with map':>16} {'delta':>8}")
    for delta in deltas:
        points = "–" if delta.points is None else f"{delta.points:+.1f}"
        print(f"{delta.category:<20} {delta.before!s:>16} {delta.after!s:>16} {points:>8}")
    print(f"results: {without.path} and {with_map.path} (`smallcode bench compare` reads them)")
    return 0
