"""Benchmark results: the append-only JSONL record, per-category summaries, a PNG chart, comparisons."""

from __future__ import annotations

import argparse
import json
import os
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import BenchmarkError

Mode = Literal["agent", "agent-no-loop", "raw"]
"""``agent-no-loop``: the same agent with its improvement loop off (no edit validation, no test runs)."""
Status = Literal["passed", "failed", "skipped", "error"]


class TaskResult(BaseModel):
    """One line of a results file: one task, one mode, one model."""

    model_config = ConfigDict(frozen=True)

    task_id: str
    suite: str
    category: str
    language: str
    mode: Mode
    model: str
    status: Status
    steps: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    wall_seconds: float = 0.0
    """Agent (or raw completion) time plus check time."""
    check_seconds: float = 0.0
    tool_calls: int = 0
    """Tools the agent ran at the model's request (``finish`` not counted)."""
    parse_problems: int = 0
    well_formed_rate: float | None = None
    """Agent steps whose reply was usable as given (no parse problem), over all steps."""
    escalations: int = 0
    stop_reason: str = ""
    check_exit: int | None = None
    check_timed_out: bool = False
    files_changed: tuple[str, ...] = ()
    detail: str = ""
    """Why a task was skipped or errored, or the tail of a failing check's output."""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.task_id, self.mode, self.model)

    @property
    def passed(self) -> bool:
        return self.status == "passed"


class ResultsFile:
    """An append-only JSONL file: a run that is interrupted resumes from the tasks it already recorded."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def load(self) -> list[TaskResult]:
        """Every record, the last one winning for a repeated key (a retried error)."""
        if not self.path.exists():
            return []
        latest: dict[tuple[str, str, str], TaskResult] = {}
        text = self.path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = TaskResult.model_validate_json(line)
            except ValidationError as exc:
                if number == len(lines) and not text.endswith("\n"):
                    continue  # a line cut off by an interrupted write
                raise BenchmarkError(f"{self.path}:{number}: not a results record: {exc}") from exc
            latest[record.key] = record
        return list(latest.values())

    def done_keys(self) -> set[tuple[str, str, str]]:
        """Keys that need no rerun: everything recorded except infrastructure errors."""
        return {record.key for record in self.load() if record.status != "error"}

    def append(self, record: TaskResult) -> None:
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("ab+") as handle:
                size = handle.seek(0, os.SEEK_END)
                if size:
                    handle.seek(size - 1)
                    if handle.read(1) != b"\n":  # the last run died mid-line: drop the fragment
                        handle.seek(0)
                        handle.truncate(handle.read().rfind(b"\n") + 1)
                handle.write(record.model_dump_json().encode("utf-8") + b"\n")
                handle.flush()


@dataclass(frozen=True)
class Score:
    passed: int
    scored: int
    skipped: int

    @property
    def rate(self) -> float | None:
        return self.passed / self.scored if self.scored else None

    def __str__(self) -> str:
        rate = self.rate
        shown = "–" if rate is None else f"{100 * rate:.1f}%"
        skipped = f" ({self.skipped} skipped)" if self.skipped else ""
        return f"{self.passed}/{self.scored} {shown}{skipped}"


def score(records: Iterable[TaskResult]) -> Score:
    """Passed over scored; skipped tasks (missing toolchain, no raw target) count in neither."""
    items = list(records)
    skipped = sum(r.status == "skipped" for r in items)
    return Score(sum(r.passed for r in items), len(items) - skipped, skipped)


Table = dict[str, dict[tuple[str, str], Score]]


def by_category(records: Sequence[TaskResult]) -> Table:
    """Category -> (model, mode) -> score, with an ``all`` row."""
    groups: dict[str, dict[tuple[str, str], list[TaskResult]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        for category in (record.category, "all"):
            groups[category][(record.model, record.mode)].append(record)
    ordered = sorted(c for c in groups if c != "all") + (["all"] if groups else [])
    return {category: {column: score(rs) for column, rs in groups[category].items()} for category in ordered}


def _columns(records: Sequence[TaskResult]) -> list[tuple[str, str]]:
    return sorted({(r.model, r.mode) for r in records})


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def markdown_summary(records: Sequence[TaskResult], *, title: str) -> str:
    """Pass rates per category for each (model, mode), then the run's cost and behaviour figures."""
    columns = _columns(records)
    table = by_category(records)
    lines = [f"# {title}", "", "Pass = the task's hidden check exits 0 on the files left behind.", ""]
    lines.append("| category | " + " | ".join(f"{model} {mode}" for model, mode in columns) + " |")
    lines.append("|---|" + "---|" * len(columns))
    for category, row in table.items():
        cells = [str(row.get(column, Score(0, 0, 0))) for column in columns]
        name = f"**{category}**" if category == "all" else category
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "| model mode | tasks | mean steps | mean tokens | mean wall s | well-formed calls | escalations |",
    ]
    lines.append("|---|---|---|---|---|---|---|")
    for model, mode in columns:
        rows = [r for r in records if (r.model, r.mode) == (model, mode) and r.status != "skipped"]
        rates = [r.well_formed_rate for r in rows if r.well_formed_rate is not None]
        well_formed = f"{100 * _mean(rates):.1f}%" if rates else "–"
        lines.append(
            f"| {model} {mode} | {len(rows)} | {_mean([r.steps for r in rows]):.1f} | "
            f"{_mean([r.prompt_tokens + r.completion_tokens for r in rows]):.0f} | "
            f"{_mean([r.wall_seconds for r in rows]):.1f} | {well_formed} | "
            f"{sum(r.escalations for r in rows)} |"
        )
    stops: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for record in records:
        if record.mode != "raw" and record.status != "skipped":
            stops[(record.model, record.mode)][record.stop_reason or "?"] += 1
    if stops:
        lines += ["", "Agent stop reasons: " + "; ".join(
            f"{model} {mode}: " + ", ".join(f"{reason} {count}" for reason, count in sorted(counts.items()))
            for (model, mode), counts in sorted(stops.items())
        )]  # fmt: skip
    return "\n".join(lines) + "\n"


