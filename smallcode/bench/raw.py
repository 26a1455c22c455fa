"""The raw-model baseline: one completion, no agent loop; its first code block becomes the target file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BenchmarkError
from ..messages import Completion, Message
from ..model import Model, Sampling
from ..turns import fence_language
from .tasks import Task

RAW_SYSTEM = "You are an expert programmer. Answer with code in a fenced code block."
# Starting files larger than this are not shown to the raw model (they would not fit a small context).
MAX_SHOWN_CHARS = 12_000
_FENCED = re.compile(r"```[^\n`]*\n(.*?)(?:\n```|\Z)", re.DOTALL)


@dataclass(frozen=True)
class RawOutcome:
    completion: Completion
    wrote: bool
    """Whether a code block was found and written to the target file."""


def first_code_block(text: str) -> str | None:
    """The body of the first fenced block (an unterminated last block counts), else None."""
    match = _FENCED.search(text)
    return match.group(1).rstrip("\n") if match else None


def raw_messages(task: Task, target: str) -> list[Message]:
    """The task prompt, the starting files (so a raw model sees what an agent could read), one instruction."""
    shown: list[str] = []
    budget = MAX_SHOWN_CHARS
    for path, data in sorted(task.files.items()):
        text = data.decode("utf-8", errors="replace")
        if len(text) > budget:
            continue
        budget -= len(text)
        shown.append(f"{path}:\n```{fence_language(path)}\n{text.rstrip()}\n```")
    parts = [task.prompt]
    if shown:
        parts.append("The project's files:\n\n" + "\n\n".join(shown))
    parts.append(f"Reply with the complete content of `{target}` in a single fenced code block.")
    return [Message.system(RAW_SYSTEM), Message.user("\n\n".join(parts))]


def run_raw(task: Task, model: Model, workspace: Path, *, max_tokens: int = 2048) -> RawOutcome:
    """One greedy completion; the first code block (if any) replaces ``task.target`` in ``workspace``."""
    target = task.target
    if target is None:
        raise BenchmarkError(f"task {task.id} names no target file for the raw baseline")
    messages = raw_messages(task, target)
    room = model.context_window - model.count_tokens(messages) - 16
    completion = model.complete(
        messages, sampling=Sampling(max_tokens=max(64, min(max_tokens, room)), seed=0)
    )
    code = first_code_block(completion.text)
    if code is None:
        return RawOutcome(completion, wrote=False)
    path = workspace / target
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(code.rstrip() + "\n", encoding="utf-8")
    return RawOutcome(completion, wrote=True)
