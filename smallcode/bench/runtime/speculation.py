"""Speculative decoding: prompt lookup and a draft model against plain decoding, and the cost
model that says when a draft can win."""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ...messages import Message
from ...model import Sampling
from ...runtime import Runtime, convert_weights
from ...runtime.decode import MAX_DRAFT
from ...runtime.speculative import DraftModel, batch_costs, exact_batch, expected_tokens
from .figures import Figure, Report, Run, load, timed_run
from .workloads import FREE_PROMPTS, addition_workload, edit_workload, source


def decode_sampling(args: argparse.Namespace) -> Sampling:
    """Greedy by default; ``--temperature`` samples (seeded) under the acceptance rule instead."""
    if args.temperature > 0:
        return Sampling(max_tokens=args.tokens, temperature=args.temperature, seed=1)
    return Sampling(max_tokens=args.tokens)


GPU_VERIFY = 2.8
"""What verifying 2-8 tokens costs against one token decoded on an H100 (the 0.5B, every layer
offloaded, f16 cache; runtime-gpu-h100.txt)."""


EXACT_KERNELS: dict[str, object] = {"kv_cache": "q8_0", "repack": False}
"""Runtime options under which each row of a small CPU batch runs on the single-token kernels, so
greedy drafts are verified at any cache length (see ``Runtime``)."""


def bench_lookup(report: Report, path: Path, args: argparse.Namespace, label: str) -> None:
    """Prompt lookup against plain decoding, with llama.cpp's default kernels and with the exact
    ones; then the exact kernels' lookup against the defaults' plain decoding."""
    sampling = decode_sampling(args)
    edits = edit_workload(args.lines)
    free = [[Message.user(p)] for p in FREE_PROMPTS[: 2 if args.quick else 4]]
    section = f"lookup {label}"
    on_edits: list[Figure] = []
    for kernels, options in (("", {}), (", q8_0 KV, no repack", EXACT_KERNELS)):
        with (
            load(path, args, n_ctx=4096, **options) as plain,
            load(
                path, args, n_ctx=4096, draft="lookup", exact_drafts=not args.inexact_drafts, **options
            ) as lookup,
        ):
            _decode_comparison(report, section, plain, lookup, edits, sampling, args, kernels=kernels)
            on_edits.append(report.figures[-1])
            if options:
                checked = not args.inexact_drafts
                fresh = partial(load, path, args, n_ctx=4096, draft="lookup", exact_drafts=checked, **options)
                first_calls(report, section, plain, fresh, edits, sampling, f"edits{kernels}")
            _decode_comparison(
                report, section, plain, lookup, free, sampling, args, workload="free text", kernels=kernels
            )
            if options:
                first_calls(report, section, plain, fresh, free, sampling, f"free text{kernels}")
            costs, exact = measure_batch_costs(plain, range(1, 9), 3 if args.quick else 5)
        relative = {n: t / costs[1] for n, t in costs.items()}
        exactness = ", ".join(f"{n} after a {length}-token context" for length, n in exact.items())
        length, longest = max(exact.items())
        ceiling = max((n / relative[n] for n in range(2, longest + 1)), default=1.0)
        report.note(
            f"{section}{kernels}: verify n tokens / 1 token = "
            + " ".join(f"{n}:{c:.2f}" for n, c in relative.items())
            + f"; largest batch that reproduces one-at-a-time logits bit for bit: {exactness}; "
            f"greedy-exact lookup after {length} cached tokens, every draft kept: {ceiling:.2f}x at most"
        )
    default, exact_kernels = on_edits
    report.add(
        Figure(
            section,
            "decode tok/s, edits, exact-kernel lookup vs defaults",
            exact_kernels.value,
            default.baseline,
            exact_kernels.value / default.baseline,
            "tok/s",
            note="plain decoding with llama.cpp's defaults; outputs not compared (another cache type)",
        )
    )


