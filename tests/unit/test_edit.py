from __future__ import annotations

from pathlib import Path

import pytest

from smallcode import ToolError, Workspace
from smallcode.tools import ReadGuard, apply_edits, edit_tool, file_tools, parse_edit_blocks
from smallcode.tools.edit import EditBlock

SOURCE = """\
import math


def area(r):
    return math.pi * r * r


def double(x):
    return x * 2
"""


def block(search: str, replace: str) -> str:
    return f"<<<<<<< SEARCH\n{search}\n=======\n{replace}\n>>>>>>> REPLACE\n"


def test_exact_block_replaces_only_those_lines() -> None:
    report = apply_edits(
        SOURCE, [EditBlock("def double(x):\n    return x * 2", "def double(x):\n    return x + x")]
    )
    assert not report.failures and report.applied[0].level == "exact"
    assert report.text == SOURCE.replace("return x * 2", "return x + x")
    assert report.applied[0].first_line == 8 and report.applied[0].line_count == 2


def test_several_blocks_apply_in_order() -> None:
    blocks = parse_edit_blocks(
        block("import math", "import math as m") + block("def area(r):", "def area(radius):")
    )
    report = apply_edits(SOURCE, blocks)
    assert [a.block for a in report.applied] == [1, 2]
    assert report.text.startswith("import math as m\n") and "def area(radius):" in report.text


@pytest.mark.parametrize(
    ("search", "level"),
    [
        ("def area(r):   \n    return math.pi * r * r  ", "trailing whitespace"),
        ("def area(r):\n  return math.pi  *  r * r", "whitespace"),
        ("def area(r):\n\n    return math.pi * r * r", "blank lines"),
    ],
)
def test_whitespace_drift_still_matches(search: str, level: str) -> None:
    report = apply_edits(SOURCE, [EditBlock(search, "def area(r):\n    return math.pi * r ** 2")])
    assert not report.failures and report.applied[0].level == level
    assert "return math.pi * r ** 2" in report.text and "r * r" not in report.text


def test_shifted_indentation_is_matched_and_the_replacement_reindented() -> None:
    text = "class Shape:\n    def area(self):\n        return 0\n"
    report = apply_edits(text, [EditBlock("def area(self):\n    return 0", "def area(self):\n    return 1")])
    assert report.applied[0].level == "whitespace"
    assert report.text == "class Shape:\n    def area(self):\n        return 1\n"


def test_line_numbers_copied_from_read_file_are_ignored() -> None:
    report = apply_edits(SOURCE, [EditBlock("   9|     return x * 2", "   9|     return x << 1")])
    assert report.applied and "    return x << 1\n" in report.text


def test_ambiguous_search_is_refused_with_every_candidate() -> None:
    text = "a = 1\nprint(a)\nb = 2\nprint(a)\n"
    report = apply_edits(text, [EditBlock("print(a)", "print(b)")])
    assert report.text == text and not report.applied
    failure = report.failures[0]
    assert failure.kind == "ambiguous" and "occur 2 times" in failure.message
    assert "at line 2, line 4" in failure.message


def test_missing_search_answers_with_the_closest_lines() -> None:
    report = apply_edits(
        SOURCE, [EditBlock("def double(y):\n    return y * 2", "def double(y):\n    return 2 * y")]
    )
    failure = report.failures[0]
    assert failure.kind == "missing" and report.text == SOURCE
    assert "Did you mean lines 8-9?" in failure.message
    assert "   8| def double(x):" in failure.message and "   9|     return x * 2" in failure.message


def test_missing_search_with_nothing_similar_says_so() -> None:
    report = apply_edits(SOURCE, [EditBlock("class Totally:\n    unrelated = True", "x")])
    assert "No lines look like them" in report.failures[0].message


def test_an_edit_already_applied_is_recognised() -> None:
    report = apply_edits(SOURCE, [EditBlock("    return x * 3", "    return x * 2")])
    assert "already there (line 9)" in report.failures[0].message


def test_empty_search_is_refused() -> None:
    report = apply_edits(SOURCE, [EditBlock("\n", "new line")])
    assert report.failures[0].kind == "empty" and not report.applied


def test_line_endings_and_final_newline_are_kept() -> None:
    report = apply_edits("a\r\nb\r\n", [EditBlock("b", "c")])
    assert report.text == "a\r\nc\r\n"
    assert apply_edits("a\nb", [EditBlock("a", "z")]).text == "z\nb"


def test_parse_accepts_a_final_block_without_its_end_marker() -> None:
    blocks = parse_edit_blocks("```\n<<<<<<< SEARCH\nold\n=======\nnew\n")
    assert blocks == [EditBlock("old", "new")]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("just some code\n", "No SEARCH/REPLACE block found"), ("<<<<<<< SEARCH\nold\n", "has no =======")],
)
def test_parse_errors_teach_the_format(text: str, fragment: str) -> None:
    with pytest.raises(ToolError, match=fragment) as info:
        parse_edit_blocks(text)
    assert ">>>>>>> REPLACE" in str(info.value)


def test_edit_file_saves_the_edits_that_applied_and_names_them(tmp_path: Path) -> None:
    (tmp_path / "shapes.py").write_text(SOURCE)
    edit_file = edit_tool(Workspace(tmp_path))
    edits = block("import math", "import math  # noqa") + block("def triple(x):", "def thrice(x):")
    with pytest.raises(ToolError) as info:
        edit_file({"path": "shapes.py", "edits": edits})
    message = str(info.value)
    assert "Edit 2: its SEARCH lines are not in the file" in message
    assert "Applied and saved in shapes.py: edit 1 (of 2). Send only the failed edits again." in message
    assert (tmp_path / "shapes.py").read_text().startswith("import math  # noqa\n")


def test_edit_file_reports_where_the_change_landed(tmp_path: Path) -> None:
    (tmp_path / "shapes.py").write_text(SOURCE)
    guard = ReadGuard(Workspace(tmp_path))
    edit_file = edit_tool(Workspace(tmp_path), guard=guard)
    output = edit_file({"path": "shapes.py", "edits": block("    return x * 2", "    return x + x")})
    assert output.startswith("edited shapes.py: edit 1 now at line 9")
    assert "   9|     return x + x" in output
    # the edit showed the agent the file as it now is, so it may overwrite it
    assert guard.has_seen("shapes.py")
    write_file = file_tools(Workspace(tmp_path), guard=guard)[1]
    assert write_file({"path": "shapes.py", "content": "x = 1\n"}).startswith("overwrote")


def test_edit_file_on_a_missing_file_points_to_write_file(tmp_path: Path) -> None:
    edit_file = edit_tool(Workspace(tmp_path))
    with pytest.raises(ToolError, match="write_file"):
        edit_file({"path": "nope.py", "edits": block("a", "b")})
    assert not (tmp_path / "nope.py").exists()
