"""ContextBudget.fit: the order of its measures, what it never touches, reports, caching and errors."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from smallcode import BudgetExceeded, ContextBudget, Message, ScriptedModel, ToolCall, ToolSpec
from smallcode.context import (
    ArgumentsShrunk,
    FitReport,
    HistoryCompacted,
    ModelSummarizer,
    RecentTrimmed,
    ResultEvicted,
)


def counter(messages: Sequence[Message]) -> int:
    """About 4 characters a token, plus 4 per message: simple and additive."""
    total = 0
    for m in messages:
        args = "".join(str(c.arguments) for c in m.tool_calls)
        total += (len(m.content) + len(args)) // 4 + 4
    return total


def numbered(count: int, start: int = 1) -> str:
    return "\n".join(f"{n:>4}| line {n} of the file" for n in range(start, start + count))


def read(path: str, count: int, **args: int) -> tuple[Message, Message]:
    call = ToolCall(name="read_file", arguments={"path": path, **args})
    first = args.get("start", 1)
    return Message.assistant("", (call,)), Message.tool(
        numbered(count, first), tool_call_id=call.id, name="read_file"
    )


def write(path: str, lines: int) -> tuple[Message, Message]:
    content = "".join(f"value_{n} = {n}\n" for n in range(lines))
    call = ToolCall(name="write_file", arguments={"path": path, "content": content})
    return Message.assistant("", (call,)), Message.tool(
        f"created {path}", tool_call_id=call.id, name="write_file"
    )


def conversation(*pairs: tuple[Message, Message]) -> list[Message]:
    messages = [Message.system("You are a coding agent."), Message.user("Fix the bug in src/a.py")]
    for pair in pairs:
        messages.extend(pair)
    return messages


def budget(window: int = 2000, **options: object) -> ContextBudget:
    return ContextBudget(window, counter=counter, reserve_for_output=200, **options)  # type: ignore[arg-type]


def paired(messages: Sequence[Message]) -> bool:
    seen: set[str] = set()
    for m in messages:
        seen.update(c.id for c in m.tool_calls)
        if m.role == "tool" and m.tool_call_id not in seen:
            return False
    return True


def test_a_prompt_that_fits_is_unchanged_and_the_report_says_so() -> None:
    messages = conversation(read("src/a.py", 10))
    fitted = budget().fit_with_report(messages)
    assert fitted.messages == messages
    assert fitted.report.actions == ()
    assert fitted.report.tokens_after == counter(messages) == fitted.report.tokens_before
    assert fitted.report.exact


def test_old_write_arguments_are_shrunk_first() -> None:
    messages = conversation(write("src/big.py", 300), read("src/a.py", 20), read("src/b.py", 20))
    b = budget(window=1400, headroom=0.0)
    fitted = b.fit_with_report(messages)
    assert [type(a) for a in fitted.report.actions] == [ArgumentsShrunk]
    content = fitted.messages[2].tool_calls[0].arguments["content"]
    size = len(str(messages[2].tool_calls[0].arguments["content"]))
    assert content == f"[300 lines ({size:,} characters) omitted to save context]"
    assert fitted.messages[2].tool_calls[0].arguments["path"] == "src/big.py"
    assert fitted.messages[3:] == messages[3:]
    assert fitted.report.tokens_after <= b.prompt_limit


def test_a_result_of_blank_lines_is_described_without_backtracking() -> None:
    """Numbered lines are looked for at each line start; a pattern that let a line's leading blanks
    run on into the next lines took quadratic time: seconds for 30,000 empty lines, some twenty
    minutes for these 400,000."""
    from smallcode.context import describe_call

    call = ToolCall(name="read_file", arguments={"path": "src/a.py"})
    blank = "\n" * 400_000
    assert describe_call(call, blank) == "read_file src/a.py"
    assert describe_call(call, blank + " 7| x\n \n12| y\n") == "read_file src/a.py lines 7-12"


def test_old_results_become_stubs_that_name_the_call_and_its_tokens() -> None:
    pairs = [read(f"src/f{n}.py", 120) for n in range(6)]
    messages = conversation(read("src/a.py", 200, start=1, end=200), *pairs)
    b = budget(window=3000, keep_recent=2)
    fitted = b.fit_with_report(messages)
    evicted = [a for a in fitted.report.actions if isinstance(a, ResultEvicted)]
    assert evicted and all(isinstance(a, ResultEvicted) for a in fitted.report.actions)
    first = fitted.messages[3].content
    tokens = counter([messages[3]]) - counter([])
    assert first == f"[evicted: read_file src/a.py lines 1-200, {tokens:,} tokens]"
    assert evicted[0].stub == first and evicted[0].tokens_before == tokens
    assert evicted[0].tokens_after < evicted[0].tokens_before
    assert re.fullmatch(
        r"\[evicted: read_file src/f0\.py lines 1-120, [\d,]+ tokens\]", fitted.messages[5].content
    )
    assert fitted.messages[-4:] == messages[-4:]  # the last two exchanges stay whole
    assert fitted.report.tokens_after <= b.prompt_limit


def test_history_is_compacted_when_stubs_are_not_enough_and_pinned_messages_stay() -> None:
    plan = Message(role="user", name="plan", content="Plan: 1. read a.py 2. fix it 3. run tests")
    messages = conversation(*[read(f"src/f{n}.py", 30) for n in range(30)])
    messages.insert(20, plan)
    b = budget(window=1200, keep_recent=2)
    fitted = b.fit_with_report(messages)
    kinds = [type(a) for a in fitted.report.actions]
    assert kinds.index(ResultEvicted) < kinds.index(HistoryCompacted)
    compacted = next(a for a in fitted.report.actions if isinstance(a, HistoryCompacted))
    assert compacted.summarizer == "digest" and compacted.error is None
    assert fitted.messages[:2] == messages[:2]
    assert plan in fitted.messages
    summary = fitted.messages[2]
    assert summary.name == "summary" and summary.role == "user"
    assert "read_file src/f27.py" in summary.content
    assert fitted.messages[-4:] == messages[-4:]
    assert paired(fitted.messages)
    assert counter(fitted.messages) <= b.prompt_limit


def test_a_model_writes_the_summary_when_given() -> None:
    model = ScriptedModel(["Read f0..f27; nothing changed yet."])
    b = budget(window=1200, keep_recent=2, summarizer=ModelSummarizer(model))
    messages = conversation(*[read(f"src/f{n}.py", 30) for n in range(30)])
    fitted = b.fit_with_report(messages)
    compacted = next(a for a in fitted.report.actions if isinstance(a, HistoryCompacted))
    assert compacted.summarizer == "model"
    assert "Read f0..f27; nothing changed yet." in fitted.messages[2].content
    assert "read_file src/f0.py" in model.calls[0].messages[-1].content
    # The summary is remembered: fitting again (one more step) asks the model nothing new.
    messages.extend(read("src/g.py", 5))
    b.fit(messages)
    assert len(model.calls) == 1


def test_a_failing_summarizer_falls_back_to_the_digest() -> None:
    model = ScriptedModel([])  # raises ScriptExhausted, a SmallcodeError
    b = budget(window=1200, keep_recent=2, summarizer=ModelSummarizer(model))
    fitted = b.fit_with_report(conversation(*[read(f"src/f{n}.py", 30) for n in range(30)]))
    compacted = next(a for a in fitted.report.actions if isinstance(a, HistoryCompacted))
    assert compacted.summarizer == "digest"
    assert compacted.error is not None and "ScriptExhausted" in compacted.error
    assert "read_file src/f27.py" in fitted.messages[2].content


def test_eviction_leaves_room_so_the_next_calls_keep_the_prefix() -> None:
    b = budget(window=3000, keep_recent=2)
    messages = conversation(*[read(f"src/f{n}.py", 120) for n in range(8)])
    first = b.fit(messages)
    assert b.last_report is not None and b.last_report.changed
    messages.extend(read("src/small.py", 3))
    second = b.fit(messages)
    assert second[: len(first)] == first
    assert b.last_report.actions == () and b.last_report.reapplied > 0


def test_refitting_counts_only_new_messages() -> None:
    calls = 0

    def counting(messages: Sequence[Message]) -> int:
        nonlocal calls
        calls += 1
        return counter(messages)

    b = ContextBudget(3000, counter=counting, reserve_for_output=200)
    messages = conversation(*[read(f"src/f{n}.py", 40) for n in range(150)])
    b.fit(messages)
    assert calls < 2 * len(messages)
    messages.extend(read("src/g.py", 40))
    calls = 0
    b.fit(messages)
    assert b.last_report is not None
    assert calls == b.last_report.counter_calls <= 8


def test_a_counter_that_is_not_additive_is_corrected_by_the_final_check() -> None:
    def growing(messages: Sequence[Message]) -> int:
        # Costs more than the sum of its messages, as a template with per-pair markup might.
        return counter(messages) + len(messages) ** 2 // 8

    b = ContextBudget(3000, counter=growing, reserve_for_output=200)
    messages = conversation(*[read(f"src/f{n}.py", 40) for n in range(60)])
    fitted = b.fit_with_report(messages)
    assert fitted.report.exact
    assert growing(fitted.messages) == fitted.report.tokens_after <= b.prompt_limit


def test_tool_schemas_and_overhead_are_accounted() -> None:
    spec = ToolSpec(name="read_file", description="Read a file. " * 40)
    messages = conversation(*[read(f"src/f{n}.py", 60) for n in range(6)])
    b = budget(window=3000)
    plain = b.fit_with_report(messages).report
    assert plain.actions == () and plain.tokens_after <= b.prompt_limit
    with_tools = b.fit_with_report(messages, tools=[spec], overhead=300).report
    assert with_tools.overhead > 300 and with_tools.changed
    assert with_tools.tokens_after + with_tools.overhead <= b.prompt_limit


def test_the_latest_result_is_cut_rather_than_failing() -> None:
    call = ToolCall(name="run_command", arguments={"command": "pytest"})
    huge = "\n".join(f"FAILED test_{n}" for n in range(3000))
    messages = conversation((Message.assistant("", (call,)), Message.tool(huge, tool_call_id=call.id)))
    b = budget(window=1500)
    fitted = b.fit_with_report(messages)
    assert any(isinstance(a, RecentTrimmed) for a in fitted.report.actions)
    assert fitted.messages[-1].content.startswith("FAILED test_0")
    assert "[..." in fitted.messages[-1].content
    assert counter(fitted.messages) <= b.prompt_limit


def test_budget_exceeded_only_when_the_pinned_prompt_cannot_fit() -> None:
    b = budget(window=1000)
    messages = [Message.system("rules " * 2000), Message.user("task")]
    with pytest.raises(BudgetExceeded, match="minimal prompt"):
        b.fit(messages)
    with pytest.raises(BudgetExceeded):
        b.fit([Message.user("task")], overhead=900)


def test_reports_reach_the_callback_and_last_report() -> None:
    reports: list[FitReport] = []
    b = budget(window=1500, on_fit=reports.append)
    b.fit(conversation(*[read(f"src/f{n}.py", 60) for n in range(8)]))
    assert reports and reports[-1] is b.last_report
    report = reports[-1]
    assert report.changed and report.tokens_before > report.limit >= report.tokens_after
    assert report.prompt_tokens == report.tokens_after + report.overhead


def test_for_model_takes_the_window_and_gives_an_estimating_counter_a_margin() -> None:
    model = ScriptedModel(context_window=4096)
    b = ContextBudget.for_model(model)
    assert b.window == 4096 and b.reserve_for_output == 1024
    assert b.safety_margin == pytest.approx(0.1)
    messages = conversation(*[read(f"src/f{n}.py", 100) for n in range(20)])
    fitted = b.fit_with_report(messages)
    assert model.count_tokens(fitted.messages) <= 4096 - 1024 - 409


def test_invalid_settings_are_rejected() -> None:
    with pytest.raises(ValueError):
        ContextBudget(1000, counter=counter, reserve_for_output=1000)
    with pytest.raises(ValueError):
        ContextBudget(1000, counter=counter, reserve_for_output=100, keep_recent=0)


def test_observed_counts_calibrate_an_estimating_counter() -> None:
    b = budget(window=3000)
    messages = conversation(*[read(f"src/f{n}.py", 60) for n in range(6)])
    assert b.fit_with_report(messages).report.actions == ()
    # The server said the prompt was twice what the counter thought: later fits aim at half.
    assert b.observe(messages, 2 * counter(messages)) == pytest.approx(2.0, rel=0.01)
    assert b.observe(messages, counter(messages)) == pytest.approx(2.0, rel=0.01)  # the largest ratio stays
    fitted = b.fit_with_report(messages)
    assert fitted.report.changed
    assert 2 * counter(fitted.messages) <= b.prompt_limit
