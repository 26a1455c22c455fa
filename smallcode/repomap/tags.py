"""Definition and reference tags of one source file, read from its tree-sitter syntax tree."""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from tree_sitter import Language, Node, Parser, Query, QueryCursor, QueryError

from .languages import (
    CLASS_KINDS,
    LANGUAGES,
    MEMBER_KINDS,
    SCOPE_KINDS,
    LanguageSpec,
    language_for,
    refine_language,
)

MAX_HEADER_CHARS = 160
# How deep below a definition its body may sit (``const f = () => {…}``: declarator, arrow, body).
_BODY_DEPTH = 2
_PATTERN_START = re.compile(r"\n(?=\()")
# Collapsing a multi-line signature leaves "f( a, b, )": tighten it to "f(a, b)".
_LOOSE = re.compile(r"([(\[{]) ")
_TIGHT = re.compile(r",? ([)\]}])")


@dataclass(frozen=True, slots=True)
class Definition:
    """One named definition: a class, function, method, type, constant, …"""

    path: str
    name: str
    kind: str
    line: int
    """First line (1-based)."""
    end_line: int
    header: str
    """The definition as written, without its body, on one line (``def area(self) -> float:``)."""
    parent: int = -1
    """Index of the enclosing definition in the file's definitions; -1 at the top level."""

    @property
    def indexed(self) -> bool:
        """Whether the name is a symbol of its own (``impl Foo`` only gives its methods a scope)."""
        return self.kind not in SCOPE_KINDS

    @property
    def ranked(self) -> bool:
        """Whether the definition is a ranked entry of the map (fields appear with their class)."""
        return self.kind not in SCOPE_KINDS and self.kind not in MEMBER_KINDS


@dataclass(frozen=True, slots=True)
class FileTags:
    """Everything the map knows about one file, valid while its mtime and size are unchanged."""

    path: str
    language: str | None
    mtime_ns: int
    size: int
    definitions: tuple[Definition, ...] = ()
    references: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    """Each name used in the file (not where it is defined) and the lines it is used on."""
    links: Mapping[str, int] = field(default_factory=dict)
    """How often each name is used in a way that points at a definition (a call, an import, a type
    or base-class name, a capitalised name): the edges the ranking follows."""
    note: str = ""
    """Why a file of a known language has no tags ("too large", "grammar unavailable")."""


@dataclass(frozen=True)
class Extracted:
    definitions: tuple[Definition, ...]
    references: dict[str, tuple[int, ...]]
    links: dict[str, int]


@dataclass(frozen=True)
class _Compiled:
    language: Language
    definitions: Query
    uses: Query | None
    """Captures ``@ref`` (every identifier-like leaf) and ``@link`` (the ranking's edges) in one pass."""


_COMPILED: dict[str, _Compiled | None] = {}
_LOCK = threading.Lock()


class TagExtractor:
    """Grammars and compiled queries, loaded once per language per process and reused for every file."""

    def available(self, language: str) -> bool:
        return self._load(language) is not None

    def extract(self, path: str, source: bytes, language: str) -> Extracted | None:
        """The file's definitions, references and links, or None when the language cannot be parsed."""
        compiled = self._load(language)
        if compiled is None:
            return None
        root = Parser(compiled.language).parse(source).root_node
        spec = LANGUAGES[language]
        found = _definitions(path, source, root, compiled.definitions, spec)
        names = {start for start, definition in found if definition.indexed}
        references: dict[str, set[int]] = {}
        links: dict[str, int] = {}
        if compiled.uses is not None:
            captured = QueryCursor(compiled.uses).captures(root)
            for node in captured.get("ref", []):
                if node.start_byte not in names:
                    name = source[node.start_byte : node.end_byte].decode("utf-8", "replace")
                    references.setdefault(name, set()).add(node.start_point.row + 1)
            seen: set[int] = set()
            for node in captured.get("link", []):
                if node.start_byte not in names and node.start_byte not in seen:
                    seen.add(node.start_byte)
                    name = source[node.start_byte : node.end_byte].decode("utf-8", "replace")
                    links[name] = links.get(name, 0) + 1
        for name, lines in references.items():
            if name[:1].isupper() and name not in links:  # class, type and constant names
                links[name] = len(lines)
        return Extracted(
            tuple(definition for _, definition in found),
            {name: tuple(sorted(lines)) for name, lines in references.items()},
            links,
        )

    def _load(self, language: str) -> _Compiled | None:
        with _LOCK:
            if language not in _COMPILED:
                _COMPILED[language] = _compile(language)
            return _COMPILED[language]


