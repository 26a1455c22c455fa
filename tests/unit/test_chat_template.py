from __future__ import annotations

import pytest

from smallcode import GenerationError, Message, ToolCall, ToolSpec
from smallcode.runtime import ChatTemplate

READ = ToolSpec(
    name="read_file",
    description="Read",
    parameters={"type": "object", "properties": {"path": {"type": "string"}}},
)


def test_fallback_chatml_renders_tools_calls_and_results() -> None:
    template = ChatTemplate(None)
    messages = [
        Message.system("be brief"),
        Message.user("read a"),
        Message.assistant("", (ToolCall(name="read_file", arguments={"path": "a<b>&.py"}),)),
        Message.tool("contents", tool_call_id="call_1"),
    ]
    text = template.render(messages, [READ])
    assert text.startswith("<|im_start|>system\nbe brief")
    assert '"name": "read_file"' in text and "<tools>" in text
    # arguments are rendered once, as JSON, without HTML escaping
    assert '{"name": "read_file", "arguments": {"path": "a<b>&.py"}}' in text
    assert "<tool_response>\ncontents\n</tool_response>" in text
    assert text.endswith("<|im_start|>assistant\n")


def test_render_is_a_prefix_of_the_next_turn() -> None:
    template = ChatTemplate(None)
    first = [Message.system("s"), Message.user("u")]
    second = [*first, Message.assistant("a"), Message.user("u2")]
    head = template.render(first, add_generation_prompt=False)
    assert template.render(second).startswith(head)


def test_template_errors_are_typed() -> None:
    with pytest.raises(GenerationError, match="invalid chat template"):
        ChatTemplate("{% if %}")
    refusing = ChatTemplate("{{ raise_exception('no system role') }}")
    with pytest.raises(GenerationError, match="no system role"):
        refusing.render([Message.user("x")])
