"""Drive an Agent with a ScriptedModel: no weights, fully deterministic (how to test your own agent)."""

import tempfile
from pathlib import Path

from smallcode import Agent, ScriptedModel, ToolCall, Workspace

model = ScriptedModel(
    [
        ToolCall(name="write_file", arguments={"path": "notes.txt", "content": "remember the milk\n"}),
        # Text replies are parsed like any model output, so "almost JSON" works too:
        "<tool_call>{'name': 'read_file', 'arguments': {'path': 'notes.txt'}}</tool_call>",
        ToolCall(name="finish", arguments={"summary": "wrote notes.txt"}),
    ]
)
with tempfile.TemporaryDirectory() as folder:
    result = Agent(model=model, workspace=Workspace(folder)).run("write a note")
    print(result.answer, "|", Path(folder, "notes.txt").read_text().strip())
    print("the model saw", len(model.calls[-1].messages), "messages on its last call")
