"""A quantized KV cache: the bytes it saves, and how often its greedy output is the f16 cache's."""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...messages import Message
from ...runtime import KVCacheType, Runtime
from .figures import Figure, Report, load
from .workloads import FREE_PROMPTS

N_CTX = 16384
FLOOR_BATCH = 16


@dataclass
class GreedyPath:
    """Greedy decoding of one prompt: the tokens, where this cache's greedy choice differed from them
    (never, unless they were another cache's tokens fed to it), and how far its top logit stood
    above the next at each token."""

    tokens: list[int]
    misses: list[int]
    margins: list[float]


def greedy_path(
    rt: Runtime, prompt: Sequence[int], limit: int, along: Sequence[int] | None = None
) -> GreedyPath:
    """The greedy tokens after ``prompt``, evaluated as plain decoding evaluates them (the prompt in
    batches, then one token at a time), up to ``limit`` tokens or the end of the reply.

    With ``along``, those tokens are fed instead and each is compared with this cache's greedy choice
    at its position, so that one early difference does not hide how the rest compares.
    """
    decoder = rt._decoder
    rt.clear_cache()
    decoder.prefill(prompt)
    steps = len(along) if along is not None else limit
    path = GreedyPath([], [], [])
    for i in range(steps):
        logits = decoder.logits()
        best = int(np.argmax(logits))
        second, first = np.partition(logits, -2)[-2:]
        path.margins.append(float(first - second))
        token = along[i] if along is not None else best
        if best != token:
            path.misses.append(i)
        path.tokens.append(token)
        if rt._is_end(token) or i == steps - 1:
            break
        decoder.eval([token])
    return path


def bench_kv_quant(report: Report, path: Path, args: argparse.Namespace, label: str) -> None:
    prompts = FREE_PROMPTS[: 6 if args.quick else len(FREE_PROMPTS)]
    limit = min(args.tokens, 48 if args.quick else 96)
    sizes: dict[str, tuple[int, int]] = {}
    followed: dict[str, list[GreedyPath]] = {}
    with load(path, args, n_ctx=N_CTX, kv_cache="f16", flash_attn=True) as rt:
        encoded = [rt.tokenize(rt.render([Message.user(p)])) for p in prompts]
        reference = [greedy_path(rt, tokens, limit) for tokens in encoded]
        sizes["f16"] = (rt.info().kv_cache_bytes, _measured_kv_bytes(rt))

    def follow(rt: Runtime) -> list[GreedyPath]:
        return [greedy_path(rt, t, limit, r.tokens) for t, r in zip(encoded, reference, strict=True)]

    kinds: tuple[KVCacheType, ...] = ("q8_0", "q4_0")
    for kind in kinds:
        with load(path, args, n_ctx=N_CTX, kv_cache=kind, flash_attn=True) as rt:
            followed[kind] = follow(rt)
            sizes[kind] = (rt.info().kv_cache_bytes, _measured_kv_bytes(rt))
    # The floor of any numerically different path: the same f16 cache with the prompt evaluated in
    # smaller batches, which changes the floating-point sums and so, at a near-tie, a greedy token.
    with load(path, args, n_ctx=N_CTX, kv_cache="f16", flash_attn=True, n_batch=FLOOR_BATCH) as rt:
        floor = follow(rt)
    f16_info, f16_measured = sizes["f16"]
    for kind in kinds:
        info_bytes, measured = sizes[kind]
        report.add(
            Figure(
                "kv quant",
                f"{label} {kind} KV bytes at {N_CTX} ctx (MiB)",
                info_bytes / 2**20,
                f16_info / 2**20,
                info_bytes / f16_info,
                "MiB",
                "<= 0.55x" if kind == "q8_0" else "",
                info_bytes / f16_info <= 0.55 if kind == "q8_0" else None,
                f"measured via llama.cpp state: {measured / f16_measured:.3f}x",
            )
        )
        _agreement(report, f"{label} {kind}", followed[kind], reference, kind == "q8_0")
    reference_note = "reference: the same cache type, only the prompt's batches differ"
    name = f"{label} f16, prompt in {FLOOR_BATCH}-token batches,"
    _agreement(report, name, floor, reference, False, reference_note)


def _agreement(
    report: Report,
    name: str,
    paths: Sequence[GreedyPath],
    reference: Sequence[GreedyPath],
    goal: bool,
    note: str = "",
) -> None:
    """Whole greedy outputs identical to f16's, the tokens where the greedy choices agree, and how
    close f16's choice was where they do not."""
    same = sum(not p.misses for p in paths)
    rate = same / len(paths)
    report.add(
        Figure(
            "kv quant",
            f"{name} greedy outputs identical to f16",
            same,
            len(paths),
            rate,
            "prompts",
            ">= 0.95" if goal else "",
            rate >= 0.95 if goal else None,
            note,
        )
    )
    positions = sum(len(p.tokens) for p in paths)
    agreed = positions - sum(len(p.misses) for p in paths)
    firsts = [p.misses[0] for p in paths if p.misses]
    gaps = [r.margins[m] for p, r in zip(paths, reference, strict=True) for m in p.misses]
    where = (
        f"; the first differs at token {statistics.median(firsts):g} (median); where they differ,"
        f" f16's top two logits are {statistics.median(gaps):.3f} apart (median, at most {max(gaps):.3f})"
        if gaps
        else ""
    )
    report.add(
        Figure(
            "kv quant",
            f"{name} greedy tokens agreeing with f16",
            agreed,
            positions,
            agreed / positions,
            "tokens",
            note=f"its greedy choice at each token of f16's outputs{where}",
        )
    )


def _measured_kv_bytes(rt: Runtime) -> int:
    """Bytes per cached token as llama.cpp serialises them, scaled to the whole context."""
    tokens = rt.tokenize("def f(x):\n    return x\n" * 40)[:256]
    decoder = rt._decoder
    rt.clear_cache()
    decoder.eval(tokens)
    short = len(decoder.save_state())
    decoder.truncate(128)
    shorter = len(decoder.save_state())
    rt.clear_cache()
    return int((short - shorter) / (len(tokens) - 128) * rt.context_window)
