"""Token counting for the budget: cached per-message costs, tool-schema costs and estimators.

A model's own counter (``Runtime.count_tokens``) renders the chat template and tokenizes the whole
prompt: exact, but a full tokenize per call. Fitting tries many candidate prompts, so the budget
counts each distinct message once, as its *marginal* cost after a fixed anchor message, sums those,
and checks only the final prompt with the full counter.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Sequence

from ..messages import Message, ToolSpec

TokenCounter = Callable[[Sequence[Message]], int]
"""Counts the prompt tokens of a conversation (a model's ``count_tokens`` is one)."""

ToolCounter = Callable[[Sequence[ToolSpec]], int]
"""Counts the prompt tokens that tool schemas add."""

MessageKey = tuple[str, str, str, str, str]

# The fixed message every marginal cost is measured after. A system message keeps templates from
# inserting their default system prompt, which would otherwise be counted into every message.
_ANCHOR = Message.system("x")


def message_key(message: Message) -> MessageKey:
    """A hashable identity of a message's content (messages hold dicts, so they are not hashable)."""
    calls = ""
    if message.tool_calls:
        calls = json.dumps(
            [[c.id, c.name, c.arguments] for c in message.tool_calls], ensure_ascii=False, default=str
        )
    return (message.role, message.content, message.tool_call_id or "", message.name or "", calls)


def estimate_text_tokens(text: str, chars_per_token: float = 3.0) -> int:
    """A conservative token estimate for text when no tokenizer is at hand."""
    return int(len(text) / chars_per_token) + 1


def estimate_counter(*, chars_per_token: float = 3.0, per_message: int = 8) -> TokenCounter:
    """An estimating counter for models without a local tokenizer (remote servers).

    Code and English run at 3.5-4 characters a token in common tokenizers, so 3.0 over-counts;
    pair it with ``ContextBudget(safety_margin=...)`` for text that tokenizes worse.
    """

    def count(messages: Sequence[Message]) -> int:
        total = 0
        for message in messages:
            text = message.content + "".join(
                c.name + json.dumps(c.arguments, ensure_ascii=False, default=str) for c in message.tool_calls
            )
            total += estimate_text_tokens(text, chars_per_token) + per_message
        return total

    return count


def estimate_tool_counter(*, chars_per_token: float = 3.0) -> ToolCounter:
    """An estimate of what tool schemas cost in a prompt (their JSON, about 3 characters a token)."""

    def count(tools: Sequence[ToolSpec]) -> int:
        return sum(estimate_text_tokens(json.dumps(t.to_openai()), chars_per_token) for t in tools)

    return count


class MessageCosts:
    """Per-message token costs under one counter, cached by message content.

    ``total(messages)`` is the full cost of the first message (template preamble and generation
    prompt included) plus the marginal cost of every other message. Chat templates put special
    tokens between messages, so the sum matches the full count closely; the budget still checks
    the final prompt with the full counter.
    """

    def __init__(self, counter: TokenCounter, *, max_entries: int = 16384) -> None:
        self.counter = counter
        self.max_entries = max_entries
        self.calls = 0
        self._anchor: int | None = None
        self._marginal: OrderedDict[MessageKey, int] = OrderedDict()
        self._first: OrderedDict[MessageKey, int] = OrderedDict()
        # Keys by object identity: a conversation passes the same message objects on every fit.
        # The message itself is held so that its id cannot be reused while the entry lives.
        self._keys: OrderedDict[int, tuple[Message, MessageKey]] = OrderedDict()

    def key(self, message: Message) -> MessageKey:
        entry = self._keys.get(id(message))
        if entry is not None and entry[0] is message:
            return entry[1]
        key = message_key(message)
        self._keys[id(message)] = (message, key)
        if len(self._keys) > self.max_entries:
            self._keys.popitem(last=False)
        return key

    def count(self, messages: Sequence[Message]) -> int:
        """The counter itself (a full count), tallied in ``calls``."""
        self.calls += 1
        return self.counter(messages)

    def marginal(self, message: Message) -> int:
        key = self.key(message)
        cached = self._marginal.get(key)
        if cached is not None:
            self._marginal.move_to_end(key)
            return cached
        if self._anchor is None:
            self._anchor = self.count([_ANCHOR])
        cost = max(0, self.count([_ANCHOR, message]) - self._anchor)
        self._remember(self._marginal, key, cost)
        return cost

    def first(self, message: Message) -> int:
        key = self.key(message)
        cached = self._first.get(key)
        if cached is not None:
            return cached
        cost = self.count([message])
        self._remember(self._first, key, cost)
        return cost

    def total(self, messages: Sequence[Message]) -> int:
        if not messages:
            return 0
        return self.first(messages[0]) + sum(self.marginal(m) for m in messages[1:])

    def text(self, text: str) -> int:
        """Tokens that ``text`` adds as the content of a tool result."""
        empty = Message.tool("", tool_call_id="c")
        return max(0, self.marginal(Message.tool(text, tool_call_id="c")) - self.marginal(empty))

    def clear(self) -> None:
        self._marginal.clear()
        self._first.clear()
        self._keys.clear()

    def _remember(self, cache: OrderedDict[MessageKey, int], key: MessageKey, cost: int) -> None:
        cache[key] = cost
        if len(cache) > self.max_entries:
            cache.popitem(last=False)


def model_tool_counter(count_tokens: Callable[[Sequence[Message], Sequence[ToolSpec]], int]) -> ToolCounter:
    """Exact tool-schema costs from a model's ``count_tokens(messages, tools)``."""

    def count(tools: Sequence[ToolSpec]) -> int:
        return count_tokens([_ANCHOR], tools) - count_tokens([_ANCHOR], ())

    return count


class ToolCosts:
    """Tool-schema token costs, cached by the schemas' JSON."""

    def __init__(self, counter: ToolCounter) -> None:
        self.counter = counter
        self._cache: dict[str, int] = {}

    def __call__(self, tools: Sequence[ToolSpec]) -> int:
        if not tools:
            return 0
        key = json.dumps([t.to_openai() for t in tools], sort_keys=True)
        cost = self._cache.get(key)
        if cost is None:
            cost = self._cache[key] = max(0, self.counter(tools))
        return cost
