from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import Field

from smallcode import Tool, ToolError, tool


@tool(category="search")
def grep(
    pattern: Annotated[str, Field(description="a regular expression")],
    limit: int = 20,
    path: str | None = None,
) -> list[str]:
    """Search files for a pattern.

    Args:
        limit: most matches to return
    """
    return [pattern] * min(limit, 2)


def test_schema_comes_from_hints_and_docstring() -> None:
    spec = grep.spec
    assert spec.name == "grep" and spec.category == "search"
    assert spec.description == "Search files for a pattern."
    props = spec.parameters["properties"]
    assert isinstance(props, dict)
    assert props["pattern"] == {"type": "string", "description": "a regular expression"}
    assert props["limit"]["type"] == "integer" and props["limit"]["description"] == "most matches to return"
    assert spec.parameters["required"] == ["pattern"]
    assert spec.parameters["additionalProperties"] is False
    assert "title" not in spec.parameters


def test_call_validates_coerces_and_renders() -> None:
    assert grep({"pattern": "x", "limit": "1"}) == '[\n "x"\n]'


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        ({}, "pattern: Field required"),
        ({"pattern": "x", "limit": "many"}, "limit"),
        ({"pattern": "x", "bogus": 1}, "bogus"),
    ],
)
def test_bad_arguments_explain_the_fix(arguments: dict[str, object], fragment: str) -> None:
    with pytest.raises(ToolError, match="Invalid arguments for grep") as info:
        grep(arguments)
    assert fragment in str(info.value) and "Fix the arguments and call again" in str(info.value)


def test_plain_decorator_and_name_override() -> None:
    @tool
    def ping() -> None:
        """Check liveness."""

    named = Tool(lambda: "pong", name="pong", description="answers")
    assert ping({}) == "ok" and ping.category == "general"
    assert named({}) == "pong" and named.spec.description == "answers"


def test_varargs_are_refused() -> None:
    def spread(*items: str) -> str:
        return ""

    with pytest.raises(TypeError, match="cannot be described"):
        Tool(spread)
