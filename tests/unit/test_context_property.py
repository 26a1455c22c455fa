"""Property: any conversation (up to 500 messages, random tool results) fits the window, keeps every
tool call with its result, and keeps the system prompt, the task and the plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smallcode import ContextBudget, Message, ScriptedModel, ToolCall
from smallcode.context import TokenCounter

SIZES = (0, 30, 300, 2_000, 8_000, 30_000)


def dense(messages: Sequence[Message]) -> int:
    """One token per character: far worse than any real tokenizer on code."""
    return sum(len(m.content) + sum(len(str(c.arguments)) for c in m.tool_calls) + 6 for m in messages)


def nonadditive(messages: Sequence[Message]) -> int:
    """More than the sum of its messages (markup between pairs), so per-message sums under-count."""
    return ScriptedModel().count_tokens(messages) + len(messages) ** 2 // 16


COUNTERS: dict[str, TokenCounter] = {
    "estimate": ScriptedModel().count_tokens,
    "dense": dense,
    "nonadditive": nonadditive,
}


@dataclass(frozen=True)
class Case:
    messages: list[Message]
    window: int
    reserve: int
    counter: str
    keep_recent: int
    headroom: float
    capped: bool
    overhead: int
    cuts: list[int]


def _text(snippet: str, size: int) -> str:
    line = snippet + "\n"
    return (line * (size // len(line) + 1))[:size]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    snippet = draw(st.text(alphabet="abcdefgh ()=:_.é数🙂0123456789", min_size=1, max_size=16))
    messages = [
        Message.system(_text("You are a coding agent.", draw(st.integers(1, 80)))),
        Message.user("Fix it."),
    ]
    steps = draw(st.integers(0, 240))
    kinds = draw(st.lists(st.sampled_from("ttttwpuap"), min_size=steps, max_size=steps))
    for step, kind in enumerate(kinds):
        if len(messages) >= 496:
            break
        if kind in "tw":
            calls = tuple(
                ToolCall(
                    id=f"c{step}_{k}",
                    name="write_file"
                    if kind == "w"
                    else draw(st.sampled_from(["read_file", "run_command", "grep"])),
                    arguments={
                        "path": f"src/f{step}.py",
                        "content": _text(snippet, draw(st.sampled_from(SIZES))),
                    }
                    if kind == "w"
                    else {"path": f"src/f{step}.py", "start": 1, "end": draw(st.integers(1, 900))},
                )
                for k in range(draw(st.integers(1, 3)))
            )
            messages.append(Message.assistant(draw(st.sampled_from(["", "Next."])), calls))
            for call in calls:
                size = draw(st.sampled_from(SIZES))
                messages.append(Message.tool(_text(snippet, size), tool_call_id=call.id, name=call.name))
        elif kind == "p":
            messages.append(
                Message(role="user", name="plan", content=_text(f"plan {step}", draw(st.integers(1, 80))))
            )
        elif kind == "u":
            messages.append(Message.user(_text(snippet, draw(st.sampled_from(SIZES[:4])))))
        else:
            messages.append(Message.assistant(_text(snippet, draw(st.sampled_from(SIZES[:4])))))
    window = draw(st.integers(2048, 16384))
    cuts = [*sorted(draw(st.lists(st.integers(2, len(messages)), max_size=4))), len(messages)]
    return Case(
        messages=messages,
        window=window,
        reserve=draw(st.integers(16, window // 3)),
        counter=draw(st.sampled_from(sorted(COUNTERS))),
        keep_recent=draw(st.integers(1, 6)),
        headroom=draw(st.sampled_from([0.0, 0.1, 0.25, 0.5])),
        capped=draw(st.booleans()),
        overhead=draw(st.sampled_from([0, 0, 150])),
        cuts=cuts,
    )


def _check(
    fitted: list[Message], given_messages: list[Message], budget: ContextBudget, overhead: int
) -> None:
    assert budget.counter(fitted) + overhead + budget.reserve_for_output <= budget.window
    # Every result follows its call, and every call whose result was given keeps it.
    given_results = {m.tool_call_id for m in given_messages if m.role == "tool"}
    calls: set[str] = set()
    results: set[str | None] = set()
    for message in fitted:
        calls.update(c.id for c in message.tool_calls)
        if message.role == "tool":
            assert message.tool_call_id in calls
            results.add(message.tool_call_id)
    assert {c for c in calls if c in given_results} <= results
    # The system prompt, the task and the latest plan are there, unchanged.
    assert fitted[0] == given_messages[0]
    task = next(m for m in given_messages if m.role == "user")
    assert next(m for m in fitted if m.role == "user") == task
    plans = [m for m in given_messages if m.name == "plan"]
    if plans:
        assert plans[-1] in fitted


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(cases())
def test_any_conversation_fits_and_keeps_pairs_task_and_plan(case: Case) -> None:
    budget = ContextBudget(
        case.window,
        counter=COUNTERS[case.counter],
        reserve_for_output=case.reserve,
        keep_recent=case.keep_recent,
        headroom=case.headroom,
    )
    messages = [
        m.model_copy(update={"content": budget.cap(m.content)}) if case.capped and m.role == "tool" else m
        for m in case.messages
    ]
    # One budget across a growing conversation, as an agent uses it (earlier decisions re-applied).
    for cut in case.cuts:
        prefix = messages[:cut]
        _check(budget.fit(prefix, overhead=case.overhead), prefix, budget, case.overhead)
