"""Command tools: run a shell command, or the project's tests, inside the Workspace."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..errors import ToolError
from ..workspace import Workspace
from .base import Tool, tool

DEFAULT_TIMEOUT = 60.0
MAX_TIMEOUT = 600.0
TEST_TIMEOUT = 300.0


def command_tools(workspace: Workspace) -> list[Tool]:
    """run_command and run_tests operating inside ``workspace`` (its command policy applies)."""

    @tool(category="run")
    def run_command(
        command: Annotated[str, Field(description="shell command, run in the workspace folder")],
        timeout: Annotated[float, Field(gt=0, le=MAX_TIMEOUT, description="seconds before it is stopped")] = (
            DEFAULT_TIMEOUT
        ),
    ) -> str:
        """Run a shell command and show its exit code and output."""
        return workspace.run(command, timeout=timeout).render()

    @tool(category="run")
    def run_tests() -> str:
        """Run the project's tests with its own test command."""
        command = workspace.test_command()
        if command is None:
            raise ToolError("No test command was found for this project; use run_command to run the tests.")
        return workspace.run(command, timeout=TEST_TIMEOUT).render()

    return [run_command, run_tests]
