"""The KV cache: time to first token with reuse across turns, and the bytes of a quantized cache."""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from ...messages import Message
from ...model import Sampling
from ...runtime import KVCacheType, Runtime
from .figures import Figure, Report, load, paired
from .workloads import FREE_PROMPTS, TOOLS, agent_session, source


def first_token_seconds(rt: Runtime, messages: Sequence[Message], before: Sequence[Message] | None) -> float:
    """Seconds to the first token of ``messages``, from an empty cache or after ``before`` ran."""
    rt.clear_cache()
    if before is not None:
        rt.complete(before, tools=TOOLS, sampling=Sampling(max_tokens=16))
    began = time.perf_counter()
    rt.complete(messages, tools=TOOLS, sampling=Sampling(max_tokens=1))
    return time.perf_counter() - began


def bench_kv_reuse(report: Report, path: Path, args: argparse.Namespace) -> None:
    system, turns = agent_session(4 if args.quick else 8, args.lines)
    previous = [*system, *turns[:-2]]  # the turn before: the last call and its result are new
    current = [*system, *turns]
    with load(path, args, n_ctx=8192) as rt:
        _reuse_figure(report, rt, "prefix", previous, current, args.repeats)
        _edit_and_side_call_figures(report, rt, system, current, args.repeats)
        _kept_state_figure(report, rt, previous, current, args.repeats)
    if not args.quick:
        with load(path, args, n_ctx=8192, exact_reuse=True) as rt:
            _reuse_figure(report, rt, "exact", previous, current, args.repeats)


def _reuse_figure(
    report: Report,
    rt: Runtime,
    mode: str,
    previous: Sequence[Message],
    current: Sequence[Message],
    repeats: int,
) -> None:
    base, cand, ratio = paired(
        partial(first_token_seconds, rt, current, None),
        partial(first_token_seconds, rt, current, previous),
        repeats,
    )
    rt.clear_cache()
    fresh = rt.complete(current, tools=TOOLS, sampling=Sampling(max_tokens=24))
    rt.complete(previous, tools=TOOLS, sampling=Sampling(max_tokens=16))
    reused = rt.complete(current, tools=TOOLS, sampling=Sampling(max_tokens=24))
    same = (fresh.raw_text, fresh.text) == (reused.raw_text, reused.text)
    gated = mode == "prefix"
    report.add(
        Figure(
            "kv reuse",
            f"TTFT last turn ({reused.usage.prompt_tokens} tok), {mode} reuse",
            cand,
            base,
            ratio,
            "s",
            "<= 0.2x" if gated else "",
            ratio <= 0.2 if gated else None,
            f"vs full re-prefill; {reused.usage.cached_tokens} tokens reused; same output as fresh: {same}",
        )
    )


def _edit_and_side_call_figures(
    report: Report, rt: Runtime, system: Sequence[Message], current: Sequence[Message], repeats: int
) -> None:
    # history edited mid-way (a budget shortened an early tool result): reuse up to the change
    edited = list(current)
    first_tool = next(i for i, m in enumerate(edited) if m.role == "tool")
    edited[first_tool] = Message.tool("[elided to save context]", tool_call_id="call_0", name="read_file")
    reused: list[int] = []

    def after_current() -> float:
        took = first_token_seconds(rt, edited, current)
        reused.append(rt.last_stats.cached_tokens if rt.last_stats else 0)
        return took

    timing = paired(partial(first_token_seconds, rt, edited, None), after_current, repeats)
    _add(
        report,
        "TTFT after a mid-history edit",
        timing,
        f"reuses the {reused[-1]}-token prefix before the edit",
    )
    # a side call (e.g. routing) took the cache: a saved system + tools prefix comes back by copy
    side = [Message.user("Classify this request: read, write or run? 'open README'")]
    opening = [*system, current[len(system)]]

    def after_side(saved: bool) -> float:
        rt.clear_prefixes()
        if saved:
            rt.save_prefix(system, TOOLS)
        rt.complete(side, sampling=Sampling(max_tokens=2))
        began = time.perf_counter()
        rt.complete(opening, tools=TOOLS, sampling=Sampling(max_tokens=1))
        return time.perf_counter() - began

    timing = paired(partial(after_side, False), partial(after_side, True), repeats)
    _add(
        report,
        "TTFT after a side call, saved prefix",
        timing,
        "system prompt + tool menu restored from a saved state",
    )
    rt.clear_prefixes()


