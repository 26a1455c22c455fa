"""ContextBudget: keeps every prompt inside the model's context window."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .messages import Message

TokenCounter = Callable[[Sequence[Message]], int]


class ContextBudget:
    """Caps tool results and fits the history into ``window - reserve_for_output`` tokens."""

    def __init__(
        self,
        window: int,
        *,
        counter: TokenCounter,
        reserve_for_output: int = 1024,
        tool_result_limit: int | None = None,
    ) -> None:
        if reserve_for_output >= window:
            raise ValueError("reserve_for_output must be smaller than the window")
        self.window = window
        self.counter = counter
        self.reserve_for_output = reserve_for_output
        # About 3 characters a token; one result may take at most a quarter of the window.
        self.tool_result_limit = tool_result_limit or max(1000, (window // 4) * 3)

    @property
    def prompt_limit(self) -> int:
        return self.window - self.reserve_for_output

    def cap(self, text: str) -> str:
        """Keep the head and tail of a long tool result, saying what was cut."""
        limit = self.tool_result_limit
        if len(text) <= limit:
            return text
        head = text[: limit * 2 // 3]
        tail = text[-(limit // 3) :]
        cut = len(text) - len(head) - len(tail)
        marker = f"\n[... {cut} characters cut; read a smaller range to see them ...]\n"
        return head + marker + tail

    def fit(self, messages: Sequence[Message]) -> list[Message]:
        """Evict the oldest tool results to stubs until the prompt fits."""
        fitted = list(messages)
        for index, message in enumerate(fitted):
            if self.counter(fitted) <= self.prompt_limit:
                break
            if message.role == "tool" and not message.content.startswith("[evicted"):
                stub = f"[evicted: {message.name or 'tool'} result, {len(message.content)} characters]"
                fitted[index] = message.model_copy(update={"content": stub})
        return fitted
