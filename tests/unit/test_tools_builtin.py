from __future__ import annotations

import sys
from pathlib import Path

import pytest

from smallcode import ToolError, Workspace
from smallcode.routing import ToolRouter
from smallcode.tools import ReadGuard, Tool, coding_tools, file_tools
from smallcode.tools import files as files_module


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "src" / "app.py").write_text(
        "import os\n\nMAX_RETRIES = 3\n\n\ndef main():\n    return MAX_RETRIES\n"
    )
    (tmp_path / "src" / "pkg" / "util.py").write_text(
        "# TODO: remove\ndef helper(x):\n    return x  # todo\n"
    )
    (tmp_path / "README.md").write_text("# Demo\nRun main().\n")
    (tmp_path / "data.bin").write_bytes(b"\x00\x01MAX_RETRIES")
    return tmp_path


def tools(root: Path, **options: object) -> dict[str, Tool]:
    return {t.name: t for t in coding_tools(Workspace(root, test_command=options.pop("test_command", None)))}  # type: ignore[arg-type]


def test_coding_tools_cover_every_category() -> None:
    router = ToolRouter(coding_tools(Workspace(Path.cwd())))
    assert router.names == [
        *("read_file", "list_files", "glob", "grep", "write_file", "edit_file"),
        *("run_command", "run_tests", "finish"),
    ]
    assert router.categories == ["read", "search", "write", "run", "plan"]
    assert router.get("edit_file").spec.payload == ("edits",) and router.get("write_file").spec.payload == (
        "content",
    )
    without = ToolRouter(coding_tools(Workspace(Path.cwd()), commands=False))
    assert "run" not in without.categories


def test_read_file_numbers_lines_and_honours_ranges(project: Path) -> None:
    read = tools(project)["read_file"]
    assert read({"path": "src/app.py", "start": 3, "end": 3}) == "   3| MAX_RETRIES = 3"
    assert read({"path": "src/app.py", "start": 0, "end": 1}) == read({"path": "src/app.py", "end": 1})
    assert read({"path": "src/app.py"}).splitlines()[0] == "   1| import os"
    assert "nothing in 20-7" in read({"path": "src/app.py", "start": 20})


def test_read_file_caps_long_files_and_says_how_to_go_on(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "long.txt").write_text("".join(f"line {n}\n" for n in range(1, 51)))
    monkeypatch.setattr(files_module, "READ_MAX_LINES", 10)
    out = tools(project)["read_file"]({"path": "long.txt", "start": 5})
    assert out.splitlines()[-1] == "[showing lines 5-14 of 50; call read_file with start=15 for more]"
    assert "line 15" not in out


def test_write_refuses_to_overwrite_a_file_it_has_not_read(project: Path) -> None:
    named = tools(project)
    with pytest.raises(ToolError, match="you have not read it"):
        named["write_file"]({"path": "README.md", "content": "gone\n"})
    assert (project / "README.md").read_text() == "# Demo\nRun main().\n"
    named["read_file"]({"path": "README.md", "start": 2})  # any part of it counts as read
    assert named["write_file"]({"path": "./README.md", "content": "new\n"}) == "overwrote README.md (1 lines)"


def test_write_refuses_a_file_that_changed_since_it_was_read(project: Path) -> None:
    named = tools(project)
    named["read_file"]({"path": "README.md"})
    (project / "README.md").write_text("changed by someone else\n")
    with pytest.raises(ToolError, match="changed since you last read it"):
        named["write_file"]({"path": "README.md", "content": "mine\n"})


def test_new_files_and_own_writes_need_no_read(project: Path) -> None:
    named = tools(project)
    assert named["write_file"]({"path": "new.py", "content": "a = 1\n"}) == "created new.py (1 lines)"
    assert named["write_file"]({"path": "new.py", "content": "a = 2\n"}) == "overwrote new.py (1 lines)"


def test_file_paths_lose_the_whitespace_a_model_leaves_around_them(project: Path) -> None:
    named = tools(project)
    assert named["write_file"]({"path": " notes.txt\n", "content": "x\n"}) == "created notes.txt (1 lines)"
    assert named["read_file"]({"path": "notes.txt "}).endswith("1| x")
    assert named["edit_file"](
        {"path": "\tnotes.txt", "edits": "<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE"}
    )
    assert (project / "notes.txt").read_text() == "y\n"


def test_tool_sets_keep_their_own_guards(project: Path) -> None:
    first, second = tools(project), tools(project)
    first["read_file"]({"path": "README.md"})
    with pytest.raises(ToolError, match="not read it"):
        second["write_file"]({"path": "README.md", "content": "x\n"})
    shared = ReadGuard(Workspace(project))
    file_tools(Workspace(project), guard=shared)[0]({"path": "README.md"})
    assert shared.seen == frozenset({"README.md"})


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("*.py", ["src/app.py", "src/pkg/util.py"]),
        ("src/pkg/*.py", ["src/pkg/util.py"]),
        ("util.py", ["src/pkg/util.py"]),
        ("*.md", ["README.md"]),
    ],
)
def test_glob_matches_at_any_depth_unless_anchored(project: Path, pattern: str, expected: list[str]) -> None:
    assert tools(project)["glob"]({"pattern": pattern}).splitlines() == expected


def test_glob_says_when_nothing_matches(project: Path) -> None:
    assert tools(project)["glob"]({"pattern": "*.rs"}) == "no files match *.rs"


def test_grep_finds_lines_with_paths_and_numbers(project: Path) -> None:
    grep = tools(project)["grep"]
    assert grep({"pattern": r"MAX_\w+"}).splitlines() == [
        "src/app.py:3: MAX_RETRIES = 3",
        "src/app.py:7: return MAX_RETRIES",
    ]  # the binary file is skipped
    assert grep({"pattern": "todo", "ignore_case": True, "path": "src/pkg"}).count("src/pkg/util.py") == 2
    assert grep({"pattern": "todo", "path": "*.py"}) == "src/pkg/util.py:3: return x  # todo"
    assert grep({"pattern": "import", "path": "README.md"}).startswith("no matches for 'import' in README.md")


def test_grep_stops_at_the_match_cap(project: Path) -> None:
    out = tools(project)["grep"]({"pattern": ".", "path": "src/app.py", "max_matches": 2})
    assert out.splitlines() == [
        "src/app.py:1: import os",
        "src/app.py:3: MAX_RETRIES = 3",
        "[stopped at 2 matches]",
    ]


def test_grep_searches_literally_when_the_pattern_is_not_a_regex(project: Path) -> None:
    out = tools(project)["grep"]({"pattern": "def helper(", "path": "src"})
    assert "searched for it literally" in out and "src/pkg/util.py:2: def helper(x):" in out


def test_grep_reports_a_missing_path(project: Path) -> None:
    with pytest.raises(ToolError, match="nowhere does not exist"):
        tools(project)["grep"]({"pattern": "x", "path": "nowhere"})


def test_run_command_shows_exit_code_and_output(project: Path) -> None:
    out = tools(project)["run_command"](
        {"command": f"{sys.executable} -c \"print('hi'); raise SystemExit(3)\""}
    )
    assert "exit code 3" in out and "hi" in out


def test_run_tests_uses_the_discovered_command(project: Path) -> None:
    named = tools(project, test_command=f"{sys.executable} -c \"print('3 passed')\"")
    out = named["run_tests"]({})
    assert "exit code 0" in out and "3 passed" in out


def test_run_tests_without_a_test_command_points_to_run_command(tmp_path: Path) -> None:
    with pytest.raises(ToolError, match="use run_command"):
        tools(tmp_path)["run_tests"]({})
