"""Checking a call against its tool: name resolution, argument aliases, pydantic coercion, messages.

A tool's JSON schema becomes a pydantic model once per tool, so "3" becomes 3 and 3 becomes "3"
where the schema says so, and every argument the model invented is either mapped onto a real
parameter (``file`` → ``path``) or rejected with a message the model can act on.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from ..messages import JsonObject, ToolSpec

_NAME_PREFIXES = ("functions.", "function.", "tools.", "tool.", "default_api.", "api.")

# Keys small models use for a parameter, by the parameter's usual name.
_ALIASES: dict[str, tuple[str, ...]] = {
    "path": ("file", "filename", "filepath", "file_name", "file_path", "fname", "pathname", "path_name",
             "target_file", "target", "file_to_read", "relative_path", "location"),
    "content": ("contents", "text", "code", "body", "data", "file_content", "file_contents", "source",
                "new_content", "source_code", "file_text"),
    "command": ("cmd", "shell", "script", "command_line", "commandline", "bash", "shell_command", "run"),
    "directory": ("dir", "folder", "path", "directory_path", "dir_path", "folder_path", "dirname", "root"),
    "summary": ("message", "result", "answer", "text", "reason", "final_answer", "output", "description"),
    "query": ("pattern", "search", "term", "keyword", "regex", "q", "text", "search_term"),
    "start": ("start_line", "from", "line", "first_line", "begin", "offset", "line_start", "from_line"),
    "end": ("end_line", "to", "last_line", "stop", "line_end", "to_line"),
    "old": ("old_text", "old_string", "old_str", "search", "find", "before", "original", "old_code"),
    "new": ("new_text", "new_string", "new_str", "replace", "replacement", "after", "new_code"),
}  # fmt: skip
# Keys that only appear in arguments when the model copied them from the tool's schema.
_SCHEMA_WORDS = {"type", "required", "properties", "additionalProperties", "title", "$schema"}
_JSON_TYPES = {"object", "string", "integer", "number", "boolean", "array", "null"}


def normalize_name(name: str) -> str:
    """``ReadFile``, ``read-file``, ``READ_FILE`` and ``read file`` all become ``readfile``."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _snake(key: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key.strip()).lower().replace("-", "_").replace(" ", "_")


@dataclass(frozen=True)
class Checked:
    """A call whose arguments fit the tool, with the changes it took."""

    arguments: JsonObject
    fixes: tuple[str, ...]


@dataclass(frozen=True)
class Rejected:
    message: str
    field: str | None = None


