"""The outline: ranked definitions grouped by file, then the other files as a tree, cut to a token budget."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .languages import CLASS_KINDS, MEMBER_KINDS
from .tags import Definition, FileTags

TextCounter = Callable[[str], int]
"""Counts the tokens of a piece of text (``lambda text: len(runtime.tokenize(text))``)."""

Item = Definition | str
"""A ranked entry of the map: a definition, or a file shown by its path only."""

OTHER_FILES = "Other files:"
MAX_MEMBERS = 8
"""Fields shown under a class; the rest are left to ``read_file``."""


def outline(items: Sequence[Item], files: Mapping[str, FileTags]) -> str:
    """Definitions under their file's path (files in order of first appearance, each definition with the
    headers that enclose it, in source order), then the path-only files as an indented tree."""
    chosen: dict[str, set[Definition]] = {}
    bare: list[str] = []
    for item in items:
        if isinstance(item, str):
            if item not in chosen:
                bare.append(item)
        else:
            chosen.setdefault(item.path, set()).add(item)
    lines: list[str] = []
    for path, selected in chosen.items():
        definitions = files[path].definitions
        shown = set(selected)
        for definition in selected:
            parent = definition.parent
            while 0 <= parent < len(definitions):
                shown.add(definitions[parent])
                parent = definitions[parent].parent
        shown.update(_members(selected, definitions))
        lines.append(f"{path}:")
        for definition in sorted(shown, key=lambda d: (d.line, d.end_line * -1, d.name)):
            lines.append("  " * (1 + _depth(definition, definitions)) + definition.header)
    remaining = [path for path in dict.fromkeys(bare) if path not in chosen]
    if remaining:
        if lines:
            lines.append(OTHER_FILES)
        lines.extend(tree(remaining, indent=1 if lines else 0))
    return "\n".join(lines) + "\n" if lines else ""


def _members(selected: set[Definition], definitions: Sequence[Definition]) -> list[Definition]:
    """The first few fields of each selected class: a class's data is part of its outline."""
    wanted = {i for i, d in enumerate(definitions) if d in selected and d.kind in CLASS_KINDS}
    members: list[Definition] = []
    taken: dict[int, int] = {}
    for definition in definitions:
        if (
            definition.parent in wanted
            and definition.kind in MEMBER_KINDS
            and not definition.name.startswith("__")
        ):
            taken[definition.parent] = taken.get(definition.parent, 0) + 1
            if taken[definition.parent] <= MAX_MEMBERS:
                members.append(definition)
    return members


def _depth(definition: Definition, definitions: Sequence[Definition]) -> int:
    depth, parent = 0, definition.parent
    while 0 <= parent < len(definitions) and depth < 32:
        depth, parent = depth + 1, definitions[parent].parent
    return depth


def tree(paths: Sequence[str], *, indent: int = 0) -> list[str]:
    """Paths as a directory tree: each directory once, its files indented beneath it."""
    lines: list[str] = []
    opened: list[str] = []
    for path in sorted(paths):
        *folders, name = path.split("/")
        common = 0
        while common < min(len(opened), len(folders)) and opened[common] == folders[common]:
            common += 1
        opened = opened[:common]
        for folder in folders[common:]:
            lines.append("  " * (indent + len(opened)) + folder + "/")
            opened.append(folder)
        lines.append("  " * (indent + len(opened)) + name)
    return lines


def fit(items: Sequence[Item], files: Mapping[str, FileTags], max_tokens: int, count: TextCounter) -> str:
    """The outline of the longest prefix of ``items`` whose token count is at most ``max_tokens``.

    Binary search on the prefix length; only outlines that were counted and fit are ever returned,
    so the budget holds even where adding an item does not add tokens monotonically.
    """
    best = ""
    low, high = 1, min(len(items), max(0, max_tokens))  # every item adds at least one token (a line)
    while low <= high:
        middle = (low + high) // 2
        text = outline(items[:middle], files)
        if count(text) <= max_tokens:
            best, low = text, middle + 1
        else:
            high = middle - 1
    return best
