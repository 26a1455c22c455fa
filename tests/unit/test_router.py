from __future__ import annotations

from pathlib import Path

import pytest

from smallcode import (
    Completion,
    Message,
    Sampling,
    ScriptedModel,
    ToolCall,
    UnknownToolError,
    Workspace,
    tool,
)
from smallcode.routing import ANSWER, CALL_OPEN, ROUTE_PREFILL, RoutedTurns, ToolRouter
from smallcode.tools import coding_tools
from smallcode.turns import Steering

TASK = [Message.system("You are a coding agent."), Message.user("Fix the bug in src/app.py")]


@pytest.fixture
def router(tmp_path: Path) -> ToolRouter:
    return ToolRouter(coding_tools(Workspace(tmp_path)))


@pytest.fixture
def strict(router: ToolRouter) -> ToolRouter:
    """The same tools, every constrained part sampled under its grammar at once."""
    return ToolRouter(router.tools, speculate=False)


def test_specs_by_category_and_unknown_names(router: ToolRouter) -> None:
    assert [s.name for s in router.specs("search")] == ["glob", "grep"]
    assert len(router.specs()) == len(router.names) == 9
    with pytest.raises(UnknownToolError, match="Use one of: read_file"):
        router.get("delete_all")


def test_duplicate_names_and_the_reserved_category_are_refused(router: ToolRouter) -> None:
    @tool(category=ANSWER)
    def speak() -> str:
        return ""

    with pytest.raises(ValueError, match="reserved"):
        ToolRouter([speak])
    with pytest.raises(ValueError, match="two tools"):
        ToolRouter([*router.tools[:2], router.tools[0]])


def test_menu_lists_categories_with_their_tools(router: ToolRouter) -> None:
    menu = router.menu()
    assert "- search: search the files for text or names (glob, grep)" in menu
    assert "- answer: answer in words, without a tool" in menu
    assert menu.endswith("Reply with one word: read, search, write, run, plan, answer.")
    assert ANSWER not in router.menu(allow_answer=False)


def test_verbs_map_to_categories_and_new_categories_get_their_own(router: ToolRouter) -> None:
    verbs = router.verbs()
    assert (verbs["open"], verbs["find"], verbs["fix"], verbs["test"], verbs["finish"]) == (
        "read", "search", "write", "run", "plan",
    )  # fmt: skip
    assert "explain" not in router.verbs(allow_answer=False)

    @tool(category="db")
    def query(sql: str) -> str:
        """Run a read-only SQL query."""
        return sql

    custom = ToolRouter([*router.tools, query], categories={"db": "query the database"})
    assert custom.verbs()["query"] == "db" and custom.verbs()["db"] == "db"
    assert "- db: query the database (query)" in custom.menu()


def test_constrained_stage1_completes_a_sentence_under_a_choice_grammar(strict: ToolRouter) -> None:
    model = ScriptedModel([" find"])
    route = strict.stage1(model, TASK, constrain=True)
    assert route.category == "search" and not route.answer
    sent = model.calls[0]
    assert sent.messages[:2] == tuple(TASK) and sent.messages[-1] == Message.assistant(ROUTE_PREFILL)
    assert sent.tools == () and sent.grammar is not None
    assert sent.grammar.gbnf.startswith('root ::= " read" | " open"') and '" explain"' in sent.grammar.gbnf


def test_speculation_keeps_a_valid_free_reply_and_falls_back_to_the_grammar(router: ToolRouter) -> None:
    model = ScriptedModel([" look for the", " check it", " run"])
    assert router.stage1(model, TASK, constrain=True).category == "search"
    assert model.calls[0].grammar is None and model.calls[0].messages[-1] == Message.assistant(ROUTE_PREFILL)
    route = router.stage1(model, TASK, constrain=True)
    assert route.category == "run" and len(route.completions) == 2
    assert model.calls[1].grammar is None and model.calls[2].grammar is not None


def test_speculated_arguments_are_validated_before_they_are_kept(router: ToolRouter) -> None:
    free = ScriptedModel(["grep", ' {"pattern": "x", "required": ["pattern"]'])  # cut at its "}}" stop
    turn = router.stage2(free, TASK, "search", constrain=True)
    assert turn.call is not None and turn.call.arguments == {"pattern": "x"}
    assert [c.grammar for c in free.calls] == [None, None] and free.calls[1].sampling.stop[0] == "}}"
    invalid = ScriptedModel(["grep", '{"pattern": "x", "bogus": 1}}', ' {"pattern": "y"}'])
    turn = router.stage2(invalid, TASK, "search", constrain=True)
    assert turn.call is not None and turn.call.arguments == {"pattern": "y"}
    assert invalid.calls[2].grammar is not None and invalid.calls[2].sampling.stop == ()
    inline = ScriptedModel(["write_file", '{"path": "a.py", "content": "x"', '{"path": "a.py"}', "x = 1"])
    turn = router.stage2(inline, TASK, "write", constrain=True)
    assert turn.call is not None and turn.call.arguments == {"path": "a.py", "content": "x = 1\n"}
    assert inline.calls[2].grammar is not None


