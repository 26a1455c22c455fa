"""Decoding "almost JSON": strict JSON, then Python literals, then json-repair with a loss check.

json-repair alone is unsafe on payloads: given a call whose ``content`` is a Python triple-quoted
string it returns ``content: ""`` plus junk keys. So Python literals (triple quotes included) are
read by Python's own literal parser first, and any json-repair result whose text is shorter than
its source (beyond the comments json-repair reports dropping) is flagged ``lossy``.
"""

from __future__ import annotations

import ast
import json
import re
import warnings
from dataclasses import dataclass
from typing import Literal

import json_repair

Method = Literal["json", "python", "repair"]
"""``json``: strict JSON. ``python``: read exactly, but not as JSON (a Python literal, triple quotes,
closing brackets added). ``repair``: json-repair guessed."""

_TRIPLE = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'(?:[^\\]|\\.)*?\'\'\'|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', re.DOTALL
)
_UNICODE_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}")
_COMMENT_LOG = re.compile(r"^Found (?:line |block )?comment: (.*), ignoring$", re.DOTALL)
_LITERAL_LIMIT = 2_000_000
_WORD = re.compile(r"\w")
_LENIENT_JSON = json.JSONDecoder(strict=False)  # raw newlines and tabs inside strings are fine
_QUOTES = frozenset("\"'`")
_SEPARATORS = frozenset(",:{}[]")
_NEXT_KEY = re.compile(r"[\"'][^\"'\n]{1,80}[\"']\s*:")  # a missing comma before the next key


@dataclass(frozen=True)
class Decoded:
    value: object
    method: Method
    lossy: bool = False
    """json-repair dropped text the source had (a payload may have been emptied)."""

    @property
    def repaired(self) -> bool:
        return self.method != "json"


def decode(source: str, missing: str = "", *, repair: bool = True) -> Decoded | None:
    """The JSON value ``source`` most plausibly means, or None when nothing usable comes out.

    ``missing`` are closing brackets the scanner found lacking; appending them is tried before any
    guesswork, since it is the one repair that cannot change a string. ``repair=False`` stops there.
    """
    found = exact(source)
    if found is None and missing:
        found = exact(source.rstrip() + missing)
        if found is not None:
            found = Decoded(found.value, "python")
    if found is not None or not repair or not _WORD.search(source):
        return found
    return _repair(triple_quotes_as_json(source))


def exact(source: str) -> Decoded | None:
    """Strict JSON (raw newlines in strings allowed), or a Python literal; never a guess."""
    try:
        return Decoded(_LENIENT_JSON.decode(source), "json")
    except (ValueError, RecursionError):
        pass
    text = triple_quotes_as_json(source)
    if text != source:
        try:
            return Decoded(_LENIENT_JSON.decode(text), "python")
        except (ValueError, RecursionError):
            pass
    python = _python_literal(text)
    return None if python is None else Decoded(python, "python")


def _python_literal(source: str) -> object | None:
    if len(source) > _LITERAL_LIMIT:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences in model text are not our problem
            value = ast.literal_eval(source.strip())
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return _jsonable(value)


def _jsonable(value: object) -> object | None:
    """Python literal values as JSON values (tuples and sets become lists); None if impossible."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(v) for v in value]
        return None if any(i is None and v is not None for i, v in zip(items, value, strict=True)) else items
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for key, item in value.items():
            converted = _jsonable(item)
            if converted is None and item is not None:
                return None
            out[str(key)] = converted
        return out
    return None


def triple_quotes_as_json(source: str) -> str:
    """Python triple-quoted strings rewritten as JSON strings (also valid Python literals).

    Their text is taken verbatim, backslashes included: a model that wraps a file in triple quotes
    means the file as written, and ``print("a\\n")`` in it must stay a backslash and an ``n``.
    """
    if '"""' not in source and "'''" not in source:
        return source

    def convert(match: re.Match[str]) -> str:
        token = match.group()
        if token.startswith(('"""', "'''")) and len(token) >= 6:
            return json.dumps(token[3:-3], ensure_ascii=False)
        return token

    return _TRIPLE.sub(convert, source)


def _repair(source: str) -> Decoded | None:
    try:
        repaired = json_repair.repair_json(source, return_objects=True, logging=True, skip_json_loads=True)
    except Exception:  # json-repair raises assorted errors on hopeless input
        return None
    if not isinstance(repaired, tuple) or len(repaired) != 2:
        return None
    value, log = repaired
    if not isinstance(value, (dict, list)) or not value:
        return None
    return Decoded(
        value, "repair", lossy=_lost_text(source, value, log) or not _strings_intact(source, value)
    )


def _lost_text(source: str, value: object, log: object) -> bool:
    """Whether the repaired value has fewer letters and digits than its source, beyond dropped comments."""
    dropped = 4 * len(_UNICODE_ESCAPE.findall(source))
    for entry in log if isinstance(log, list) else ():
        comment = _COMMENT_LOG.match(str(entry.get("text", ""))) if isinstance(entry, dict) else None
        if comment:
            dropped += _alnum(comment.group(1))
    try:
        kept = _alnum(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError, RecursionError):
        return True
    return kept < _alnum(source) - dropped


def _strings_intact(source: str, value: object) -> bool:
    """Whether every string json-repair returned is one whole token of the source.

    A repair that guessed where a string ends (unescaped quotes, an apostrophe inside single
    quotes) returns strings that run into the next token or stop short of it; written to a file
    they would corrupt it, so such a repair is lossy.
    """
    return all(_is_token(source, text) for text in _strings(value, 0))


def _strings(value: object, depth: int) -> list[str]:
    if depth > 8:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item, depth + 1)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item, depth + 1)]
    return []


def _is_token(source: str, text: str) -> bool:
    escaped = json.dumps(text, ensure_ascii=False)[1:-1]
    forms = {
        text,
        escaped,
        json.dumps(text)[1:-1],
        escaped.replace("\\n", "\n").replace("\\t", "\t"),
        escaped.replace('\\"', '"').replace("'", "\\'"),
    }
    for form in forms:
        start = source.find(form)
        tries = 0
        while start >= 0 and tries < 16:
            if _quoted_at(source, start, start + len(form)):
                return True
            start = source.find(form, start + 1)
            tries += 1
    return False


def _quoted_at(source: str, start: int, end: int) -> bool:
    """``source[start:end]`` is a whole quoted string (or a bare word between separators)."""
    before = source[start - 1] if start > 0 else ""
    if before in _QUOTES:
        if source[end : end + 1] != before:
            return False
        end += 1
    elif source[:start].rstrip()[-1:] not in _SEPARATORS:
        return False
    rest = source[end:].lstrip()
    return not rest or rest[0] in _SEPARATORS or _NEXT_KEY.match(rest) is not None


def _alnum(text: str) -> int:
    return sum(map(str.isalnum, text))
