"""``smallcode bench budget``: prompt tokens per turn over a long scripted session, with and
without the ContextBudget.

Prints, all from one run and one counter:
- tokens per turn of the raw conversation, of the conversation with capped tool results only, and
  of the fitted prompt (growth without the budget, flat with it), and how many turns would overflow;
- what the model must re-read per turn (tokens after the first message that changed since the
  previous prompt; a stable prefix is served from the KV cache), for this budget and for the same
  budget made stateless;
- the cost of fitting: counter calls and time per fit, next to a naive fit that recounts the whole
  conversation for every candidate eviction.

The default counter is an estimate (no model weights); ``--model default`` uses the embedded
model's exact tokenizer and chat template.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..context import ContextBudget
from ..context.counting import MessageCosts, TokenCounter
from ..errors import BenchmarkError, ContextOverflowError
from ..messages import Message, ToolCall
from ..model import Model, Sampling
from ..testing import ScriptedModel

_WORDS = ("user", "order", "total", "price", "item", "cart", "token", "parse", "value", "index", "cache")


@dataclass(frozen=True)
class Step:
    """One scripted agent step: a tool call and its raw output, or prose and a user reply."""

    call: ToolCall | None
    output: str
    prose: str = ""


def _code_lines(rng: random.Random, count: int) -> list[str]:
    lines: list[str] = []
    for n in range(count):
        word, other = rng.choice(_WORDS), rng.choice(_WORDS)
        kind = n % 4
        if kind == 0:
            lines.append(f"def {word}_{other}_{n}({word}, {other}=None):")
        elif kind == 1:
            lines.append(f'    """Return the {word} of the {other} ({n})."""')
        elif kind == 2:
            lines.append(f"    result = {word}.get('{other}', {n}) * {rng.randint(2, 99)}")
        else:
            lines.append(f"    return result + len({other} or []) - {rng.randint(0, 9)}")
    return lines


def session_steps(count: int, *, seed: int = 0, large: float = 0.5) -> list[Step]:
    """A deterministic long session: file reads of 80-600 lines, test runs with long failure
    output, file writes, short searches and the odd prose reply. ``large`` is the share of steps
    with a large output (reads and test runs)."""
    rng = random.Random(seed)
    steps: list[Step] = []
    for n in range(count):
        roll = rng.random()
        path = f"src/{rng.choice(_WORDS)}_{n % 23}.py"
        if roll < large * 0.6:
            lines = _code_lines(rng, rng.randint(80, 600))
            numbered = "\n".join(f"{i:>4}| {line}" for i, line in enumerate(lines, start=1))
            steps.append(Step(ToolCall(name="read_file", arguments={"path": path}), numbered))
        elif roll < large:
            failures = [
                f"tests/test_{rng.choice(_WORDS)}.py::test_{rng.choice(_WORDS)}_{i} FAILED "
                f"- AssertionError: assert {rng.randint(0, 999)} == {rng.randint(0, 999)}"
                for i in range(rng.randint(60, 400))
            ]
            output = "$ pytest -q\n[exit code 1]\n" + "\n".join(failures) + f"\n{len(failures)} failed"
            steps.append(Step(ToolCall(name="run_command", arguments={"command": "pytest -q"}), output))
        elif roll < large + (1 - large) * 0.45:
            content = "\n".join(_code_lines(rng, rng.randint(20, 160))) + "\n"
            call = ToolCall(name="write_file", arguments={"path": path, "content": content})
            result = f"created {path} ({content.count(chr(10))} lines)"
            steps.append(Step(call, result, prose="Writing the fix."))
        elif roll < large + (1 - large) * 0.9:
            found = [f"{path}:{rng.randint(1, 600)}: {rng.choice(_WORDS)}" for _ in range(rng.randint(1, 25))]
            call = ToolCall(name="grep", arguments={"pattern": rng.choice(_WORDS), "path": "src"})
            steps.append(Step(call, "\n".join(found)))
        else:
            steps.append(
                Step(None, "Your reply had no tool call. Call a tool.", prose="I think it works now.")
            )
    return steps


def append_step(messages: list[Message], step: Step, output: str) -> None:
    """Add a step to a conversation, with ``output`` as the (possibly capped) tool result."""
    if step.call is None:
        messages.extend([Message.assistant(step.prose), Message.user(output)])
        return
    messages.append(Message.assistant(step.prose, (step.call,)))
    messages.append(Message.tool(output, tool_call_id=step.call.id, name=step.call.name))


def task_messages() -> list[Message]:
    return [
        Message.system("You are a coding agent. Do one action per reply; read a file before you change it."),
        Message.user("The tests in tests/ fail since the last refactor of src/. Find the cause and fix it."),
    ]


def naive_fit(messages: Sequence[Message], counter: TokenCounter, limit: int) -> tuple[int, int]:
    """A fit that recounts the whole conversation after every eviction. Returns (counter calls, tokens)."""
    fitted = list(messages)
    calls = 1
    tokens = counter(fitted)
    for index, message in enumerate(fitted):
        if tokens <= limit:
            break
        if message.role == "tool":
            fitted[index] = message.model_copy(update={"content": "[evicted]"})
            tokens = counter(fitted)
            calls += 1
    return calls, tokens


def _common_prefix(a: Sequence[Message], b: Sequence[Message]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@dataclass
class _Track:
    """Per-turn figures of one budget configuration."""

    tokens: list[int] = field(default_factory=list)
    reread: list[int] = field(default_factory=list)
    fit_seconds: float = 0.0
    counter_calls: int = 0
    actions: int = 0
    previous: list[Message] = field(default_factory=list)

    def record(self, fitted: list[Message], tokens: int, costs: MessageCosts) -> None:
        same = _common_prefix(self.previous, fitted)
        self.reread.append(costs.total(fitted) - costs.total(fitted[:same]) if same else costs.total(fitted))
        self.tokens.append(tokens)
        self.previous = fitted


def _load(spec: str, window: int) -> Model:
    if spec == "estimate":
        return ScriptedModel(context_window=window)
    from ..runtime import Runtime
    from ..runtime.registry import DEFAULT_MODEL

    if spec.endswith(".gguf") or "/" in spec:
        return Runtime.from_gguf(Path(spec), n_ctx=window)
    return Runtime.from_registry(DEFAULT_MODEL if spec == "default" else spec, n_ctx=window)


@dataclass(frozen=True)
class Turn:
    turn: int
    raw: int
    capped: int
    budget: int
    reread: int


@dataclass(frozen=True)
class Summary:
    raw_final: int
    capped_final: int
    budget_max: int
    budget_final: int
    overflow_turns_raw: int
    overflow_turns_capped: int
    overflow_turns_budget: int
    new_per_turn: float
    reread_per_turn: float
    reread_per_turn_stateless: float
    actions: int
    counter_calls_per_fit: float
    fit_ms: float
    naive_counter_calls_per_fit: float
    naive_fit_ms: float
    sent: int = 0
    overflow_errors: int = 0
    evaluated_tokens: int = 0
    send_seconds: float = 0.0


@dataclass(frozen=True)
class Result:
    window: int
    reserve_for_output: int
    counter: str
    turns: int
    per_turn: list[Turn]
    summary: Summary

    @property
    def limit(self) -> int:
        return self.window - self.reserve_for_output


def run(
    turns: int,
    window: int,
    reserve: int,
    model: Model,
    *,
    seed: int = 0,
    naive_every: int = 10,
    send: bool = False,
) -> Result:
    """Play ``turns`` scripted steps; fit after each with this budget and with a stateless one.
    With ``send``, every fitted prompt also goes to the model (one output token)."""
    budget = ContextBudget.for_model(model, reserve_for_output=reserve)
    stateless = ContextBudget.for_model(model, reserve_for_output=reserve)
    costs = MessageCosts(model.count_tokens)
    raw, capped = task_messages(), task_messages()
    raw_tokens: list[int] = []
    capped_tokens: list[int] = []
    mine, other = _Track(), _Track()
    naive_calls: list[int] = []
    naive_seconds = 0.0
    sent = overflows = evaluated = 0
    send_seconds = 0.0
    for turn, step in enumerate(session_steps(turns, seed=seed), start=1):
        append_step(raw, step, step.output)
        append_step(capped, step, budget.cap(step.output))
        raw_tokens.append(costs.total(raw))
        capped_tokens.append(costs.total(capped))
        for subject, track in ((budget, mine), (stateless, other)):
            if subject is stateless:
                subject.reset()
            started = time.perf_counter()
            fitted = subject.fit_with_report(capped)
            track.fit_seconds += time.perf_counter() - started
            track.counter_calls += fitted.report.counter_calls
            track.actions += len(fitted.report.actions)
            track.record(fitted.messages, fitted.report.tokens_after, costs)
            if send and subject is budget:
                started = time.perf_counter()
                try:
                    usage = model.complete(fitted.messages, sampling=Sampling(max_tokens=1)).usage
                except ContextOverflowError:
                    overflows += 1
                else:
                    evaluated += usage.prompt_tokens - usage.cached_tokens
                send_seconds += time.perf_counter() - started
                sent += 1
        if naive_every and turn % naive_every == 0:
            started = time.perf_counter()
            calls, _ = naive_fit(capped, model.count_tokens, budget.prompt_limit)
            naive_seconds += time.perf_counter() - started
            naive_calls.append(calls)
    limit = window - reserve
    naive_runs = max(1, len(naive_calls))
    per_turn = [
        Turn(i + 1, r, c, b, rr)
        for i, (r, c, b, rr) in enumerate(
            zip(raw_tokens, capped_tokens, mine.tokens, mine.reread, strict=True)
        )
    ]
    summary = Summary(
        raw_final=raw_tokens[-1],
        capped_final=capped_tokens[-1],
        budget_max=max(mine.tokens),
        budget_final=mine.tokens[-1],
        overflow_turns_raw=sum(1 for t in raw_tokens if t > limit),
        overflow_turns_capped=sum(1 for t in capped_tokens if t > limit),
        overflow_turns_budget=sum(1 for t in mine.tokens if t > limit),
        new_per_turn=capped_tokens[-1] / turns,
        reread_per_turn=sum(mine.reread) / turns,
        reread_per_turn_stateless=sum(other.reread) / turns,
        actions=mine.actions,
        counter_calls_per_fit=mine.counter_calls / turns,
        fit_ms=1000 * mine.fit_seconds / turns,
        naive_counter_calls_per_fit=sum(naive_calls) / naive_runs,
        naive_fit_ms=1000 * naive_seconds / naive_runs,
        sent=sent,
        overflow_errors=overflows,
        evaluated_tokens=evaluated,
        send_seconds=send_seconds,
    )
    counter = "estimate" if isinstance(model, ScriptedModel) else "exact"
    return Result(window, reserve, counter, turns, per_turn, summary)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--turns", type=int, default=200, help="scripted agent steps (default 200)")
    parser.add_argument("--window", type=int, default=4096, help="context window in tokens (default 4096)")
    parser.add_argument("--reserve", type=int, default=1024, help="tokens reserved for output (default 1024)")
    parser.add_argument(
        "--model",
        default="estimate",
        help="'estimate' (no weights), 'default', a registered name or a .gguf path",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--every", type=int, default=10, help="print every Nth turn (default 10)")
    parser.add_argument(
        "--naive-every", type=int, default=10, help="time the naive fit every Nth turn (0: never)"
    )
    parser.add_argument(
        "--send", action="store_true", help="send every fitted prompt to the model (one output token)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def main(args: argparse.Namespace) -> int:
    if args.turns < 1:
        raise BenchmarkError("--turns must be at least 1")
    model = _load(args.model, args.window)
    try:
        result = run(
            args.turns, args.window, args.reserve, model, seed=args.seed, naive_every=args.naive_every
        )
    finally:
        close = getattr(model, "close", None)
        if callable(close):
            close()
    if args.json:
        print(json.dumps(asdict(result), indent=2))
    else:
        _print(result, max(1, args.every))
    return 0


def _print(result: Result, every: int) -> None:
    s, limit = result.summary, result.limit
    print(
        f"ContextBudget over {result.turns} scripted turns; window {result.window}, reserve "
        f"{result.reserve_for_output} (prompt limit {limit}), {result.counter} token counts"
    )
    print(f"{'turn':>5} {'no budget':>10} {'capped only':>12} {'budget':>8} {'re-read':>8}")
    for row in result.per_turn:
        if row.turn % every == 0 or row.turn == 1:
            print(f"{row.turn:>5} {row.raw:>10,} {row.capped:>12,} {row.budget:>8,} {row.reread:>8,}")
    print(
        f"final prompt: {s.raw_final:,} tokens without the budget, {s.capped_final:,} with capped results "
        f"only, {s.budget_final:,} with the budget ({s.raw_final / max(1, s.budget_final):.1f}x smaller); "
        f"largest fitted prompt {s.budget_max:,} of {limit:,}"
    )
    print(
        f"turns over the limit: {s.overflow_turns_raw} without the budget, {s.overflow_turns_capped} "
        f"capped only, {s.overflow_turns_budget} with the budget ({s.actions} fit actions)"
    )
    print(
        f"re-read per turn (tokens from the first changed message on): {s.reread_per_turn:,.0f} with the "
        f"budget's memory vs {s.reread_per_turn_stateless:,.0f} stateless "
        f"({s.reread_per_turn_stateless / max(1.0, s.reread_per_turn):.2f}x); the floor, new content per "
        f"turn: {s.new_per_turn:,.0f}"
    )
    print(
        f"fit cost: {s.counter_calls_per_fit:.1f} counter calls and {s.fit_ms:.1f} ms per fit; a naive fit "
        f"that recounts everything: {s.naive_counter_calls_per_fit:.1f} calls and {s.naive_fit_ms:.1f} ms "
        f"({s.naive_fit_ms / max(1e-9, s.fit_ms):.1f}x the time)"
    )
    if s.sent:
        print(
            f"sent to the model: {s.sent} prompts, {s.overflow_errors} context overflows, "
            f"{s.evaluated_tokens:,} prompt tokens evaluated (the rest came from the KV cache) "
            f"in {s.send_seconds:.0f} s"
        )


__all__ = [
    "Result",
    "Step",
    "Summary",
    "Turn",
    "add_arguments",
    "append_step",
    "main",
    "naive_fit",
    "run",
    "session_steps",
    "task_messages",
]