@pytest.mark.parametrize(
    ("reply", "category", "answer"),
    [("Search.", "search", False), ("I would read the file first", "read", False), ("answer", None, True)],
)
def test_stage1_reads_unconstrained_replies_leniently(
    router: ToolRouter, reply: str, category: str | None, answer: bool
) -> None:
    model = ScriptedModel([reply])
    route = router.stage1(model, TASK, constrain=False)
    assert (route.category, route.answer, route.problem) == (category, answer, None)
    assert model.calls[0].grammar is None and model.calls[0].messages[-1].content == router.menu()


def test_an_unclear_stage1_reply_falls_back_to_all_tools(router: ToolRouter) -> None:
    call = '<tool_call>{"name": "grep", "arguments": {"pattern": "x"}}</tool_call>'
    model = ScriptedModel(["hmm, not sure", call])
    turn = router.route(model, TASK, constrain=False)
    assert turn.call is not None and turn.call.name == "grep"
    assert {s.name for s in model.calls[1].tools} == set(router.names)


def test_constrained_stage2_shows_the_category_after_the_history(strict: ToolRouter) -> None:
    model = ScriptedModel(["grep", '{"pattern": "def main"}'])
    turn = strict.stage2(model, TASK, "search", constrain=True)
    assert (
        turn.call is not None and turn.call.name == "grep" and turn.call.arguments == {"pattern": "def main"}
    )
    pick, arguments = model.calls
    assert pick.messages[:2] == tuple(TASK) and pick.messages[2] == Message.user(
        strict.tools_prompt(strict.specs("search"))
    )
    assert pick.messages[3] == Message.assistant(CALL_OPEN) and pick.tools == ()
    assert pick.grammar is not None and pick.grammar.gbnf == 'root ::= "glob" | "grep"\n'
    assert arguments.messages[-1].content == CALL_OPEN + 'grep", "arguments":'
    assert arguments.grammar is not None and arguments.grammar.json_schema is not None
    properties = arguments.grammar.json_schema["properties"]
    assert isinstance(properties, dict) and list(properties) == [
        "pattern",
        "path",
        "ignore_case",
        "max_matches",
    ]


def test_payloads_are_written_as_fenced_blocks_outside_the_grammar(strict: ToolRouter) -> None:
    model = ScriptedModel(["write_file", '{"path": "a.py"}', "print('hi')"])
    turn = strict.stage2(model, TASK, "write", constrain=True)
    assert turn.call is not None and turn.call.arguments == {"path": "a.py", "content": "print('hi')\n"}
    _, head, body = model.calls
    assert head.grammar is not None and "content" not in head.grammar.gbnf
    prefill = body.messages[-1].content
    assert prefill.endswith('"arguments": {"path": "a.py"}}\n</tool_call>\ncontent:\n```python\n')
    assert body.grammar is None and "\n```" in body.sampling.stop
    assert len(turn.completions) == 3


def test_cut_off_parts_of_a_call_are_problems(strict: ToolRouter) -> None:
    cut = Completion(text="x = (", finish_reason="length")
    writes = ScriptedModel(["write_file", '{"path": "a.py"}', cut])
    payload = strict.stage2(writes, TASK, "write", constrain=True)
    assert payload.call is None and "cut off" in payload.problems[0]
    arguments = strict.stage2(ScriptedModel(["grep", '{"pattern": ']), TASK, "search", constrain=True)
    assert arguments.call is None and "arguments of your grep call" in arguments.problems[0]


def test_one_tool_categories_and_argumentless_tools_need_fewer_steps(router: ToolRouter) -> None:
    model = ScriptedModel(['{"summary": "done"}', "run_tests"])
    finish = router.stage2(model, TASK, "plan", constrain=True)
    tests = router.stage2(model, TASK, "run", constrain=True)
    assert finish.call is not None and finish.call.arguments == {"summary": "done"}
    assert tests.call is not None and (tests.call.name, tests.call.arguments) == ("run_tests", {})
    assert len(model.calls) == 2