class ToolIndex:
    """The known tools, by exact and by forgiving name, with a validator each."""

    def __init__(self, tools: Sequence[ToolSpec]) -> None:
        self.specs = {spec.name: spec for spec in tools}
        self._normalized: dict[str, str] = {}
        for name in self.specs:
            self._normalized.setdefault(normalize_name(name), name)
        self._models: dict[str, type[BaseModel] | None] = {}
        self._expected: dict[str, str] = {}

    def __bool__(self) -> bool:
        return bool(self.specs)

    def names(self) -> str:
        return ", ".join(sorted(self.specs))

    def resolve(self, name: str) -> str | None:
        """The tool ``name`` means: exact, then prefix/case/separator-insensitive, then one close match."""
        if name in self.specs:
            return name
        cleaned = name.strip().strip("`'\"").removesuffix("()").strip()
        for prefix in _NAME_PREFIXES:
            if cleaned.lower().startswith(prefix):
                cleaned = cleaned[len(prefix) :]
        if cleaned in self.specs:
            return cleaned
        key = normalize_name(cleaned)
        if not key:
            return None
        if key in self._normalized:
            return self._normalized[key]
        close = difflib.get_close_matches(key, list(self._normalized), n=2, cutoff=0.8)
        if len(close) == 1 or (
            len(close) == 2
            and difflib.SequenceMatcher(None, key, close[0]).ratio()
            > difflib.SequenceMatcher(None, key, close[1]).ratio()
        ):
            return self._normalized[close[0]]
        return None

    def properties(self, name: str) -> dict[str, JsonObject]:
        props = self.specs[name].parameters.get("properties")
        if not isinstance(props, dict):
            return {}
        return {str(k): v for k, v in props.items() if isinstance(v, dict)}

    def required(self, name: str) -> list[str]:
        required = self.specs[name].parameters.get("required")
        return [str(r) for r in required] if isinstance(required, list) else []

    def check(
        self, name: str, arguments: Mapping[str, object], *, strict_keys: bool = False, guess: bool = True
    ) -> Checked | Rejected:
        """Map aliases, drop copied schema words, coerce with pydantic; or say what is wrong.

        ``strict_keys`` (for repaired JSON) keeps every key the model wrote: a repair that invented
        keys must fail rather than be tidied into a call. ``guess=False`` (for shapes that look like
        any ``key: value`` prose) maps only exact names and known aliases.
        """
        properties = self.properties(name)
        args, fixes = self._rename(name, dict(arguments), properties, strict_keys, guess)
        model = self._model(name)
        if model is None:
            return Checked(args, tuple(fixes))
        try:
            validated = model.model_validate(args)
        except ValidationError as exc:
            return self._rejection(name, args, exc)
        dumped = validated.model_dump(mode="json", exclude_unset=True)
        coerced = [
            key
            for key, value in dumped.items()
            if args.get(key) != value or type(args.get(key)) is not type(value)
        ]
        fixes.extend(f"coerced {key}" for key in coerced)
        return Checked(dumped, tuple(fixes))

    def _rename(
        self,
        name: str,
        args: dict[str, object],
        properties: Mapping[str, JsonObject],
        strict_keys: bool,
        guess: bool,
    ) -> tuple[dict[str, object], list[str]]:
        if not properties:
            return args, []
        fixes: list[str] = []
        out: dict[str, object] = {}
        unknown: list[str] = []
        for key, value in args.items():
            if key in properties:
                out[key] = value
            else:
                unknown.append(key)
        for key in unknown:
            target = self._alias_target(key, properties, out, guess)
            if target is not None:
                out[target] = args[key]
                fixes.append(f"renamed {key} to {target}")
            elif not strict_keys and key in _SCHEMA_WORDS and _schema_like(key, args[key]):
                fixes.append(f"dropped {key}")
            else:
                out[key] = args[key]
        leftover = [k for k in out if k not in properties]
        missing = [r for r in self.required(name) if r not in out]
        if len(leftover) == 1 and len(missing) == 1 and guess and not strict_keys:
            value = out[leftover[0]]
            expected = properties[missing[0]].get("type")
            if expected != "string" or isinstance(value, str):
                out[missing[0]] = out.pop(leftover[0])
                fixes.append(f"renamed {leftover[0]} to {missing[0]}")
        return out, fixes

    def _alias_target(
        self, key: str, properties: Mapping[str, JsonObject], taken: Mapping[str, object], guess: bool
    ) -> str | None:
        snake = _snake(key)
        if snake in properties and snake not in taken:
            return snake
        matches = [
            target
            for target, aliases in _ALIASES.items()
            if target in properties and target not in taken and snake in aliases
        ]
        if len(matches) == 1:
            return matches[0]
        if not guess:
            return None
        free = [p for p in properties if p not in taken]
        close = difflib.get_close_matches(snake, free, n=1, cutoff=0.8)
        return close[0] if close else None

    def _model(self, name: str) -> type[BaseModel] | None:
        if name not in self._models:
            schema = json.dumps(self.specs[name].parameters, default=str)
            self._models[name] = _cached_model(name, schema)
        return self._models[name]

    def single_parameter(self, name: str) -> str | None:
        """The string parameter a lone value goes to: the one required parameter, or the only
        parameter when none is required (``list_files tests``)."""
        required = self.required(name)
        properties = self.properties(name)
        candidates = required if required else list(properties)
        if len(candidates) != 1 or properties.get(candidates[0], {}).get("type") not in ("string", None):
            return None
        return candidates[0]

    def _rejection(self, name: str, args: Mapping[str, object], exc: ValidationError) -> Rejected:
        problems: list[str] = []
        field: str | None = None
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]) or "arguments"
            field = field or where
            if error["type"] == "extra_forbidden":
                problems.append(f"`{where}` is not a parameter of {name}")
            elif error["type"] == "missing":
                problems.append(f"`{where}` is required but missing")
            else:
                given = _short(error.get("input"))
                problems.append(f"`{where}`: {error['msg']} (you gave {given})")
        return Rejected(
            f"Fix the arguments and call {name} again: {'; '.join(problems)}. "
            f"Expected arguments: {self.expected(name)}.",
            field,
        )

    def expected(self, name: str) -> str:
        """The tool's parameters in one line, e.g. ``{"path": string, "start"?: integer}``."""
        if name not in self._expected:
            self._expected[name] = self._describe(name)
        return self._expected[name]

    def _describe(self, name: str) -> str:
        required = set(self.required(name))
        parts = [
            f'"{key}"{"" if key in required else "?"}: {_type_word(schema)}'
            for key, schema in self.properties(name).items()
        ]
        return "{" + ", ".join(parts) + "}"


def _schema_like(key: str, value: object) -> bool:
    if key == "type":
        return isinstance(value, str) and value in _JSON_TYPES
    if key == "required":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if key == "properties":
        return isinstance(value, dict)
    if key == "additionalProperties":
        return isinstance(value, bool)
    return isinstance(value, str)


