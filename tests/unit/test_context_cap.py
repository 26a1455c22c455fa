"""ContextBudget.cap: window-derived limits, head and tail kept, a marker that says how to see the rest."""

from __future__ import annotations

from collections.abc import Sequence

from smallcode import ContextBudget, Message, ScriptedModel
from smallcode.context import cap_text


def _numbered(count: int) -> str:
    return "\n".join(f"{n:>4}| value_{n} = compute({n}, 'some text here')" for n in range(1, count + 1))


def _budget(window: int, **options: int) -> ContextBudget:
    return ContextBudget(window, counter=ScriptedModel(context_window=window).count_tokens, **options)


def test_default_cap_derives_from_the_window() -> None:
    small, large = _budget(4096), _budget(32768)
    assert small.tool_result_limit < 8000
    assert large.tool_result_limit > 4 * small.tool_result_limit
    text = "x" * 7000 + "\n" + "y" * 1000
    assert len(small.cap(text)) <= small.tool_result_limit
    assert large.cap(text) == text


def test_explicit_limit_wins() -> None:
    budget = _budget(4096, tool_result_limit=500)
    assert len(budget.cap(_numbered(200))) <= 500


def test_short_text_is_unchanged() -> None:
    assert _budget(4096).cap("exit code 0\nall good") == "exit code 0\nall good"


def test_numbered_file_keeps_head_and_tail_and_names_the_missing_range() -> None:
    capped = _budget(4096).cap(_numbered(400))
    lines = capped.splitlines()
    assert lines[0].startswith("   1| value_1")
    assert lines[-1].startswith(" 400| value_400")
    marker = next(line for line in lines if line.startswith("[..."))
    first_missing = int(lines[lines.index(marker) - 1].split("|")[0]) + 1
    last_missing = int(lines[lines.index(marker) + 1].split("|")[0]) - 1
    assert f"lines {first_missing}-{last_missing} not shown" in marker
    assert f"read_file with start={first_missing} end={last_missing}" in marker
    # Cut at line boundaries: every shown line is whole.
    assert all(line.startswith("[...") or "| value_" in line for line in lines)


def test_command_output_marker_counts_what_was_cut_and_gives_the_hint() -> None:
    output = "\n".join(f"test_{n} FAILED AssertionError" for n in range(1000))
    capped = cap_text(output, 1000, hint="rerun with -x to see fewer")
    assert capped.startswith("test_0 FAILED")
    assert capped.rstrip().endswith("test_999 FAILED AssertionError")
    marker = next(line for line in capped.splitlines() if line.startswith("[..."))
    kept = capped.count("FAILED")
    assert f"{1000 - kept:,} lines" in marker
    assert "rerun with -x to see fewer" in marker
    assert len(capped) <= 1000


def test_cap_respects_tokens_for_text_that_tokenizes_densely() -> None:
    # A counter where every character is a token (as for some scripts): characters alone would pass.
    def per_char(messages: Sequence[Message]) -> int:
        return sum(len(m.content) + 4 for m in messages)

    budget = ContextBudget(4096, counter=per_char)
    dense = "\n".join("数据" * 30 for _ in range(30))
    assert len(dense) < budget.tool_result_limit
    capped = budget.cap(dense)
    assert len(capped) <= budget.tool_result_tokens
    assert "[..." in capped
