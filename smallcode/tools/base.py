"""Tool and @tool: a typed Python function becomes a validated, schema-described tool."""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any, get_type_hints, overload

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, create_model

from ..errors import InvalidArgumentsError
from ..messages import JsonObject, ToolSpec

ToolFunction = Callable[..., object]

WorkspacePath = Annotated[
    str, StringConstraints(strip_whitespace=True), Field(description="file path relative to the workspace")
]
"""A tool's file argument; the spaces and line breaks a model leaves around it are dropped."""

_ARG_LINE = re.compile(r"^\s{2,}(\w+)\s*(?:\([^)]*\))?:\s*(.+)$")


def _describe(doc: str | None) -> tuple[str, dict[str, str]]:
    """The summary paragraph of a docstring and Google-style ``Args:`` descriptions."""
    if not doc:
        return "", {}
    text = inspect.cleandoc(doc)
    summary = text.split("\n\n", 1)[0].replace("\n", " ").strip()
    params: dict[str, str] = {}
    in_args = False
    for line in text.splitlines():
        if line.strip() in ("Args:", "Arguments:", "Parameters:"):
            in_args = True
            continue
        if in_args:
            match = _ARG_LINE.match("  " + line if not line.startswith(" ") else line)
            if match:
                params[match.group(1)] = match.group(2).strip()
            elif line.strip() and not line.startswith(" "):
                in_args = False
    return summary, params


def _clean_schema(schema: JsonObject) -> JsonObject:
    """Drop pydantic's titles: they cost tokens and tell a small model nothing."""
    out: JsonObject = {}
    for key, value in schema.items():
        if key == "title":
            continue
        if isinstance(value, dict):
            value = _clean_schema(value)
            if key == "properties":
                value = {k: _clean_schema(v) if isinstance(v, dict) else v for k, v in value.items()}
        out[key] = value
    return out


def render_result(value: object) -> str:
    if value is None:
        return "ok"
    if isinstance(value, str):
        return value
    if isinstance(value, BaseModel):
        return value.model_dump_json(indent=1)
    return json.dumps(value, ensure_ascii=False, indent=1, default=str)


class Tool:
    """A callable the model may use. Arguments are validated by pydantic before the call."""

    def __init__(
        self,
        function: ToolFunction,
        *,
        name: str | None = None,
        description: str | None = None,
        category: str = "general",
        payload: tuple[str, ...] = (),
    ) -> None:
        self.function = function
        self.name = name or function.__name__
        summary, param_docs = _describe(function.__doc__)
        self.description = description if description is not None else summary
        self.category = category
        self.arguments_model = self._build_model(function, param_docs)
        schema = _clean_schema(self.arguments_model.model_json_schema())
        properties = schema.get("properties", {})
        unknown = [p for p in payload if not isinstance(properties, dict) or p not in properties]
        if unknown:
            raise TypeError(f"tool {self.name}: payload names unknown parameters {unknown}")
        self.spec = ToolSpec(
            name=self.name,
            description=self.description,
            parameters=schema,
            category=category,
            payload=payload,
        )

    def _build_model(self, function: ToolFunction, param_docs: Mapping[str, str]) -> type[BaseModel]:
        hints = get_type_hints(function, include_extras=True)
        fields: dict[str, Any] = {}
        for param in inspect.signature(function).parameters.values():
            if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                raise TypeError(f"tool {self.name}: *args/**kwargs cannot be described to a model")
            annotation = hints.get(param.name, str)
            default = ... if param.default is param.empty else param.default
            doc = param_docs.get(param.name)
            fields[param.name] = (annotation, Field(default, description=doc) if doc else Field(default))
        model: type[BaseModel] = create_model(
            f"{self.name}_arguments", __config__=ConfigDict(extra="forbid"), **fields
        )
        return model

    def validate(self, arguments: Mapping[str, object]) -> BaseModel:
        """Validated arguments, or an ``InvalidArgumentsError`` telling the model how to fix the call."""
        try:
            return self.arguments_model.model_validate(dict(arguments))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'arguments'}: {err['msg']}" for err in exc.errors()
            )
            expected = json.dumps(self.spec.parameters.get("properties", {}), ensure_ascii=False)
            raise InvalidArgumentsError(
                f"Invalid arguments for {self.name}: {problems}. Fix the arguments and call again. "
                f"Expected parameters: {expected}"
            ) from None

    def __call__(self, arguments: Mapping[str, object]) -> str:
        return self.run_validated(self.validate(arguments))

    def run_validated(self, validated: BaseModel) -> str:
        """Run on arguments that ``validate`` returned; the result rendered as text."""
        values = {name: getattr(validated, name) for name in type(validated).model_fields}
        return render_result(self.function(**values))

    def __repr__(self) -> str:
        return f"Tool({self.name!r}, category={self.category!r})"


@overload
def tool(function: ToolFunction, /) -> Tool: ...
@overload
def tool(
    *,
    name: str | None = None,
    description: str | None = None,
    category: str = "general",
    payload: tuple[str, ...] = (),
) -> Callable[[ToolFunction], Tool]: ...
def tool(
    function: ToolFunction | None = None,
    /,
    *,
    name: str | None = None,
    description: str | None = None,
    category: str = "general",
    payload: tuple[str, ...] = (),
) -> Tool | Callable[[ToolFunction], Tool]:
    """Make a tool from a typed function: ``@tool`` or ``@tool(category="read")``.

    The JSON schema comes from the type hints (``Annotated[..., Field(description=...)]`` works)
    and the docstring (summary line and ``Args:`` section). ``payload`` names the parameters that
    carry file text or code (see ``ToolSpec.payload``).
    """

    def wrap(fn: ToolFunction) -> Tool:
        return Tool(fn, name=name, description=description, category=category, payload=payload)

    return wrap(function) if function is not None else wrap
