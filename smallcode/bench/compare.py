"""``smallcode bench compare A B``: per-category pass-rate deltas between two results files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .report import compare, load_results


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("before", type=Path, help="results JSONL (the baseline)")
    parser.add_argument("after", type=Path, help="results JSONL to compare with it")
    parser.add_argument("--json", action="store_true")


def main(args: argparse.Namespace) -> int:
    deltas = compare(load_results(args.before), load_results(args.after))
    if args.json:
        rows = [
            {
                "category": d.category,
                "model": d.column[0],
                "mode": d.column[1],
                "before": {"passed": d.before.passed, "scored": d.before.scored},
                "after": {"passed": d.after.passed, "scored": d.after.scored},
                "delta_points": d.points,
            }
            for d in deltas
        ]
        print(json.dumps(rows))
        return 0
    print(f"{'category':<18} {'model mode':<28} {'before':>16} {'after':>16} {'delta':>8}")
    for delta in deltas:
        points = "–" if delta.points is None else f"{delta.points:+.1f}"
        column = f"{delta.column[0]} {delta.column[1]}"
        print(f"{delta.category:<18} {column:<28} {delta.before!s:>16} {delta.after!s:>16} {points:>8}")
    return 0