def _kept_state_figure(
    report: Report, rt: Runtime, previous: Sequence[Message], current: Sequence[Message], repeats: int
) -> None:
    """``StagedTurns``: a focused prompt (another conversation) writes the file between two turns."""
    focused = [Message.system("You write files."), Message.user(source("colorsys", 40))]
    outputs: dict[bool, str] = {}
    restored: dict[bool, int] = {}

    def next_turn(kept: bool) -> float:
        rt.clear_prefixes()
        rt.clear_cache()
        rt.complete(previous, tools=TOOLS, sampling=Sampling(max_tokens=4))
        if kept:
            rt.keep_state(previous, TOOLS)
        rt.complete(focused, sampling=Sampling(max_tokens=4))
        began = time.perf_counter()
        completion = rt.complete(current, tools=TOOLS, sampling=Sampling(max_tokens=16))
        wall = time.perf_counter() - began
        stats = rt.last_stats
        assert stats is not None
        outputs[kept] = completion.raw_text or completion.text
        restored[kept] = stats.cached_tokens
        return wall - stats.decode_seconds  # to the first token: the rest is decoding

    timing = paired(partial(next_turn, False), partial(next_turn, True), repeats)
    rt.clear_prefixes()
    note = f"{restored[True]} tokens restored; same output: {outputs[True] == outputs[False]}"
    _add(report, "TTFT after a focused prompt, kept state", timing, note)


def _add(report: Report, name: str, timing: tuple[float, float, float], note: str) -> None:
    """A KV-reuse figure in seconds to the first token, next to its baseline."""
    base, cand, ratio = timing
    report.add(Figure("kv reuse", name, cand, base, ratio, "s", note=note))


FLOOR_BATCH = 16


def bench_kv_quant(report: Report, path: Path, args: argparse.Namespace) -> None:
    n_ctx = 16384
    prompts = [[Message.user(p)] for p in FREE_PROMPTS[: 6 if args.quick else len(FREE_PROMPTS)]]
    sampling = Sampling(max_tokens=min(args.tokens, 48 if args.quick else 96))
    outputs: dict[str, list[str]] = {}
    sizes: dict[str, tuple[int, int]] = {}
    kinds: tuple[KVCacheType, ...] = ("f16", "q8_0", "q4_0")
    for kind in kinds:
        with load(path, args, n_ctx=n_ctx, kv_cache=kind, flash_attn=True) as rt:
            outputs[kind] = [rt.complete(m, sampling=sampling).text for m in prompts]
            sizes[kind] = (rt.info().kv_cache_bytes, _measured_kv_bytes(rt))
    # The floor of any numerically different path: the same f16 cache with the prompt evaluated in
    # smaller batches, which changes the floating-point sums and so, at a near-tie, a greedy token.
    with load(path, args, n_ctx=n_ctx, kv_cache="f16", flash_attn=True, n_batch=FLOOR_BATCH) as rt:
        split = [rt.complete(m, sampling=sampling).text for m in prompts]
    f16_info, f16_measured = sizes["f16"]
    for kind in ("q8_0", "q4_0"):
        info_bytes, measured = sizes[kind]
        same = sum(a == b for a, b in zip(outputs["f16"], outputs[kind], strict=True))
        goal = "<= 0.55x" if kind == "q8_0" else ""
        report.add(
            Figure(
                "kv quant",
                f"{kind} KV bytes at {n_ctx} ctx (MiB)",
                info_bytes / 2**20,
                f16_info / 2**20,
                info_bytes / f16_info,
                "MiB",
                goal,
                info_bytes / f16_info <= 0.55 if kind == "q8_0" else None,
                f"measured via llama.cpp state: {measured / f16_measured:.3f}x",
            )
        )
        rate = same / len(prompts)
        report.add(
            Figure(
                "kv quant",
                f"{kind} greedy outputs identical to f16",
                same,
                len(prompts),
                rate,
                "prompts",
                ">= 0.95" if kind == "q8_0" else "",
                rate >= 0.95 if kind == "q8_0" else None,
            )
        )
    _split_floor(report, outputs["f16"], split)


def _split_floor(report: Report, outputs: Sequence[str], split: Sequence[str]) -> None:
    same = sum(a == b for a, b in zip(outputs, split, strict=True))
    report.add(
        Figure(
            "kv quant",
            f"f16, prompt in {FLOOR_BATCH}-token batches, identical",
            same,
            len(outputs),
            same / len(outputs),
            "prompts",
            "",
            None,
            "reference: the same cache type, only the prompt's batches differ",
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
