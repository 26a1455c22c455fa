"""Summaries of older history: by a model when one is given, else (or when it fails) a
deterministic digest with one line per step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..messages import Message
from ..model import Model, Sampling
from .counting import estimate_text_tokens
from .history import History, describe_call, result_gist

SUMMARY_PROMPT = (
    "You keep the notes of a coding agent. Rewrite the earlier notes and the new steps as one short "
    "list: files read and changed, commands run and their outcome, errors seen, what is still to do. "
    "Keep file names, function names and error messages exact. Plain text, no preamble."
)


class Summarizer(Protocol):
    """Writes a summary of ``messages`` (older exchanges) that extends the ``previous`` summary,
    in about ``max_tokens`` tokens. Raise a ``SmallcodeError`` to fall back to the digest."""

    def __call__(self, previous: str | None, messages: Sequence[Message], max_tokens: int) -> str: ...


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def digest_lines(messages: Sequence[Message]) -> list[str]:
    """One line per step: each call with the gist of its result, and short prose."""
    history = History(messages)
    results = {m.tool_call_id: m.content for m in messages if m.role == "tool" and m.tool_call_id}
    lines: list[str] = []
    for message in messages:
        if message.role == "assistant" and message.tool_calls:
            if message.content.strip():
                lines.append(f"- assistant: {_clip(message.content, 120)}")
            for call in message.tool_calls:
                result = results.get(call.id)
                gist = result_gist(result) if result is not None else "no result"
                lines.append(f"- {describe_call(call, result)}: {gist}")
        elif message.role == "tool":
            if history.call_of(message) is None:
                lines.append(f"- {message.name or 'tool'} result: {result_gist(message.content)}")
        elif message.name == "summary":
            lines.append(message.content)
        elif message.content.strip():
            lines.append(f"- {message.role}: {_clip(message.content, 160)}")
    return lines


def digest(previous: str | None, messages: Sequence[Message], max_tokens: int) -> str:
    """The deterministic summary: the previous one, then a line per step, oldest lines dropped
    first when it would exceed ``max_tokens`` (estimated)."""
    lines = (previous.splitlines() if previous else []) + digest_lines(messages)
    kept: list[str] = []
    used = 0
    for line in reversed(lines):
        cost = estimate_text_tokens(line) + 1
        if used + cost > max_tokens:
            break
        kept.append(line)
        used += cost
    dropped = len(lines) - len(kept)
    if dropped:
        kept.append(f"- ({dropped} earlier steps left out)")
    return "\n".join(reversed(kept))


class ModelSummarizer:
    """Asks a model to condense the digest of older steps (with the previous summary) into notes.

    On a local ``Runtime`` this is a side call: it replaces the model's KV cache, so the next agent
    call re-reads its prompt. Compaction changes that prompt anyway, and it is rare.
    """

    def __init__(self, model: Model, *, sampling: Sampling | None = None) -> None:
        self.model = model
        self.sampling = sampling or Sampling(temperature=0.0)

    def __call__(self, previous: str | None, messages: Sequence[Message], max_tokens: int) -> str:
        # The digest (not the raw messages) is the input: it is short, and old results are stubs anyway.
        room = max(64, self.model.context_window - max_tokens - 256)
        steps = digest(None, messages, room)
        notes = f"Earlier notes:\n{previous}\n\n" if previous else ""
        prompt = [
            Message.system(SUMMARY_PROMPT),
            Message.user(f"{notes}New steps:\n{steps}\n\nWrite the notes in at most {max_tokens} tokens."),
        ]
        completion = self.model.complete(prompt, sampling=self.sampling.with_(max_tokens=max_tokens))
        return completion.text.strip()
