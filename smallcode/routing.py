"""ToolRouter: decides which tool schemas a model sees on each turn."""

from __future__ import annotations

from collections.abc import Sequence

from .errors import UnknownToolError
from .messages import ToolSpec
from .tools.base import Tool


class ToolRouter:
    """Holds the tools of an agent, grouped by category.

    Single-stage: every schema on every turn. Two-stage routing (category first, then that
    category's schemas) builds on ``categories`` and ``specs(category)``.
    """

    def __init__(self, tools: Sequence[Tool]) -> None:
        self._tools: dict[str, Tool] = {}
        for item in tools:
            if item.name in self._tools:
                raise ValueError(f"two tools are named {item.name!r}")
            self._tools[item.name] = item

    @property
    def tools(self) -> list[Tool]:
        return list(self._tools.values())

    @property
    def names(self) -> list[str]:
        return list(self._tools)

    @property
    def categories(self) -> list[str]:
        return sorted({t.category for t in self._tools.values()})

    def specs(self, category: str | None = None) -> list[ToolSpec]:
        return [t.spec for t in self._tools.values() if category is None or t.category == category]

    def get(self, name: str) -> Tool:
        try:
            return self._tools[name]
        except KeyError:
            known = ", ".join(self._tools)
            raise UnknownToolError(f"There is no tool named {name!r}. Use one of: {known}.") from None
