"""LenientParser on the corpus and on the behaviours the corpus cannot name one by one."""

from __future__ import annotations

import json
from typing import Annotated

import pytest
from pydantic import Field

from smallcode import LenientParser, ParseIssue, ParseResult, ToolSpec, tool
from smallcode.bench.parser import Case, load_corpus, load_tools, run_case

TOOLS = load_tools()
PARSER = LenientParser(TOOLS)
CORPUS = [case for case in load_corpus() if case.expected is not None]


def calls(result: ParseResult) -> list[tuple[str, dict[str, object]]]:
    return [(call.name, call.arguments) for call in result.calls]


def kinds(result: ParseResult) -> list[str]:
    return [issue.kind for issue in result.issues]


@pytest.mark.parametrize("case", CORPUS, ids=[case.id for case in CORPUS])
def test_corpus_case(case: Case) -> None:
    outcome = run_case(PARSER, case)
    assert outcome.passed, (
        f"calls={outcome.calls} issues={outcome.issues} expected={case.expected} {case.issues}"
    )


def test_corpus_is_large_and_covers_every_kind() -> None:
    assert len(CORPUS) >= 150
    assert sum(case.real for case in CORPUS) >= 20  # outputs the embedded model really wrote
    assert {case.kind for case in CORPUS} == {"recoverable", "unrecoverable", "no_call"}


# -- the contract -------------------------------------------------------------------------------


def test_text_is_the_prose_without_the_call() -> None:
    result = PARSER.parse(
        'Let me look.\n<tool_call>\n{"name": "read_file", "arguments": {"path": "a.py"}}\n</tool_call>\nDone.'
    )
    assert calls(result) == [("read_file", {"path": "a.py"})]
    assert result.text == "Let me look.\n\nDone."
    assert result.ok and result.feedback() == ""


def test_prose_joins_around_inline_calls_and_keeps_indentation() -> None:
    inline = PARSER.parse('I will call {"name": "read_file", "arguments": {"path": "a.py"}} now.')
    assert inline.text == "I will call now."
    block = PARSER.parse(
        'Code:\n<tool_call>{"name": "list_files", "arguments": {}}</tool_call>\n\n    x = 1\n'
    )
    assert block.text == "Code:\n\n    x = 1"


def test_a_fence_that_only_held_the_call_leaves_the_text() -> None:
    result = PARSER.parse('Reading it:\n```json\n{"name": "read_file", "arguments": {"path": "a.py"}}\n```')
    assert result.text == "Reading it:"


def test_each_call_has_an_origin_with_its_shape_and_fixes() -> None:
    result = PARSER.parse("{'tool': 'readFile', 'args': {'file': 'a.py', 'start': '2'}}")
    assert calls(result) == [("read_file", {"path": "a.py", "start": 2})]
    (origin,) = result.origins
    assert origin.shape == "json" and origin.repaired
    assert set(origin.fixes) == {
        "renamed tool readFile to read_file",
        "renamed file to path",
        "coerced start",
    }


def test_without_tools_explicit_calls_still_come_back_unchecked() -> None:
    parser = LenientParser()
    result = parser.parse('<tool_call>{"name": "anything", "arguments": {"x": 1}}</tool_call>')
    assert calls(result) == [("anything", {"x": 1})]
    assert not LenientParser().parse('{"name": "read_file", "path": "a.py"}').calls
    assert not LenientParser().parse("name: read_file\npath: a.py").calls


def test_a_tool_schema_without_additional_properties_still_rejects_unknown_keys() -> None:
    spec = ToolSpec(name="greet", parameters={"type": "object", "properties": {"who": {"type": "string"}}})
    result = LenientParser([spec]).parse('{"name": "greet", "arguments": {"who": "Ada", "loud": true}}')
    assert not result.calls and kinds(result) == ["bad_arguments"]


def test_enums_arrays_and_constraints_come_from_the_schema() -> None:
    @tool
    def paint(
        color: Annotated[str, Field(pattern="^(red|blue)$")],
        sizes: list[int],
        opacity: Annotated[float, Field(ge=0, le=1)] = 1.0,
    ) -> str:
        """Paint."""
        return color

    parser = LenientParser([paint.spec])
    good = parser.parse(
        '{"name": "paint", "arguments": {"color": "red", "sizes": ["1", 2], "opacity": "0.5"}}'
    )
    assert calls(good) == [("paint", {"color": "red", "sizes": [1, 2], "opacity": 0.5})]
    bad = parser.parse('{"name": "paint", "arguments": {"color": "green", "sizes": [1], "opacity": 2}}')
    assert not bad.calls and {issue.field for issue in bad.issues} == {"color"}
    assert "opacity" in bad.issues[0].message


def test_intent_can_be_turned_off() -> None:
    text = "I'll read src/app.py first."
    assert calls(PARSER.parse(text)) == [("read_file", {"path": "src/app.py"})]
    assert LenientParser(TOOLS, intent=False).parse(text).calls == []


