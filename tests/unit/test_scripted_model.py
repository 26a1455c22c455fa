from __future__ import annotations

from collections.abc import Sequence

import pytest

from smallcode import Completion, Message, Model, Sampling, ScriptedModel, ScriptExhausted, ToolCall, ToolSpec


def test_returns_queued_replies_in_order_and_records_calls() -> None:
    model = ScriptedModel(["first", ToolCall(name="read_file", arguments={"path": "a"})])
    one = model.complete([Message.user("hi")], sampling=Sampling(temperature=0.5))
    two = model.complete([Message.user("again")])
    assert one.text == "first" and not one.tool_calls
    assert two.tool_calls[0].name == "read_file" and two.finish_reason == "tool_calls"
    assert [c.messages[0].content for c in model.calls] == ["hi", "again"]
    assert model.calls[0].sampling.temperature == 0.5
    assert model.remaining == 0


def test_exhausted_script_raises_typed_error() -> None:
    model = ScriptedModel(["only"])
    model.complete([Message.user("x")])
    with pytest.raises(ScriptExhausted):
        model.complete([Message.user("y")])


def test_function_replies_see_messages_and_tools() -> None:
    def reply(messages: Sequence[Message], tools: Sequence[ToolSpec]) -> str:
        return f"{len(messages)} messages, tools: {','.join(t.name for t in tools)}"

    model = ScriptedModel(reply)
    completion = model.complete([Message.user("a"), Message.user("b")], tools=[ToolSpec(name="t1")])
    assert completion.text == "2 messages, tools: t1"


def test_streams_text_and_passes_completions_through() -> None:
    done = Completion(text="ready", finish_reason="length")
    model = ScriptedModel([done, "streamed"])
    assert model.complete([Message.user("x")]) is done
    pieces: list[str] = []
    model.complete([Message.user("x")], on_token=pieces.append)
    assert "".join(pieces) == "streamed"


def test_satisfies_model_protocol_and_counts_tokens() -> None:
    model = ScriptedModel(context_window=2048)
    assert isinstance(model, Model)
    assert model.context_window == 2048
    short = model.count_tokens([Message.user("hi")])
    long = model.count_tokens([Message.user("hi " * 300)])
    assert 0 < short < long
