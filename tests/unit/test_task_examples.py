"""The assertions a task shows are its tests of last resort: found in the text, run against the
Python files it names, and each failure says what the code returned."""

from __future__ import annotations

import subprocess
from pathlib import Path

from smallcode import Agent, RunResult, Workspace
from smallcode.events import Retried, TestsRan
from smallcode.testing import ScriptedModel
from smallcode.turns import StagedTurns
from smallcode.validation import failure_count, summarize_test_output
from smallcode.workspace import docstring_assertions, examples_command, task_assertions
from smallcode.workspace.examples import module_name

from .test_agent import finish, write

TASK = """Write a function to sort a list of elements.
Write it in solution.py. Your code should pass these tests:

assert comb_sort([5, 15, 37, 25, 79]) == [5, 15, 25, 37, 79]
    assert comb_sort([]) == []
```
assert comb_sort([2, 1]) == [1, 2]```
assert comb_sort(  # not one line
assert is how Python checks things
"""


def test_assert_lines_are_found_in_the_task_text() -> None:
    assert task_assertions(TASK) == [
        "assert comb_sort([5, 15, 37, 25, 79]) == [5, 15, 25, 37, 79]",
        "assert comb_sort([]) == []",
        "assert comb_sort([2, 1]) == [1, 2]",
    ]
    assert task_assertions("Make add() return the sum.") == []
    inline = "Fix add. It should pass: assert add(1, 2) == 3\nAnd `assert add(0, 0) == 0` holds."
    assert task_assertions(inline) == ["assert add(1, 2) == 3", "assert add(0, 0) == 0"]


def test_module_names() -> None:
    assert module_name("solution.py") == "solution"
    assert module_name("./pkg/util.py") == "pkg.util"
    assert module_name("my-file.py") is None and module_name("../x.py") is None
    assert module_name("notes.txt") is None


def _run(root: Path, command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, shell=True, cwd=root, capture_output=True, text=True, timeout=60)


def test_each_failing_example_says_what_the_code_returned(tmp_path: Path) -> None:
    (tmp_path / "solution.py").write_text("def comb_sort(items):\n    return items\n")
    command = examples_command(tmp_path, TASK, ["solution.py"])
    assert command is not None
    run = _run(tmp_path, command)
    assert run.returncode == 1
    assert (
        "comb_sort([5, 15, 37, 25, 79]) returned [5, 15, 37, 25, 79], expected [5, 15, 25, 37, 79]"
        in run.stdout
    )
    assert failure_count(run.stdout, passed=False) == 2
    assert "2 failed, 1 passed" in summarize_test_output(run.stdout)
    (tmp_path / "solution.py").write_text("def comb_sort(items):\n    return sorted(items)\n")
    assert _run(tmp_path, command).returncode == 0


def test_a_module_that_cannot_be_imported_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "solution.py").write_text("def comb_sort(items)\n")
    run = _run(tmp_path, examples_command(tmp_path, TASK, ["solution.py"]) or "false")
    assert run.returncode == 1 and "ERROR solution - cannot import it: SyntaxError" in run.stdout


def test_an_error_says_the_line_of_the_workspace_code_it_came_from(tmp_path: Path) -> None:
    # A 0.5B model wrote the name of another file as the first line of solution.py.
    (tmp_path / "solution.py").write_text("comb_sort.py\ndef comb_sort(items):\n    return items\n")
    command = examples_command(tmp_path, TASK, ["solution.py"]) or "false"
    assert "NameError: name 'comb_sort' is not defined (solution.py line 1: comb_sort.py)" in (
        _run(tmp_path, command).stdout
    )
    (tmp_path / "solution.py").write_text(
        "import json\ndef comb_sort(items):\n    return json.loads(items)\n"
    )
    told = _run(tmp_path, command).stdout
    assert "raised TypeError" in told and "(solution.py line 3: return json.loads(items))" in told


def test_a_name_the_task_calls_but_the_code_lacks_is_set_against_what_the_code_defines(
    tmp_path: Path,
) -> None:
    (tmp_path / "solution.py").write_text(
        "from functools import reduce\n\ndef combsort(items):\n    return sorted(items)\n"
    )
    told = _run(tmp_path, examples_command(tmp_path, TASK, ["solution.py"]) or "false").stdout
    assert (
        "NameError: name 'comb_sort' is not defined; the task calls comb_sort, the code defines combsort"
        in told
    )
    (tmp_path / "solution.py").write_text("def order(items):\n    return sorted(items)\n")
    told = _run(tmp_path, examples_command(tmp_path, TASK, ["solution.py"]) or "false").stdout
    assert "the task calls comb_sort, the code defines order\n" in told


def test_no_command_without_assertions_or_modules(tmp_path: Path) -> None:
    assert examples_command(tmp_path, "Sort the list in solution.py.", ["solution.py"]) is None
    assert examples_command(tmp_path, TASK, ["notes.txt"]) is None


def test_the_agent_checks_its_code_against_the_tasks_assertions(tmp_path: Path) -> None:
    wrong = "def comb_sort(items):\n    return items\n"
    right = "def comb_sort(items):\n    return sorted(items)\n"
    model = ScriptedModel([write("solution.py", wrong), write("solution.py", right), finish()])
    result = Agent(model=model, workspace=Workspace(tmp_path), max_steps=6).run(TASK)
    assert result.ok and (tmp_path / "solution.py").read_text() == right
    runs = [e for e in result.events if isinstance(e, TestsRan)]
    assert [run.ok for run in runs][:2] == [False, True]
    told = model.calls[1].messages[-1].content
    assert "returned [5, 15, 37, 25, 79], expected [5, 15, 25, 37, 79]" in told


