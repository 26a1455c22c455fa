"""A tiny template renderer: placeholders, dotted lookups, filters."""

import re
from typing import Any

_TOKEN = re.compile(r"\{\{\{\{|\{\{(.*?)\}\}", re.DOTALL)
_MISSING = object()


class TemplateError(Exception):
    """Raised for a missing variable or an unknown filter."""


def _lookup(context: dict, dotted: str) -> Any:
    value: Any = context
    for part in dotted.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif not isinstance(value, dict) and hasattr(value, part):
            value = getattr(value, part)
        else:
            return _MISSING
    return value


def _apply(value: Any, name: str, filt: str) -> Any:
    key, _, arg = filt.partition(":")
    key = key.strip()
    if key == "default":
        return arg if value is _MISSING or value is None else value
    if value is _MISSING:
        raise TemplateError(f"missing variable {name!r}")
    simple = {"upper": str.upper, "lower": str.lower, "title": str.title, "strip": str.strip}
    if key not in simple:
        raise TemplateError(f"unknown filter {key!r}")
    return simple[key](str(value))


def _substitute(match: re.Match[str], context: dict) -> str:
    if match.group(0) == "{{{{":
        return "{{"
    name, *filters = [piece.strip() for piece in match.group(1).split("|")]
    value = _lookup(context, name)
    for filt in filters:
        value = _apply(value, name, filt)
    if value is _MISSING:
        raise TemplateError(f"missing variable {name!r}")
    return str(value)


def render(template: str, context: dict) -> str:
    return _TOKEN.sub(lambda match: _substitute(match, context), template)
