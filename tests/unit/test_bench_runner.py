"""Scoring one task: raw baseline, agent mode with a scripted model, skips, errors, resuming."""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from smallcode import (
    Agent,
    ParseProblem,
    RunResult,
    ScriptedModel,
    ToolCall,
    ToolFinished,
    ToolStarted,
    Usage,
    Workspace,
)
from smallcode.bench.checks import Toolchain
from smallcode.bench.raw import first_code_block, raw_messages, run_raw
from smallcode.bench.report import ResultsFile
from smallcode.bench.run import terminate_as_interrupt
from smallcode.bench.runner import RunSettings, run_all, run_task
from smallcode.bench.tasks import Task, TaskSpec
from smallcode.events import AgentEvent
from smallcode.messages import Message, ToolSpec
from smallcode.model import Model
from smallcode.session import load_session

SETTINGS = RunSettings(model_name="scripted", suite="unit", max_steps=4)
GOOD = "def add(a, b):\n    return a + b\n"


def adder_task(**spec: object) -> Task:
    fields: dict[str, object] = {
        "id": "adder",
        "category": "python",
        "language": "python",
        "prompt": "Fix add in calc.py so that it adds.",
        "check": "{python} test_hidden.py",
        "timeout": 30,
    }
    fields.update(spec)
    return Task(
        spec=TaskSpec.model_validate(fields),
        files={"calc.py": b"def add(a, b):\n    return a - b\n"},
        tests={"test_hidden.py": b"from calc import add\nassert add(2, 3) == 5\n"},
        solution={"calc.py": GOOD.encode()},
    )


def write(path: str, content: str) -> ToolCall:
    return ToolCall(name="write_file", arguments={"path": path, "content": content})


def read(path: str) -> ToolCall:
    return ToolCall(name="read_file", arguments={"path": path})


def finish() -> ToolCall:
    return ToolCall(name="finish", arguments={"summary": "fixed"})


def quiet_agent(model: Model, workspace: Workspace) -> Agent:
    return Agent(model=model, workspace=workspace, max_steps=4, run_tests=False)


def test_first_code_block() -> None:
    assert first_code_block("intro\n```python\nx = 1\n```\n```\ny\n```") == "x = 1"
    assert first_code_block("```js\nlet a;\n") == "let a;"  # cut off at the token limit
    assert first_code_block("no code here") is None


def test_raw_prompt_shows_the_files_and_names_the_target() -> None:
    messages = raw_messages(adder_task(), "calc.py")
    assert messages[0].role == "system"
    assert "return a - b" in messages[1].content and "`calc.py`" in messages[1].content


def test_raw_mode_writes_the_first_block_and_passes(tmp_path: Path) -> None:
    model = ScriptedModel([f"Here it is:\n```python\n{GOOD}```\nand an extra\n```python\nboom\n```"])
    record = run_task(adder_task(), "raw", model, SETTINGS, Toolchain.detect())
    assert record.status == "passed" and record.mode == "raw" and record.stop_reason == "wrote_code"
    assert record.completion_tokens > 0 and record.files_changed == ("calc.py",)
    assert len(model.calls) == 1 and not model.calls[0].tools  # one completion, no tools offered
    (tmp_path / "calc.py").write_text("old")
    assert run_raw(adder_task(), ScriptedModel(["no code"]), tmp_path).wrote is False
    assert (tmp_path / "calc.py").read_text() == "old"


def test_raw_mode_without_code_fails_on_the_check() -> None:
    record = run_task(adder_task(), "raw", ScriptedModel(["I cannot."]), SETTINGS, Toolchain.detect())
    assert record.status == "failed" and record.stop_reason == "no_code_block" and record.check_exit != 0


def scripted_fixer(messages: Sequence[Message], tools: Sequence[ToolSpec]) -> ToolCall:
    """Reads calc.py unless it has seen it, then writes the fix, then finishes."""
    history = " ".join(m.content for m in messages)
    if "overwrote calc.py" in history or "wrote calc.py" in history:
        return finish()
    return write("calc.py", GOOD) if "return a - b" in history else read("calc.py")


