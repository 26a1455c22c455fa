"""Sessions as JSONL traces: every message, completion and event, with secrets redacted.

A trace can be resumed (``Agent.resume``) or replayed against a ``ScriptedModel`` (``replay_model``)
for deterministic regression tests.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from pydantic import BaseModel

from .errors import SmallcodeError
from .messages import Completion, JsonObject, Message
from .testing import ScriptedModel

_SECRET_NAME = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL", re.IGNORECASE)
_SECRET_PATTERNS = [
    re.compile(r"\bsk-[A-Za-z0-9_-]{16,}"),
    re.compile(r"\bgh[pousr]_[A-Za-z0-9]{20,}"),
    re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/-]{16,}=*"),
]
REDACTED = "[redacted]"


class SessionError(SmallcodeError):
    """A trace file is missing, unreadable or not a smallcode trace."""


class Redactor:
    """Removes secrets: values of secret-named environment variables and well-known key shapes."""

    def __init__(self, environ: Mapping[str, str] | None = None, extra: Iterable[str] = ()) -> None:
        env = os.environ if environ is None else environ
        values = {v for k, v in env.items() if _SECRET_NAME.search(k) and len(v) >= 8}
        self._values = sorted(values | {v for v in extra if v}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for value in self._values:
            text = text.replace(value, REDACTED)
        for pattern in _SECRET_PATTERNS:
            text = pattern.sub(REDACTED, text)
        return text

    def scrub(self, value: object) -> object:
        if isinstance(value, str):
            return self(value)
        if isinstance(value, dict):
            return {k: self.scrub(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.scrub(v) for v in value]
        return value


def _plain(value: object) -> object:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


class SessionTrace:
    """Appends one JSON record a line. Opening an existing trace appends to it (resume)."""

    def __init__(self, path: Path | str, *, redactor: Redactor | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.redact = redactor or Redactor()
        self._file: IO[str] = self.path.open("a", encoding="utf-8")

    def write(self, kind: str, data: object) -> None:
        record = {"type": kind, "data": self.redact.scrub(_plain(data))}
        self._file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._file.flush()

    def start(self, task: str, meta: JsonObject) -> None:
        self.write("start", {"task": task, **meta})

    def message(self, message: Message) -> None:
        self.write("message", message)

    def completion(self, completion: Completion) -> None:
        self.write("completion", completion)

    def event(self, event: object) -> None:
        self.write("event", {"kind": type(event).__name__, **_as_dict(_plain(event))})

    def close(self) -> None:
        self._file.close()


def _as_dict(value: object) -> JsonObject:
    return value if isinstance(value, dict) else {"value": value}


@dataclass
class LoadedSession:
    task: str
    meta: JsonObject
    messages: list[Message] = field(default_factory=list)
    completions: list[Completion] = field(default_factory=list)
    events: list[JsonObject] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return any(e.get("kind") == "Finished" for e in self.events)

    @property
    def steps(self) -> int:
        return max((int(str(e.get("step", 0))) for e in self.events), default=0)


def load_session(path: Path | str) -> LoadedSession:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SessionError(f"cannot read trace {path}: {exc.strerror or exc}") from exc
    session: LoadedSession | None = None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            kind, data = record["type"], record["data"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise SessionError(f"{path}:{number} is not a trace record") from exc
        if kind == "start":
            if session is None:  # a resumed run appends another start record: keep the first
                meta = {k: v for k, v in data.items() if k != "task"}
                session = LoadedSession(task=str(data["task"]), meta=meta)
        elif session is None:
            raise SessionError(f"{path} does not begin with a start record")
        elif kind == "message":
            session.messages.append(Message.model_validate(data))
        elif kind == "completion":
            session.completions.append(Completion.model_validate(data))
        elif kind == "event":
            session.events.append(data)
    if session is None:
        raise SessionError(f"{path} is empty")
    return session


def replay_model(path: Path | str) -> ScriptedModel:
    """A ScriptedModel that answers with the recorded completions, in order."""
    return ScriptedModel(load_session(path).completions)
