"""ToolRouter: which tool schemas a model sees on a turn, and running the calls it makes.

Two-stage routing: stage 1 asks which kind of step comes next (a category, or answering in
words); stage 2 shows only that category's schemas and asks for one call.

On a local ``Runtime`` (``constrain=True``) both stages are grammar-constrained continuations
appended after the conversation, so the prompt prefix the runtime has already evaluated is reused
and the system prompt never changes. Stage 1 has the model continue "The next step is to" with
one of the categories' verbs (a choice grammar; shown a menu instead, a 0.5B model picks its first
entry far too often). Stage 2 shows the category's schemas in a message and prefills the model's
own ``<tool_call>`` format, so only the tool name (a choice) and the short arguments (JSON under
the tool's schema) are sampled under a grammar. Payload parameters (file content, edits) follow
as a plain fenced block, because grammar sampling slows every token it covers.

Other models (``constrain=False``) get a menu in stage 1 and the category's schemas as ordinary
tools in stage 2; the ``LenientParser`` repairs what they write.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from . import prompts
from .errors import InvalidArgumentsError, ToolError, UnknownToolError
from .messages import Completion, JsonObject, Message, ToolCall, ToolSpec
from .model import Grammar, Model, Sampling, TokenCallback
from .parsing import LenientParser
from .tools.base import Tool
from .turns import Steering, Turn, fence_language

ANSWER = "answer"
"""The stage-1 option for replying in words, without a tool."""

CATEGORY_DESCRIPTIONS: dict[str, str] = {
    "read": "read a file or list files",
    "search": "search the files for text or names",
    "write": "write or change a file",
    "run": "run a command or the tests",
    "plan": "finish, because the task is done",
    "general": "use another tool",
    ANSWER: "answer in words, without a tool",
}
"""What a step of each category does, phrased to complete "The next step is to ..."."""

CATEGORY_VERBS: dict[str, tuple[str, ...]] = {
    "read": ("read", "open", "look at", "view", "show", "inspect", "examine", "list", "see"),
    "search": ("search", "find", "grep", "locate", "look for"),
    "write": ("write", "create", "edit", "change", "fix", "update", "add", "modify", "rename", "replace",
              "remove", "delete", "implement", "refactor"),
    "run": ("run", "execute", "install", "test", "build", "compile"),
    "plan": ("finish", "stop", "conclude", "report"),
    ANSWER: ("answer", "explain", "reply", "tell"),
}  # fmt: skip
"""Verbs that start a step of each category. A category not listed here is known by its name and
the first word of its description."""

ROUTE_PREFILL = "The next step is to"
ROUTE_PROMPT = "Which kind of step comes next?\n{menu}\nReply with one word: {names}."
TOOLS_PROMPT = (
    "Tools for this step:\n<tools>\n{tools}\n</tools>\n"
    'Call one with <tool_call>{{"name": <name>, "arguments": <args-object>}}</tool_call>.'
)
CALL_OPEN = '<tool_call>\n{"name": "'
# No space after the colon: the model writes " {" as one token, and a prefilled space breaks that.
CALL_ARGUMENTS = '", "arguments":'
CALL_CLOSE = "}\n</tool_call>"
ROUTE_UNCLEAR = "Reply with one of these words only: {names}."
CALL_CUT_OFF = "The arguments of your {name} call were cut off or not JSON. Write short arguments as JSON."
UNKNOWN_NAME = "Your call named no tool of this step. Use one of: {names}."
RETRY_COUNT = " ({name} has now failed {count} times in a row.)"
RETRY_EXHAUSTED = (
    " Do not call it the same way again: read the error, look at the files, or use another tool."
)

_FENCE_END = "\n```"
# A flat arguments object ends at "}}" (its brace and the call's); nested ones still parse or fall back.
_ARGUMENTS_END = ("}}", "\n</tool_call>", "</tool_call>")
FREE_ARGUMENT_TOKENS = 64
_T = TypeVar("_T")
_SCHEMA_WORDS = frozenset({"required", "type", "properties", "additionalProperties", "description", "title"})
# Enough for any envelope (a tool name and short arguments); payloads are generated separately.
ENVELOPE_MAX_TOKENS = 256

ToolCallErrorKind = Literal["unknown_tool", "bad_arguments", "failed"]


@dataclass(frozen=True)
class Route:
    """Stage 1's decision: a category, or ``answer`` (reply in words)."""

    category: str | None
    """The category stage 2 offers; None with ``answer``, or when an unclear reply falls back to all tools."""
    answer: bool = False
    completions: tuple[Completion, ...] = ()
    """Stage 1's replies (a free one, then one under the grammar if the free one missed)."""
    problem: str | None = None