def test_agent_mode_passes_and_never_sees_the_hidden_tests() -> None:
    roots: list[Path] = []
    seen_hidden: list[bool] = []

    def factory(model: Model, workspace: Workspace) -> Agent:
        roots.append(workspace.root)
        return quiet_agent(model, workspace)

    def reply(messages: Sequence[Message], tools: Sequence[ToolSpec]) -> ToolCall:
        seen_hidden.append((roots[0] / "test_hidden.py").exists())
        return scripted_fixer(messages, tools)

    model = ScriptedModel(reply)
    record = run_task(adder_task(), "agent", model, SETTINGS, Toolchain.detect(), agent_factory=factory)
    assert record.status == "passed", record.detail
    assert seen_hidden and not any(seen_hidden)
    assert record.files_changed == ("calc.py",) and record.stop_reason == "finished"
    assert record.steps >= 2 and record.prompt_tokens > 0
    assert not roots[0].exists()  # the workspace is temporary


@dataclass
class StubAgent:
    """Stands in for an Agent: writes the fix and reports a run with the given events."""

    workspace: Workspace
    events: list[AgentEvent]
    steps: int

    def run(self, task: str) -> RunResult:
        self.workspace.write_text("calc.py", GOOD)
        return RunResult(
            ok=True, answer="done", stop_reason="finished", steps=self.steps, usage=Usage(prompt_tokens=7),
            messages=[], events=self.events, files_changed=["calc.py"], escalations=1,
        )  # fmt: skip


def test_agent_metrics_come_from_the_run_events() -> None:
    read_call, write_call = read("calc.py"), write("calc.py", GOOD)
    events: list[AgentEvent] = [
        ToolStarted(1, read_call), ToolFinished(1, read_call, "...", True), ParseProblem(2, ("bad json",)),
        ToolStarted(3, write_call), ToolFinished(3, write_call, "wrote", True),
    ]  # fmt: skip

    def factory(model: Model, workspace: Workspace) -> StubAgent:
        return StubAgent(workspace, events, steps=4)

    unused = ScriptedModel([])
    record = run_task(adder_task(), "agent", unused, SETTINGS, Toolchain.detect(), agent_factory=factory)
    assert record.status == "passed"
    assert (record.tool_calls, record.parse_problems, record.well_formed_rate) == (2, 1, 0.75)
    assert (record.escalations, record.steps, record.prompt_tokens) == (1, 4, 7)
    assert unused.calls == []


def test_an_agent_that_changes_nothing_fails() -> None:
    record = run_task(adder_task(), "agent", ScriptedModel([finish()]), SETTINGS, Toolchain.detect(),
                      agent_factory=quiet_agent)  # fmt: skip
    assert record.status == "failed" and "AssertionError" in record.detail


def test_missing_toolchain_and_missing_raw_target_are_skipped() -> None:
    no_go = Toolchain(python="python", node=None, tsc=None, go=None)
    go_task = adder_task(language="go")
    model = ScriptedModel([])
    assert run_task(go_task, "agent", model, SETTINGS, no_go).status == "skipped"
    several = Task(
        spec=adder_task().spec,
        files=adder_task().files,
        tests=adder_task().tests,
        solution={"a.py": b"", "b.py": b""},
    )
    record = run_task(several, "raw", model, SETTINGS, Toolchain.detect())
    assert record.status == "skipped" and "target" in record.detail
    assert model.calls == []


def test_run_all_records_resumes_and_retries_errors(tmp_path: Path) -> None:
    results = ResultsFile(tmp_path / "r.jsonl")
    broken: list[int] = []

    def failing_factory(model: Model, workspace: Workspace) -> Agent:
        broken.append(1)
        raise RuntimeError("harness bug")

    model = ScriptedModel([f"```python\n{GOOD}```"])
    first = run_all([adder_task()], ("raw", "agent"), model, SETTINGS, results, agent_factory=failing_factory)
    assert [(r.mode, r.status) for r in first] == [("raw", "passed"), ("agent", "error")]
    assert "harness bug" in first[1].detail
    # The raw record is kept; only the errored agent run is tried again.
    fixer = ScriptedModel(scripted_fixer)
    second = run_all([adder_task()], ("raw", "agent"), fixer, SETTINGS, results, agent_factory=quiet_agent)
    assert [(r.mode, r.status) for r in second] == [("agent", "passed")]
    assert run_all([adder_task()], ("raw", "agent"), model, SETTINGS, results) == []
    assert {(r.mode, r.status) for r in results.load()} == {("raw", "passed"), ("agent", "passed")}


