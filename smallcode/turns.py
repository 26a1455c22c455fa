"""How one agent turn asks a model for its next action.

``NativeTurns`` sends tool schemas and reads tool calls (any model; best for larger ones).
``StagedTurns`` suits small local models: the model first picks an action from a short menu
(grammar-constrained), then fills the short arguments as JSON under a grammar, then writes each
payload (file content, code) as a plain fenced block, where small models write far better code
than inside escaped JSON strings; a whole file is written from a focused prompt (``Focus``) rather
than the history. It needs a model that continues a trailing assistant message (``Runtime`` does).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Protocol

import json_repair

from . import prompts
from .messages import Completion, JsonObject, Message, ToolCall, ToolSpec
from .model import Grammar, KeepsState, Model, Sampling, TokenCallback
from .parsing import LenientParser
from .tools import FINISH
from .workspace.discovery import is_test_file

_LANGUAGES = {
    ".py": "python", ".js": "javascript", ".mjs": "javascript", ".ts": "typescript", ".go": "go",
    ".rs": "rust", ".java": "java", ".c": "c", ".h": "c", ".cpp": "cpp", ".html": "html", ".css": "css",
    ".json": "json", ".md": "markdown", ".sh": "bash", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml",
}  # fmt: skip
_FENCE_END = "\n```"
# A file that ends in this many copies of one block of lines is a loop, not code: stopped there.
REPEATED_LINES = 12
# The payload that is a whole file; it can be written from a focused prompt (see ``Focus``).
WHOLE_FILE = "content"


def fence_language(path: object) -> str:
    return _LANGUAGES.get(PurePosixPath(str(path)).suffix.lower(), "") if path else ""


@dataclass
class Turn:
    """What the model wants next: a call, or prose (possibly with parse problems)."""

    call: ToolCall | None
    text: str = ""
    problems: list[str] = field(default_factory=list)
    completions: list[Completion] = field(default_factory=list)


@dataclass(frozen=True)
class Focus:
    """What a whole-file payload is written from: the task, the files that matter, and what the last
    check said. Small models copy the last thing they saw, so a long history of actions and results
    makes them write those results into the file; a fresh prompt of task, files and feedback does not."""

    task: str
    read: Callable[[str], str | None]
    """The current text of a workspace file, or None when it does not exist."""
    files: tuple[str, ...] = ()
    """Other files worth showing after the target (read or changed in this session), most relevant first."""
    feedback: str = ""
    max_chars: int = 12_000
    afresh: tuple[str, ...] = ()
    """Files to write anew without their current text: the session wrote them, and a small model
    shown its own failing version writes it again unchanged, however hot it samples."""
    starts: Mapping[str, str] = field(default_factory=dict)
    """What files the session changed held before it: a file in ``afresh`` is shown as it was."""

    def messages(self, path: str) -> list[Message] | None:
        """The prompt for the new content of ``path``, or None when its current text does not fit."""
        room = self.max_chars - len(self.task) - len(self.feedback)
        current = self.read(path)
        if current is not None and len(current) > room:
            return None
        shown: list[str] = []
        # The target first: a small model copies the first file it is shown, and a copy of the
        # target changes nothing, where a copy of another file (the failing test) would replace it.
        for other in (path, *(f for f in self.files if f != path)):
            label, text = other, current if other == path else self.read(other)
            if other in self.afresh:
                label = prompts.FOCUS_START.format(path=other)
                text = self.starts.get(other.removeprefix("./"))
            if text is None or len(text) > room:
                continue
            room -= len(text)
            shown.append(f"{label}:\n```{fence_language(other)}\n{text.rstrip()}\n```")
        parts = [self.task]
        if shown:
            parts.append(prompts.FOCUS_FILES + "\n\n" + "\n\n".join(shown))
        if self.feedback:
            parts.append(prompts.FOCUS_FEEDBACK.format(feedback=self.feedback.strip()))
        # A new file gets its own request: "the complete new content" of a file that does not exist
        # reads as "a file shown above", and small models do copy it.
        if path in self.afresh:
            request = prompts.FOCUS_AFRESH
        elif current is not None:
            request = prompts.FOCUS_WRITE
        else:  # asked for a new test file, small models write out the code they were shown
            request = prompts.FOCUS_CREATE_TEST if is_test_file(path) else prompts.FOCUS_CREATE
        parts.append(request.format(path=path))
        return [Message.system(prompts.FOCUS_SYSTEM), Message.user("\n\n".join(parts))]


@dataclass(frozen=True)
class Steering:
    """What the agent asks of a turn: calls not to repeat, paths worth trying instead, and actions
    that are off the menu for now (e.g. ``finish`` while the tests fail and nothing has changed)."""

    avoid: tuple[ToolCall, ...] = ()
    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    protected: tuple[str, ...] = ()
    """Paths the ``writers`` may not change (offered ``paths`` are the alternatives)."""
    writers: tuple[str, ...] = ()
    named_only: bool = False
    """The ``writers`` may write only the offered ``paths`` (``StagedTurns``)."""
    focus: Focus | None = None
    directed: ToolCall | None = None
    """An action the agent has already chosen (say, write this file): the model writes only its
    payload. ``StagedTurns`` honours it; protocols that cannot prefill an action ignore it."""

    def allowed(self, tools: Sequence[ToolSpec]) -> list[ToolSpec]:
        kept = [t for t in tools if t.name not in self.exclude]
        return kept or list(tools)


class TurnProtocol(Protocol):
    def system_prompt(self, base: str, tools: Sequence[ToolSpec]) -> str: ...

    def next_turn(
        self,
        model: Model,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec],
        sampling: Sampling,
        steering: Steering | None = None,
        on_token: TokenCallback | None = None,
    ) -> Turn: ...


class NativeTurns:
    """Tool schemas in the prompt; calls read from the reply (grammar-constrained when asked)."""

    def __init__(self, *, constrain: bool = True, parser: LenientParser | None = None) -> None:
        self.constrain = constrain
        self.parser = parser

    def system_prompt(self, base: str, tools: Sequence[ToolSpec]) -> str:
        return base + "\n" + prompts.NATIVE_RULES

    def next_turn(
        self,
        model: Model,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec],
        sampling: Sampling,
        steering: Steering | None = None,
        on_token: TokenCallback | None = None,
    ) -> Turn:
        allowed = steering.allowed(tools) if steering is not None else list(tools)
        grammar = Grammar.tool_call(allowed) if self.constrain and allowed else None
        completion = model.complete(
            messages, tools=tools, grammar=grammar, sampling=sampling, on_token=on_token
        )
        if completion.tool_calls:
            return Turn(completion.tool_calls[0], completion.text, completions=[completion])
        parsed = (self.parser or LenientParser(tools)).parse(completion.text)
        return Turn(
            parsed.calls[0] if parsed.calls else None,
            parsed.text,
            [issue.message for issue in parsed.issues],
            [completion],
        )


class StagedTurns:
    """Action menu, then short arguments as JSON, then payloads as fenced blocks.

    ``keep_state``: before a focused prompt takes the KV cache, a model that can (``KeepsState``:
    ``Runtime``) keeps the history's state, so the next turn does not evaluate the history again.
    ``max_file_tokens``: the reply limit of a whole file written from a focused prompt, which may pass
    the turn's own limit (that one is reserved out of the history's window), as far as the window allows."""

    def __init__(
        self, *, max_argument_tokens: int = 200, max_file_tokens: int = 2048, keep_state: bool = True
    ) -> None:
        self.max_argument_tokens = max_argument_tokens
        self.max_file_tokens = max_file_tokens
        self.keep_state = keep_state

    def system_prompt(self, base: str, tools: Sequence[ToolSpec]) -> str:
        menu = "\n".join(f"- {t.name}({', '.join(_parameters(t))}): {t.description}" for t in tools)
        return base + "\n" + prompts.STAGED_RULES.format(menu=menu)

    def view(self, messages: Sequence[Message], tools: Sequence[ToolSpec]) -> list[Message]:
        """The history as this protocol shows it: actions as text, results as user turns."""
        specs = {t.name: t for t in tools}
        shown: list[Message] = []
        for message in messages:
            if message.role == "assistant" and message.tool_calls:
                call = message.tool_calls[0]
                shown.append(Message.assistant(render_action(call, specs.get(call.name))))
            elif message.role == "tool":
                shown.append(
                    Message.user(prompts.STAGED_RESULT.format(name=message.name, result=message.content))
                )
            else:
                shown.append(message)
        return shown

    def next_turn(
        self,
        model: Model,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec],
        sampling: Sampling,
        steering: Steering | None = None,
        on_token: TokenCallback | None = None,
    ) -> Turn:
        view = self.view(messages, tools)
        specs = {t.name: t for t in tools}
        turn = Turn(call=None)

        def extend(text: str, grammar: Grammar | None, settings: Sampling) -> Completion:
            completion = model.complete(
                [*view, Message.assistant(text)], grammar=grammar, sampling=settings, on_token=on_token
            )
            turn.completions.append(completion)
            return completion

        directed = steering.directed if steering is not None else None
        if directed is not None and directed.name in specs:
            name, arguments = directed.name, dict(directed.arguments)
            text = render_action(ToolCall(name=name, arguments=arguments), None)
        else:
            chosen = self._choose(specs, tools, extend, sampling, steering, turn)
            if chosen is None:
                return turn
            name, arguments, text = chosen
        spec = specs[name]
        for parameter in spec.payload:
            opening = f"```{fence_language(arguments.get('path'))}\n"
            text += f"\n{parameter}:\n{opening}"
            fenced = sampling.with_(stop=(*sampling.stop, _FENCE_END), stop_repeated_lines=REPEATED_LINES)
            path = arguments.get("path")
            focused = steering.focus if steering is not None and parameter == WHOLE_FILE else None
            prompt = focused.messages(path) if focused is not None and isinstance(path, str) else None
            if prompt is not None and directed is None and self.keep_state and isinstance(model, KeepsState):
                # The focused prompt takes the cache; the history's next prompt starts from its state.
                model.keep_state(view)
            if prompt is not None:
                asked = [*prompt, Message.assistant(opening)]
                body = model.complete(
                    asked, sampling=self._file_sampling(model, asked, fenced), on_token=on_token
                )
                turn.completions.append(body)
            else:
                body = extend(text, None, fenced)
            if body.finish_reason in ("length", "repetition"):
                cut = prompts.STAGED_TOO_LONG if body.finish_reason == "length" else prompts.STAGED_REPEATED
                turn.problems.append(cut.format(parameter=parameter, name=name))
                return turn
            content = body.text if body.text.endswith("\n") or not body.text else body.text + "\n"
            arguments[parameter] = content
            text += content + "```"
        turn.call = ToolCall(name=name, arguments=arguments)
        return turn

    def _file_sampling(self, model: Model, asked: Sequence[Message], fenced: Sampling) -> Sampling:
        """``fenced`` with its reply limit raised to ``max_file_tokens`` where the window has room."""
        if self.max_file_tokens <= fenced.max_tokens:
            return fenced
        room = model.context_window - model.count_tokens(asked)
        limit = min(self.max_file_tokens, room)
        return fenced.with_(max_tokens=limit) if limit > fenced.max_tokens else fenced

    def _choose(
        self,
        specs: dict[str, ToolSpec],
        tools: Sequence[ToolSpec],
        extend: Callable[[str, Grammar | None, Sampling], Completion],
        sampling: Sampling,
        steering: Steering | None,
        turn: Turn,
    ) -> tuple[str, JsonObject, str] | None:
        """The action and its short arguments, each under a grammar; None (with ``turn.problems``
        saying why) when the model's choice cannot be used."""
        text = prompts.STAGED_ACTION
        menu = [t.name for t in (steering.allowed(tools) if steering is not None else tools)]
        name = extend(text, Grammar.choice(menu), sampling.with_(max_tokens=16)).text.strip()
        spec = specs.get(name)
        if spec is None:  # a grammar-ignoring model
            turn.problems.append(prompts.STAGED_UNKNOWN.format(name=name, names=", ".join(specs)))
            return None
        text += name
        arguments: JsonObject = {}
        short = _short_schema(spec)
        if short is not None and steering is not None:
            short = _steer_path(short, name, steering)
        if short is not None:
            text += prompts.STAGED_ARGUMENTS
            reply = extend(
                text, Grammar.from_json_schema(short), sampling.with_(max_tokens=self.max_argument_tokens)
            )
            try:
                decoded = json.loads(reply.text)
            except json.JSONDecodeError:
                # A finish's summary that runs on to the length limit is prose cut short: closed, it
                # still ends the run. Other arguments cut short (a command, a path) are not guessed at.
                cut = reply.finish_reason == "length" and name == FINISH
                decoded = json_repair.loads(reply.text) if cut else None
            if not isinstance(decoded, dict):
                turn.problems.append(prompts.STAGED_BAD_ARGUMENTS.format(name=name))
                return None
            arguments.update(decoded)
            text += json.dumps(arguments, ensure_ascii=False)
        return name, arguments, text


