"""Chat types in the OpenAI shape: what flows between the agent, its tools and any model."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import Self

from .errors import ParseError

Role = Literal["system", "user", "assistant", "tool"]
FinishReason = Literal["stop", "length", "repetition", "tool_calls", "error"]
JsonObject = dict[str, object]


def new_call_id() -> str:
    return "call_" + uuid.uuid4().hex[:12]


class ToolCall(BaseModel):
    """A request from the model to run one tool. ``arguments`` is always a decoded dict."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=new_call_id)
    name: str
    arguments: JsonObject = Field(default_factory=dict)

    def to_openai(self) -> JsonObject:
        return {
            "id": self.id,
            "type": "function",
            "function": {"name": self.name, "arguments": json.dumps(self.arguments, ensure_ascii=False)},
        }

    @classmethod
    def from_openai(cls, data: Mapping[str, object]) -> Self:
        function = data.get("function", data)
        if not isinstance(function, Mapping):
            raise ParseError(f"tool call has no function object: {data!r}")
        raw = function.get("arguments", {})
        if isinstance(raw, str):
            try:
                raw = json.loads(raw) if raw.strip() else {}
            except json.JSONDecodeError as exc:
                raise ParseError(f"tool call arguments are not JSON: {exc}") from exc
        if not isinstance(raw, dict):
            raise ParseError(f"tool call arguments must be an object, got {type(raw).__name__}")
        call_id = data.get("id")
        return cls(
            id=call_id if isinstance(call_id, str) and call_id else new_call_id(),
            name=str(function.get("name", "")),
            arguments=raw,
        )


class Message(BaseModel):
    """One chat message. Tool results are ``role="tool"`` messages that name their ``tool_call_id``."""

    model_config = ConfigDict(frozen=True)

    role: Role
    content: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str | None = None
    name: str | None = None

    @classmethod
    def system(cls, content: str) -> Self:
        return cls(role="system", content=content)

    @classmethod
    def user(cls, content: str) -> Self:
        return cls(role="user", content=content)

    @classmethod
    def assistant(cls, content: str = "", tool_calls: tuple[ToolCall, ...] = ()) -> Self:
        return cls(role="assistant", content=content, tool_calls=tool_calls)

    @classmethod
    def tool(cls, content: str, *, tool_call_id: str, name: str | None = None) -> Self:
        return cls(role="tool", content=content, tool_call_id=tool_call_id, name=name)

    def to_openai(self) -> JsonObject:
        out: JsonObject = {"role": self.role, "content": self.content}
        if self.tool_calls:
            out["tool_calls"] = [call.to_openai() for call in self.tool_calls]
        if self.tool_call_id is not None:
            out["tool_call_id"] = self.tool_call_id
        if self.name is not None:
            out["name"] = self.name
        return out

    @classmethod
    def from_openai(cls, data: Mapping[str, object]) -> Self:
        raw_calls = data.get("tool_calls") or []
        if not isinstance(raw_calls, list):
            raise ParseError("tool_calls must be a list")
        calls = tuple(ToolCall.from_openai(c) for c in raw_calls if isinstance(c, Mapping))
        content = data.get("content")
        tool_call_id = data.get("tool_call_id")
        name = data.get("name")
        return cls.model_validate(
            {
                "role": data.get("role"),
                "content": content if isinstance(content, str) else "",
                "tool_calls": calls,
                "tool_call_id": tool_call_id if isinstance(tool_call_id, str) else None,
                "name": name if isinstance(name, str) else None,
            }
        )


def _empty_parameters() -> JsonObject:
    return {"type": "object", "properties": {}}


class ToolSpec(BaseModel):
    """What a model is told about a tool: its name, purpose, JSON-schema parameters and category."""

    model_config = ConfigDict(frozen=True)

    name: str
    description: str = ""
    parameters: JsonObject = Field(default_factory=lambda: _empty_parameters())
    category: str = "general"
    payload: tuple[str, ...] = ()
    """Parameters that carry file text or code. Local models write them as plain fenced blocks,
    where they write far better code than inside escaped JSON strings."""

    def to_openai(self) -> JsonObject:
        return {
            "type": "function",
            "function": {"name": self.name, "description": self.description, "parameters": self.parameters},
        }


class Usage(BaseModel):
    """Token counts of one completion (or a sum of many: ``a + b``)."""

    model_config = ConfigDict(frozen=True)

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            cached_tokens=self.cached_tokens + other.cached_tokens,
        )


class TokenLogprob(BaseModel):
    model_config = ConfigDict(frozen=True)

    token: str
    logprob: float


class Completion(BaseModel):
    """A model's reply: prose, recovered tool calls, usage and why it stopped."""

    model_config = ConfigDict(frozen=True)

    text: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    usage: Usage = Field(default_factory=Usage)
    finish_reason: FinishReason = "stop"
    logprobs: tuple[TokenLogprob, ...] | None = None
    raw_text: str | None = None
    """The untouched generated text when ``text`` had tool calls taken out of it."""

    @property
    def mean_logprob(self) -> float | None:
        if not self.logprobs:
            return None
        return sum(t.logprob for t in self.logprobs) / len(self.logprobs)

    def to_message(self) -> Message:
        return Message.assistant(self.text, self.tool_calls)
