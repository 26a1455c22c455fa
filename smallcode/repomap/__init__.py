"""Codebase awareness: a ranked map of a workspace's definitions that fits a token budget.

``RepoMap(workspace).render(max_tokens, mentions=task, count=...)`` is the outline to show a model;
``search`` / ``references`` answer the ``search_symbols`` / ``find_references`` tools from the same index.
"""

from .core import MIN_SOURCE_FILES, Reference, RefreshStats, RepoMap, should_map, text_counter
from .graph import Focus, Ranking
from .languages import EXTENSIONS, language_for
from .render import TextCounter
from .tags import Definition, FileTags, top_level_names

__all__ = [
    "EXTENSIONS",
    "MIN_SOURCE_FILES",
    "Definition",
    "FileTags",
    "Focus",
    "Ranking",
    "Reference",
    "RefreshStats",
    "RepoMap",
    "TextCounter",
    "language_for",
    "should_map",
    "text_counter",
    "top_level_names",
]
