"""KV reuse, saved prefixes, KV-cache quantization and grammar sampling on the real model.

These check behaviour only (same outputs, tokens reused, bytes allocated); speed is measured by
``smallcode bench runtime``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smallcode import Completion, Grammar, Message, Runtime, Sampling, ToolCall, ToolSpec
from smallcode.runtime import ensure_model

pytestmark = pytest.mark.model

READ = ToolSpec(
    name="read_file",
    description="Read a text file from the project",
    parameters={"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
)
SYSTEM = Message.system("You are a coding agent. Read files before you change them. " * 3)
FILE = "def area(r):\n    return 3.14 * r * r\n\n\ndef perimeter(r):\n    return 2 * 3.14 * r\n"
SHORT = Sampling(max_tokens=24)


def _session() -> list[Message]:
    call = ToolCall(id="call_1", name="read_file", arguments={"path": "geometry.py"})
    return [
        SYSTEM,
        Message.user("Use math.pi instead of 3.14 in geometry.py."),
        Message.assistant("", tool_calls=(call,)),
        Message.tool(FILE, tool_call_id="call_1", name="read_file"),
    ]


@pytest.fixture(scope="module")
def exact() -> Iterator[Runtime]:
    # small prompt batches so that test-sized prompts have several aligned batches to re-use
    with Runtime(ensure_model(), n_ctx=2048, n_batch=32, exact_reuse=True) as rt:
        yield rt


def _fresh(rt: Runtime, messages: list[Message]) -> Completion:
    rt.clear_cache()
    return rt.complete(messages, tools=[READ], sampling=SHORT)


def test_next_turn_reuses_the_evaluated_prefix(runtime: Runtime) -> None:
    session = _session()
    runtime.clear_cache()
    runtime.complete(session[:2], tools=[READ], sampling=SHORT)  # the previous turn
    reused = runtime.complete(session, tools=[READ], sampling=SHORT)
    assert reused.usage.cached_tokens >= runtime.count_tokens(session[:2], [READ]) - 8
    assert reused.tool_calls or reused.text


def test_exact_reuse_answers_exactly_like_a_fresh_evaluation(exact: Runtime) -> None:
    session = _session()
    fresh = _fresh(exact, session)
    assert fresh.usage.cached_tokens == 0
    _fresh(exact, session[:2])  # the previous turn, and its reply, in the cache
    reused = exact.complete(session, tools=[READ], sampling=SHORT)
    assert reused.usage.cached_tokens >= 64 and reused.usage.cached_tokens % 32 == 0
    assert reused.raw_text == fresh.raw_text and reused.text == fresh.text


def test_history_edited_mid_way_reuses_up_to_the_change(exact: Runtime) -> None:
    session = _session()
    edited = [*session[:3], Message.tool("[elided]", tool_call_id="call_1", name="read_file")]
    expected = _fresh(exact, edited)
    _fresh(exact, session)
    again = exact.complete(edited, tools=[READ], sampling=SHORT)
    shared = exact.count_tokens(session[:3], [READ])
    assert shared - 32 <= again.usage.cached_tokens <= shared
    assert (again.raw_text, again.text) == (expected.raw_text, expected.text)


def test_a_saved_prefix_survives_a_side_call(exact: Runtime) -> None:
    session = _session()
    expected = _fresh(exact, session)
    state = exact.save_prefix([SYSTEM], [READ])
    assert len(state.tokens) % 32 == 0 and state.size > 0 and exact.info().saved_prefixes == 1
    try:
        exact.complete([Message.user("Say OK.")], sampling=Sampling(max_tokens=3))  # takes the cache
        after = exact.complete(session, tools=[READ], sampling=SHORT)
        assert after.usage.cached_tokens >= len(state.tokens) >= 64
        assert (after.raw_text, after.text) == (expected.raw_text, expected.text)
    finally:
        exact.clear_prefixes()
    assert exact.info().saved_prefixes == 0


def test_a_kept_conversation_survives_a_focused_prompt_and_is_replaced_by_the_next(exact: Runtime) -> None:
    session = _session()
    expected = _fresh(exact, session)
    try:
        kept = exact.keep_state(session[:2], [READ])
        assert kept >= 32 and kept % 32 == 0 and exact.info().saved_prefixes == 1
        exact.complete([Message.user("Say OK.")], sampling=Sampling(max_tokens=3))  # takes the cache
        after = exact.complete(session, tools=[READ], sampling=SHORT)
        assert after.usage.cached_tokens >= kept
        assert (after.raw_text, after.text) == (expected.raw_text, expected.text)
        longer = exact.keep_state(session, [READ])
        assert longer > kept and exact.info().saved_prefixes == 1  # the newer state replaced it
    finally:
        exact.clear_prefixes()
    assert exact.info().saved_prefixes == 0


def test_grammar_checked_first_matches_llama_cpp_grammar_sampling(runtime: Runtime) -> None:
    from llama_cpp.llama_grammar import LlamaGrammar

    grammar = Grammar.tool_call([READ])
    messages = [Message.system("You are a coding assistant."), Message.user("Open the file notes/todo.txt")]
    ours = runtime.complete(messages, tools=[READ], grammar=grammar, sampling=Sampling(max_tokens=40))
    prompt = runtime.tokenize(runtime.render(messages, [READ]))
    llm = runtime.llama
    runtime.clear_cache()
    reference: list[int] = []
    for token in llm.generate(
        prompt, temp=0.0, grammar=LlamaGrammar.from_string(grammar.gbnf, verbose=False)
    ):
        if len(reference) >= 40 or runtime.detokenize([token]) in ("<|im_end|>", "<|endoftext|>"):
            break
        reference.append(token)
    assert ours.raw_text == runtime.detokenize(reference)
    assert ours.tool_calls and ours.tool_calls[0].arguments == {"path": "notes/todo.txt"}


def test_quantized_kv_cache_allocates_fewer_bytes_and_still_answers() -> None:
    with Runtime(ensure_model(), n_ctx=2048, kv_cache="q8_0") as rt:
        info = rt.info()
        assert info.flash_attn and info.kv_cache == "q8_0"
        # Qwen2.5-0.5B: 24 layers x (128 keys + 128 values) per token, 34 bytes per 32 in q8_0
        assert info.kv_bytes_per_token == 24 * 2 * (128 // 32) * 34
        assert info.kv_cache_bytes == info.kv_bytes_per_token * 2048
        text = rt.complete([Message.user("What is 2 + 3? Answer with the number only.")], sampling=SHORT).text
        assert "5" in text
