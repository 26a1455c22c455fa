"""Figures next to their baselines, and how a pair of runs is timed."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ...messages import Message
from ...model import Sampling
from ...runtime import Runtime
from ...runtime.decode import DecodeStats


@dataclass
class Figure:
    section: str
    name: str
    value: float
    baseline: float
    ratio: float
    unit: str = ""
    goal: str = ""
    met: bool | None = None
    note: str = ""


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    verbose: bool = True

    def add(self, figure: Figure) -> None:
        self.figures.append(figure)
        if self.verbose:
            print(row(figure), file=sys.stderr, flush=True)

    def progress(self, text: str) -> None:
        if self.verbose:
            print(f"    {text}", file=sys.stderr, flush=True)

    def note(self, text: str) -> None:
        self.notes.append(text)
        if self.verbose:
            print(f"  note: {text}", file=sys.stderr, flush=True)


def row(f: Figure) -> str:
    mark = {True: "yes", False: "NO", None: ""}[f.met]
    goal = f"{f.goal} {mark}".strip()
    return (
        f"{f.section:<11} {f.name:<44} {f.value:>10.3f} {f.baseline:>10.3f} {f.unit:<8} "
        f"{f.ratio:>6.2f}x  {goal:<12} {f.note}"
    )


def load(path: Path, args: argparse.Namespace, **options: object) -> Runtime:
    """A Runtime placed as the command says: llama.cpp threads, layers offloaded to a GPU and, when
    given, the prompt batch size."""
    if args.n_batch is not None:
        options.setdefault("n_batch", args.n_batch)
    return Runtime.from_gguf(path, n_threads=args.threads, n_gpu_layers=args.gpu_layers, **options)


@dataclass
class Run:
    text: str
    stats: DecodeStats
    wall: float

    @property
    def decode_rate(self) -> float:
        """Tokens per second after the first token."""
        return max(0, self.stats.generated - 1) / max(self.stats.decode_seconds, 1e-9)


def timed_run(rt: Runtime, messages: Sequence[Message], sampling: Sampling, *, fresh: bool = True) -> Run:
    if fresh:
        rt.clear_cache()
    began = time.perf_counter()
    text = rt.complete(messages, sampling=sampling).text
    wall = time.perf_counter() - began
    assert rt.last_stats is not None
    return Run(text, rt.last_stats, wall)


def paired(
    baseline: Callable[[], float], candidate: Callable[[], float], repeats: int
) -> tuple[float, float, float]:
    """Medians of baseline and candidate, and the median of per-pair ratios, alternating the order."""
    base: list[float] = []
    cand: list[float] = []
    for i in range(repeats):
        if i % 2 == 0:
            base.append(baseline())
            cand.append(candidate())
        else:
            cand.append(candidate())
            base.append(baseline())
    ratios = [c / b for b, c in zip(base, cand, strict=True) if b > 0]
    return statistics.median(base), statistics.median(cand), statistics.median(ratios) if ratios else 0.0
