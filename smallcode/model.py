"""The contract every model satisfies: a local Runtime, a RemoteModel, or a ScriptedModel in tests."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from .messages import Completion, JsonObject, Message, ToolSpec

TokenCallback = Callable[[str], None]


class Sampling(BaseModel):
    """Decoding settings. The defaults are greedy, which small models need for reliable tool calls."""

    model_config = ConfigDict(frozen=True)

    temperature: float = Field(default=0.0, ge=0.0)
    top_p: float = Field(default=1.0, gt=0.0, le=1.0)
    top_k: int = Field(default=40, ge=0)
    min_p: float = Field(default=0.05, ge=0.0, le=1.0)
    repeat_penalty: float = Field(default=1.0, gt=0.0)
    max_tokens: int = Field(default=1024, gt=0)
    stop: tuple[str, ...] = ()
    stop_repeated_lines: int = Field(default=0, ge=0)
    """With n > 0, a local ``Runtime`` stops once the reply ends in n copies of the same block of one
    to three lines (a small model caught in a loop), with ``finish_reason="repetition"``; other
    models ignore it. 0: never."""
    seed: int | None = None
    logprobs: bool = False

    def with_(self, **changes: object) -> Sampling:
        return self.model_copy(update=changes)


class Grammar(BaseModel):
    """A GBNF grammar the output must follow. Local runtimes enforce it; remote ones may ignore it."""

    model_config = ConfigDict(frozen=True)

    gbnf: str
    json_schema: JsonObject | None = None

    @classmethod
    def from_json_schema(cls, schema: JsonObject) -> Grammar:
        """Any JSON value valid against ``schema`` (converted once per distinct schema)."""
        return cls(gbnf=_schema_gbnf(json.dumps(schema, sort_keys=True)), json_schema=schema)

    @classmethod
    def tool_call(cls, tools: Sequence[ToolSpec]) -> Grammar:
        """One ``<tool_call>{"name": ..., "arguments": ...}</tool_call>`` valid for one of ``tools``."""
        if not tools:
            raise ValueError("Grammar.tool_call needs at least one tool")
        schema: JsonObject = {
            "anyOf": [
                {
                    "type": "object",
                    "properties": {"name": {"const": t.name}, "arguments": t.parameters},
                    "required": ["name", "arguments"],
                }
                for t in tools
            ]
        }
        call = cls.from_json_schema(schema)
        body = call.gbnf.replace("root ::=", "call ::=", 1)
        return cls(gbnf=f'root ::= "<tool_call>\\n" call "\\n</tool_call>"\n{body}', json_schema=schema)

    @classmethod
    def choice(cls, options: Sequence[str]) -> Grammar:
        """Exactly one of ``options`` (used for picking a tool category)."""
        if not options:
            raise ValueError("Grammar.choice needs at least one option")
        alternatives = " | ".join(json.dumps(option) for option in options)
        return cls(gbnf=f"root ::= {alternatives}\n")


@functools.lru_cache(maxsize=256)
def _schema_gbnf(schema_json: str) -> str:
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    return str(json_schema_to_gbnf(schema_json))


@runtime_checkable
class Model(Protocol):
    """Anything that completes a chat. Runtime, RemoteModel and ScriptedModel all satisfy it."""

    def complete(
        self,
        messages: Sequence[Message],
        *,
        tools: Sequence[ToolSpec] = (),
        grammar: Grammar | None = None,
        sampling: Sampling = Sampling(),  # noqa: B008 - Sampling is frozen
        on_token: TokenCallback | None = None,
    ) -> Completion: ...

    def count_tokens(self, messages: Sequence[Message], tools: Sequence[ToolSpec] = ()) -> int: ...

    @property
    def context_window(self) -> int: ...


@runtime_checkable
class KeepsState(Protocol):
    """A model that can keep the evaluated state of a conversation while other prompts use it
    (``Runtime``): the conversation's next prompt then starts from that state."""

    def keep_state(self, messages: Sequence[Message], tools: Sequence[ToolSpec] = ()) -> int: ...
