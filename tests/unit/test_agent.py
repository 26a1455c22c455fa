from __future__ import annotations

from pathlib import Path

from smallcode import Agent, Finished, ParseProblem, ScriptedModel, ToolCall, ToolFinished, Workspace
from smallcode.turns import NativeTurns


def write(path: str, content: str) -> ToolCall:
    return ToolCall(name="write_file", arguments={"path": path, "content": content})


def finish(summary: str = "done") -> ToolCall:
    return ToolCall(name="finish", arguments={"summary": summary})


def test_runs_tools_until_finish(tmp_path: Path) -> None:
    model = ScriptedModel([write("hello.py", "print('hi')\n"), finish("wrote hello.py")])
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("write hello.py")
    assert (tmp_path / "hello.py").read_text() == "print('hi')\n"
    assert result.ok and result.stop_reason == "answered" and result.answer == "wrote hello.py"
    assert result.steps == 2 and result.files_changed == ["hello.py"]
    assert isinstance(result.events[-1], Finished)
    # the tool result went back to the model, paired with its call
    second_prompt = model.calls[1].messages
    assert (
        second_prompt[-1].role == "tool"
        and second_prompt[-1].tool_call_id == second_prompt[-2].tool_calls[0].id
    )


def test_text_tool_calls_are_parsed(tmp_path: Path) -> None:
    model = ScriptedModel(
        [
            '<tool_call>{"name": "write_file", "arguments": {"path": "a.txt", "content": "x"}}</tool_call>',
            "All done.",
        ]
    )
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("make a.txt")
    assert (tmp_path / "a.txt").read_text() == "x"
    assert result.answer == "All done."


def test_tool_errors_go_back_to_the_model(tmp_path: Path) -> None:
    model = ScriptedModel([ToolCall(name="read_file", arguments={"path": "../etc/passwd"}), finish()])
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("read it")
    failed = [e for e in result.events if isinstance(e, ToolFinished)]
    assert not failed[0].ok and "leaves the workspace" in failed[0].output
    assert "leaves the workspace" in model.calls[1].messages[-1].content


def test_unknown_tool_in_text_is_reported_as_a_parse_problem(tmp_path: Path) -> None:
    model = ScriptedModel(['<tool_call>{"name": "delete_everything", "arguments": {}}</tool_call>', finish()])
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("x")
    problems = [e for e in result.events if isinstance(e, ParseProblem)]
    assert problems and "delete_everything" in problems[0].messages[0]
    assert "Use one of" in model.calls[1].messages[-1].content


def test_a_repeated_call_is_resampled_hotter_before_it_is_used(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    read = ToolCall(name="read_file", arguments={"path": "a.py"})
    model = ScriptedModel([read, read, read, read, finish()])
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("look")
    temperatures = [c.sampling.temperature for c in model.calls]
    assert temperatures == [0.0, 0.0, 0.7, 1.0, 0.0]
    assert result.ok and result.steps == 3


def test_step_limit_stops_cleanly(tmp_path: Path) -> None:
    model = ScriptedModel(
        lambda messages, tools: ToolCall(name="list_files", arguments={"directory": str(len(messages))})
    )
    result = Agent(model=model, workspace=Workspace(tmp_path), max_steps=3).run("loop forever")
    assert not result.ok and result.stop_reason == "max_steps" and result.steps == 3


def test_grammar_constrains_calls_to_the_tools(tmp_path: Path) -> None:
    model = ScriptedModel([finish()])
    Agent(model=model, workspace=Workspace(tmp_path)).run("x")
    grammar = model.calls[0].grammar
    assert grammar is not None and '"\\"write_file\\""' in grammar.gbnf
    unconstrained = ScriptedModel([finish()])
    Agent(model=unconstrained, workspace=Workspace(tmp_path), protocol=NativeTurns(constrain=False)).run("x")
    assert unconstrained.calls[0].grammar is None
