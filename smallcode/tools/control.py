"""Control tools: how the model says it is done."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Tool, tool

FINISH = "finish"


def finish_tool() -> Tool:
    @tool(name=FINISH, category="plan")
    def finish(summary: Annotated[str, Field(description="one or two sentences on what was done")]) -> str:
        """Call when the task is complete."""
        return summary

    return finish