def _decode_comparison(
    report: Report,
    section: str,
    plain: Runtime,
    fast: Runtime,
    prompts: Sequence[Sequence[Message]],
    sampling: Sampling,
    args: argparse.Namespace,
    *,
    workload: str = "edits",
    goal: float | None = None,
    kernels: str = "",
) -> list[Run]:
    """Paired runs of each prompt, plain then fast and the other way round; one figure, whose goal
    is ``goal`` when given, else 2.0x for edits and never slower than 0.97x for anything else."""
    ratios: list[float] = []
    base_rates: list[float] = []
    fast_rates: list[float] = []
    identical = 0
    runs: list[Run] = []
    for messages in prompts:
        pairs: list[tuple[Run, Run]] = []
        for i in range(args.repeats):
            order = [plain, fast] if i % 2 == 0 else [fast, plain]
            # the first run evaluates the prompt from an empty cache in both, so both evaluate it in
            # the same batches (a prompt split elsewhere rounds differently and may change a greedy
            # output); later runs keep the cache, so only decoding differs
            done = {id(rt): timed_run(rt, messages, sampling, fresh=i == 0) for rt in order}
            a, b = done[id(plain)], done[id(fast)]
            pairs.append((a, b))
            report.progress(
                f"{section} {workload}{kernels}: {a.decode_rate:.1f} -> {b.decode_rate:.1f} tok/s, "
                f"{b.stats.accepted}/{b.stats.drafted} drafts kept, same={a.text == b.text}"
            )
        identical += all(a.text == b.text for a, b in pairs)
        runs.extend(b for _, b in pairs)
        base_rates.append(statistics.median(a.decode_rate for a, _ in pairs))
        fast_rates.append(statistics.median(b.decode_rate for _, b in pairs))
        ratios.append(statistics.median(b.decode_rate / a.decode_rate for a, b in pairs))
    drafted = sum(r.stats.drafted for r in runs)
    accepted = sum(r.stats.accepted for r in runs)
    ratio = statistics.median(ratios)
    same = _sameness(sampling, identical, len(prompts))
    if goal is None:
        goal = 2.0 if workload == "edits" else 0.97
    report.add(
        Figure(
            section,
            f"decode tok/s, {workload}{kernels} ({len(prompts)} prompts)",
            statistics.median(fast_rates),
            statistics.median(base_rates),
            ratio,
            "tok/s",
            f">= {goal}x",
            ratio >= goal,
            f"{same}; accepted {accepted}/{drafted} drafted",
        )
    )
    return runs


def _sameness(sampling: Sampling, identical: int, prompts: int) -> str:
    if sampling.temperature > 0:  # outputs differ by design; the distribution does not
        return f"sampled at T={sampling.temperature}"
    return f"identical {identical}/{prompts}"


def first_calls(
    report: Report,
    section: str,
    plain: Runtime,
    fresh: Callable[[], Runtime],
    prompts: Sequence[Sequence[Message]],
    sampling: Sampling,
    workload: str,
) -> None:
    """Each prompt as the first call of a freshly loaded speculating Runtime (nothing measured or
    learned yet: it pays for whatever it measures), against plain decoding from an empty cache."""
    ratios: list[float] = []
    base_rates: list[float] = []
    fast_rates: list[float] = []
    identical = 0
    for i, messages in enumerate(prompts):
        with fresh() as fast:
            order = [plain, fast] if i % 2 == 0 else [fast, plain]
            done = {id(rt): timed_run(rt, messages, sampling) for rt in order}
        a, b = done[id(plain)], done[id(fast)]
        report.progress(
            f"{section} {workload}, first call: {a.decode_rate:.1f} -> {b.decode_rate:.1f} tok/s, "
            f"{b.stats.accepted}/{b.stats.drafted} drafts kept, same={a.text == b.text}"
        )
        identical += a.text == b.text
        base_rates.append(a.decode_rate)
        fast_rates.append(b.decode_rate)
        ratios.append(b.decode_rate / a.decode_rate)
    ratio = statistics.median(ratios)
    same = _sameness(sampling, identical, len(prompts))
    report.add(
        Figure(
            section,
            f"decode tok/s, {workload}, first call ({len(prompts)} prompts)",
            statistics.median(fast_rates),
            statistics.median(base_rates),
            ratio,
            "tok/s",
            ">= 0.97x",
            ratio >= 0.97,
            f"a freshly loaded Runtime per prompt; {same}; per prompt "
            + " ".join(f"{r:.2f}x" for r in ratios),
        )
    )


