"""The escape suite run through the built-in tools: every tool that any factory in smallcode.tools
makes, and that takes a path-like or command-like parameter (found by inspecting its schema), gets
the same attempts as the Workspace methods in test_sandbox_escapes.py, with the same checks."""

from __future__ import annotations

import inspect
import tempfile
from collections.abc import Callable

import pytest

import smallcode.tools
from smallcode import SandboxViolation, Tool, ToolError, Workspace
from tests.unit.test_sandbox_escapes import (
    CONTAINED_COMMANDS,
    PATH_ATTEMPTS,
    REFUSED_COMMANDS,
    SECRET,
    Arena,
    _assert_contained,
    _command,
    _path,
    _run_contained,
    arena,
    holder,
)

__all__ = ["arena", "holder"]  # fixtures shared with the Workspace escape suite

PATH_NAMES = {"path", "paths", "directory", "dir", "folder", "file", "filename", "target", "source",
              "destination", "pattern", "glob"}  # fmt: skip
COMMAND_NAMES = {"command", "cmd", "script", "shell"}


def _factories() -> list[Callable[[Workspace], object]]:
    found = []
    for name in dir(smallcode.tools):
        factory = getattr(smallcode.tools, name)
        if not name.endswith(("_tools", "_tool")) or not callable(factory):
            continue
        parameters = list(inspect.signature(factory).parameters.values())
        if parameters and parameters[0].default is inspect.Parameter.empty:
            found.append(factory)
    return found


def builtin_tools(ws: Workspace) -> dict[str, Tool]:
    """Every tool any factory in smallcode.tools makes for a workspace, by name."""
    tools: dict[str, Tool] = {}
    for factory in _factories():
        try:
            made = factory(ws)
        except TypeError:
            continue
        for item in made if isinstance(made, list) else [made]:
            if isinstance(item, Tool):
                tools.setdefault(item.name, item)
    return tools


def _parameters(kind: set[str]) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        tools = builtin_tools(Workspace(folder, history=False))
    pairs = []
    for name, made in sorted(tools.items()):
        properties = made.spec.parameters.get("properties", {})
        assert isinstance(properties, dict)
        for parameter in sorted(properties):
            if parameter in kind or (kind is PATH_NAMES and parameter.endswith("_path")):
                pairs.append((name, parameter))
    return pairs


PATH_TOOL_PARAMETERS = _parameters(PATH_NAMES)
COMMAND_TOOL_PARAMETERS = _parameters(COMMAND_NAMES)
FILLERS: dict[str, object] = {
    "content": "pwned\n",
    "edits": f"<<<<<<< SEARCH\n{SECRET}\n=======\npwned\n>>>>>>> REPLACE\n",
}


def _call(made: Tool, overrides: dict[str, object]) -> str:
    schema = made.spec.parameters
    properties = schema.get("properties", {})
    assert isinstance(properties, dict)
    arguments: dict[str, object] = {}
    required = schema.get("required", [])
    assert isinstance(required, list)
    for name in required:
        kind = properties[name].get("type") if isinstance(properties[name], dict) else None
        arguments[name] = FILLERS.get(name, {"integer": 1, "number": 1, "boolean": False}.get(str(kind), "x"))
    arguments.update(overrides)
    try:
        return made(arguments)
    except ToolError as exc:  # SandboxViolation included; other refusals must still contain
        return f"refused: {exc}"


def test_the_tool_factories_expose_path_and_command_tools() -> None:
    assert {"read_file", "write_file"} <= {name for name, _ in PATH_TOOL_PARAMETERS}
    if "run_command" in builtin_tools(Workspace(tempfile.mkdtemp(), history=False)):
        assert ("run_command", "command") in COMMAND_TOOL_PARAMETERS


@pytest.mark.parametrize("attempt", sorted(PATH_ATTEMPTS))
@pytest.mark.parametrize(("tool_name", "parameter"), PATH_TOOL_PARAMETERS)
def test_tools_contain_path_attempts(arena: Arena, tool_name: str, parameter: str, attempt: str) -> None:
    made = builtin_tools(arena.ws)[tool_name]
    before = arena.fingerprint()
    output = _call(made, {parameter: _path(arena, PATH_ATTEMPTS[attempt])})
    _assert_contained(arena, before, output)


@pytest.mark.parametrize(("tool_name", "parameter"), PATH_TOOL_PARAMETERS)
def test_tools_searching_everything_do_not_follow_links_out(
    arena: Arena, tool_name: str, parameter: str
) -> None:
    made = builtin_tools(arena.ws)[tool_name]
    before = arena.fingerprint()
    overrides: dict[str, object] = {parameter: "." if parameter != "pattern" else "**/*"}
    if "pattern" in made.spec.parameters.get("properties", {}) and parameter != "pattern":  # type: ignore[operator]
        overrides["pattern"] = SECRET[:10]
    _assert_contained(arena, before, _call(made, overrides))


@pytest.mark.parametrize("attempt", sorted(REFUSED_COMMANDS))
@pytest.mark.parametrize(("tool_name", "parameter"), COMMAND_TOOL_PARAMETERS)
def test_tools_refuse_command_attempts(arena: Arena, tool_name: str, parameter: str, attempt: str) -> None:
    made = builtin_tools(arena.ws)[tool_name]
    before = arena.fingerprint()
    with pytest.raises(SandboxViolation) as info:
        made({parameter: _command(arena, REFUSED_COMMANDS[attempt])})
    _assert_contained(arena, before, str(info.value))


@pytest.mark.parametrize("attempt", sorted(CONTAINED_COMMANDS))
@pytest.mark.parametrize(("tool_name", "parameter"), COMMAND_TOOL_PARAMETERS)
def test_tools_contain_command_attempts(arena: Arena, tool_name: str, parameter: str, attempt: str) -> None:
    made = builtin_tools(arena.ws)[tool_name]
    _run_contained(arena, lambda command: _call(made, {parameter: command}), CONTAINED_COMMANDS[attempt])