def test_intent_is_not_read_from_a_long_answer_with_code() -> None:
    text = "I'll read src/app.py.\n```python\nprint(1)\n```\n" + "More explanation. " * 300
    assert not PARSER.parse(text).calls


def test_parse_never_raises_even_when_a_pass_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr("smallcode.parsing.parser._Run.markers", broken)
    result = PARSER.parse('  <tool_call>{"name": "read_file"}</tool_call>  ')
    assert result == ParseResult(text='<tool_call>{"name": "read_file"}</tool_call>')


# -- issues are written for the model ---------------------------------------------------------


def test_unknown_tool_names_the_tool_and_the_choices() -> None:
    (issue,) = PARSER.parse('<tool_call>{"name": "delete_all", "arguments": {}}</tool_call>').issues
    assert issue == ParseIssue(
        "unknown_tool",
        "There is no tool named 'delete_all'. Use one of: edit_file, finish, list_files, read_file, "
        "run_command, search_code, write_file.",
        "delete_all",
        None,
        '<tool_call>{"name": "delete_all", "arguments": {}}</tool_call>',
    )


def test_bad_arguments_name_the_field_and_the_expected_shape() -> None:
    (issue,) = PARSER.parse('{"name": "read_file", "arguments": {"path": "a.py", "start": "top"}}').issues
    assert issue.kind == "bad_arguments" and issue.tool == "read_file" and issue.field == "start"
    assert issue.message.startswith("Fix the arguments and call read_file again: `start`:")
    assert '(you gave "top")' in issue.message
    assert issue.message.endswith(
        'Expected arguments: {"path": string, "start"?: integer, "end"?: integer or null}.'
    )


def test_missing_required_argument_is_named() -> None:
    (issue,) = PARSER.parse('{"name": "write_file", "arguments": {"path": "a.py"}}').issues
    assert "`content` is required but missing" in issue.message


def test_a_cut_off_payload_is_truncated_not_written() -> None:
    result = PARSER.parse('{"name": "write_file", "arguments": {"path": "a.py", "content": "import os\\nos.')
    assert not result.calls and kinds(result) == ["truncated"]
    assert "cut off" in result.issues[0].message and result.issues[0].tool == "write_file"


def test_schema_echo_asks_for_real_values() -> None:
    text = json.dumps(
        {
            "name": "finish",
            "description": "Call when done.",
            "parameters": {"type": "object", "properties": {}},
        }
    )
    (issue,) = PARSER.parse(text).issues
    assert issue.kind == "schema_echo" and '"arguments": {"summary": string}' in issue.message


def test_mentions_of_the_tag_are_prose_not_issues() -> None:
    text = "Wrap calls in <tool_call></tool_call>, as `<tool_call>` shows."
    assert PARSER.parse(text) == ParseResult(text=text)


# -- payloads: where naive repair corrupts files --------------------------------------------------


def test_triple_quoted_content_survives_where_json_repair_alone_empties_it() -> None:
    import json_repair

    text = (
        '{"name": "write_file", "arguments": {"path": "a.py", "content": """def f():\n    return "x"\n"""}}'
    )
    naive = json_repair.loads(text)
    assert naive["arguments"]["content"] == ""  # the failure this parser exists to avoid
    assert calls(PARSER.parse(text)) == [
        ("write_file", {"path": "a.py", "content": 'def f():\n    return "x"\n'})
    ]


def test_a_repair_that_would_change_a_string_is_an_issue() -> None:
    text = "{'name': 'write_file', 'arguments': {'path': 'a.txt', 'content': 'it's broken'}}"
    result = PARSER.parse(text)
    assert not result.calls and kinds(result) == ["lossy_repair"]
    assert "valid JSON" in result.issues[0].message


def test_missing_closing_brackets_are_added_without_touching_strings() -> None:
    content = 'x = {"a": [1, 2]}\nprint(x)\n'
    text = '{"name": "write_file", "arguments": {"path": "a.py", "content": ' + json.dumps(content)
    result = PARSER.parse(text)
    assert calls(result) == [("write_file", {"path": "a.py", "content": content})]
    assert result.origins[0].repaired


def test_a_huge_payload_comes_back_byte_exact() -> None:
    content = ('line with "quotes", \\backslashes\\, {braces} and ``` fences\n' * 5000) + "\ttail\r\n"
    text = "<tool_call>" + json.dumps({"name": "write_file", "arguments": {"path": "a", "content": content}})
    assert calls(PARSER.parse(text)) == [("write_file", {"path": "a", "content": content})]


@pytest.mark.parametrize(
    "content",
    [
        "<|python_tag|>",
        "print(1)\n<tool_call>\n",
        "a\n</function>\nb",
        "<function=read_file>\n",
        "[TOOL_CALLS] x",
    ],
)
def test_a_marker_or_closer_inside_a_parameter_is_content(content: str) -> None:
    parameters = f"<parameter=path>\na.py\n</parameter>\n<parameter=content>\n{content}\n</parameter>"
    text = f"<function=write_file>\n{parameters}\n</function>"
    result = PARSER.parse(text)
    assert calls(result) == [("write_file", {"path": "a.py", "content": content})]
    assert result.issues == []