@dataclass(frozen=True)
class ToolOutcome:
    """What running one call gave: the text for the model, and typed detail for the caller."""

    call: ToolCall
    output: str
    ok: bool
    error: ToolCallErrorKind | None = None
    failures: int = 0
    """How many times in a row this tool has now failed (0 after a success)."""
    exhausted: bool = False
    """True once ``failures`` reached the router's ``max_retries``: the model should change approach."""


def _short_schema(spec: ToolSpec) -> JsonObject | None:
    """The schema of ``spec``'s non-payload parameters (what a grammar constrains); None if there are none."""
    properties = spec.parameters.get("properties")
    if not isinstance(properties, dict):
        return None
    short = {k: v for k, v in properties.items() if k not in spec.payload}
    if not short:
        return None
    required = spec.parameters.get("required")
    return {
        "type": "object",
        "properties": short,
        "required": [r for r in required if r in short] if isinstance(required, list) else [],
        "additionalProperties": False,
    }


class ToolRouter:
    """Holds an agent's tools grouped by category, routes turns to them and runs their calls.

    ``categories`` describes new categories by what their step does, as a phrase completing "The
    next step is to ..." (e.g. ``{"db": "query the database"}``); the built-in ones are known.
    ``max_retries`` is how many failures in a row of one tool make its outcome ``exhausted``.
    ``speculate`` samples each grammar-constrained part freely first and uses the grammar only when
    that reply is not valid (see ``_sample``); the calls are well-formed either way.
    """

    def __init__(
        self,
        tools: Sequence[Tool],
        *,
        categories: Mapping[str, str] | None = None,
        max_retries: int = 3,
        speculate: bool = True,
    ) -> None:
        self._tools: dict[str, Tool] = {}
        for item in tools:
            if item.name in self._tools:
                raise ValueError(f"two tools are named {item.name!r}")
            if item.category == ANSWER:
                raise ValueError(f"{ANSWER!r} is reserved for answering without a tool")
            self._tools[item.name] = item
        self.descriptions = {**CATEGORY_DESCRIPTIONS, **(categories or {})}
        self.max_retries = max_retries
        self.speculate = speculate
        self._failures: dict[str, int] = {}

    # -- the tool set ------------------------------------------------------------------------

    @property
    def tools(self) -> list[Tool]:
        return list(self._tools.values())

    @property
    def names(self) -> list[str]:
        return list(self._tools)

    @property
    def categories(self) -> list[str]:
        """Categories in the order their first tool was given (the stage-1 menu's order)."""
        return list(dict.fromkeys(t.category for t in self._tools.values()))

    def specs(self, category: str | None = None) -> list[ToolSpec]:
        return [t.spec for t in self._tools.values() if category is None or t.category == category]

    def without(self, names: Collection[str]) -> ToolRouter:
        """A router over the same tools less ``names`` (all of them if that would leave none)."""
        kept = [t for t in self._tools.values() if t.name not in names] or self.tools
        return ToolRouter(
            kept, categories=self.descriptions, max_retries=self.max_retries, speculate=self.speculate
        )

    def get(self, name: str) -> Tool:
        try:
            return self._tools[name]
        except KeyError:
            known = ", ".join(self._tools)
            raise UnknownToolError(f"There is no tool named {name!r}. Use one of: {known}.") from None

    # -- stage 1 -----------------------------------------------------------------------------

    def options(self, *, allow_answer: bool = True) -> list[str]:
        """What stage 1 may choose: the categories, then ``answer`` when allowed."""
        return [*self.categories, *([ANSWER] if allow_answer else [])]

    def verbs(self, *, allow_answer: bool = True) -> dict[str, str]:
        """Each verb that may start stage 1's sentence, and the category it stands for."""
        table: dict[str, str] = {}
        for option in self.options(allow_answer=allow_answer):
            words = CATEGORY_VERBS.get(option) or (option, *self.descriptions.get(option, "").split()[:1])
            for word in words:
                table.setdefault(word.lower(), option)
        return table

    def menu(self, *, allow_answer: bool = True) -> str:
        """The stage-1 question for models without grammars: each category, its purpose and its tools."""
        lines = []
        for option in self.options(allow_answer=allow_answer):
            names = ", ".join(t.name for t in self._tools.values() if t.category == option)
            lines.append(
                f"- {option}: {self.descriptions.get(option, option)}" + (f" ({names})" if names else "")
            )
        options = ", ".join(self.options(allow_answer=allow_answer))
        return ROUTE_PROMPT.format(menu="\n".join(lines), names=options)

    def obvious_category(self, messages: Sequence[Message]) -> str | None:
        """A category that needs no stage 1: the only one, or that of the one tool the user named."""
        if len(self.categories) == 1:
            return self.categories[0]
        last_user = next((m.content for m in reversed(messages) if m.role == "user"), "")
        named = {
            t.category for t in self._tools.values() if re.search(rf"\b{re.escape(t.name)}\b", last_user)
        }
        return named.pop() if len(named) == 1 else None

    def stage1(
        self,
        model: Model,
        messages: Sequence[Message],
        *,
        sampling: Sampling = Sampling(),  # noqa: B008 - Sampling is frozen
        constrain: bool | None = None,
        allow_answer: bool = True,
        on_token: TokenCallback | None = None,
    ) -> Route:
        """Ask for a category.

        Constrained, the model continues "The next step is to" with one of ``verbs()`` (no menu: a
        small model picks a menu's first entry far too often, but completes a sentence well).
        Otherwise it is shown ``menu()`` and its reply is read leniently; an unclear one means all tools.
        """
        verbs = self.verbs(allow_answer=allow_answer)
        options = self.options(allow_answer=allow_answer)
        completions: list[Completion] = []

        def complete(
            extra: Sequence[Message], grammar: Grammar | None, settings: Sampling
        ) -> tuple[str, bool]:
            completion = model.complete(
                [*messages, *extra], grammar=grammar, sampling=settings, on_token=on_token
            )
            completions.append(completion)
            return completion.text, completion.finish_reason == "length"

        if _constrained(model, constrain):
            choice = self._sample(
                lambda grammar, settings: complete([Message.assistant(ROUTE_PREFILL)], grammar, settings),
                Grammar.choice([" " + verb for verb in verbs]),
                sampling.with_(max_tokens=4),
                lambda reply: _leading_verb(reply, verbs),
            )
        else:
            reply = complete(
                [Message.user(self.menu(allow_answer=allow_answer))], None, sampling.with_(max_tokens=16)
            )
            choice = _pick(reply[0], {**verbs, **{o: o for o in options}})
        if choice is None:
            problem = ROUTE_UNCLEAR.format(names=", ".join(options))
            return Route(None, completions=tuple(completions), problem=problem)
        if choice == ANSWER:
            return Route(None, answer=True, completions=tuple(completions))
        return Route(choice, completions=tuple(completions))

    # -- stage 2 -----------------------------------------------------------------------------

    def tools_prompt(self, specs: Sequence[ToolSpec]) -> str:
        """Stage 2's message on a local model: the schemas of ``specs``, shown after the history.

        Payload parameters are left out of the schemas: they follow the call as fenced blocks.
        """
        lines = []
        for spec in specs:
            if spec.payload:
                parameters = _short_schema(spec) or {"type": "object", "properties": {}}
                note = f" ({', '.join(spec.payload)} follows the call as a fenced block)"
                spec = spec.model_copy(
                    update={"parameters": parameters, "description": spec.description + note}
                )
            lines.append(json.dumps(spec.to_openai(), ensure_ascii=False))
        return TOOLS_PROMPT.format(tools="\n".join(lines))

    def stage2(
        self,
        model: Model,
        messages: Sequence[Message],
        category: str | None,
        *,
        sampling: Sampling = Sampling(),  # noqa: B008 - Sampling is frozen
        constrain: bool | None = None,
        on_token: TokenCallback | None = None,
    ) -> Turn:
        """Ask for one call among ``category``'s tools (all tools when None: single-stage mode)."""
        specs = self.specs(category)
        if not specs:
            raise ValueError(f"no tools in category {category!r}; categories: {', '.join(self.categories)}")
        if _constrained(model, constrain):
            return self._constrained_call(model, messages, specs, sampling, on_token)
        completion = model.complete(messages, tools=specs, sampling=sampling, on_token=on_token)
        if completion.tool_calls:
            return Turn(completion.tool_calls[0], completion.text, completions=[completion])
        parsed = LenientParser(specs).parse(completion.text)
        problems = [issue.message for issue in parsed.issues]
        return Turn(parsed.calls[0] if parsed.calls else None, parsed.text, problems, [completion])

    def _constrained_call(
        self,
        model: Model,
        messages: Sequence[Message],
        specs: Sequence[ToolSpec],
        sampling: Sampling,
        on_token: TokenCallback | None,
    ) -> Turn:
        view = [*messages, Message.user(self.tools_prompt(specs))]
        turn = Turn(call=None)

        def extend(text: str, grammar: Grammar | None, settings: Sampling) -> tuple[str, bool]:
            """The continuation of ``text``, and whether it was cut off at the token limit."""
            completion = model.complete(
                [*view, Message.assistant(text)], grammar=grammar, sampling=settings, on_token=on_token
            )
            turn.completions.append(completion)
            reply = completion.raw_text if completion.raw_text is not None else completion.text
            return reply, completion.finish_reason == "length"

        by_name = {s.name: s for s in specs}
        text = CALL_OPEN
        name: str | None = specs[0].name
        if len(specs) > 1:
            name = self._sample(
                lambda grammar, settings: extend(text, grammar, settings),
                Grammar.choice(list(by_name)),
                sampling.with_(max_tokens=16),
                lambda reply: reply.strip() if reply.strip() in by_name else None,
                free=sampling.with_(max_tokens=16, stop=('"',)),
            )
        if name is None:  # only a model that ignores grammars gets here
            turn.problems.append(UNKNOWN_NAME.format(names=", ".join(by_name)))
            return turn
        spec = by_name[name]
        text += name + CALL_ARGUMENTS
        arguments: JsonObject = {}
        short = _short_schema(spec)
        if short is None:
            text += " {}"
        else:
            tool = self._tools[name]
            decoded = self._sample(
                lambda grammar, settings: extend(text, grammar, settings),
                _spaced(Grammar.from_json_schema(short)),
                sampling.with_(max_tokens=min(sampling.max_tokens, ENVELOPE_MAX_TOKENS)),
                lambda reply: _arguments(reply, tool),
                free=sampling.with_(
                    max_tokens=min(sampling.max_tokens, FREE_ARGUMENT_TOKENS), stop=_ARGUMENTS_END
                ),
            )
            if decoded is None:
                turn.problems.append(CALL_CUT_OFF.format(name=name))
                return turn
            arguments.update(decoded)
            text += " " + json.dumps(decoded, ensure_ascii=False)
        text += CALL_CLOSE
        for parameter in spec.payload:
            text += f"\n{parameter}:\n```{fence_language(arguments.get('path'))}\n"
            body, cut = extend(text, None, sampling.with_(stop=(*sampling.stop, _FENCE_END)))
            if cut:
                turn.problems.append(prompts.STAGED_TOO_LONG.format(parameter=parameter, name=name))
                return turn
            content = body if body.endswith("\n") or not body else body + "\n"
            arguments[parameter] = content
            text += content + "```"
        turn.call = ToolCall(name=name, arguments=arguments)
        return turn

    def _sample(
        self,
        complete: Callable[[Grammar | None, Sampling], tuple[str, bool]],
        grammar: Grammar,
        settings: Sampling,
        accept: Callable[[str], _T | None],
        *,
        free: Sampling | None = None,
    ) -> _T | None:
        """What ``accept`` makes of a reply that ``grammar`` guarantees to be valid.

        With ``speculate`` the reply is first sampled without the grammar (with ``free``'s
        settings, else ``settings``) and kept when ``accept`` takes it; the grammar runs only on a
        miss. Grammar sampling costs every token a pass over the whole vocabulary, and a small
        model's free reply is usually valid already: greedy decoding then picks the same tokens.
        """
        if self.speculate:
            reply, cut = complete(None, free or settings)
            value = None if cut else accept(reply)
            if value is not None:
                return value
        reply, cut = complete(grammar, settings)
        return None if cut else accept(reply)

    # -- both stages -------------------------------------------------------------------------

    def route(
        self,
        model: Model,
        messages: Sequence[Message],
        *,
        sampling: Sampling = Sampling(),  # noqa: B008 - Sampling is frozen
        category: str | None = None,
        constrain: bool | None = None,
        allow_answer: bool = True,
        skip_obvious: bool = True,
        on_token: TokenCallback | None = None,
    ) -> Turn:
        """One turn: stage 1 (skipped when ``category`` is given or obvious), then stage 2.

        When stage 1 chooses ``answer``, the model is asked for a reply in words and the turn has no call.
        """
        completions: list[Completion] = []
        if category is None and skip_obvious:
            category = self.obvious_category(messages)
        if category is None:
            route = self.stage1(
                model, messages, sampling=sampling, constrain=constrain, allow_answer=allow_answer,
                on_token=on_token,
            )  # fmt: skip
            completions += route.completions
            if route.answer:
                reply = model.complete(messages, sampling=sampling, on_token=on_token)
                return Turn(None, reply.text, completions=[*completions, reply])
            category = route.category
        turn = self.stage2(
            model, messages, category, sampling=sampling, constrain=constrain, on_token=on_token
        )
        turn.completions[:0] = completions
        return turn

    # -- running calls -----------------------------------------------------------------------

    @property
    def failures(self) -> dict[str, int]:
        """Failures in a row per tool name (unknown names included); a success resets its count."""
        return dict(self._failures)

    def reset_failures(self) -> None:
        self._failures.clear()

    def execute(self, call: ToolCall) -> ToolOutcome:
        """Validate and run ``call``; every ``ToolError`` becomes feedback the model can act on."""
        kind: ToolCallErrorKind = "unknown_tool"
        try:
            tool = self.get(call.name)
            kind = "bad_arguments"
            validated = tool.validate(call.arguments)
            kind = "failed"
            output = tool.run_validated(validated)
        except ToolError as exc:
            if isinstance(exc, InvalidArgumentsError):
                kind = "bad_arguments"
            count = self._failures.get(call.name, 0) + 1
            self._failures[call.name] = count
            exhausted = count >= self.max_retries
            message = f"Error: {exc}"
            if count > 1:
                message += RETRY_COUNT.format(name=call.name, count=count)
            if exhausted:
                message += RETRY_EXHAUSTED
            return ToolOutcome(call, message, False, kind, count, exhausted)
        self._failures.pop(call.name, None)
        return ToolOutcome(call, output, True)


