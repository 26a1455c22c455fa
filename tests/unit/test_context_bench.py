"""``smallcode bench budget``: growth without the budget, flat with it, in text and JSON."""

from __future__ import annotations

import json

import pytest

from smallcode import ScriptedModel
from smallcode.bench.budget import run, session_steps
from smallcode.cli import main


def test_tokens_grow_without_the_budget_and_stay_flat_with_it() -> None:
    result = run(80, 4096, 1024, ScriptedModel(context_window=4096), naive_every=20)
    raw = [turn.raw for turn in result.per_turn]
    fitted = [turn.budget for turn in result.per_turn]
    assert raw == sorted(raw) and raw[-1] > 20 * result.limit
    assert max(fitted) <= result.limit
    assert max(fitted[40:]) <= 1.5 * max(fitted[20:40])  # flat, not growing
    summary = result.summary
    assert summary.overflow_turns_raw > 60 and summary.overflow_turns_budget == 0
    assert summary.actions > 0
    # Cached counting: a handful of counts per fit, far fewer than recounting per eviction.
    assert summary.counter_calls_per_fit < 10 < summary.naive_counter_calls_per_fit


def test_the_session_is_deterministic_and_has_large_outputs() -> None:
    steps = session_steps(100, seed=7)
    assert [s.output for s in steps] == [s.output for s in session_steps(100, seed=7)]
    assert sum(1 for s in steps if len(s.output) > 8000) > 20
    assert {s.call.name for s in steps if s.call is not None} >= {"read_file", "run_command", "write_file"}


def test_the_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "budget", "--turns", "30", "--json", "--naive-every", "0"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["per_turn"]) == 30
    assert data["counter"] == "estimate"
    assert data["summary"]["overflow_turns_budget"] == 0
    assert data["summary"]["budget_max"] <= data["window"] - data["reserve_for_output"]


def test_the_command_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "budget", "--turns", "20", "--every", "5"]) == 0
    out = capsys.readouterr().out
    assert "no budget" in out and "turns over the limit" in out
    assert sum(1 for line in out.splitlines() if line.strip().startswith(("5 ", "10 ", "15 ", "20 "))) == 4
