from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from smallcode import (
    Agent,
    Completion,
    Finished,
    Message,
    ParseProblem,
    ScriptedModel,
    TokenLogprob,
    ToolCall,
    ToolFinished,
    ToolSpec,
    Workspace,
)
from smallcode.agent import Limits, RunResult
from smallcode.agent.task import asks_to_reshape, kept_as_is, named_files, to_write
from smallcode.escalation import Escalation, EscalationRequest
from smallcode.events import Escalated, KeptBest, ModelToken, Retried, Stuck, TestsRan, Validated
from smallcode.messages import FinishReason
from smallcode.session import load_session, replay_model
from smallcode.turns import REPEATED_LINES, Focus, NativeTurns, StagedTurns


def write(path: str, content: str) -> ToolCall:
    return ToolCall(name="write_file", arguments={"path": path, "content": content})


def read(path: str) -> ToolCall:
    return ToolCall(name="read_file", arguments={"path": path})


def finish(summary: str = "done") -> ToolCall:
    return ToolCall(name="finish", arguments={"summary": summary})


def agent(model: ScriptedModel, root: Path, **options: object) -> Agent:
    return Agent(model=model, workspace=Workspace(root), run_tests=False, **options)  # type: ignore[arg-type]


def test_runs_tools_until_finish(tmp_path: Path) -> None:
    model = ScriptedModel([write("hello.py", "print('hi')\n"), finish("wrote hello.py")])
    result = agent(model, tmp_path).run("write hello.py")
    assert (tmp_path / "hello.py").read_text() == "print('hi')\n"
    assert result.ok and result.stop_reason == "finished" and result.answer == "wrote hello.py"
    assert result.steps == 2 and result.files_changed == ["hello.py"]
    assert isinstance(result.events[-1], Finished) and result.events[-1].ok
    second_prompt = model.calls[1].messages
    assert (
        second_prompt[-1].role == "tool"
        and second_prompt[-1].tool_call_id == second_prompt[-2].tool_calls[0].id
    )


def test_text_tool_calls_are_parsed_and_prose_finishes(tmp_path: Path) -> None:
    reply = '<tool_call>{"name": "write_file", "arguments": {"path": "a.txt", "content": "x"}}</tool_call>'
    result = agent(ScriptedModel([reply, "All done."]), tmp_path).run("make a.txt")
    assert (tmp_path / "a.txt").read_text() == "x"
    assert result.ok and result.answer == "All done."


def test_a_path_with_whitespace_around_it_is_the_file_written(tmp_path: Path) -> None:
    model = ScriptedModel([write(" calc.py\n", "def add(a, b)\n"), finish(), finish("cannot")])
    result = agent(model, tmp_path).run("write calc.py")
    assert (tmp_path / "calc.py").exists() and result.files_changed == ["calc.py"]
    checks = [e for e in result.events if isinstance(e, Validated)]
    assert checks and {(c.path, c.ok) for c in checks} == {("calc.py", False)}  # the written file


def test_tool_errors_go_back_to_the_model(tmp_path: Path) -> None:
    model = ScriptedModel([read("../etc/passwd"), finish()])
    result = agent(model, tmp_path).run("read it")
    failed = [e for e in result.events if isinstance(e, ToolFinished)]
    assert not failed[0].ok and "leaves the workspace" in failed[0].output
    assert "leaves the workspace" in model.calls[1].messages[-1].content


def test_unknown_tool_in_text_is_reported_as_a_parse_problem(tmp_path: Path) -> None:
    model = ScriptedModel(['<tool_call>{"name": "delete_everything", "arguments": {}}</tool_call>', finish()])
    result = agent(model, tmp_path).run("x")
    problems = [e for e in result.events if isinstance(e, ParseProblem)]
    assert problems and "delete_everything" in problems[0].messages[0]
    assert "Use one of" in model.calls[1].messages[-1].content


def test_a_repeated_call_is_resampled_hotter_before_it_is_used(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "b.py").write_text("y = 2\n")
    model = ScriptedModel([read("a.py"), read("a.py"), read("b.py"), finish()])
    result = agent(model, tmp_path).run("look")
    assert [c.sampling.temperature for c in model.calls] == [0.0, 0.0, 0.7, 0.0]
    assert [e.temperature for e in result.events if isinstance(e, Retried)] == [0.7]
    assert result.ok and result.steps == 3