class RoutedTurns:
    """A turn protocol (see ``smallcode.turns``) that routes each turn through a ``ToolRouter``.

    Only the ``tools`` a turn is offered take part in its routing, less those its ``Steering`` excludes.
    """

    def __init__(
        self, router: ToolRouter, *, constrain: bool | None = None, allow_answer: bool = True
    ) -> None:
        self.router = router
        self.constrain = constrain
        self.allow_answer = allow_answer

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
        offered = {t.name for t in tools}
        excluded = {*(steering.exclude if steering is not None else ()), *(set(self.router.names) - offered)}
        router = self.router.without(excluded) if excluded and offered else self.router
        return router.route(
            model,
            messages,
            sampling=sampling,
            constrain=self.constrain,
            allow_answer=self.allow_answer,
            on_token=on_token,
        )


def _constrained(model: Model, constrain: bool | None) -> bool:
    if constrain is not None:
        return constrain
    from .runtime import Runtime

    return isinstance(model, Runtime)


def _spaced(grammar: Grammar) -> Grammar:
    """``grammar`` after one space (which the model's own token for " {" carries)."""
    body = grammar.gbnf.replace("root ::=", "value ::=", 1)
    return Grammar(gbnf=f'root ::= " " value\n{body}', json_schema=grammar.json_schema)