def test_the_agent_checks_its_edits_with_the_toolchain_the_hidden_checks_use(tmp_path: Path) -> None:
    tools = tmp_path / "tools" / "node_modules" / ".bin"
    tools.mkdir(parents=True)
    (tools / "tsc").write_text("#!/bin/sh\nexit 0\n")
    (tools / "tsc").chmod(0o755)
    chain = replace(Toolchain.detect(), tsc=str(tools / "tsc"))
    path_before = os.environ.get("PATH")
    found: list[str | None] = []

    def factory(model: Model, workspace: Workspace) -> Agent:
        found.append(shutil.which("tsc"))  # what `check_file` uses for an edited .ts file
        return quiet_agent(model, workspace)

    results = ResultsFile(tmp_path / "r.jsonl")
    run_all([adder_task()], ("agent",), ScriptedModel(scripted_fixer), SETTINGS, results,
            toolchain=chain, agent_factory=factory)  # fmt: skip
    assert found == [str(tools / "tsc")]
    assert os.environ.get("PATH") == path_before


def test_each_agent_run_can_leave_its_session_trace(tmp_path: Path) -> None:
    settings = replace(SETTINGS, traces=tmp_path / "traces")
    record = run_task(adder_task(), "agent", ScriptedModel(scripted_fixer), settings, Toolchain.detect())
    session = load_session(tmp_path / "traces" / "adder-agent.jsonl")
    assert record.status == "passed" and session.finished and session.steps == record.steps
    assert session.task == adder_task().prompt


def test_sigterm_stops_a_run_like_ctrl_c_and_leaves_nothing_behind(tmp_path: Path) -> None:
    workspaces: list[Path] = []

    def factory(model: Model, workspace: Workspace) -> Agent:
        workspaces.append(workspace.root)
        return quiet_agent(model, workspace)

    def killed(messages: Sequence[Message], tools: Sequence[ToolSpec]) -> ToolCall:
        os.kill(os.getpid(), signal.SIGTERM)  # as `kill PID` would, mid-generation
        time.sleep(5)
        return finish()

    results = ResultsFile(tmp_path / "r.jsonl")
    with pytest.raises(KeyboardInterrupt), terminate_as_interrupt():
        run_all([adder_task()], ("agent",), ScriptedModel(killed), SETTINGS, results, agent_factory=factory)
    assert workspaces and not workspaces[0].exists()  # the temporary workspace was removed
    assert results.load() == []  # no record: a resumed run does the task again
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_tasks_that_must_not_be_quoted_keep_only_the_last_line() -> None:
    wrong = ["```python\nx = 1\n```"]
    quiet = replace(adder_task(), quote_output=False)
    record = run_task(quiet, "raw", ScriptedModel(wrong), SETTINGS, Toolchain.detect())
    assert record.status == "failed"
    assert record.detail.startswith("ImportError") and "\n" not in record.detail
    loud = run_task(adder_task(), "raw", ScriptedModel(wrong), SETTINGS, Toolchain.detect())
    assert "Traceback" in loud.detail


def test_the_loop_off_mode_keeps_what_the_loop_would_have_caught() -> None:
    broken = "def add(a, b):\n    return a +\n"
    script = [write("calc.py", broken), finish(), write("calc.py", GOOD), finish()]
    on = run_task(adder_task(), "agent", ScriptedModel(script), SETTINGS, Toolchain.detect())
    off = run_task(adder_task(), "agent-no-loop", ScriptedModel(script), SETTINGS, Toolchain.detect())
    # on: the broken write is not kept and the finish after it refused, so GOOD comes next
    assert on.mode == "agent" and on.status == "passed" and on.steps == 4
    assert off.mode == "agent-no-loop" and off.status == "failed"  # finished on the broken file
    assert off.steps == 2 and "SyntaxError" in (off.detail or "")
