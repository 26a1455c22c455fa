"""ContextBudget with the real default model at n_ctx=4096: a 200-step session (large file reads,
long test outputs, file writes) fits llama.cpp's window at every step, counted exactly."""

from __future__ import annotations

from collections import Counter

import pytest

from smallcode import ContextBudget, ContextOverflowError, Message, Runtime, Sampling
from smallcode.bench.budget import append_step, session_steps, task_messages
from smallcode.context import HistoryCompacted, ModelSummarizer


def test_a_200_step_session_fits_the_real_window_at_every_step(runtime: Runtime) -> None:
    budget = ContextBudget.for_model(runtime)  # what an Agent uses: 1,024 tokens kept for output
    assert budget.safety_margin == 0.0  # the Runtime counts exactly
    messages = task_messages()
    actions: Counter[str] = Counter()
    largest: tuple[int, list[Message]] = (0, [])
    for step in session_steps(200, seed=3):
        append_step(messages, step, budget.cap(step.output))
        fitted = budget.fit_with_report(messages)
        # The fitted prompt is exactly what the report says, with the real chat template and tokenizer.
        tokens = runtime.count_tokens(fitted.messages)
        assert tokens == fitted.report.tokens_after
        assert tokens + budget.reserve_for_output <= runtime.context_window
        actions.update(type(action).__name__ for action in fitted.report.actions)
        if tokens > largest[0]:
            largest = (tokens, fitted.messages)
    assert runtime.count_tokens(messages) > 10 * runtime.context_window  # the session really is long
    assert actions["ArgumentsShrunk"] and actions["ResultEvicted"] and actions["HistoryCompacted"]

    # llama.cpp takes the fullest prompt of the session and generates within the reserve ...
    tokens, prompt = largest
    assert tokens > budget.prompt_limit - 600
    completion = runtime.complete(prompt, sampling=Sampling(max_tokens=8))
    assert completion.usage.prompt_tokens == tokens
    assert completion.usage.completion_tokens >= 1
    # ... while the same session without the budget is refused before any evaluation.
    with pytest.raises(ContextOverflowError):
        runtime.complete(messages, sampling=Sampling(max_tokens=8))


def test_the_real_model_summarizes_compacted_history(runtime: Runtime) -> None:
    budget = ContextBudget(
        runtime.context_window,
        counter=runtime.count_tokens,
        reserve_for_output=3300,
        summarizer=ModelSummarizer(runtime),
        summary_tokens=48,
        keep_recent=1,
    )
    messages = task_messages()
    for step in session_steps(8, seed=5, large=1.0):
        append_step(messages, step, budget.cap(step.output))
    fitted = budget.fit_with_report(messages)
    compacted = [a for a in fitted.report.actions if isinstance(a, HistoryCompacted)]
    assert compacted and compacted[0].summarizer == "model", compacted
    summary = next(m for m in fitted.messages if m.name == "summary")
    assert len(summary.content.split("\n", 1)[1].strip()) > 20
    assert runtime.count_tokens(fitted.messages) + 3300 <= runtime.context_window
