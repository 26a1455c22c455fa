"""RepoMap: a ranked, token-budgeted outline of a workspace, and the symbol index behind it."""

from __future__ import annotations

import difflib
import os
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..context.counting import estimate_text_tokens
from ..errors import SmallcodeError
from ..workspace import Workspace
from .cache import TagCache
from .graph import Focus, LinkGraph, Ranking
from .languages import language_for, refine_language
from .render import Item, TextCounter, fit
from .tags import Definition, FileTags, TagExtractor

MIN_SOURCE_FILES = 3
"""``should_map``: below this many source files, a model can simply list and read them all."""
MAX_FILES = 20_000
MAX_FILE_BYTES = 300_000
"""Larger source files are listed but not parsed (generated or minified code, data tables)."""

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PATHLIKE = re.compile(r"[\w./-]*\w\.[A-Za-z][A-Za-z0-9]{0,5}\b")


@dataclass(frozen=True)
class RefreshStats:
    files: int
    parsed: int
    """Files read and parsed in this refresh (new, changed, or not cached)."""
    reused: int
    removed: int
    seconds: float


@dataclass(frozen=True)
class Reference:
    path: str
    line: int
    text: str
    """The line as written, stripped."""


def _default_count(text: str) -> int:
    return estimate_text_tokens(text) if text else 0


def text_counter(model: object) -> TextCounter:
    """Counts text with the model's own tokenizer when it has one (a local ``Runtime``'s
    ``tokenize``), else with the conservative estimate ``render`` uses by default."""
    tokenize = getattr(model, "tokenize", None)
    if callable(tokenize):
        return lambda text: len(tokenize(text)) if text else 0
    return _default_count