def test_unconstrained_stage2_parses_and_reports(router: ToolRouter) -> None:
    model = ScriptedModel(["<tool_call>{'name': 'read_file', 'arguments': {'path': 'a.py'}}</tool_call>"])
    turn = router.stage2(model, TASK, "read", constrain=False)
    assert turn.call is not None and turn.call.arguments == {"path": "a.py"}
    assert model.calls[0].grammar is None and [s.name for s in model.calls[0].tools] == [
        "read_file",
        "list_files",
    ]
    nuke = ScriptedModel(['<tool_call>{"name": "nuke", "arguments": {}}</tool_call>'])
    bad = router.stage2(nuke, TASK, "read")
    assert bad.call is None and "There is no tool named 'nuke'" in bad.problems[0]


def test_route_runs_both_stages_and_keeps_every_completion(router: ToolRouter) -> None:
    model = ScriptedModel([" open", "read_file", '{"path": "src/app.py"}'])
    turn = router.route(model, TASK, constrain=True)
    assert turn.call is not None and turn.call.arguments == {"path": "src/app.py"}
    assert len(turn.completions) == 3
    assert model.calls[1].messages[2] == Message.user(router.tools_prompt(router.specs("read")))


def test_route_answers_in_words_when_stage1_says_so(router: ToolRouter) -> None:
    model = ScriptedModel([" explain", "It is a typo on line 3."])
    turn = router.route(model, TASK, constrain=True)
    assert turn.call is None and turn.text == "It is a typo on line 3."
    assert model.calls[1].messages == tuple(TASK) and model.calls[1].grammar is None


def test_route_skips_stage1_when_the_category_is_given_or_obvious(strict: ToolRouter) -> None:
    model = ScriptedModel(["run_tests", "grep", '{"pattern": "TODO"}'])
    strict.route(model, TASK, category="run", constrain=True)
    strict.route(model, [Message.user("Use grep to find the TODOs")], constrain=True)
    assert [c.grammar.gbnf if c.grammar else "" for c in model.calls[:2]] == [
        'root ::= "run_command" | "run_tests"\n',
        'root ::= "glob" | "grep"\n',
    ]
    single = ToolRouter([t for t in strict.tools if t.category == "read"])
    assert single.obvious_category(TASK) == "read"


def test_routing_sends_fewer_schema_tokens_than_all_tools(router: ToolRouter) -> None:
    model = ScriptedModel()
    plain = model.count_tokens(TASK)
    everything = model.count_tokens(TASK, router.specs()) - plain
    largest = max(
        model.count_tokens([*TASK, Message.user(router.tools_prompt(router.specs(c)))]) - plain
        for c in router.categories
    )
    assert largest <= everything / 2


def test_execute_types_failures_and_counts_them_per_tool(router: ToolRouter, tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    unknown = router.execute(ToolCall(name="nuke"))
    assert (unknown.ok, unknown.error, unknown.failures) == (False, "unknown_tool", 1)
    bad = router.execute(ToolCall(name="read_file", arguments={"path": "a.py", "start": -1}))
    assert bad.error == "bad_arguments" and bad.output.startswith("Error: Invalid arguments for read_file")
    failed = router.execute(ToolCall(name="read_file", arguments={"path": "missing.py"}))
    assert failed.error == "failed" and failed.failures == 2 and "failed 2 times in a row" in failed.output
    third = router.execute(ToolCall(name="read_file", arguments={"path": "missing.py"}))
    assert third.exhausted and "Do not call it the same way again" in third.output
    assert router.failures == {"nuke": 1, "read_file": 3}
    ok = router.execute(ToolCall(name="read_file", arguments={"path": "a.py"}))
    assert ok.ok and ok.output == "   1| x = 1" and ok.error is None
    assert router.failures == {"nuke": 1}


def test_routed_turns_plug_into_the_turn_protocol(router: ToolRouter) -> None:
    protocol = RoutedTurns(router, constrain=True)
    model = ScriptedModel([" finish", '{"summary": "done"}'])
    assert "<tool_call>" in protocol.system_prompt("Base.", router.specs())
    turn = protocol.next_turn(model, TASK, router.specs(), Sampling())
    assert turn.call is not None and turn.call.name == "finish" and turn.call.arguments == {"summary": "done"}


def test_routed_turns_leave_out_what_steering_excludes(router: ToolRouter) -> None:
    protocol = RoutedTurns(router, constrain=True)
    model = ScriptedModel([" finish", " run", "run_tests"])
    turn = protocol.next_turn(model, TASK, router.specs(), Sampling(), Steering(exclude=("finish",)))
    assert turn.call is not None and turn.call.name == "run_tests"
    grammar = model.calls[1].grammar
    assert grammar is not None and '" finish"' not in grammar.gbnf and '" run"' in grammar.gbnf
    assert router.without({"finish"}).categories == ["read", "search", "write", "run"]
    assert router.without(set(router.names)).names == router.names