def write_chart(records: Sequence[TaskResult], path: Path | str, *, title: str) -> Path:
    """A grouped bar chart of pass rate per category for each (model, mode). Needs ``smallcode[bench]``."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise BenchmarkError("the PNG chart needs matplotlib: pip install 'smallcode[bench]'") from exc
    table = by_category(records)
    columns = _columns(records)
    categories = [c for c in table if c != "all" or len(table) > 2]  # "all" repeats a lone category
    width = 0.8 / max(1, len(columns))
    figure, axes = plt.subplots(figsize=(max(6.0, 1.1 * len(categories) + 2), 4.5))
    for index, column in enumerate(columns):
        rates = [100 * (table[c].get(column, Score(0, 0, 0)).rate or 0.0) for c in categories]
        positions = [i + (index - (len(columns) - 1) / 2) * width for i in range(len(categories))]
        bars = axes.bar(positions, rates, width=width, label=f"{column[0]} {column[1]}")
        axes.bar_label(bars, fmt="%.0f", fontsize=7)
    axes.set_xticks(range(len(categories)))
    axes.set_xticklabels(categories, rotation=30, ha="right")
    axes.set_ylabel("pass rate (%)")
    axes.set_ylim(0, 100)
    axes.set_title(title)
    axes.legend(fontsize="small")
    figure.tight_layout()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, dpi=110)
    plt.close(figure)
    return target


@dataclass(frozen=True)
class Delta:
    category: str
    column: tuple[str, str]
    before: Score
    after: Score

    @property
    def points(self) -> float | None:
        if self.before.rate is None or self.after.rate is None:
            return None
        return 100 * (self.after.rate - self.before.rate)


def compare(before: Sequence[TaskResult], after: Sequence[TaskResult]) -> list[Delta]:
    """Per-category pass-rate change for every (model, mode) present in either file."""
    a, b = by_category(before), by_category(after)
    categories = sorted(set(a) | set(b), key=lambda c: (c == "all", c))
    columns = sorted({col for row in (*a.values(), *b.values()) for col in row})
    empty = Score(0, 0, 0)
    return [
        Delta(
            category, column, a.get(category, {}).get(column, empty), b.get(category, {}).get(column, empty)
        )
        for category in categories
        for column in columns
        if column in a.get(category, {}) or column in b.get(category, {})
    ]


def load_results(path: Path | str) -> list[TaskResult]:
    file = ResultsFile(path)
    if not file.path.exists():
        raise BenchmarkError(f"no results file at {file.path}")
    return file.load()


def records_to_json(records: Iterable[TaskResult]) -> str:
    return json.dumps([record.model_dump(mode="json") for record in records])


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results", nargs="+", type=Path, help="results JSONL files (merged)")
    parser.add_argument("--title", default="Benchmark results")
    parser.add_argument("--markdown", type=Path, help="write the summary here (default: print it)")
    parser.add_argument("--chart", type=Path, help="write the PNG chart here")
    parser.add_argument("--json", action="store_true", help="print the records as one JSON array")


def main(args: argparse.Namespace) -> int:
    records = [record for path in args.results for record in load_results(path)]
    if args.json:
        print(records_to_json(records))
        return 0
    summary = markdown_summary(records, title=args.title)
    if args.markdown is not None:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(summary, encoding="utf-8")
    else:
        print(summary)
    if args.chart is not None:
        write_chart(records, args.chart, title=args.title)
    return 0