def test_a_call_repeated_through_every_retry_gets_a_corrective_message(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    model = ScriptedModel([read("a.py")] * 4 + [finish()])
    result = agent(model, tmp_path).run("look")
    stuck = [e for e in result.events if isinstance(e, Stuck)]
    assert [(s.kind, s.remedy) for s in stuck] == [("repeated_call", "message")]
    assert "repeating a call" in model.calls[-1].messages[-1].content


def test_step_limit_stops_cleanly(tmp_path: Path) -> None:
    model = ScriptedModel(lambda messages, tools: ToolCall(name="list_files", arguments={"directory": "."}))
    (tmp_path / "sub").mkdir()
    result = agent(model, tmp_path, max_steps=3).run("loop forever")
    assert not result.ok and result.stop_reason == "max_steps" and result.steps == 3


def test_token_limit_stops_cleanly(tmp_path: Path) -> None:
    model = ScriptedModel(lambda messages, tools: write(f"f{len(messages)}.txt", "data " * 50))
    result = agent(model, tmp_path, limits=Limits(max_steps=50, max_tokens=2000)).run("write files")
    assert result.stop_reason == "max_tokens" and result.usage.total_tokens >= 2000 and result.steps < 50


def test_time_limit_stops_cleanly(tmp_path: Path) -> None:
    model = ScriptedModel(lambda messages, tools: write(f"f{len(messages)}.txt", "x"))
    result = agent(model, tmp_path, limits=Limits(max_steps=50, max_seconds=0.0)).run("write files")
    assert result.stop_reason == "time_limit" and result.steps == 0


def test_invalid_edit_is_reported_and_blocks_a_clean_finish(tmp_path: Path) -> None:
    model = ScriptedModel([write("m.py", "def f(:\n"), finish(), finish("cannot fix")])
    result = agent(model, tmp_path).run("write m.py")
    checks = [e for e in result.events if isinstance(e, Validated)]
    assert checks and not checks[0].ok and "SyntaxError" in checks[0].message
    assert "Check failed for m.py" in model.calls[1].messages[-1].content  # feedback after the write
    assert "Not done yet" in model.calls[2].messages[-1].content  # the first finish was refused
    assert result.stop_reason == "finished" and not result.ok and result.steps == 3


def test_an_edit_is_held_to_the_names_it_leaves_undefined_not_to_those_it_found(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("def f():\n    return helper()\n")  # `helper` was never defined
    model = ScriptedModel(
        [
            read("m.py"),
            write("m.py", "def f():\n    return helper() + 1\n"),
            write("m.py", "def f():\n    return helper() + units.PI\n"),
            finish(),
            finish("cannot fix"),
        ]
    )
    result = agent(model, tmp_path).run("make f in m.py return one more")
    first, second = [e for e in result.events if isinstance(e, Validated)][:2]
    assert first.ok
    assert not second.ok and "'units'" in second.message and "helper" not in second.message
    # The file parses: the edit stays, to be built on (a syntax error would have been put back).
    assert "units.PI" in (tmp_path / "m.py").read_text()
    assert "Not done yet" in model.calls[4].messages[-1].content


def test_a_file_the_run_created_is_held_to_every_name_it_leaves_undefined(tmp_path: Path) -> None:
    model = ScriptedModel(
        [
            write("m.py", "def f():\n    return units.PI\n"),
            write("m.py", "def f():\n    return units.PI * 2\n"),  # still no import: not forgiven
            finish(),
            finish("cannot fix"),
        ]
    )
    result = agent(model, tmp_path).run("add m.py: f() gives two pi")
    first, second = [e for e in result.events if isinstance(e, Validated)][:2]
    assert not first.ok and not second.ok and "'units'" in second.message
    assert not result.ok


def test_finish_refusals_is_how_often_a_finish_is_turned_back_while_tests_fail(tmp_path: Path) -> None:
    (tmp_path / "calc.py").write_text("def add(a, b):\n    return a - b\n")
    (tmp_path / "test_calc.py").write_text(
        "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n"
    )
    wrong = [write("calc.py", f"def add(a, b):\n    return a * b + {i}\n") for i in range(3)]
    script = [wrong[0], finish(), wrong[1], finish(), wrong[2], finish("cannot fix")]
    default = Agent(model=ScriptedModel(script), workspace=Workspace(tmp_path)).run("Fix calc.py")
    assert default.stop_reason == "finished" and not default.ok and default.steps == 4
    model = ScriptedModel(script)
    patient = Agent(model=model, workspace=Workspace(tmp_path), limits=Limits(finish_refusals=2)).run(
        "Fix calc.py"
    )
    refused = [call for call in model.calls if call.messages[-1].content.startswith("Not done yet")]
    assert len(refused) == 2 and model.remaining == 0
    assert patient.stop_reason == "finished" and not patient.ok and patient.answer == "cannot fix"


def test_check_refusals_is_how_often_a_finish_is_turned_back_while_a_file_fails_its_check(
    tmp_path: Path,
) -> None:
    broken = [write("m.py", f"def f():\n    return units.PI * {i}\n") for i in range(4)]
    script = [broken[0], finish(), broken[1], finish(), broken[2], finish(), broken[3], finish("cannot fix")]
    for arm in ("a", "b"):
        (tmp_path / arm).mkdir()
    default = agent(ScriptedModel(script), tmp_path / "a").run("Add m.py: f() gives pi")
    assert default.stop_reason == "finished" and not default.ok and default.steps == 4
    model = ScriptedModel(script)
    patient = agent(model, tmp_path / "b", limits=Limits(check_refusals=3)).run("Add m.py: f() gives pi")
    refused = [call for call in model.calls if call.messages[-1].content.startswith("Not done yet")]
    assert len(refused) == 3 and model.remaining == 0  # a file that cannot pass: three times told
    assert patient.stop_reason == "finished" and not patient.ok and patient.answer == "cannot fix"


def test_a_file_failing_its_check_does_not_use_up_the_refusal_for_failing_tests(tmp_path: Path) -> None:
    (tmp_path / "calc.py").write_text("def add(a, b):\n    return a - b\n")
    (tmp_path / "test_calc.py").write_text(
        "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n"
    )
    script = [
        write("calc.py", "def add(a, b):\n    return total(a, b)\n"),  # an undefined name
        finish(),
        write("calc.py", "def add(a, b):\n    return a * b\n"),  # parses, the tests still fail
        finish(),
        write("calc.py", "def add(a, b):\n    return a + b\n"),
        finish("fixed add"),
    ]
    result = Agent(model=ScriptedModel(script), workspace=Workspace(tmp_path)).run("Fix calc.py")
    assert result.ok and result.answer == "fixed add"


def test_the_agent_drops_an_unused_go_import_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/shop\n\ngo 1.19\n")
    code = (
        'package shop\n\nimport (\n\t"errors"\n\t"fmt"\n)\n\nfunc Hello() string { return fmt.Sprint(1) }\n'
    )
    model = ScriptedModel([write("shop.go", code), finish()])
    result = agent(model, tmp_path).run("Add shop.go with Hello")
    assert result.ok and '"errors"' not in (tmp_path / "shop.go").read_text()
    assert next(e for e in result.events if isinstance(e, Validated)).ok
    written = next(e for e in result.events if isinstance(e, ToolFinished))
    assert 'Removed from shop.go the imports it does not use (Go refuses them): "errors".' in written.output
    assert written.output.count("Removed from") == 1 and "Removed from" in model.calls[1].messages[-1].content


def test_the_agent_imports_a_standard_module_used_but_never_imported_and_says_so(tmp_path: Path) -> None:
    code = "def place(items, item):\n    bisect.insort(items, item)\n    return items\n"
    model = ScriptedModel([write("sorted_list.py", code), finish()])
    result = agent(model, tmp_path).run("Add sorted_list.py with place()")
    assert result.ok and (tmp_path / "sorted_list.py").read_text() == "import bisect\n" + code
    assert next(e for e in result.events if isinstance(e, Validated)).ok
    written = next(e for e in result.events if isinstance(e, ToolFinished))
    assert "Added to sorted_list.py the imports it uses from the standard library: bisect." in written.output


def test_the_agent_imports_a_standard_go_package_used_but_never_imported(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/shop\n\ngo 1.19\n")
    code = (
        'package shop\n\nimport "fmt"\n\n'
        "func Words(s string) string {\n\treturn fmt.Sprint(len(strings.Fields(s)))\n}\n"
    )
    model = ScriptedModel([write("shop.go", code), finish()])
    result = agent(model, tmp_path).run("Add shop.go with Words")
    assert result.ok and 'import "strings"' in (tmp_path / "shop.go").read_text()
    assert next(e for e in result.events if isinstance(e, Validated)).ok
    written = next(e for e in result.events if isinstance(e, ToolFinished))
    assert "Added to shop.go the imports it uses from the standard library: strings." in written.output


def test_patch_spiral_suggests_a_whole_file_rewrite(tmp_path: Path) -> None:
    broken = [write("m.py", f"def f(:\n    return {i}\n") for i in range(3)]
    model = ScriptedModel([*broken, write("m.py", "def f():\n    return 1\n"), finish()])
    result = agent(model, tmp_path).run("fix m.py")
    stuck = [e for e in result.events if isinstance(e, Stuck)]
    assert stuck and stuck[0].kind == "patch_spiral"
    assert "rewrite the whole file" in model.calls[3].messages[-1].content
    assert result.ok


def test_a_run_stuck_after_its_work_is_done_ends_on_its_checks(tmp_path: Path) -> None:
    (tmp_path / "b.py").write_text("B = 1\n")
    replies = iter([write("a.py", "A = 1\n")])
    model = ScriptedModel(lambda messages, tools: next(replies, ""))
    result = agent(model, tmp_path, max_steps=20).run("Add a.py like b.py")
    assert [e.remedy for e in result.events if isinstance(e, Stuck)][-1] == "stop"
    # no reminder about b.py at this point: the checks pass, so the run is done
    assert result.stop_reason == "finished" and result.ok and result.files_changed == ["a.py"]


def test_the_remedy_ladder_heats_up_then_stops_without_escalation(tmp_path: Path) -> None:
    model = ScriptedModel(lambda messages, tools: "")
    result = agent(model, tmp_path, max_steps=20).run("x")
    remedies = [e.remedy for e in result.events if isinstance(e, Stuck)]
    assert remedies == ["message", "temperature", "stop"]
    assert result.stop_reason == "stuck"
    assert 0.7 in [c.sampling.temperature for c in model.calls]


def test_stuck_agent_escalates_to_a_local_model_without_asking(tmp_path: Path) -> None:
    big = ScriptedModel([write("a.py", "x = 1\n"), finish("fixed by the big model")])
    small = ScriptedModel(lambda messages, tools: "")
    asked: list[EscalationRequest] = []
    result = agent(small, tmp_path, escalate_to=big, approve_escalation=asked.append).run("x")
    assert [e.reason for e in result.events if isinstance(e, Escalated)] == ["stuck: empty_reply"]
    assert asked == [] and result.escalations == 1
    assert result.ok and result.answer == "fixed by the big model" and len(big.calls) == 2


class FakeRemote(ScriptedModel):
    base_url = "https://api.example.com/v1"


def test_escalation_that_leaves_the_machine_needs_consent(tmp_path: Path) -> None:
    small = ScriptedModel(lambda messages, tools: "")
    remote = FakeRemote([finish("remote")])
    refused = agent(small, tmp_path, escalate_to=remote).run("x")
    assert refused.stop_reason == "stuck" and remote.calls == []

    asked: list[EscalationRequest] = []

    def approve(request: EscalationRequest) -> bool:
        asked.append(request)
        return True

    small = ScriptedModel(lambda messages, tools: "")
    approved = agent(small, tmp_path, escalate_to=remote, approve_escalation=approve).run("x")
    assert asked and asked[0].leaves_machine and approved.answer == "remote"


def test_escalation_budget_is_bounded(tmp_path: Path) -> None:
    small = ScriptedModel(lambda messages, tools: "")
    big = ScriptedModel(lambda messages, tools: "")
    policy = Escalation(big, max_escalations=1, turns=1)
    result = agent(small, tmp_path, escalate_to=policy, max_steps=30).run("x")
    assert result.escalations == 1 and result.stop_reason == "stuck"


def test_low_confidence_escalates(tmp_path: Path) -> None:
    unsure = Completion(
        text="", tool_calls=(write("a.txt", "?"),), logprobs=(TokenLogprob(token="?", logprob=-4.0),)
    )
    small = ScriptedModel([unsure])
    big = ScriptedModel([write("a.txt", "sure\n"), finish()])
    result = agent(small, tmp_path, escalate_to=Escalation(big, min_mean_logprob=-1.0)).run("write a.txt")
    assert small.calls[0].sampling.logprobs  # confidence was asked for
    assert (tmp_path / "a.txt").read_text() == "sure\n" and result.escalations == 1


def test_many_files_escalate_from_the_start(tmp_path: Path) -> None:
    big = ScriptedModel([finish()])
    task = "Which of a.py, b.py, c.py, d.py and e.py still use the old API?"
    result = agent(ScriptedModel([]), tmp_path, escalate_to=Escalation(big, max_files=4)).run(task)
    assert [e.reason for e in result.events if isinstance(e, Escalated)] == ["the task names 5 files"]
    assert len(big.calls) == 1 and result.ok


def test_observers_get_events_and_live_tokens(tmp_path: Path) -> None:
    runner = agent(ScriptedModel(["thinking...", finish()]), tmp_path, protocol=NativeTurns())
    tokens: list[str] = []
    finished: list[Finished] = []
    runner.on(ModelToken, lambda e: tokens.append(e.text))
    runner.on(Finished, finished.append)
    runner.run("x")
    assert tokens == ["thinking..."] and len(finished) == 1


def test_async_variants_do_not_block(tmp_path: Path) -> None:
    async def main() -> tuple[bool, list[str]]:
        result = await agent(ScriptedModel([finish()]), tmp_path).arun("x")
        kinds = [type(e).__name__ async for e in agent(ScriptedModel([finish()]), tmp_path).astream("x")]
        return result.ok, kinds

    ok, kinds = asyncio.run(main())
    assert ok and kinds[-1] == "Finished"


def test_trace_is_written_redacted_and_resumable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_API_KEY", "supersecretvalue123")
    work = tmp_path / "work"
    work.mkdir()
    trace = tmp_path / "run.jsonl"
    first = ScriptedModel([write("a.txt", "key=supersecretvalue123\n")])
    stopped = agent(first, work, trace=trace, max_steps=1).run("write a.txt with the key")
    assert stopped.stop_reason == "max_steps"
    text = trace.read_text()
    assert "supersecretvalue123" not in text and "[redacted]" in text
    second = ScriptedModel([finish("resumed")])
    resumed = agent(second, work, max_steps=5).resume(trace)
    assert resumed.ok and resumed.answer == "resumed" and resumed.steps == 2
    assert second.calls[0].messages[-1].role == "tool"  # the history was restored
    session = load_session(trace)
    assert session.finished and session.task == "write a.txt with the key"


def test_a_trace_replays_deterministically(tmp_path: Path) -> None:
    trace = tmp_path / "run.jsonl"
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    original = agent(ScriptedModel([write("a.py", "x = 1\n"), finish()]), tmp_path / "one", trace=trace).run(
        "x"
    )
    replayed = agent(replay_model(trace), tmp_path / "two").run("x")
    assert (tmp_path / "two" / "a.py").read_text() == "x = 1\n"
    calls = [(e.call.name, e.call.arguments) for e in replayed.events if isinstance(e, ToolFinished)]
    assert calls == [(e.call.name, e.call.arguments) for e in original.events if isinstance(e, ToolFinished)]


def test_grammar_constrains_native_calls_to_the_tools(tmp_path: Path) -> None:
    model = ScriptedModel([finish()])
    agent(model, tmp_path).run("x")
    grammar = model.calls[0].grammar
    assert grammar is not None and '"\\"write_file\\""' in grammar.gbnf
    unconstrained = ScriptedModel([finish()])
    agent(unconstrained, tmp_path, protocol=NativeTurns(constrain=False)).run("x")
    assert unconstrained.calls[0].grammar is None


def test_files_named_in_the_task_are_read_up_front(tmp_path: Path) -> None:
    (tmp_path / "calc.py").write_text("def add(a, b):\n    return a - b\n")
    model = ScriptedModel([write("calc.py", "def add(a, b):\n    return a + b\n"), finish()])
    result = agent(model, tmp_path).run("Fix add() in calc.py; also see missing.py")
    first = model.calls[0].messages
    assert first[2].tool_calls[0].name == "read_file" and "return a - b" in first[3].content
    assert len(first) == 4  # missing.py does not exist, so it is not read
    assert result.ok and "+    return a + b" in result.diff  # the read satisfied the read-before-write guard


def test_method_names_in_the_task_are_not_taken_for_files(tmp_path: Path) -> None:
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "store.py").write_text("class Store:\n    def update(self): ...\n")
    (tmp_path / "shop" / "cache.py").write_text("class Cache: ...\n")
    model = ScriptedModel([finish()])
    task = "Does Store.update in shop/store.py call Cache.forget from shop/cache.py (see NOTES.md)?"
    agent(model, tmp_path, preload_files=2).run(task)
    reads = [m.tool_calls[0].arguments["path"] for m in model.calls[0].messages if m.tool_calls]
    assert reads == ["shop/store.py", "shop/cache.py"]  # not "Store.update", not "Cache.forget"


def test_files_in_sample_commands_and_output_are_not_files_to_write() -> None:
    task = (
        "Write wc.py, runnable as `python wc.py [-l] FILE...`: one line per file, e.g. `3 12 70 notes.txt`; "
        "put the usage in `docs/usage.md` and run `python gen.py --out report.csv` first."
    )
    assert named_files(task, lambda path: False) == ("wc.py", "docs/usage.md")
    assert named_files(task, lambda path: path == "gen.py") == ("wc.py", "docs/usage.md", "gen.py")


def test_files_in_a_quoted_sample_are_not_files_to_write() -> None:
    task = (
        'links.py returns one string like \'a.html" class="x">A</a> <a href="b.html\' for two links. '
        "Don't touch main.py; it's \"fine as it is\" (see notes.md)."
    )
    assert named_files(task, lambda path: False) == ("links.py", "main.py", "notes.md")
    assert named_files(task, lambda path: path == "b.html") == ("links.py", "b.html", "main.py", "notes.md")


def test_a_file_name_with_two_suffixes_is_one_file() -> None:
    task = "Write units.test.js (node:test) for units.js, as in app.spec.ts. Do not modify units.js."
    assert named_files(task, lambda path: False) == ("units.test.js", "units.js", "app.spec.ts")
    assert to_write(task, named_files(task, lambda path: False)) == {"units.test.js"}
    assert named_files("Call os.path.join from shop.example.com.", lambda path: False) == ()


def test_an_image_the_task_names_is_not_a_file_to_write() -> None:
    task = 'Create card.html with an <img> (src "img/lamp.jpg") and a link to docs/help.html.'
    assert named_files(task, lambda path: False) == ("card.html", "docs/help.html")
    assert named_files(task, lambda path: path == "img/lamp.jpg") == ("card.html", "docs/help.html")


def test_rewriting_a_file_as_it_is_is_resampled_hotter(tmp_path: Path) -> None:
    (tmp_path / "calc.py").write_text("def add(a, b):\n    return a - b\n")
    same = write("calc.py", "def add(a, b):\n    return a - b\n")
    fixed = write("calc.py", "def add(a, b):\n    return a + b\n")
    model = ScriptedModel([read("calc.py"), same, fixed, finish()])
    result = agent(model, tmp_path, preload_files=0).run("make add() add")
    assert [e.temperature for e in result.events if isinstance(e, Retried)] == [0.7]
    assert result.ok and "+    return a + b" in result.diff


def test_a_change_task_cannot_finish_with_nothing_changed(tmp_path: Path) -> None:
    model = ScriptedModel([finish("looks fine"), write("calc.py", "x = 1\n"), finish()])
    result = agent(model, tmp_path).run("Add calc.py with x = 1")
    assert "No file has changed yet" in model.calls[1].messages[-1].content
    assert '"\\"finish\\""' not in (model.calls[1].grammar.gbnf if model.calls[1].grammar else "")
    assert result.ok and result.files_changed == ["calc.py"]
    stubborn = ScriptedModel([finish("looks fine"), read("calc.py"), finish("nothing to do")])
    again = agent(stubborn, tmp_path).run("Fix calc.py")
    assert again.stop_reason == "finished" and not again.ok  # told, and finished anyway
    question = ScriptedModel([finish("x is 1")])
    assert agent(question, tmp_path).run("Which value does calc.py give x?").ok


def test_a_finish_before_any_change_does_not_use_up_the_refusal_of_a_failing_check(tmp_path: Path) -> None:
    broken, fixed = "def f():\n    return units.PI\n", "import units\n\n\ndef f():\n    return units.PI\n"
    model = ScriptedModel(
        [finish("done"), write("m.py", broken), finish("fixed"), write("m.py", fixed), finish()]
    )
    result = agent(model, tmp_path).run("Add m.py with f() returning pi")
    assert "No file has changed yet" in model.calls[1].messages[-1].content
    assert (
        "Not done yet" in model.calls[3].messages[-1].content
        and "'units'" in model.calls[3].messages[-1].content
    )
    assert result.ok and (tmp_path / "m.py").read_text() == fixed


def test_staged_turns_ask_for_the_file_whose_check_failed_a_finish(tmp_path: Path) -> None:
    stages = [
        "write_file", '{"path": "m.py"}', "def f():\n    return units.PI\n",
        "finish", '{"summary": "done"}',  # refused: m.py fails its check
        "import units\n\n\ndef f():\n    return units.PI\n",  # asked for m.py: the content alone
        "finish", '{"summary": "done"}',
    ]  # fmt: skip
    model = ScriptedModel(stages)
    result = Agent(model=model, workspace=Workspace(tmp_path), protocol=StagedTurns()).run(
        "Add m.py: f() gives pi"
    )
    asked = model.calls[5].messages[-2].content  # the focused prompt for m.py, with what failed
    assert "Check failed for m.py: undefined names" in asked and "m.py" in asked
    assert result.ok and (tmp_path / "m.py").read_text().startswith("import units")


def test_a_file_asked_for_because_it_fails_its_check_is_not_done_when_written_back_as_is(
    tmp_path: Path,
) -> None:
    failing = "def f():\n    return units.PI\n"
    stages = [
        "write_file", '{"path": "m.py"}', failing,
        "finish", '{"summary": "done"}',  # refused: m.py fails its check
        failing,  # asked for m.py, the model writes it back: a repeat, not "needs no change"
        "import units\n\n\ndef f():\n    return units.PI\n",  # sampled again, hotter
        "finish", '{"summary": "done"}',
    ]  # fmt: skip
    model = ScriptedModel(stages)
    result = Agent(model=model, workspace=Workspace(tmp_path), protocol=StagedTurns()).run(
        "Add m.py: f() gives pi"
    )
    assert any(isinstance(e, Retried) and e.call.name == "write_file" for e in result.events)
    assert model.calls[5].sampling.temperature == 0.0 and model.calls[6].sampling.temperature == 0.7
    assert result.ok and (tmp_path / "m.py").read_text().startswith("import units")


def test_a_finish_summary_cut_off_at_the_length_limit_still_finishes(tmp_path: Path) -> None:
    running_on = Completion(text='{"summary": "Wrote f.py, f.py, f.py, f.py', finish_reason="length")
    stages: list[str | Completion] = ["write_file", '{"path": "f.py"}', "X = 1\n", "finish", running_on]
    model = ScriptedModel(stages)
    result = Agent(model=model, workspace=Workspace(tmp_path), protocol=StagedTurns()).run("Write f.py")
    assert model.remaining == 0 and result.ok and result.steps == 2
    assert result.answer == "Wrote f.py, f.py, f.py, f.py"
    cut_path = Completion(text='{"path": "f.p', finish_reason="length")  # other arguments: not guessed at
    model = ScriptedModel(["read_file", cut_path, "finish", '{"summary": "done"}'])
    Agent(model=model, workspace=Workspace(tmp_path), protocol=StagedTurns()).run("Read f.py")
    told = [m.content for m in model.calls[2].messages if m.role == "user"]
    assert any("The arguments of read_file were not a JSON object" in text for text in told)


@pytest.mark.parametrize(
    ("reason", "told"),
    [("length", "cut off at the length limit"), ("repetition", "repeated the same lines over and over")],
)
def test_a_reply_cut_off_or_stopped_in_a_loop_is_followed_by_a_hotter_penalized_turn(
    tmp_path: Path, reason: FinishReason, told: str
) -> None:
    looping = Completion(text="def test_a():\n    assert f('a, a, a, a, a, a", finish_reason=reason)
    stages: list[str | Completion] = [
        "write_file", '{"path": "test_f.py"}', looping,  # cut off: not a call
        "write_file", '{"path": "test_f.py"}', "def test_a():\n    assert True\n",
        "finish", '{"summary": "done"}',
    ]  # fmt: skip
    model = ScriptedModel(stages)
    result = Agent(model=model, workspace=Workspace(tmp_path), protocol=StagedTurns()).run("Write test_f.py")
    assert told in model.calls[3].messages[-2].content
    assert model.calls[2].sampling.stop_repeated_lines == REPEATED_LINES  # a file's payload only
    assert model.calls[0].sampling.stop_repeated_lines == model.calls[1].sampling.stop_repeated_lines == 0
    assert model.calls[2].sampling.temperature == 0.0 and model.calls[3].sampling.temperature == 0.7
    assert model.calls[2].sampling.repeat_penalty == 1.0 and model.calls[3].sampling.repeat_penalty > 1.0
    assert model.calls[6].sampling.temperature == 0.0  # one hotter turn, then greedy again
    assert model.calls[6].sampling.repeat_penalty == 1.0
    assert result.ok and (tmp_path / "test_f.py").exists()


def test_a_finish_that_leaves_a_named_file_untouched_gets_one_reminder(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("A = 1\n")
    (tmp_path / "b.py").write_text("B = 1\n")
    (tmp_path / "test_a.py").write_text("from a import A\n")
    model = ScriptedModel([write("a.py", "A = 2\n"), finish(), write("b.py", "B = 2\n"), finish()])
    result = agent(model, tmp_path).run("Set A in a.py and B in b.py to 2; test_a.py must still pass.")
    assert "also names b.py, which you have not changed" in model.calls[2].messages[-1].content
    assert result.ok and result.files_changed == ["a.py", "b.py"]
    once = ScriptedModel([write("a.py", "A = 3\n"), finish(), finish("b.py needs no change")])
    again = agent(once, tmp_path).run("Set A in a.py to 3; b.py shows how.")
    assert again.ok and again.answer == "b.py needs no change"  # a reminder, not a refusal


def test_staged_turns_ask_for_each_named_file_a_finish_left_unchanged(tmp_path: Path) -> None:
    for name in "abc":
        (tmp_path / f"{name}.py").write_text(f"{name.upper()} = 1\n")
    stages = ["write_file", '{"path": "a.py"}', "A = 2\n", "finish", "{}"]
    stages += ["B = 2\n", "C = 1\n"]  # asked for b.py, then c.py: only their content is written
    stages += ["finish", "{}"]
    model = ScriptedModel(stages)
    result = Agent(model=model, workspace=Workspace(tmp_path), protocol=StagedTurns()).run(
        "Set A in a.py and B in b.py to 2; c.py may need it too."
    )
    assert model.remaining == 0 and result.ok
    assert result.files_changed == ["a.py", "b.py"] and (tmp_path / "c.py").read_text() == "C = 1\n"
    asked_b, asked_c = model.calls[5].messages, model.calls[6].messages
    assert asked_b[1].content.endswith("content of `b.py` in a single fenced code block.")
    assert "The task names b.py, which has not changed yet" in asked_b[1].content
    assert asked_c[1].content.endswith("content of `c.py` in a single fenced code block.")
    # c.py written as it was is an answer (it needs no change), not a repeat to resample hotter
    assert not [e for e in result.events if isinstance(e, Retried)]
    assert "c.py needs no change" in model.calls[7].messages[-2].content


def test_a_file_asked_for_waits_while_an_escalated_turn_chooses(tmp_path: Path) -> None:
    for name in "ab":
        (tmp_path / f"{name}.py").write_text(f"{name.upper()} = 1\n")
    unsure = Completion(text="B = 1\n", logprobs=(TokenLogprob(token="B", logprob=-4.0),))
    small = ScriptedModel(["write_file", '{"path": "a.py"}', "A = 2\n", "finish", "{}", unsure])
    small.push("B = 2\n", "finish", "{}")  # b.py is asked for again after the bigger model's turn
    big = ScriptedModel([read("a.py")])
    policy = Escalation(big, min_mean_logprob=-1.0, turns=1)
    result = Agent(
        model=small, workspace=Workspace(tmp_path), protocol=StagedTurns(), escalate_to=policy
    ).run("Set A in a.py and B in b.py to 2.")
    assert result.escalations == 1 and len(big.calls) == 1
    assert small.remaining == 0 and result.ok and result.files_changed == ["a.py", "b.py"]


def pricing_project(root: Path) -> None:
    (root / "pricing.py").write_text("def total(prices):\n    return sum(prices)\n")
    shop = "from pricing import total\n\n\ndef checkout(cart):\n    return total(cart)\n"
    (root / "shop.py").write_text(shop)
    (root / "report.py").write_text("from pricing import total\n\nTOTAL = total([1, 2])\n")


def test_files_that_use_a_changed_signature_come_next_with_the_map(tmp_path: Path) -> None:
    pricing_project(tmp_path)
    new_pricing = "def total(prices, discount):\n    return sum(prices) - discount\n"
    edit = ["write_file", '{"path": "pricing.py"}', new_pricing, "finish", "{}"]
    task = "Give total() in pricing.py a discount parameter that is subtracted from the sum."
    keep_report = "from pricing import total\n\nTOTAL = total([1, 2])\n"
    new_shop = "from pricing import total\n\n\ndef checkout(cart):\n    return total(cart, 0)\n"
    model = ScriptedModel([*edit, keep_report, new_shop, "finish", "{}"])
    result = Agent(model=model, workspace=Workspace(tmp_path), protocol=StagedTurns()).run(task)
    assert model.remaining == 0 and result.ok
    assert result.files_changed == ["pricing.py", "shop.py"]
    asked_shop = model.calls[6].messages[1].content
    assert "These lines of shop.py use definitions changed in another file:" in asked_shop
    assert "line 5: return total(cart)" in asked_shop
    assert "def total(prices, discount):" in asked_shop  # the new definition is shown with it
    (tmp_path / "plain").mkdir()
    pricing_project(tmp_path / "plain")
    plain = ScriptedModel(edit)
    alone = Agent(
        model=plain, workspace=Workspace(tmp_path / "plain"), protocol=StagedTurns(), repo_map=False
    ).run(task)
    assert plain.remaining == 0 and alone.ok and alone.files_changed == ["pricing.py"]


def test_finish_is_off_the_menu_while_checks_fail_and_nothing_changed(tmp_path: Path) -> None:
    model = ScriptedModel(
        [write("m.py", "def f(:\n"), finish(), write("m.py", "def f():\n    pass\n"), finish()]
    )
    result = agent(model, tmp_path).run("write m.py")
    finish_rule = '"\\"finish\\""'
    grammars = [c.grammar.gbnf if c.grammar else "" for c in model.calls]
    assert finish_rule in grammars[1]  # finishing allowed: nothing refused yet
    assert finish_rule not in grammars[2]  # refused once, nothing changed since
    assert finish_rule in grammars[3]  # a change was made: finishing is allowed again
    assert result.ok


def test_failing_tests_are_shown_first_and_protected(tmp_path: Path) -> None:
    (tmp_path / "calc.py").write_text("def add(a, b):\n    return a - b\n")
    (tmp_path / "test_calc.py").write_text(
        "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n"
    )
    model = ScriptedModel(
        [
            write("test_calc.py", "def test_add():\n    pass\n"),  # "fixing" the test is refused
            write("calc.py", "def add(a, b):\n    return a + b\n"),
            finish("fixed add"),
        ]
    )
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("test_calc.py fails. Fix calc.py.")
    first = model.calls[0].messages
    assert any("tests fail now" in m.content and "assert -1 == 5" in m.content for m in first)
    refused = next(e for e in result.events if isinstance(e, ToolFinished))
    assert not refused.ok and "failing tests" in refused.output
    assert "assert add(2, 3) == 5" in (tmp_path / "test_calc.py").read_text()
    runs = [e for e in result.events if isinstance(e, TestsRan)]
    assert not runs[0].ok and runs[-1].ok
    assert result.ok and result.stop_reason == "finished"


def test_staged_turns_keep_writes_off_the_failing_tests(tmp_path: Path) -> None:
    (tmp_path / "calc.py").write_text("def add(a, b):\n    return a - b\n")
    (tmp_path / "test_calc.py").write_text(
        "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n"
    )
    stages = [
        "write_file",
        '{"path": "calc.py"}',
        "def add(a, b):\n    return a + b\n",
        "finish",
        '{"summary": "ok"}',
    ]
    model = ScriptedModel(stages)
    result = Agent(model=model, workspace=Workspace(tmp_path), protocol=StagedTurns()).run(
        "test_calc.py fails. Fix calc.py."
    )
    path_schema = model.calls[1].grammar.json_schema["properties"]["path"]  # type: ignore[index,union-attr]
    assert path_schema == {"enum": ["calc.py"]}  # test_calc.py is named in the task but protected
    assert model.calls[0].grammar is not None and '"finish"' not in model.calls[0].grammar.gbnf
    assert result.ok and "return a + b" in (tmp_path / "calc.py").read_text()


@pytest.mark.parametrize(
    ("task", "kept"),
    [
        ("Fix a.py. Do not change b.py or c.py; thanks.", {"b.py", "c.py"}),
        ("At least 6 tests. Do not modify\nbounded_queue.py.", {"bounded_queue.py"}),
        ("At least 5 tests. Do\nnot modify bounded_queue.py.", {"bounded_queue.py"}),  # a wrapped line
        ("Don't touch `conf/settings.json`.", {"conf/settings.json"}),
        ("Do not change the signature of parse() in a.py.", set()),  # the signature is kept, not a.py
        ("Fix a.py; the output must not change.", set()),
    ],
)
def test_the_files_a_task_says_not_to_change(task: str, kept: set[str]) -> None:
    assert kept_as_is(task, ("a.py", "b.py", "c.py", "bounded_queue.py", "conf/settings.json")) == kept


@pytest.mark.parametrize(
    ("task", "asked"),
    [
        ("Write test_cal.py (pytest) that checks cal.py.", {"test_cal.py"}),
        ("Create a new file `src/app.ts` for the routes.", {"src/app.ts"}),
        ("Turn debug on instead of reading it from settings.toml.", set()),
        ("Write pytest tests for cal.py and the helpers that it imports from util.py.", {"cal.py"}),
    ],
)
def test_the_files_a_task_asks_to_write(task: str, asked: set[str]) -> None:
    assert to_write(task, ("cal.py", "test_cal.py", "src/app.ts", "settings.toml", "util.py")) == asked


def test_a_file_the_task_says_not_to_change_is_kept_and_not_asked_for(tmp_path: Path) -> None:
    code = "def double(n):\n    return 2 * n\n"
    (tmp_path / "maths.py").write_text(code)
    tests = "from maths import double\n\n\ndef test_double():\n    assert double(2) == 4\n"
    model = ScriptedModel(
        [
            read("maths.py"),
            write("maths.py", "def double(n):\n    return n + n\n"),  # refused
            write("test_maths.py", tests),
            finish(),  # no round over maths.py: the task keeps it
        ]
    )
    task = "Write pytest tests for maths.py in test_maths.py. Do not modify maths.py."
    assert kept_as_is(task, ("maths.py", "test_maths.py")) == {"maths.py"}
    result = Agent(model=model, workspace=Workspace(tmp_path)).run(task)
    refused = [e for e in result.events if isinstance(e, ToolFinished) and not e.ok]
    assert len(refused) == 1 and "the task says not to change maths.py" in refused[0].output
    assert (tmp_path / "maths.py").read_text() == code
    assert result.ok and len(model.calls) == 4 and (tmp_path / "test_maths.py").read_text() == tests


def test_staged_turns_write_first_the_missing_file_the_task_names(tmp_path: Path) -> None:
    stages = [
        "write_file",
        '{"path": "solution.py"}',
        "def is_even(n):\n    return n % 2 == 0\n",
        "write_file",
        '{"path": "NOTES.md"}',
        "is_even is in solution.py\n",
        "finish",
        '{"summary": "ok"}',
    ]
    model = ScriptedModel(stages)
    result = Agent(model=model, workspace=Workspace(tmp_path), protocol=StagedTurns()).run(
        "Write is_even(n) in solution.py."
    )
    first, second = (model.calls[i].grammar.json_schema["properties"]["path"] for i in (1, 4))  # type: ignore[index,union-attr]
    assert first == {"enum": ["solution.py"]}  # not a file of the model's own naming
    assert "enum" not in second  # after the first write, any path
    assert result.ok and (tmp_path / "NOTES.md").exists()


def test_the_first_write_is_narrowed_only_while_a_named_file_is_missing(tmp_path: Path) -> None:
    def first_path_schema(task: str, root: Path) -> object:
        model = ScriptedModel(["write_file", '{"path": "greet.py"}', "print('hi')\n"])
        agent = Agent(model=model, workspace=Workspace(root), protocol=StagedTurns(), max_steps=1)
        agent.run(task)
        return model.calls[1].grammar.json_schema["properties"]["path"]  # type: ignore[index,union-attr]

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "README.md").write_text("The tool greets.\n")
    assert first_path_schema("Write greet.py as README.md says.", tmp_path / "a") == {
        "enum": ["greet.py", "README.md"]
    }
    assert "enum" not in first_path_schema("Do what README.md says.", tmp_path / "b")  # type: ignore[operator]


class KeepingModel(ScriptedModel):
    """A scripted model that can keep a conversation's state, as a ``Runtime`` can."""

    def __init__(self, replies: list[str]) -> None:
        super().__init__(replies)
        self.kept: list[tuple[int, list[Message]]] = []  # (calls made before, the conversation)

    def keep_state(self, messages: Sequence[Message], tools: Sequence[ToolSpec] = ()) -> int:
        self.kept.append((len(self.calls), list(messages)))
        return len(messages)


STAGES = ["write_file", '{"path": "solution.py"}', "X = 1\n", "finish", '{"summary": "ok"}']


def test_the_history_state_is_kept_before_a_focused_prompt_takes_the_cache(tmp_path: Path) -> None:
    model = KeepingModel(STAGES)
    Agent(model=model, workspace=Workspace(tmp_path), protocol=StagedTurns()).run("Write X in solution.py.")
    ((before, kept),) = model.kept  # once: the finish turn has no payload
    assert before == 2  # after the menu and the arguments, before the payload's focused prompt
    history = model.calls[1].messages
    assert kept == list(history[:-1])  # the history without the reply being written
    assert model.calls[2].messages[0] != history[0]  # the payload's prompt is another conversation


def test_no_state_is_kept_when_the_protocol_is_told_not_to(tmp_path: Path) -> None:
    model = KeepingModel(STAGES)
    protocol = StagedTurns(keep_state=False)
    Agent(model=model, workspace=Workspace(tmp_path), protocol=protocol).run("Write X in solution.py.")
    assert model.kept == [] and len(model.calls) == len(STAGES)


def test_a_project_with_several_source_files_gets_a_repo_map(tmp_path: Path) -> None:
    (tmp_path / "shop.py").write_text(
        "from pricing import total\n\n\ndef checkout(cart):\n    return total(cart)\n"
    )
    (tmp_path / "pricing.py").write_text("def total(prices):\n    return sum(prices)\n")
    (tmp_path / "report.py").write_text("def summary(rows):\n    return len(rows)\n")
    mapped = ScriptedModel([finish()])
    agent(mapped, tmp_path).run("Give total() in pricing.py a discount parameter.")
    system = mapped.calls[0].messages[0].content
    assert "most relevant files" in system and "def total(prices)" in system
    plain = ScriptedModel([finish()])
    agent(plain, tmp_path, repo_map=False).run("Give total() in pricing.py a discount parameter.")
    assert "most relevant files" not in plain.calls[0].messages[0].content


def test_a_whole_file_is_written_from_a_focused_prompt(tmp_path: Path) -> None:
    (tmp_path / "calc.py").write_text("def add(a, b):\n    return a - b\n")
    (tmp_path / "test_calc.py").write_text(
        "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n"
    )
    stages = ["write_file", '{"path": "calc.py"}', "def add(a, b):\n    return a + b\n", "finish", "{}"]
    model = ScriptedModel(stages)
    result = Agent(model=model, workspace=Workspace(tmp_path), protocol=StagedTurns()).run(
        "test_calc.py fails. Fix calc.py."
    )
    payload = model.calls[2].messages
    # not the history of actions and results: the task, the files as they are, what fails, one instruction
    assert [m.role for m in payload] == ["system", "user", "assistant"]
    assert payload[-1].content == "```python\n"
    asked = payload[1].content
    assert asked.startswith("test_calc.py fails. Fix calc.py.")
    assert "return a - b" in asked and "assert add(2, 3) == 5" in asked
    assert "Tests fail" in asked and asked.endswith("content of `calc.py` in a single fenced code block.")
    assert asked.index("calc.py:\n```python\ndef add") < asked.index("test_calc.py:\n```")  # target first
    assert result.ok and (tmp_path / "calc.py").read_text() == "def add(a, b):\n    return a + b\n"


def test_a_focused_file_may_run_past_the_turns_reply_limit_as_far_as_the_window_allows(
    tmp_path: Path,
) -> None:
    def limits(window: int) -> list[int]:
        model = ScriptedModel(STAGES, context_window=window)
        folder = tmp_path / str(window)
        folder.mkdir()
        Agent(model=model, workspace=Workspace(folder), protocol=StagedTurns()).run("Write X in solution.py.")
        return [call.sampling.max_tokens for call in model.calls]

    # the menu, the path, the file (from its focused prompt), the menu, the finish's summary
    assert limits(8192) == [16, 200, 2048, 16, 200]
    narrow = limits(1500)[2]
    turn_limit = Agent(
        model=ScriptedModel(context_window=1500), workspace=Workspace(tmp_path)
    ).sampling.max_tokens
    assert turn_limit < narrow < 1500  # past the turn's own limit, within the window's room


def test_a_new_file_is_asked_for_as_new() -> None:
    files = {"pkg/__init__.py": "REGISTRY = {}\n"}
    focus = Focus(task="Add pkg/count.py.", read=files.get, files=("pkg/__init__.py",))
    new = focus.messages("pkg/count.py")
    assert new is not None
    assert "`pkg/count.py` does not exist yet. Reply with the content of this new file" in new[1].content
    old = focus.messages("pkg/__init__.py")
    assert old is not None and old[1].content.endswith(
        "new content of `pkg/__init__.py` in a single fenced code block."
    )
    tests = focus.messages("tests/test_count.py")  # a new test file: tests, not the code again
    assert tests is not None and "It is a test file" in tests[1].content
    assert "not a copy of that code" in tests[1].content


def test_an_edit_that_breaks_a_valid_file_is_not_kept(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("def f():\n    return 1\n")
    model = ScriptedModel([write("m.py", "def f(:\n"), finish(), write("m.py", "def f():\n    return 2\n")])
    model.push(finish())
    result = agent(model, tmp_path).run("change m.py")
    told = model.calls[1].messages[-1].content
    assert "Not saved" in told and "SyntaxError" in told
    assert "Not done yet" in model.calls[2].messages[-1].content  # a finish is no answer to it
    assert result.ok and (tmp_path / "m.py").read_text() == "def f():\n    return 2\n"


def test_a_file_broken_by_an_edit_is_put_back(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("def f():\n    return 1\n")
    model = ScriptedModel([write("m.py", "def f(:\n"), finish(), finish("cannot")])
    result = agent(model, tmp_path).run("change m.py")
    assert (tmp_path / "m.py").read_text() == "def f():\n    return 1\n"  # nothing lost
    assert result.stop_reason == "finished" and not result.ok


def test_a_broken_file_is_not_restored_to_an_equally_broken_one(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("def f(:\n")
    model = ScriptedModel([write("m.py", "def g(:\n"), finish(), finish("cannot")])
    agent(model, tmp_path).run("fix m.py")
    assert (tmp_path / "m.py").read_text() == "def g(:\n"  # the model's version stays: neither passes


def test_rewriting_a_finished_file_unchanged_finishes(tmp_path: Path) -> None:
    model = ScriptedModel([write("m.py", "X = 1\n"), write("m.py", "X = 1\n"), write("m.py", "X = 2\n")])
    result = agent(model, tmp_path).run("create m.py")
    assert result.stop_reason == "finished" and result.ok and result.steps == 2
    assert len(model.calls) == 2  # no hotter resampling of a write that changes nothing
    assert (tmp_path / "m.py").read_text() == "X = 1\n"


def test_the_failing_test_copied_into_the_code_is_not_saved(tmp_path: Path) -> None:
    (tmp_path / "parity.py").write_text("def is_even(n):\n    return n % 2 == 1\n")
    test = "from parity import is_even\n\n\ndef test_even():\n    assert is_even(4)\n"
    (tmp_path / "test_parity.py").write_text(test)
    fixed = "def is_even(n):\n    return n % 2 == 0\n"
    model = ScriptedModel([write("parity.py", test.replace("\n\n\n", "\n\n")), write("parity.py", fixed)])
    model.push(finish())
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("test_parity.py fails. Fix parity.py.")
    assert "Not saved: that holds the code of the test test_parity.py" in model.calls[1].messages[-1].content
    assert result.ok and (tmp_path / "parity.py").read_text() == fixed


def test_the_code_copied_into_the_test_file_it_was_asked_for_is_not_saved(tmp_path: Path) -> None:
    code = '"""Text helpers."""\n\n\ndef shout(text):\n    """Upper-case, one "!"."""\n'
    code += '    return text.upper() + "!"\n'
    (tmp_path / "text.py").write_text(code)
    tests = "from text import shout\n\n\ndef test_shout():\n    assert shout('hi') == 'HI!'\n"
    model = ScriptedModel([read("text.py"), write("test_text.py", code + "\n"), write("test_text.py", tests)])
    model.push(finish())
    model.push(finish())  # after the round over text.py, which the task names
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("Write tests for text.py in test_text.py.")
    told = model.calls[2].messages[-1].content
    assert "Not saved: that is the code of text.py itself, not tests of it" in told
    assert result.ok and (tmp_path / "test_text.py").read_text() == tests


def test_the_code_rewritten_as_the_test_file_with_no_test_in_it_is_not_saved(tmp_path: Path) -> None:
    code = '"""Text helpers."""\n\n\ndef shout(text):\n    return text.upper() + "!"\n'
    (tmp_path / "text.py").write_text(code)
    reworded = '"""Shouting."""\n\nLIMIT = 3\n\n\ndef shout(text):\n    return f"{text.upper()}!"\n'
    tests = "from text import shout\n\n\ndef shout_twice(t):\n    return shout(shout(t))\n\n\n"
    tests += "def test_shout():\n    assert shout_twice('hi') == 'HI!!'\n"
    model = ScriptedModel([read("text.py"), write("test_text.py", reworded), write("test_text.py", tests)])
    model.push(finish())
    model.push(finish())  # after the round over text.py, which the task names
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("Write tests for text.py in test_text.py.")
    assert "Not saved: that is the code of text.py itself" in model.calls[2].messages[-1].content
    assert result.ok and (tmp_path / "test_text.py").read_text() == tests


def test_a_run_that_ends_worse_goes_back_to_its_best_test_run(tmp_path: Path) -> None:
    (tmp_path / "calc.py").write_text("def add(a, b):\n    return 0\n\n\ndef sub(a, b):\n    return 0\n")
    (tmp_path / "test_calc.py").write_text(
        "from calc import add, sub\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\n"
        "def test_sub():\n    assert sub(3, 2) == 1\n"
    )
    better = "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return 0\n"  # 1 failing
    worse = "def add(a, b):\n    return 1\n\n\ndef sub(a, b):\n    return 2\n"  # 2 failing
    model = ScriptedModel([write("calc.py", better), write("calc.py", worse), finish(), finish("cannot")])
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("test_calc.py fails. Fix calc.py.")
    (kept,) = [e for e in result.events if isinstance(e, KeptBest)]
    assert kept.paths == ("calc.py",) and (kept.failing_before, kept.failing_after) == (1, 2)
    assert (tmp_path / "calc.py").read_text() == better and not result.ok
    assert isinstance(result.events[-1], Finished)  # the event comes before the end


def test_a_run_never_ends_worse_than_it_started(tmp_path: Path) -> None:
    (tmp_path / "calc.py").write_text("def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return 0\n")
    (tmp_path / "test_calc.py").write_text(
        "from calc import add, sub\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\n"
        "def test_sub():\n    assert sub(3, 2) == 1\n"
    )
    original = (tmp_path / "calc.py").read_text()
    worse = "def add(a, b):\n    return 1\n\n\ndef sub(a, b):\n    return 2\n"
    model = ScriptedModel([read("calc.py"), write("calc.py", worse), finish(), finish("cannot")])
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("test_calc.py fails. Fix sub.")
    assert (tmp_path / "calc.py").read_text() == original  # calc.py was not named, and still restored
    assert any(isinstance(e, KeptBest) for e in result.events)


def test_code_that_imports_itself_like_its_test_is_not_saved(tmp_path: Path) -> None:
    (tmp_path / "cart.py").write_text("def total(prices):\n    return 0\n")
    test = "from cart import total\n\n\ndef test_total():\n    assert total([1]) == 1\n"
    (tmp_path / "test_cart.py").write_text(test)
    # the code, with the test's import pasted above it
    pasted = "from cart import total\n\n\ndef total(prices):\n    return sum(prices)\n"
    fixed = "def total(prices):\n    return sum(prices)\n"
    model = ScriptedModel([write("cart.py", pasted), write("cart.py", fixed), finish()])
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("test_cart.py fails. Fix cart.py.")
    assert "Not saved" in model.calls[1].messages[-1].content
    assert result.ok and (tmp_path / "cart.py").read_text() == fixed


def test_writing_over_a_file_too_large_to_read_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x" * 5000)
    model = ScriptedModel([write("big.txt", "small\n"), finish()])
    result = Agent(model=model, workspace=Workspace(tmp_path, max_read_bytes=1000), run_tests=False).run("go")
    (done,) = [e for e in result.events if isinstance(e, ToolFinished)]
    assert not done.ok and (tmp_path / "big.txt").read_text() == "x" * 5000
    assert result.stop_reason == "finished"


def test_an_unchanged_rewrite_does_not_finish_while_a_named_file_is_missing(tmp_path: Path) -> None:
    model = ScriptedModel([write("a.py", "A = 1\n"), write("a.py", "A = 1\n"), write("b.py", "B = 2\n")])
    model.push(finish())
    result = agent(model, tmp_path).run("Create a.py and b.py.")
    assert result.ok and (tmp_path / "b.py").read_text() == "B = 2\n"


def asked_for_missing(
    tmp_path: Path, first: tuple[str, str], content: str, task: str
) -> tuple[RunResult, str]:
    """A staged run that writes ``first`` (path, content) and finishes, is asked for the missing file
    the task names, writes ``content`` there and finishes: the result and what it was asked."""
    path, text = first
    stages = ["write_file", json.dumps({"path": path}), text, "finish", "{}"]
    stages += [content, "finish", "{}"]  # asked for the missing file: only its content is written
    model = ScriptedModel(stages)
    result = Agent(model=model, workspace=Workspace(tmp_path), protocol=StagedTurns()).run(task)
    assert model.remaining == 0
    return result, model.calls[5].messages[1].content


def test_a_named_file_is_asked_for_when_the_run_wrote_its_content_elsewhere(tmp_path: Path) -> None:
    code = "def seven():\n    return 7\n"
    task = "Write a function seven() that returns 7. Write it in solution.py."
    result, asked = asked_for_missing(tmp_path, ("seven.txt", code), code, task)
    assert result.ok and (tmp_path / "solution.py").read_text() == code
    assert "solution.py, which does not exist yet; this run wrote seven.txt instead" in asked
    assert asked.endswith(
        "`solution.py` does not exist yet. Reply with the content of this new file "
        "in a single fenced code block."
    )


def test_a_missing_file_the_task_asks_for_is_asked_for_when_the_run_changed_another(tmp_path: Path) -> None:
    (tmp_path / "maths.py").write_text("def double(n):\n    return 2 * n\n")
    tests = "from maths import double\n\n\ndef test_double():\n    assert double(2) == 4\n"
    task = "maths.py doubles numbers. Write test_maths.py (pytest) that checks double."
    doubled = "def double(n):\n    return n + n\n"
    result, asked = asked_for_missing(tmp_path, ("maths.py", doubled), tests, task)
    assert result.ok and (tmp_path / "test_maths.py").read_text() == tests
    assert "test_maths.py, which does not exist yet; this run wrote maths.py instead" in asked


def test_a_missing_named_file_is_not_asked_for_when_the_run_changed_existing_files(tmp_path: Path) -> None:
    (tmp_path / "main.py").write_text("SETTINGS = {}\n")
    stages = ["read_file", '{"path": "main.py"}']
    stages += ["write_file", '{"path": "main.py"}', "SETTINGS = {'debug': True}\n", "finish", "{}"]
    model = ScriptedModel(stages)
    result = Agent(model=model, workspace=Workspace(tmp_path), protocol=StagedTurns()).run(
        "Turn debug on instead of reading it from settings.toml."
    )
    assert model.remaining == 0 and result.ok and result.files_changed == ["main.py"]
    assert not (tmp_path / "settings.toml").exists()


def test_a_definition_dropped_by_a_write_is_pointed_out_then_holds_up_a_finish_once(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("def encode(s):\n    return s[::-1]\n\n\ndef decode(s):\n    pass\n")
    both = "def encode(s):\n    return s[::-1]\n\n\ndef decode(s):\n    return s[::-1]\n"
    model = ScriptedModel(
        [write("m.py", "def decode(s):\n    return s[::-1]\n"), finish(), write("m.py", both)]
    )
    model.push(finish())
    result = agent(model, tmp_path).run("Complete the function `decode` in m.py.")
    assert "m.py no longer defines `encode`" in model.calls[1].messages[-1].content
    assert model.calls[2].messages[-1].content.startswith("Not finished:\nm.py no longer defines `encode`")
    assert result.ok and result.steps == 4 and (tmp_path / "m.py").read_text() == both
    for task in ("Complete `decode` in m.py, the inverse of `encode`.", "Refactor m.py."):
        (tmp_path / "m.py").write_text("def encode(s):\n    return s[::-1]\n\n\ndef decode(s):\n    pass\n")
        model = ScriptedModel([write("m.py", "def decode(s):\n    return s[::-1]\n"), finish()])
        agent(model, tmp_path).run(task)
        assert "no longer defines" not in model.calls[1].messages[-1].content


def test_only_definitions_the_file_had_before_the_run_are_noted_when_dropped(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("def f():\n    pass\n\n\ndef g():\n    pass\n")
    with_helper = "def _twice(x):\n    return 2 * x\n\n\ndef f():\n    return _twice(1)\n\n\ndef g(): ...\n"
    model = ScriptedModel([write("m.py", with_helper), write("m.py", "def f():\n    return 2\n"), finish()])
    model.push(finish("g goes"))
    result = agent(model, tmp_path).run("Make f in m.py return 2.")
    assert result.ok and result.answer == "g goes"  # a reminder once, not a refusal
    told = model.calls[2].messages[-1].content
    assert "m.py no longer defines `g`," in told  # not `_twice`: this run wrote it


@pytest.mark.parametrize(
    ("task", "reshapes"),
    [
        ("Refactor report.py around one format_row.", True),
        ("Remove the module-level state entirely.", True),
        ("Split process_order into helpers.", True),
        ("Complete the function `remove_vowels` in solution.py.", False),  # a name, not a verb
        ("Complete the function `decode_cyclic` in solution.py.", False),
    ],
)
def test_tasks_that_may_remove_definitions_on_purpose_are_told_apart(task: str, reshapes: bool) -> None:
    assert asks_to_reshape(task) is reshapes
