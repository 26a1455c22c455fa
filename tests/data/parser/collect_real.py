"""Regenerate the real model outputs of the parser corpus (``real.jsonl``).

Runs the embedded 0.5B model (``Runtime.default(n_ctx=4096)``) on tool-use prompts with NO grammar,
so it writes whatever shape it likes. Existing hand-checked labels (``expected``) are kept for every
case whose text comes out unchanged; new or changed texts get ``"expected": null`` and must be
labelled by hand before the corpus uses them. Also rewrites ``tools.json`` from the real tool code.

    .venv/bin/python tests/data/parser/collect_real.py            # every kind of prompt
    .venv/bin/python tests/data/parser/collect_real.py menu staged  # only these kinds
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Annotated

from pydantic import Field

from smallcode import Message, Runtime, Sampling, ToolSpec, Workspace, prompts, tool
from smallcode.tools.control import finish_tool
from smallcode.tools.files import file_tools

HERE = Path(__file__).parent

TASKS = [
    "Show me the contents of src/app.py",
    "Create a file hello.py that prints hello world",
    "List the files in the tests directory",
    "Run the test suite with pytest",
    "Fix the bug in utils.py: the function add returns a - b instead of a + b",
    "Write a README.md that says this project is a calculator",
    "Create calc.py with functions add and sub",
    "Read config.json and tell me which port the server uses",
    "Replace the word foo with bar in main.py",
    "The task is done: you created hello.py. Finish.",
    "Search the code for the function parse_date",
    "Open the file docs/index.md",
]
QUESTIONS = [
    "What is the difference between a list and a tuple in Python? Answer briefly.",
    "Explain in two sentences what a JSON object is, with a tiny example.",
]
PYTHON_SYSTEM = (
    "You are a coding agent. You can call these Python functions:\n{signatures}\n"
    "To act, reply with one function call."
)
MENU_SYSTEM = (
    "You are a coding agent. You can use these tools:\n{menu}\n"
    "To use a tool, write the tool name and its arguments."
)


def corpus_tools() -> list[ToolSpec]:
    with tempfile.TemporaryDirectory() as folder:
        tools = [*file_tools(Workspace(folder)), finish_tool()]

    @tool(category="run")
    def run_command(
        command: Annotated[str, Field(description="shell command to run in the workspace")],
        timeout: Annotated[int, Field(ge=1, description="seconds before it is stopped")] = 60,
    ) -> str:
        """Run a shell command and return its output."""
        return command

    @tool(category="write", payload=("old", "new"))
    def edit_file(
        path: Annotated[str, Field(description="file path relative to the workspace")],
        old: Annotated[str, Field(description="exact text to replace")],
        new: Annotated[str, Field(description="replacement text")],
    ) -> str:
        """Replace one exact occurrence of old with new in a file."""
        return path

    @tool(category="read")
    def search_code(
        query: Annotated[str, Field(description="text or regex to look for")],
        path: Annotated[str, Field(description="directory to search")] = ".",
    ) -> str:
        """Search the files for a pattern."""
        return query

    return [t.spec for t in (*tools, run_command, edit_file, search_code)]


def variants(specs: list[ToolSpec]) -> list[tuple[str, list[Message], list[ToolSpec], Sampling]]:
    menu = "\n".join(f"- {s.name}: {s.description}" for s in specs)
    staged = "\n".join(f"- {s.name}({', '.join(_parameters(s))}): {s.description}" for s in specs)
    signatures = "\n".join(
        f"def {s.name}({', '.join(_parameters(s))}): ...  # {s.description}" for s in specs
    )
    out: list[tuple[str, list[Message], list[ToolSpec], Sampling]] = []
    for i, task in enumerate(TASKS + QUESTIONS):
        agent = [Message.system(prompts.SYSTEM + "\n" + prompts.NATIVE_RULES), Message.user(task)]
        out.append((f"real-agent-{i:02d}", agent, specs, Sampling(max_tokens=300)))
        out.append((f"real-plain-{i:02d}", [Message.user(task)], specs, Sampling(max_tokens=300)))
        menu_chat = [Message.system(MENU_SYSTEM.format(menu=menu)), Message.user(task)]
        out.append((f"real-menu-{i:02d}", menu_chat, [], Sampling(max_tokens=300)))
        hot = Sampling(max_tokens=300, temperature=0.8, seed=i)
        out.append((f"real-hot-{i:02d}", agent, specs, hot))
    for i, task in enumerate(TASKS):
        staged_chat = [
            Message.system(prompts.SYSTEM + "\n" + prompts.STAGED_RULES.format(menu=staged)),
            Message.user(task),
        ]
        out.append((f"real-staged-{i:02d}", staged_chat, [], Sampling(max_tokens=200)))
        python_chat = [Message.system(PYTHON_SYSTEM.format(signatures=signatures)), Message.user(task)]
        out.append((f"real-python-{i:02d}", python_chat, [], Sampling(max_tokens=200)))
    return out


def _parameters(spec: ToolSpec) -> list[str]:
    properties = spec.parameters.get("properties")
    return list(properties) if isinstance(properties, dict) else []


def main(kinds: list[str]) -> int:
    """Regenerate the outputs of ``kinds`` (agent, plain, menu, hot, staged, python; all by default)."""
    specs = corpus_tools()
    (HERE / "tools.json").write_text(json.dumps([s.model_dump() for s in specs], indent=1) + "\n")
    target = HERE / "real.jsonl"
    rows: dict[str, dict[str, object]] = {}
    if target.exists():
        for line in target.read_text().splitlines():
            if line.strip():
                case = json.loads(line)
                rows[case["id"]] = case
    with Runtime.default(n_ctx=4096) as runtime:
        for case_id, messages, tools, sampling in variants(specs):
            if kinds and case_id.split("-")[1] not in kinds:
                continue
            completion = runtime.complete(messages, tools=tools, sampling=sampling)
            text = completion.raw_text if completion.raw_text is not None else completion.text
            previous = rows.get(case_id, {})
            keep = previous.get("text") == text
            rows[case_id] = {
                "id": case_id,
                "shape": "real",
                "real": True,
                "prompt": messages[-1].content,
                "text": text,
                "expected": previous.get("expected") if keep else None,
                "issues": previous.get("issues", []) if keep else [],
                "note": previous.get("note", "") if keep else "",
            }
            target.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows.values()))
            print(case_id, json.dumps(text)[:160], file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