def measure_batch_costs(
    rt: Runtime, sizes: Sequence[int], repeats: int
) -> tuple[dict[int, float], dict[int, int]]:
    """Median seconds to evaluate a batch of n tokens with logits at every position after a
    600-token context, and the largest batch whose logits equal one-at-a-time evaluation bit for bit
    after a context of 100, 300 and 600 tokens.

    Single tokens are timed one after another, as decoding runs them: on a GPU llama.cpp replays a
    recorded graph for a run of single tokens, and a single token timed between batches (which run
    without one) costs two to three times more than in decoding."""

    decoder = rt._decoder
    context = rt.tokenize(source("textwrap", 120))[:600]
    rt.clear_cache()
    exact: dict[int, int] = {}
    for length in (100, 300, 600):
        decoder.truncate(0)
        decoder.eval(context[:length])
        exact[length] = exact_batch(decoder, context[length - 8 : length])
    samples: dict[int, list[float]] = {n: [] for n in sizes}
    for _ in range(repeats):
        costs = batch_costs(decoder, context[-8:], sizes)
        for n in sizes:
            samples[n].append(costs[n])
    rt.clear_cache()
    return {n: statistics.median(v) for n, v in samples.items()}, exact


@dataclass(frozen=True)
class DraftTarget:
    """A target for the 0.5B draft: its file, the section its figures go in, the options every
    Runtime loading it takes (named in figures by ``kernels``), whether greedy drafts are verified
    only in exact batches, and the speed-up its adaptive runs should reach."""

    path: Path
    section: str
    options: dict[str, object] = field(default_factory=dict)
    kernels: str = ""
    exact_drafts: bool = True
    goal: float = 0.97


def bench_draft_model(
    report: Report, draft_path: Path, target: DraftTarget, args: argparse.Namespace
) -> None:
    sampling = decode_sampling(args)
    section, options = target.section, {**target.options, "n_ctx": 4096}
    drafting = {**options, "exact_drafts": target.exact_drafts}
    with ExitStack() as stack:
        plain = stack.enter_context(load(target.path, args, **options))
        drafter = stack.enter_context(load(draft_path, args, n_ctx=4096))
        fixed = stack.enter_context(load(target.path, args, draft=drafter, draft_length=2, **drafting))
        adaptive = stack.enter_context(load(target.path, args, draft=draft_path, **drafting))
        prompts = [[Message.user(p)] for p in FREE_PROMPTS[: 2 if args.quick else 3]]
        compare = partial(_decode_comparison, report, section, plain, kernels=target.kernels)
        forced = compare(fixed, prompts, sampling, args, workload="k=2")
        compare(adaptive, prompts, sampling, args, workload="adaptive", goal=target.goal)
        fresh = partial(load, target.path, args, draft=draft_path, **drafting)
        first_calls(report, section, plain, fresh, prompts, sampling, f"adaptive{target.kernels}")
        target_costs, exact = measure_batch_costs(plain, range(1, 9), 3 if args.quick else 5)
        draft_cost = measure_batch_costs(drafter, [1], 3 if args.quick else 5)[0][1]
        _explain_costs(report, target_costs, exact, draft_cost, forced)
        decide = controller_seconds(adaptive)
        report.add(
            Figure(
                section,
                "adaptive controller per step vs one token",
                decide * 1e6,
                target_costs[1] * 1e6,
                decide / target_costs[1],
                "us",
                note="deciding whether to draft, with the costs the runs above taught it",
            )
        )


def wide_target(target_path: Path) -> DraftTarget:
    """The 1.5B with its weights stored as f16: it computes what the 1.5B computes, but each token
    reads three times the bytes, so a 0.5B draft token costs a fraction of a target token. Float
    weights are multiplied by other kernels in a batch than for one token, so greedy drafts are
    verified in any batch (``exact_drafts=False``) and the outputs compared with plain decoding."""
    return DraftTarget(
        convert_weights(target_path, "f16"), "draft f16", kernels=", any batch", exact_drafts=False, goal=1.5
    )


def controller_seconds(rt: Runtime, repeats: int = 2000) -> float:
    """Seconds the adaptive controller of ``rt`` takes to record a plain step and decide the next
    (what speculation adds to every step, drafted or not), timed on a copy of what it learned."""
    assert rt.speculation is not None
    controller = copy.deepcopy(rt.speculation.controller)
    one = controller.costs.verify(1) or 0.0
    began = time.perf_counter()
    for _ in range(repeats):
        controller.costs.record_verify(1, one)
        controller.length(DraftModel.name, MAX_DRAFT)
    return (time.perf_counter() - began) / repeats


