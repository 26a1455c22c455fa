"""The prompts the runtime benchmarks decode: file edits, free prompts, an agent session."""

from __future__ import annotations

import inspect

from ...messages import Message, ToolCall, ToolSpec


def source(module: str, lines: int) -> str:
    text = inspect.getsource(__import__(module))
    body = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return "\n".join(body[:lines]) + "\n"


def edit_workload(lines: int) -> list[list[Message]]:
    """File rewrites: the model copies most of a file it was shown, changing a little."""
    return _rewrites(
        [
            ("Rename the function rgb_to_hsv to rgb_to_hue_sat_value", source("colorsys", lines)),
            ("Rename the parameter `lo` to `low` everywhere", source("bisect", lines)),
            ("Rename the class shlex to Lexer", source("shlex", lines)),
        ]
    )


def addition_workload(lines: int) -> list[list[Message]]:
    """File rewrites that add code: the model copies a file it was shown and writes new lines into it."""
    return _rewrites(
        [
            ("Add a one-line docstring to every function", source("colorsys", lines)),
            ("Add type hints to every function", source("bisect", lines)),
            ("Add a short comment above every method", source("shlex", lines)),
        ]
    )


def _rewrites(asks: list[tuple[str, str]]) -> list[list[Message]]:
    return [
        [
            Message.system("You are a careful coding assistant."),
            Message.user(
                f"{ask}. Reply with the whole updated file in one ```python block.\n\n```python\n{src}```"
            ),
        ]
        for ask, src in asks
    ]


FREE_PROMPTS = [
    "Write a Python function that merges overlapping intervals, with a docstring.",
    "Write a Python class implementing an LRU cache with get and put.",
    "Explain the difference between a process and a thread, in a short paragraph.",
    "Write a Python function that parses an ISO 8601 date string without using datetime.",
    "Write a bash script that counts lines in all .py files under a directory.",
    "Write a Python function that returns the n-th Fibonacci number iteratively.",
    "What does the Python GIL do? Answer in three sentences.",
    "Write a Python function to check whether a string is a palindrome, ignoring punctuation.",
    "Write a SQL query selecting the five customers with the highest total order value.",
    "Write a Python generator that yields prime numbers forever.",
    "Describe how binary search works, step by step.",
    "Write a Python function that flattens a nested list of any depth.",
]

TOOLS = [
    ToolSpec(
        name="read_file",
        description="Read a text file from the project",
        parameters={"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
    ),
    ToolSpec(
        name="run_command",
        description="Run a shell command in the project directory and return its output",
        parameters={
            "type": "object",
            "properties": {"command": {"type": "string"}, "timeout": {"type": "integer"}},
            "required": ["command"],
        },
    ),
]


def agent_session(turns: int, file_lines: int) -> tuple[list[Message], list[Message]]:
    """(system messages, the turns after them) of a coding-agent session that reads files."""
    system = [Message.system("You are a coding agent. Use the tools to inspect the project. " * 4)]
    history: list[Message] = [Message.user("Find why the date parsing test fails and fix it.")]
    modules = ["textwrap", "colorsys", "bisect", "shlex", "fnmatch", "glob", "netrc", "heapq"]
    for i in range(turns):
        module = modules[i % len(modules)]
        call = ToolCall(id=f"call_{i}", name="read_file", arguments={"path": f"lib/{module}.py"})
        history.append(Message.assistant("", tool_calls=(call,)))
        history.append(Message.tool(source(module, file_lines), tool_call_id=call.id, name="read_file"))
    return system, history