def _short(value: object, limit: int = 60) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _type_word(schema: Mapping[str, object]) -> str:
    if "enum" in schema and isinstance(schema["enum"], list):
        return " | ".join(json.dumps(v) for v in schema["enum"])
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if isinstance(options, list):
            return " or ".join(_type_word(o) for o in options if isinstance(o, dict))
    kind = schema.get("type")
    if isinstance(kind, list):
        return " or ".join(str(k) for k in kind)
    if kind == "array" and isinstance(schema.get("items"), dict):
        return f"array of {_type_word(schema['items'])}"  # type: ignore[arg-type]
    return str(kind) if kind else "any"


def _constrained(base: Any, schema: Mapping[str, object]) -> Any:
    constraints: dict[str, Any] = {t: schema[s] for s, t in _CONSTRAINTS.items() if s in schema}
    return Annotated[base, Field(**constraints)] if constraints else base


# -- JSON schema → pydantic model -------------------------------------------------------------

_SIMPLE: dict[str, Any] = {
    "string": str,
    "integer": int,
    "number": float,
    "boolean": bool,
    "null": type(None),
}
_CONSTRAINTS = {
    "minimum": "ge", "maximum": "le", "exclusiveMinimum": "gt", "exclusiveMaximum": "lt",
    "minLength": "min_length", "maxLength": "max_length", "pattern": "pattern",
    "minItems": "min_length", "maxItems": "max_length", "multipleOf": "multiple_of",
}  # fmt: skip


@functools.lru_cache(maxsize=512)
def _cached_model(name: str, schema_json: str) -> type[BaseModel] | None:
    schema = json.loads(schema_json)
    return model_from_schema(name, schema) if isinstance(schema, dict) else None


def model_from_schema(name: str, schema: Mapping[str, object]) -> type[BaseModel] | None:
    """A pydantic model that validates what ``schema`` describes; None when it describes no object
    or describes it in a way pydantic cannot build (then the call is passed on unchecked)."""
    if schema.get("type", "object") != "object":
        return None
    defs = schema.get("$defs", schema.get("definitions", {}))
    try:
        return _object_model(name, schema, defs if isinstance(defs, dict) else {}, depth=0)
    except Exception:  # a foreign schema pydantic cannot model (bad pattern, odd enum, …)
        return None


def _object_model(
    name: str, schema: Mapping[str, object], defs: Mapping[str, object], depth: int
) -> type[BaseModel]:
    properties = schema.get("properties")
    properties = properties if isinstance(properties, dict) else {}
    required = schema.get("required")
    required_set = set(required) if isinstance(required, list) else set()
    extra = schema.get("additionalProperties")
    fields: dict[str, Any] = {}
    for key, sub in properties.items():
        sub = sub if isinstance(sub, dict) else {}
        default: Any = ... if key in required_set else sub.get("default")
        fields[str(key)] = (_annotation(sub, defs, depth + 1), Field(default))
    config = ConfigDict(
        extra="allow" if extra is True or isinstance(extra, dict) else "forbid",
        coerce_numbers_to_str=True,
        protected_namespaces=(),
    )
    model: type[BaseModel] = create_model(f"{name}_arguments", __config__=config, **fields)
    return model


def _annotation(schema: Mapping[str, object], defs: Mapping[str, object], depth: int) -> Any:
    if depth > 8:
        return Any
    ref = schema.get("$ref")
    if isinstance(ref, str):
        target = defs.get(ref.rsplit("/", 1)[-1])
        return _annotation(target, defs, depth + 1) if isinstance(target, dict) else Any
    if "const" in schema:
        return Literal[schema["const"]]
    enum = schema.get("enum")
    if isinstance(enum, list) and enum and all(isinstance(v, (str, int, bool)) or v is None for v in enum):
        return Literal[tuple(enum)]
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if isinstance(options, list) and options:
            members = tuple(_annotation(o, defs, depth + 1) for o in options if isinstance(o, dict))
            return Union[members] if members else Any  # noqa: UP007 - built at run time
    kind = schema.get("type")
    if isinstance(kind, list):
        members = tuple(_annotation({**schema, "type": k}, defs, depth + 1) for k in kind)
        return Union[members] if members else Any  # noqa: UP007 - built at run time
    if kind in _SIMPLE:
        return _constrained(_SIMPLE[str(kind)], schema)
    if kind == "array":
        items = schema.get("items")
        item: Any = _annotation(items, defs, depth + 1) if isinstance(items, dict) else Any
        return _constrained(list[item], schema)
    if kind == "object":
        if isinstance(schema.get("properties"), dict) and schema.get("properties"):
            return _object_model(f"nested{depth}", schema, defs, depth)
        return dict[str, Any]
    return Any
