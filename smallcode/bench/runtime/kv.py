"""KV reuse: the time to the first token of a turn that extends what the cache holds."""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from ...messages import Message
from ...model import Sampling
from ...runtime import Runtime
from .figures import Figure, Report, load, paired
from .workloads import TOOLS, agent_session, source


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
