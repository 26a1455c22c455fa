"""Deterministic models for tests: drive an agent without loading any weights."""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .errors import ScriptExhausted
from .messages import Completion, Message, ToolCall, ToolSpec, Usage
from .model import Grammar, Sampling, TokenCallback

Reply = str | ToolCall | Completion
ReplyFunction = Callable[[Sequence[Message], Sequence[ToolSpec]], Reply]


@dataclass(frozen=True)
class ScriptedCall:
    """What a ScriptedModel was sent on one call."""

    messages: tuple[Message, ...]
    tools: tuple[ToolSpec, ...]
    grammar: Grammar | None
    sampling: Sampling


def estimate_tokens(text: str) -> int:
    """A conservative estimate (about 3 characters a token) for models without a tokenizer."""
    return (len(text) + 2) // 3


def _message_text(message: Message) -> str:
    calls = "".join(json.dumps(c.arguments, ensure_ascii=False) + c.name for c in message.tool_calls)
    return message.content + calls


class ScriptedModel:
    """A ``Model`` that returns queued replies (or computes them) and records every call.

    Replies may be plain text (parsed by the agent like any model output), a ``ToolCall``
    (returned as a native call) or a full ``Completion``. A function reply is called with the
    messages and tools of each request.
    """

    def __init__(
        self,
        replies: Iterable[Reply] | ReplyFunction = (),
        *,
        context_window: int = 8192,
        tokens_per_message: int = 4,
    ) -> None:
        self._function: ReplyFunction | None = None
        self._queue: deque[Reply] = deque()
        if callable(replies):
            self._function = replies
        else:
            self._queue.extend(replies)
        self._window = context_window
        self._per_message = tokens_per_message
        self._lock = threading.Lock()
        self.calls: list[ScriptedCall] = []

    @property
    def context_window(self) -> int:
        return self._window

    @property
    def remaining(self) -> int:
        """Queued replies not yet used (0 for a function-driven model)."""
        return len(self._queue)

    def push(self, *replies: Reply) -> None:
        self._queue.extend(replies)

    def count_tokens(self, messages: Sequence[Message], tools: Sequence[ToolSpec] = ()) -> int:
        total = sum(estimate_tokens(_message_text(m)) + self._per_message for m in messages)
        total += sum(estimate_tokens(json.dumps(t.to_openai())) for t in tools)
        return total

    def complete(
        self,
        messages: Sequence[Message],
        *,
        tools: Sequence[ToolSpec] = (),
        grammar: Grammar | None = None,
        sampling: Sampling = Sampling(),  # noqa: B008 - Sampling is frozen
        on_token: TokenCallback | None = None,
    ) -> Completion:
        with self._lock:
            self.calls.append(ScriptedCall(tuple(messages), tuple(tools), grammar, sampling))
            if self._function is not None:
                reply = self._function(messages, tools)
            elif self._queue:
                reply = self._queue.popleft()
            else:
                raise ScriptExhausted(f"ScriptedModel has no reply left for call {len(self.calls)}")
        completion = self._to_completion(reply, messages)
        if on_token is not None and completion.text:
            on_token(completion.text)
        return completion

    def _to_completion(self, reply: Reply, messages: Sequence[Message]) -> Completion:
        if isinstance(reply, Completion):
            return reply
        prompt = self.count_tokens(messages)
        if isinstance(reply, ToolCall):
            usage = Usage(
                prompt_tokens=prompt, completion_tokens=estimate_tokens(json.dumps(reply.arguments))
            )
            return Completion(tool_calls=(reply,), usage=usage, finish_reason="tool_calls")
        usage = Usage(prompt_tokens=prompt, completion_tokens=estimate_tokens(reply))
        return Completion(text=reply, usage=usage)
