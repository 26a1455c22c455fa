"""Ranking: a graph from each file to the files defining the names it uses, personalised PageRank over
it, and each file's rank shared out among the definitions it points at."""

from __future__ import annotations

import builtins
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from .tags import Definition, FileTags

# Edge weight multipliers.
FOCUS_NAME = 10.0
"""A use of a name the task or conversation mentions."""
FOCUS_REFERRER = 10.0
"""A use from a file the task names (what it depends on matters)."""
PRIVATE = 0.1
"""``_helper``: an implementation detail."""
DESCRIPTIVE = 2.0
"""``parse_config`` / ``parseConfig``: specific names carry more signal than ``get`` or ``run``."""
SHORT = 0.1
"""Names of one or two characters are mostly loop variables that happen to match something."""

COMMON = 0.05
"""Names of builtins and standard methods (``get``, ``items``, ``push``, ``toString``, ``len``): a use of
``x.get`` far more often means a dict than the one class in the workspace that defines ``get``."""

_COMMON_PYTHON = {
    name for kind in (object, str, bytes, int, float, list, dict, set, tuple, type) for name in dir(kind)
} | set(dir(builtins))
# fmt: off
_COMMON_OTHER = {
    # JavaScript / TypeScript
    "push", "pop", "map", "filter", "reduce", "forEach", "length", "slice", "splice", "join", "split",
    "indexOf", "includes", "keys", "values", "entries", "toString", "valueOf", "then", "catch", "finally",
    "get", "set", "has", "delete", "add", "clear", "size", "call", "apply", "bind", "log", "error", "warn",
    "info", "debug", "replace", "trim", "test", "exec", "match", "concat", "find", "some", "every", "sort",
    "reverse", "assign", "create", "freeze", "parse", "stringify", "resolve", "reject", "constructor",
    "prototype", "emit", "on", "off", "require", "exports",
    # Rust
    "new", "default", "clone", "iter", "into_iter", "unwrap", "expect", "len", "is_empty", "insert",
    "remove", "contains", "from", "into", "to_string", "as_str", "fmt", "eq", "cmp", "partial_cmp", "hash",
    "next", "collect", "drop", "deref", "borrow", "as_ref",
    # Java
    "put", "equals", "hashCode", "isEmpty", "iterator", "compareTo", "of", "stream", "accept", "run",
    "close", "append", "println",
    # Go, C and test frameworks
    "String", "Error", "Len", "Less", "Swap", "Read", "Write", "Close", "Println", "Printf", "Sprintf",
    "Errorf", "New", "make", "cap", "main", "init", "setUp", "tearDown",
}
# fmt: on
COMMON_NAMES = frozenset(_COMMON_PYTHON | _COMMON_OTHER)

MIN_EDGE_WEIGHT = 0.05
"""Links lighter than this (next to ``SELF_WEIGHT``) are left out of the graph."""
SELF_WEIGHT = 1.0
"""The weight of each file's edge to itself: about one ordinary link."""

# Teleport weights (PageRank's personalisation).
TELEPORT_FOCUS_FILE = 1.0
TELEPORT_DEFINES_FOCUS = 1.0
TELEPORT_USES_FOCUS = 0.3
TELEPORT_PATH_MATCH = 0.5
TELEPORT_EVERYWHERE = 0.1
"""Share of the teleport weight spread evenly over all files."""


@dataclass(frozen=True)
class Focus:
    """What the ranking leans toward: files named in the task and identifiers mentioned anywhere."""

    files: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()

    @classmethod
    def of(cls, files: Iterable[str] = (), names: Iterable[str] = ()) -> Focus:
        return cls(frozenset(files), frozenset(names))


@dataclass
class Ranking:
    definitions: list[Definition]
    """Indexed definitions, most relevant first."""
    files: list[str]
    """Every file: those with ranked definitions in the order of their best one, then the rest by
    their PageRank."""
    scores: dict[tuple[str, str], float] = field(default_factory=dict)


def _multiplier(name: str, definers: int, referrer: str, focus: Focus) -> float:
    weight = 1.0 / definers  # a name defined in several files is an ambiguous pointer to each
    if name in focus.names:
        weight *= FOCUS_NAME
    if referrer in focus.files:
        weight *= FOCUS_REFERRER
    if name in COMMON_NAMES and name not in focus.names:
        weight *= COMMON
    elif name.startswith("_"):
        weight *= PRIVATE
    if len(name) <= 2:
        weight *= SHORT
    elif len(name) >= 8 and ("_" in name.strip("_") or (name[0].islower() and not name.islower())):
        weight *= DESCRIPTIVE
    return weight


def _personalisation(
    files: Collection[FileTags], defines: Mapping[str, set[str]], focus: Focus
) -> dict[str, float]:
    weights: dict[str, float] = defaultdict(float)
    for tags in files:
        path = tags.path
        if path in focus.files:
            weights[path] += TELEPORT_FOCUS_FILE
        parts = path.split("/")
        stems = {*parts[:-1], parts[-1].rsplit(".", 1)[0]}
        if stems & focus.names:
            weights[path] += TELEPORT_PATH_MATCH
        used = sum(1 for name in focus.names if name in tags.references)
        if used:
            weights[path] += TELEPORT_USES_FOCUS * used
    for name in focus.names:
        for definer in defines.get(name, ()):
            weights[definer] += TELEPORT_DEFINES_FOCUS
    total = sum(weights.values())
    if not total:
        return {}
    # A little uniform teleport keeps the rest of the workspace in its structural order.
    spread = TELEPORT_EVERYWHERE * total / max(1, len(files))
    return {tags.path: weights.get(tags.path, 0.0) + spread for tags in files}