def _leading_verb(reply: str, verbs: Mapping[str, str]) -> str | None:
    """The category of the verb ``reply`` starts with (the longest such verb)."""
    text = reply.strip().lower()
    found = [v for v in verbs if re.match(rf"{re.escape(v)}\b", text)]
    return verbs[max(found, key=len)] if found else None


def _pick(text: str, words: Mapping[str, str]) -> str | None:
    """The category a reply names: by an exact word, else by the first known word in it."""
    cleaned = text.strip().strip("`'\".").lower()
    if cleaned in words:
        return words[cleaned]
    found = [(m.start(), w) for w in words if (m := re.search(rf"\b{re.escape(w)}\b", cleaned))]
    return words[min(found)[1]] if found else None


def _arguments(reply: str, tool: Tool) -> JsonObject | None:
    """The short arguments a reply wrote (a JSON object, perhaps cut at its closing braces), or
    None unless they are what ``tool`` accepts besides its payload.

    Keys that are JSON-schema keywords and not parameters ("required", "type", ...) are dropped:
    small models copy them from the schemas they were shown.
    """
    text = reply.strip()
    decoded: object = None
    for candidate in (text, text + "}"):
        try:
            decoded, end = json.JSONDecoder().raw_decode(candidate)
        except json.JSONDecodeError:
            continue
        if isinstance(decoded, dict) and candidate[end:].strip()[:1] in ("", "}"):
            break
        decoded = None
    if not isinstance(decoded, dict):
        return None
    parameters = tool.spec.parameters.get("properties")
    known = set(parameters) if isinstance(parameters, dict) else set()
    arguments = {str(k): v for k, v in decoded.items() if k in known or k not in _SCHEMA_WORDS}
    if set(arguments) & set(tool.spec.payload):
        return None
    try:
        tool.validate({**arguments, **dict.fromkeys(tool.spec.payload, "")})
    except InvalidArgumentsError:
        return None
    return arguments


__all__ = ["ANSWER", "CATEGORY_DESCRIPTIONS", "Route", "RoutedTurns", "ToolOutcome", "ToolRouter"]
