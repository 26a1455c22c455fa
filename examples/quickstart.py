"""Run the embedded 0.5B model as a coding agent on a scratch folder."""

import tempfile
from pathlib import Path

from smallcode import Agent, Runtime, Workspace

with tempfile.TemporaryDirectory() as folder, Runtime.default() as model:
    agent = Agent(model=model, workspace=Workspace(folder), max_steps=6)
    result = agent.run("Create greet.py with a function greet(name) that returns 'Hello, ' + name.")
    print(result.stop_reason, result.files_changed, f"{result.usage.total_tokens} tokens")
    for path in result.files_changed:
        print(Path(folder, path).read_text())