def bench_combined(report: Report, draft_path: Path, target: DraftTarget, args: argparse.Namespace) -> None:
    """Prompt lookup, the draft model, and both (lookup first) on file rewrites, those that change a
    little (renames) and those that add code, each against plain decoding with the target's options;
    then both against the better of the two alone."""
    sampling = decode_sampling(args)
    drafts: list[tuple[str, str | Path | list[str | Path]]] = [
        ("lookup", "lookup"),
        ("0.5B", draft_path),
        ("lookup+0.5B", ["lookup", draft_path]),
    ]
    options = {**target.options, "n_ctx": 4096}
    workloads = [("edits", edit_workload(args.lines)), ("additions", addition_workload(args.lines))]
    ratios: dict[str, list[float]] = {name: [] for name, _ in workloads}
    with load(target.path, args, **options) as plain:
        for name, draft in drafts:
            with load(target.path, args, draft=draft, exact_drafts=target.exact_drafts, **options) as fast:
                for workload, prompts in workloads:
                    _decode_comparison(
                        report,
                        target.section,
                        plain,
                        fast,
                        prompts,
                        sampling,
                        args,
                        workload=f"{workload}, {name}",
                        kernels=target.kernels,
                    )
                    ratios[workload].append(report.figures[-1].ratio)
    for workload, (lookup, model, both) in ratios.items():
        alone = max(lookup, model)
        report.add(
            Figure(
                target.section,
                f"{workload}, lookup+0.5B vs the better alone{target.kernels}",
                both,
                alone,
                both / alone,
                "x plain",
                "> 1.0x",
                both > alone,
                "speed-ups over plain decoding: both drafters against lookup's or the model's, the higher",
            )
        )


def _explain_costs(
    report: Report, batch: dict[int, float], exact: dict[int, int], draft: float, runs: Sequence[Run]
) -> None:
    """The cost model, from costs measured in this run and the acceptance of the forced runs."""
    one = batch[1]
    accepted = sum(r.stats.accepted for r in runs)
    cut = sum(r.stats.cut_short for r in runs)
    # no draft made (no batch was exact): nothing to measure the acceptance from, so take the best case
    alpha = accepted / (accepted + cut) if accepted + cut else 1.0
    relative = {n: t / one for n, t in batch.items()}
    d = draft / one
    curve = " ".join(f"{n}:{c:.2f}" for n, c in relative.items())
    report.note(
        f"cost model, measured now: verify n tokens / 1 token = {curve}; one 0.5B draft token = {d:.2f}"
    )
    exactness = ", ".join(f"{n} after a {length}-token context" for length, n in exact.items())
    report.note(f"largest batch that reproduces one-at-a-time logits bit for bit: {exactness}")
    if accepted + cut:
        report.note(f"acceptance per drafted token a = {accepted}/({accepted}+{cut} refusals) = {alpha:.2f}")
    else:
        report.note("acceptance per drafted token: no draft was made; a = 1 below, every draft kept")

    def speed(a: float, k: int) -> float:
        return expected_tokens(a, k) / (relative[k + 1] + k * d)

    rows = ", ".join(f"k={k}: {speed(alpha, k):.2f}x" for k in range(1, 8))
    report.note(f"predicted = (1-a^(k+1))/(1-a) / (verify(k+1) + k*draft): {rows}")
    longest = exact[max(exact)]
    if longest > 1:
        best = max(speed(1.0, k) for k in range(1, longest))
        report.note(f"greedy-exact (k <= {longest - 1}) even with every draft accepted: {best:.2f}x at most")
    else:
        first = min(length for length, n in exact.items() if n == 1)
        report.note(
            f"greedy-exact: after {first} cached tokens no batch reproduces one-at-a-time logits, "
            "so greedy runs do not draft there"
        )
    room = {k: (expected_tokens(alpha, k) - GPU_VERIFY) / k for k in range(1, 8)}
    k = max(room, key=room.__getitem__)
    report.note(
        f"prediction, not measured: with verification batches at {GPU_VERIFY}x one token (an H100), "
        f"a={alpha:.2f}: a draft pays when one draft token costs under {room[k]:.2f}x a target token (k={k})"
    )
