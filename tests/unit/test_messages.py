from __future__ import annotations

import pytest

from smallcode import Completion, Message, ParseError, TokenLogprob, ToolCall, ToolSpec, Usage


def test_message_round_trips_through_openai_dicts() -> None:
    call = ToolCall(id="call_1", name="read_file", arguments={"path": "a.py", "start": 3})
    original = Message.assistant("reading", (call,))
    data = original.to_openai()
    assert data["tool_calls"] == [
        {
            "id": "call_1",
            "type": "function",
            "function": {"name": "read_file", "arguments": '{"path": "a.py", "start": 3}'},
        }
    ]
    assert Message.from_openai(data) == original


def test_tool_message_keeps_call_id() -> None:
    message = Message.from_openai({"role": "tool", "content": "ok", "tool_call_id": "call_9"})
    assert message.role == "tool" and message.tool_call_id == "call_9"


def test_tool_call_accepts_arguments_as_object_or_string() -> None:
    as_string = ToolCall.from_openai({"function": {"name": "f", "arguments": '{"x": 1}'}})
    as_object = ToolCall.from_openai({"function": {"name": "f", "arguments": {"x": 1}}})
    assert as_string.arguments == as_object.arguments == {"x": 1}
    assert as_string.id.startswith("call_")


def test_tool_call_with_broken_argument_json_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="not JSON"):
        ToolCall.from_openai({"function": {"name": "f", "arguments": "{x"}})
    with pytest.raises(ParseError, match="must be an object"):
        ToolCall.from_openai({"function": {"name": "f", "arguments": "[1]"}})


def test_usage_adds_up() -> None:
    total = Usage(prompt_tokens=10, completion_tokens=2, cached_tokens=4) + Usage(
        prompt_tokens=5, completion_tokens=1
    )
    assert (total.prompt_tokens, total.completion_tokens, total.cached_tokens, total.total_tokens) == (
        15,
        3,
        4,
        18,
    )


def test_completion_mean_logprob_and_message() -> None:
    completion = Completion(
        text="hi", logprobs=(TokenLogprob(token="h", logprob=-1.0), TokenLogprob(token="i", logprob=-3.0))
    )
    assert completion.mean_logprob == -2.0
    assert Completion(text="x").mean_logprob is None
    assert completion.to_message() == Message.assistant("hi")


def test_tool_spec_openai_shape() -> None:
    spec = ToolSpec(
        name="grep", description="search", parameters={"type": "object", "properties": {}}, category="search"
    )
    assert spec.to_openai() == {
        "type": "function",
        "function": {
            "name": "grep",
            "description": "search",
            "parameters": {"type": "object", "properties": {}},
        },
    }
