"""Benchmarks: each ``smallcode bench NAME`` lives in its own module here.

A benchmark module defines ``add_arguments(parser)`` and ``main(args) -> int`` and prints each
figure next to its baseline from the same run (``--json`` for machine-readable output).
"""

from __future__ import annotations

import importlib.util

BENCHMARKS: dict[str, str] = {
    "parser": "LenientParser: recovery on the corpus, fuzzing, throughput",
    "router": "ToolRouter: schema tokens, well-formed and correct-tool rates",
    "budget": "ContextBudget: tokens per turn over a long session",
    "runtime": "Runtime: speculative decoding, KV reuse, KV quantization, grammars",
    "repomap": "RepoMap: build time and memory",
    "run": "task suites and public datasets: execution-verified pass rates, agent vs raw model",
    "validate": "task suites: prove each task's start fails its check and its solution passes",
    "compare": "two results files: per-category pass-rate deltas",
    "report": "results files: one Markdown summary and PNG chart",
}


def available() -> dict[str, str]:
    """The benchmarks whose module is present in this installation."""
    return {
        name: summary
        for name, summary in BENCHMARKS.items()
        if importlib.util.find_spec(f"{__name__}.{name}") is not None
    }