Edge = tuple[str, str]


class LinkGraph:
    """The file graph of one state of the workspace, built once and ranked for any focus.

    Edge weights without a focus are computed here; ``rank`` re-weighs only the edges a focus
    touches (those carrying a focused name or leaving a focused file), runs PageRank, and puts the
    weights back, so ranking again after a change of focus costs the PageRank alone.
    """

    def __init__(self, files: Collection[FileTags], defines: Mapping[str, set[str]]) -> None:
        import networkx as nx  # deferred: it is only needed once a map is drawn

        self.files = list(files)
        self.defines = defines
        self.uses: dict[Edge, dict[str, int]] = defaultdict(dict)
        for tags in self.files:
            for name, uses in tags.links.items():
                for target in defines.get(name, ()):
                    if target != tags.path:
                        self.uses[(tags.path, target)][name] = uses
        self.by_name: dict[str, list[Edge]] = defaultdict(list)
        self.by_source: dict[str, list[Edge]] = defaultdict(list)
        for edge, names in self.uses.items():
            self.by_source[edge[0]].append(edge)
            for name in names:
                self.by_name[name].append(edge)
        self.graph: nx.DiGraph[str] = nx.DiGraph()
        self.graph.add_nodes_from(tags.path for tags in self.files)
        for path in self.graph.nodes:
            # A file keeps this much of its rank for itself, so one weak link (a common name, a
            # private one) passes on a little of the file's rank, not all of it.
            self.graph.add_edge(path, path, weight=SELF_WEIGHT)
        weighed = {edge: self._weights(edge, Focus()) for edge in self.uses}
        # Links too weak to move a rank (common or ambiguous names) stay out of the graph, which
        # PageRank converts to a matrix on every call; a focus can bring one back.
        self.base = {edge: w for edge, w in weighed.items() if sum(w.values()) >= MIN_EDGE_WEIGHT}
        for (source, target), weights in self.base.items():
            self.graph.add_edge(source, target, weight=sum(weights.values()))

    def _weights(self, edge: Edge, focus: Focus) -> dict[str, float]:
        return {
            name: _multiplier(name, len(self.defines[name]), edge[0], focus) * math.sqrt(uses)
            for name, uses in self.uses[edge].items()
        }

    def rank(self, focus: Focus = Focus()) -> Ranking:
        """Every ranked definition and every file, most relevant to ``focus`` first."""
        import networkx as nx

        if self.graph.number_of_nodes() == 0:
            return Ranking([], [])
        touched = {edge for name in focus.names for edge in self.by_name.get(name, ())}
        touched.update(edge for path in focus.files for edge in self.by_source.get(path, ()))
        refocused = {edge: self._weights(edge, focus) for edge in touched}
        refocused = {
            edge: weights
            for edge, weights in refocused.items()
            if edge in self.base or sum(weights.values()) >= MIN_EDGE_WEIGHT
        }
        added = [edge for edge in refocused if edge not in self.base]
        for edge, weights in refocused.items():
            self.graph.add_edge(*edge, weight=sum(weights.values()))
        try:
            teleport = _personalisation(self.files, self.defines, focus) or None
            file_rank: dict[str, float] = nx.pagerank(
                self.graph, weight="weight", personalization=teleport, dangling=teleport
            )
        finally:
            for edge in refocused:
                if edge in self.base:
                    self.graph.edges[edge]["weight"] = sum(self.base[edge].values())
            self.graph.remove_edges_from(added)
        return self._definitions(file_rank, {**self.base, **refocused}, focus)

    def _definitions(
        self, file_rank: dict[str, float], weights: dict[Edge, dict[str, float]], focus: Focus
    ) -> Ranking:
        """Each file's rank shared out over its links, in proportion to their weights."""
        outgoing: dict[str, float] = defaultdict(lambda: SELF_WEIGHT)
        for (source, _), names in weights.items():
            outgoing[source] += sum(names.values())
        scores: dict[tuple[str, str], float] = defaultdict(float)
        for (source, target), names in weights.items():
            share = file_rank[source] / outgoing[source]
            for name, weight in names.items():
                scores[(target, name)] += share * weight
        top = max(scores.values(), default=0.0) or max(file_rank.values(), default=1.0)
        definitions: list[tuple[float, Definition]] = []
        final: dict[tuple[str, str], float] = {}
        for tags in self.files:
            ranked = [d for d in tags.definitions if d.ranked]
            # Unreferenced definitions still get a little of their file's rank, so they follow, in order.
            base = file_rank.get(tags.path, 0.0) * 1e-3 / max(1, len(ranked))
            for definition in ranked:
                score = scores.get((tags.path, definition.name), 0.0) + base
                if definition.name in focus.names:
                    score += 2 * top
                if tags.path in focus.files:
                    score += top
                final[(tags.path, definition.name)] = score
                definitions.append((score, definition))
        definitions.sort(key=lambda item: (-item[0], item[1].path, item[1].line))
        ordered = [d for _, d in definitions]
        leading = list(dict.fromkeys(d.path for d in ordered))
        rest = sorted(set(file_rank) - set(leading), key=lambda path: (-file_rank[path], path))
        return Ranking(ordered, leading + rest, final)