def top_level_names(path: str, text: str) -> frozenset[str] | None:
    """The names ``text`` defines at its top level when it is the file ``path`` (functions, classes,
    types, constants); None when its language cannot be parsed."""
    language = language_for(path)
    if language is None:
        return None
    source = text.encode()
    found = TagExtractor().extract(path, source, refine_language(path, language, source))
    if found is None:
        return None
    return frozenset(d.name for d in found.definitions if d.parent == -1 and d.indexed)


def _compile(language: str) -> _Compiled | None:
    compiled: _Compiled | None = None
    spec = LANGUAGES.get(language)
    grammar = _grammar(language) if spec is not None else None
    if spec is not None and grammar is not None:
        definitions = _query(grammar, _PATTERN_START.split(spec.definitions.strip()))
        kinds = _valid(grammar, [f"({kind})" for kind in spec.references])
        uses = [f"[{' '.join(kinds)}] @ref"] if kinds else []
        uses += _PATTERN_START.split(spec.links.strip()) if spec.links else []
        if definitions is not None:
            compiled = _Compiled(grammar, definitions, _query(grammar, uses))
    return compiled


def _grammar(language: str) -> Language | None:
    """The bundled grammar, or None when this installation cannot provide it (the map then lists the
    file without tags rather than failing)."""
    try:
        from tree_sitter_language_pack import get_language

        grammar: Language = get_language(language)  # type: ignore[arg-type]
    except Exception:  # a missing grammar, an incompatible build, a failed download: all mean "no tags"
        return None
    return grammar


def _valid(grammar: Language, patterns: list[str]) -> list[str]:
    valid = []
    for pattern in patterns:
        try:
            Query(grammar, pattern if "@" in pattern else f"{pattern} @x")
        except QueryError:
            continue
        valid.append(pattern)
    return valid


def _query(grammar: Language, patterns: list[str]) -> Query | None:
    """One query from the patterns this grammar accepts (a grammar version may rename a node type)."""
    try:
        return Query(grammar, "\n".join(patterns)) if patterns else None
    except QueryError:
        valid = _valid(grammar, patterns)
    return Query(grammar, "\n".join(valid)) if valid else None


def _definitions(
    path: str, source: bytes, root: Node, query: Query, spec: LanguageSpec
) -> list[tuple[int, Definition]]:
    """(name start byte, definition) pairs in source order, nested definitions knowing their parent."""
    chosen: dict[int, tuple[int, Node, Node, str]] = {}
    for pattern, captures in QueryCursor(query).matches(root):
        names = captures.get("name")
        outer = next(((nodes[0], key[4:]) for key, nodes in captures.items() if key.startswith("def.")), None)
        if not names or outer is None:
            continue
        name_node = names[0]
        previous = chosen.get(name_node.start_byte)
        if previous is not None and previous[0] <= pattern:
            continue
        chosen[name_node.start_byte] = (pattern, name_node, outer[0], outer[1])
    ordered = sorted(chosen.values(), key=lambda item: (item[2].start_byte, -item[2].end_byte))
    result: list[tuple[int, Definition]] = []
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for _, name_node, node, kind in ordered:
        while stack and spans[stack[-1]][1] < node.end_byte:
            stack.pop()
        parent = stack[-1] if stack else -1
        if kind in ("function", "prototype") and parent >= 0 and result[parent][1].kind in CLASS_KINDS:
            kind = "method"
        name = source[name_node.start_byte : name_node.end_byte].decode("utf-8", "replace")
        definition = Definition(
            path=path,
            name=name,
            kind=kind,
            line=node.start_point.row + 1,
            end_line=node.end_point.row + 1,
            header=spec.header_prefix.get(kind, "") + _header(source, node, name),
            parent=parent,
        )
        result.append((name_node.start_byte, definition))
        spans.append((node.start_byte, node.end_byte))
        stack.append(len(result) - 1)
    return result


def _body(node: Node) -> Node | None:
    """The definition's body (block, class body, arrow-function body), searched a little way down."""
    level = [node]
    for _ in range(_BODY_DEPTH + 1):
        following: list[Node] = []
        for candidate in level:
            body = candidate.child_by_field_name("body")
            if body is not None:
                return body
            following.extend(candidate.named_children)
        level = following
    return None


def _header(source: bytes, node: Node, name: str) -> str:
    body = _body(node)
    if body is not None and body.start_byte > node.start_byte:
        text = source[node.start_byte : body.start_byte].decode("utf-8", "replace")
    else:
        text = source[node.start_byte : node.end_byte].decode("utf-8", "replace").split("\n", 1)[0]
    text = _TIGHT.sub(r"\1", _LOOSE.sub(r"\1", " ".join(text.split())))
    if name not in text:  # C's ``typedef struct {…} name;`` names the type after the body
        text = f"{text} … {name}"
    if len(text) > MAX_HEADER_CHARS:
        text = text[: MAX_HEADER_CHARS - 1].rstrip() + "…"
    return text