def _parameters(spec: ToolSpec) -> list[str]:
    properties = spec.parameters.get("properties")
    return list(properties) if isinstance(properties, dict) else []


def _short_schema(spec: ToolSpec) -> JsonObject | None:
    """The schema of the non-payload parameters, or None when there are none."""
    properties = spec.parameters.get("properties")
    if not isinstance(properties, dict):
        return None
    short = {k: v for k, v in properties.items() if k not in spec.payload}
    if not short:
        return None
    required = spec.parameters.get("required", [])
    return {
        "type": "object",
        "properties": short,
        "required": [r for r in required if r in short] if isinstance(required, list) else [],
        "additionalProperties": False,
    }


def _steer_path(schema: JsonObject, name: str, steering: Steering) -> JsonObject:
    """Small models copy their last call verbatim, and write to the test file a task names: offer
    only paths not tried and not protected (or only the offered paths, when ``named_only``)."""
    properties = schema.get("properties")
    if not isinstance(properties, dict) or "path" not in properties:
        return schema
    avoided = {call.arguments.get("path") for call in steering.avoid if call.name == name}
    if name in steering.writers:
        avoided |= set(steering.protected)
    options = [path for path in steering.paths if path not in avoided]
    narrowed = steering.named_only and name in steering.writers
    if not options or not (avoided or narrowed):
        return schema
    return {**schema, "properties": {**properties, "path": {"enum": options}}}


def render_action(call: ToolCall, spec: ToolSpec | None) -> str:
    """The staged text of a call, exactly as ``StagedTurns`` has the model write it."""
    payload = spec.payload if spec is not None else ()
    text = prompts.STAGED_ACTION + call.name
    short = {k: v for k, v in call.arguments.items() if k not in payload}
    if spec is None or _short_schema(spec) is not None:
        text += prompts.STAGED_ARGUMENTS + json.dumps(short, ensure_ascii=False)
    for parameter in payload:
        content = str(call.arguments.get(parameter, ""))
        text += f"\n{parameter}:\n```{fence_language(call.arguments.get('path'))}\n{content}```"
    return text
