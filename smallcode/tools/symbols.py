"""Symbol tools backed by the repo map's index: where a name is defined, and every place it is used."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated

from pydantic import Field

from ..repomap import RepoMap
from ..workspace import Workspace
from .base import Tool, tool

MAX_LINE_CHARS = 160


def _clip(text: str) -> str:
    return text if len(text) <= MAX_LINE_CHARS else text[:MAX_LINE_CHARS] + " …"


def symbol_tools(workspace: Workspace, *, repo_map: RepoMap | None = None) -> list[Tool]:
    """``search_symbols`` and ``find_references`` over ``workspace``.

    Pass the ``repo_map`` an agent already renders from to share one index (and its parse cache);
    both tools refresh it first, so they see the model's own edits.
    """
    index = repo_map if repo_map is not None else RepoMap(workspace)

    @tool(category="search")
    def search_symbols(
        query: Annotated[
            str, Field(description="a symbol name or part of one, e.g. parse_config or Store.get")
        ],
        limit: Annotated[int, Field(ge=1, le=200, description="most definitions to list")] = 30,
    ) -> str:
        """Find where classes, functions, methods, types and constants are defined, with their signatures."""
        found = index.search(query, limit=limit + 1)
        if not found:
            return f"no symbol matches {query!r}; try part of the name, or grep for text"
        lines = [f"{d.path}:{d.line}: {d.kind} {d.name} — {_clip(d.header)}" for d in found[:limit]]
        if len(found) > limit:
            lines.append(f"[more matches; narrow the query or raise limit above {limit}]")
        return "\n".join(lines)

    @tool(category="search")
    def find_references(
        name: Annotated[str, Field(description="the exact name of a function, class, method or variable")],
        max_results: Annotated[int, Field(ge=1, le=1000, description="most uses to list")] = 100,
    ) -> str:
        """List every place a name is used in code (calls, imports, type annotations) and where it is defined.

        Matching is by name: a method shares results with other symbols of the same name.
        """
        wanted = name.strip().rpartition(".")[2]
        index.refresh()
        definitions = index.definitions(wanted, refresh=False)
        uses = index.references(wanted, limit=max_results + 1, refresh=False)
        if not definitions and not uses:
            similar = sorted({d.name for d in index.search(wanted, limit=20, refresh=False)})[:8]
            hint = f"; similar names: {', '.join(similar)}" if similar else ""
            return f"{wanted!r} is not defined or used in any source file the map reads{hint}"
        parts: list[str] = []
        if definitions:
            parts.append(f"{wanted} is defined at:")
            parts.extend(f"  {d.path}:{d.line}: {_clip(d.header)}" for d in definitions)
        else:
            parts.append(f"{wanted} is not defined in the workspace (a library or builtin name).")
        shown = uses[:max_results]
        if not shown:
            parts.append("It is not used anywhere else.")
            return "\n".join(parts)
        total_lines, total_files = index.count_references(wanted)
        parts.append(f"used on {total_lines} lines in {total_files} files:")
        by_file: dict[str, list[str]] = defaultdict(list)
        for use in shown:
            by_file[use.path].append(f"{use.path}:{use.line}: {_clip(use.text)}")
        for lines in by_file.values():
            parts.extend(lines)
        if len(uses) > max_results:
            parts.append(f"[stopped at {max_results} uses; raise max_results to see the rest]")
        return "\n".join(parts)

    return [search_symbols, find_references]