class RepoMap:
    """The definitions and references of every source file in ``workspace``, ranked on demand.

    Tags come from tree-sitter (Python, JavaScript, TypeScript/TSX, Go, Rust, Java, C, C++); other
    files appear by path only. Each query first refreshes the index: files whose mtime and size are
    unchanged keep their tags, so re-mapping after an edit re-parses only the edited files.
    ``cache_path`` keeps the tags on disk between processes (see ``save``).
    """

    def __init__(
        self,
        workspace: Workspace,
        *,
        cache_path: Path | str | None = None,
        max_files: int = MAX_FILES,
        max_file_bytes: int = MAX_FILE_BYTES,
    ) -> None:
        self.workspace = workspace
        self.max_files = max_files
        self.max_file_bytes = max_file_bytes
        self.cache = TagCache(cache_path)
        self._extractor = TagExtractor()
        self._files: dict[str, FileTags] = {}
        self._defines: dict[str, set[str]] = {}
        self._by_name: dict[str, list[Definition]] = {}
        self._basenames: dict[str, list[str]] = {}
        self._graph: LinkGraph | None = None
        self._ranked: tuple[Focus, Ranking] | None = None

    # -- the index --------------------------------------------------------------------------------

    def refresh(self) -> RefreshStats:
        """List the workspace and re-parse what changed since the last refresh."""
        started = time.perf_counter()
        root = self.workspace.root
        parsed = reused = 0
        files: dict[str, FileTags] = {}
        for path in self.workspace.list_files(".", limit=self.max_files):
            try:
                info = os.stat(root / path)
            except OSError:
                continue  # deleted since it was listed
            tags = self.cache.get(path, info.st_mtime_ns, info.st_size)
            if tags is None:
                tags = self._read(path, info.st_mtime_ns, info.st_size)
                self.cache.put(tags)
                parsed += 1
            else:
                reused += 1
            files[path] = tags
        removed = self.cache.retain(set(files))
        if parsed or removed or files.keys() != self._files.keys():
            self._files = files
            self._reindex()
        return RefreshStats(len(files), parsed, reused, removed, time.perf_counter() - started)

    def save(self) -> None:
        """Write the tags to ``cache_path`` (a no-op without one)."""
        self.cache.save()

    @property
    def files(self) -> Mapping[str, FileTags]:
        """Tags by path as of the last refresh."""
        return self._files

    def _read(self, path: str, mtime_ns: int, size: int) -> FileTags:
        language = language_for(path)
        if language is None:
            return FileTags(path, None, mtime_ns, size)
        if size > self.max_file_bytes:
            return FileTags(path, language, mtime_ns, size, note="too large")
        try:
            source = self.workspace.read_bytes(path)
        except SmallcodeError:
            return FileTags(path, language, mtime_ns, size, note="unreadable")
        language = refine_language(path, language, source)
        found = self._extractor.extract(path, source, language)
        if found is None:
            return FileTags(path, language, mtime_ns, size, note="grammar unavailable")
        return FileTags(path, language, mtime_ns, size, found.definitions, found.references, found.links)

    def _reindex(self) -> None:
        defines: dict[str, set[str]] = defaultdict(set)
        by_name: dict[str, list[Definition]] = defaultdict(list)
        basenames: dict[str, list[str]] = defaultdict(list)
        for path, tags in self._files.items():
            basenames[path.rsplit("/", 1)[-1]].append(path)
            for definition in tags.definitions:
                if definition.ranked:
                    defines[definition.name].add(path)
                if definition.indexed:
                    by_name[definition.name].append(definition)
        self._defines, self._by_name, self._basenames = dict(defines), dict(by_name), dict(basenames)
        self._graph, self._ranked = None, None  # rebuilt on the next ranking

    def source_files(self) -> list[str]:
        """Files of a language the map parses, as of the last refresh."""
        return [path for path, tags in self._files.items() if tags.language is not None]

    # -- ranking and rendering ----------------------------------------------------------------------

    def focus(self, *, files: Iterable[str] = (), names: Iterable[str] = (), mentions: str = "") -> Focus:
        """A ``Focus`` from explicit files and names plus those found in ``mentions`` (task text,
        conversation): paths or file names of listed files, and identifiers defined in the workspace."""
        found_files = {f for f in files if f in self._files}
        found_names = set(names)
        if mentions:
            for token in _PATHLIKE.findall(mentions):
                token = token.strip("./")
                if token in self._files:
                    found_files.add(token)
                    continue
                candidates = [
                    p for p in self._basenames.get(token.rsplit("/", 1)[-1], ()) if p.endswith(token)
                ]
                if 0 < len(candidates) <= 3:
                    found_files.update(candidates)
            found_names.update(
                word for word in _WORD.findall(mentions) if len(word) >= 3 and word in self._defines
            )
        return Focus.of(found_files, found_names)

    def rank(
        self, *, focus_files: Iterable[str] = (), focus_names: Iterable[str] = (), mentions: str = ""
    ) -> Ranking:
        """Every indexed definition and every file, most relevant to the focus first."""
        self.refresh()
        focus = self.focus(files=focus_files, names=focus_names, mentions=mentions)
        if self._ranked is not None and self._ranked[0] == focus:
            return self._ranked[1]
        if self._graph is None:
            self._graph = LinkGraph(self._files.values(), self._defines)
        ranking = self._graph.rank(focus)
        self._ranked = (focus, ranking)
        return ranking

    def render(
        self,
        max_tokens: int,
        *,
        focus_files: Iterable[str] = (),
        focus_names: Iterable[str] = (),
        mentions: str = "",
        count: TextCounter | None = None,
    ) -> str:
        """The outline of the best-ranked definitions that fits in ``max_tokens`` as counted by
        ``count`` (default: a conservative estimate of 3 characters a token); "" when nothing fits.

        ``focus_files`` / ``focus_names`` (or text in ``mentions`` they are found in) pull the ranking
        toward the files the task is about, the names it mentions and the files that use them.
        """
        ranking = self.rank(focus_files=focus_files, focus_names=focus_names, mentions=mentions)
        items: list[Item] = [*ranking.definitions, *ranking.files]
        return fit(items, self._files, max_tokens, count or _default_count)

    # -- symbols ------------------------------------------------------------------------------------

    def definitions(self, name: str, *, refresh: bool = True) -> list[Definition]:
        """Where ``name`` is defined (after a refresh, unless ``refresh=False``)."""
        if refresh:
            self.refresh()
        return sorted(self._by_name.get(name, ()), key=lambda d: (d.path, d.line))

    def search(self, query: str, *, limit: int = 30, refresh: bool = True) -> list[Definition]:
        """Definitions whose name matches ``query``: exact, then ignoring case, then prefix, then
        substring, then close spellings. ``Class.method`` narrows to members of ``Class``."""
        if refresh:
            self.refresh()
        owner, _, wanted = query.strip().rpartition(".")
        if not wanted:
            return []
        lowered = wanted.lower()
        tiers: list[list[Definition]] = [[], [], [], []]
        for name, found in self._by_name.items():
            low = name.lower()
            tier = (
                0 if name == wanted
                else 1 if low == lowered
                else 2 if low.startswith(lowered)
                else 3 if lowered in low
                else None
            )  # fmt: skip
            if tier is not None:
                tiers[tier].extend(found)
        matches = [d for tier in tiers for d in sorted(tier, key=lambda d: (len(d.name), d.path, d.line))]
        if not matches:
            close = difflib.get_close_matches(wanted, list(self._by_name), n=5, cutoff=0.7)
            matches = [d for name in close for d in self._by_name[name]]
        if owner:
            matches = [d for d in matches if self._owner(d).lower() == owner.rsplit(".", 1)[-1].lower()]
        return matches[:limit]

    def _owner(self, definition: Definition) -> str:
        definitions = self._files[definition.path].definitions
        if 0 <= definition.parent < len(definitions):
            return definitions[definition.parent].name
        return ""

    def references(self, name: str, *, limit: int | None = None, refresh: bool = True) -> list[Reference]:
        """Every line that uses ``name`` as an identifier (calls, imports, type annotations, attribute
        access) outside its own definitions; matched by name, so same-named symbols are included."""
        if refresh:
            self.refresh()
        found: list[Reference] = []
        for path in sorted(self._files):
            lines = self._files[path].references.get(name)
            if not lines:
                continue
            try:
                text = self.workspace.read_text(path).splitlines()
            except SmallcodeError:
                text = []
            for line in lines:
                shown = text[line - 1].strip() if line <= len(text) else ""
                found.append(Reference(path, line, shown))
                if limit is not None and len(found) >= limit:
                    return found
        return found

    def impact(self, path: str, before: str, *, max_definers: int = 2) -> list[Reference]:
        """The lines of other files that use what an edit of ``path`` changed: definitions whose
        header (signature) differs from the one in ``before``, the file's earlier text, or that are
        gone. Names defined in more than ``max_definers`` files are skipped: matched by name, their
        uses would mostly be someone else's."""
        self.refresh()
        tags = self._files.get(path)
        language = tags.language if tags is not None else language_for(path)
        if language is None:
            return []
        source = before.encode()
        found = self._extractor.extract(path, source, refine_language(path, language, source))
        if found is None:
            return []
        now = {_signature_key(d, tags.definitions): d.header for d in tags.definitions} if tags else {}
        changed = {
            d.name
            for d in found.definitions
            if d.indexed and now.get(_signature_key(d, found.definitions)) != d.header
        }
        uses: list[Reference] = []
        for name in sorted(changed):
            if len(name) < 3 or name.startswith("__") or len(self._defines.get(name, ())) > max_definers:
                continue
            uses += [r for r in self.references(name, refresh=False) if r.path != path]
        return sorted(set(uses), key=lambda r: (r.path, r.line))

    def count_references(self, name: str) -> tuple[int, int]:
        """(lines, files) that use ``name``, as of the last refresh."""
        lines = files = 0
        for tags in self._files.values():
            used = tags.references.get(name)
            if used:
                lines, files = lines + len(used), files + 1
        return lines, files


def _signature_key(definition: Definition, siblings: tuple[Definition, ...]) -> tuple[str, str]:
    parent = definition.parent
    owner = siblings[parent].name if 0 <= parent < len(siblings) else ""
    return owner, definition.name


def should_map(workspace: Workspace, *, min_files: int = MIN_SOURCE_FILES, max_listed: int = 5_000) -> bool:
    """Whether ``workspace`` holds at least ``min_files`` files of a language the map parses."""
    found = 0
    for path in workspace.list_files(".", limit=max_listed):
        if language_for(path) is not None:
            found += 1
            if found >= min_files:
                return True
    return False