def _wrong_twice_then_right(root: Path) -> tuple[ScriptedModel, RunResult]:
    """A staged run that writes a failing solution.py, the same again, then a passing one."""
    wrong = "def comb_sort(items):\n    return items  # unsorted\n"
    right = "def comb_sort(items):\n    return sorted(items)\n"
    stages = ["write_file", '{"path": "solution.py"}', wrong]
    stages += ["write_file", '{"path": "solution.py"}', wrong]  # the same again: retried hotter
    stages += ["write_file", '{"path": "solution.py"}', right, "finish", "{}"]
    model = ScriptedModel(stages)
    result = Agent(model=model, workspace=Workspace(root), protocol=StagedTurns()).run(TASK)
    assert model.remaining == 0 and result.ok
    return model, result


def test_a_created_file_rewritten_unchanged_is_asked_for_afresh_without_its_failing_text(
    tmp_path: Path,
) -> None:
    model, result = _wrong_twice_then_right(tmp_path)
    assert [e.temperature for e in result.events if isinstance(e, Retried)] == [0.7]
    repeated, afresh = model.calls[5].messages[1].content, model.calls[8].messages[1].content
    assert "# unsorted" in repeated and "# unsorted" not in afresh
    assert "returned [5, 15, 37, 25, 79], expected [5, 15, 25, 37, 79]" in afresh
    assert afresh.endswith(
        "Write `solution.py` afresh, another way: reply with its complete content "
        "in a single fenced code block."
    )


def test_an_existing_file_rewritten_unchanged_is_asked_for_afresh_from_how_it_began(tmp_path: Path) -> None:
    stub = 'def comb_sort(items):\n    """Sort items with comb sort."""\n'
    (tmp_path / "solution.py").write_text(stub)
    model, _ = _wrong_twice_then_right(tmp_path)
    afresh = model.calls[8].messages[1].content
    assert "# unsorted" not in afresh
    assert f"solution.py as it was before your changes:\n```python\n{stub}```" in afresh


def test_the_tasks_assertions_come_before_docstring_examples_the_model_wrote(tmp_path: Path) -> None:
    wrong = 'def double(x):\n    """\n    >>> double(2)\n    5\n    """\n    return x * 2 + 1\n'
    right = "def double(x):\n    return x * 2\n"
    model = ScriptedModel([write("solution.py", wrong), write("solution.py", right), finish()])
    task = "Write double(x) in solution.py. It should pass: assert double(2) == 4"
    result = Agent(model=model, workspace=Workspace(tmp_path), max_steps=6).run(task)
    assert result.ok
    first = next(e for e in result.events if isinstance(e, TestsRan))
    assert not first.ok and "double(2) returned 5, expected 4" in first.summary


def test_a_write_that_leaves_out_a_failing_docstring_example_is_not_saved(tmp_path: Path) -> None:
    stub = 'def double(x):\n    """\n    >>> double(2)\n    4\n    """\n'
    (tmp_path / "solution.py").write_text(stub)
    bare = "def double(x):\n    return x * 2\n"
    model = ScriptedModel([write("solution.py", bare), write("solution.py", stub + "    return x * 2\n")])
    model.push(finish())
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("Complete `double` in solution.py.")
    told = model.calls[1].messages[-1].content
    assert told.startswith("Not saved: that leaves out 1 of the docstring examples in solution.py")
    assert result.ok and (tmp_path / "solution.py").read_text() == stub + "    return x * 2\n"


PROSE = '''def strange(xs):
    """Sort in a strange order.

    Examples:
    strange([1, 2, 3, 4]) == [1, 4, 2, 3]
    strange([]) ➞ []
    strange(xs) == [1]
    strange([5]) -> true
    other(1) => 2
    """
'''


def test_examples_a_docstring_gives_as_prose_become_assertions() -> None:
    assert docstring_assertions(PROSE) == [
        "assert strange([1, 2, 3, 4]) == [1, 4, 2, 3]",
        "assert strange([]) == []",
    ]  # not a name for an argument or a result, not a function the file does not define
    assert docstring_assertions("def f(:\n") == []


def test_prose_examples_are_the_tests_when_there_are_no_others_and_no_edit_removes_them(
    tmp_path: Path,
) -> None:
    (tmp_path / "solution.py").write_text(PROSE)
    undocumented = "def strange(xs):\n    return xs\n"
    right = "def strange(xs):\n    return [1, 4, 2, 3] if xs else []\n"
    model = ScriptedModel([write("solution.py", undocumented), write("solution.py", right), finish()])
    result = Agent(model=model, workspace=Workspace(tmp_path)).run("Complete `strange` in solution.py.")
    assert (
        "strange([1, 2, 3, 4]) returned [1, 2, 3, 4], expected [1, 4, 2, 3]"
        in model.calls[1].messages[-1].content
    )
    assert result.ok and [run.ok for run in result.events if isinstance(run, TestsRan)] == [
        False,
        False,
        True,
        True,
    ]
