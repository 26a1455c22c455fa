"""The task format: loading, assembling workspaces, running checks, validating tasks, the built-in suites."""

from __future__ import annotations

from pathlib import Path

import pytest

from smallcode.bench.checks import Toolchain, run_check
from smallcode.bench.tasks import Task, TaskSpec, builtin_suites, load_task, load_tasks, select, suite_dir
from smallcode.bench.validate import validate_task
from smallcode.errors import TaskFormatError

CHECK = "{python} test_hidden.py"
TEST = "from calc import add\n\nassert add(2, 3) == 5\n"


def make_task(root: Path, name: str = "add", toml: str | None = None, **trees: dict[str, str]) -> Path:
    task = root / name
    task.mkdir(parents=True)
    text = (
        toml
        if toml is not None
        else (
            f'id = "{name}"\ncategory = "python"\nlanguage = "python"\n'
            f'prompt = "Write add(a, b) in calc.py."\ncheck = "{CHECK}"\n'
        )
    )
    (task / "task.toml").write_text(text)
    layout = {
        "files": {"README.md": "calc\n", "calc.py": "def add(a, b):\n    return a - b\n"},
        "tests": {"test_hidden.py": TEST},
        "solution": {"calc.py": "def add(a, b):\n    return a + b\n"},
    }
    layout.update(trees)
    for folder, files in layout.items():
        for path, content in files.items():
            (task / folder / path).parent.mkdir(parents=True, exist_ok=True)
            (task / folder / path).write_text(content)
    return task


def toolchain(**missing: None) -> Toolchain:
    found = Toolchain.detect()
    return Toolchain(
        python=found.python,
        node=None if "node" in missing else "/usr/bin/node",
        tsc=None if "tsc" in missing else "/opt/tsc",
        go=None if "go" in missing else "/usr/bin/go",
    )


def test_load_task_reads_spec_and_trees(tmp_path: Path) -> None:
    task = load_task(make_task(tmp_path))
    assert task.id == "add" and task.language == "python" and task.spec.timeout == 60
    assert set(task.files) == {"README.md", "calc.py"}
    assert task.tests == {"test_hidden.py": TEST.encode()}
    assert task.target == "calc.py"  # the only solution file
    assert task.requires == ()


def toml_text(**keys: object) -> str:
    """A task.toml for the task ``add`` with these keys changed (None removes one)."""
    base: dict[str, object] = {
        "id": "add",
        "category": "c",
        "language": "python",
        "prompt": "p",
        "check": "true",
    }
    base.update(keys)
    return "".join(f"{k} = {v!r}\n".replace("'", '"') for k, v in base.items() if v is not None)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (toml_text(extra=1), "extra"),
        (toml_text(language="cobol"), "language"),
        (toml_text(check=None), "check"),
        (toml_text(id="other"), "directory name"),
        (toml_text(timeout=0), "timeout"),
        (toml_text(target="../x"), "relative"),
        (toml_text() + "check2 = [\n", "not valid TOML"),
    ],
)
def test_format_errors_name_the_problem(tmp_path: Path, toml: str, message: str) -> None:
    with pytest.raises(TaskFormatError, match=message):
        load_task(make_task(tmp_path, toml=toml))


def test_a_task_without_hidden_tests_is_rejected(tmp_path: Path) -> None:
    task = make_task(tmp_path)
    (task / "tests" / "test_hidden.py").unlink()
    with pytest.raises(TaskFormatError, match="tests/ is empty"):
        load_task(task)


def test_load_tasks_accepts_one_task_or_a_folder_and_rejects_duplicates(tmp_path: Path) -> None:
    make_task(tmp_path / "suite", "a", toml=toml_text(id="a", category="x", check=CHECK))
    make_task(tmp_path / "suite", "b", toml=toml_text(id="b", category="y", language="go", check="go test"))
    tasks = load_tasks(tmp_path / "suite")
    assert [t.id for t in tasks] == ["a", "b"]
    assert tasks[1].requires == ("go",)
    assert [t.id for t in load_tasks(tmp_path / "suite" / "b")] == ["b"]
    with pytest.raises(TaskFormatError, match="no task directories"):
        load_tasks(tmp_path / "suite" / "a" / "files")


def test_select_by_id_category_language_and_limit(tmp_path: Path) -> None:
    specs = [
        ("py-sort", "algorithms", "python"),
        ("go-sort", "go", "go"),
        ("js-map", "javascript", "javascript"),
    ]
    tasks = [
        Task(TaskSpec(id=i, category=c, language=lang, prompt="p", check="true"))  # type: ignore[arg-type]
        for i, c, lang in specs
    ]
    assert [t.id for t in select(tasks, filters=["sort"])] == ["py-sort", "go-sort"]
    assert [t.id for t in select(tasks, filters=["javascript", "algorithms"])] == ["py-sort", "js-map"]
    assert [t.id for t in select(tasks, limit=1)] == ["py-sort"]
    sorts = [
        *tasks,
        Task(TaskSpec(id="py-sort-2", category="algorithms", language="python", prompt="p", check="true")),
    ]
    assert [t.id for t in select(sorts, filters=["py-sort"])] == ["py-sort"]  # a whole id: that task alone
    assert [t.id for t in select(sorts, filters=["py-so"])] == ["py-sort", "py-sort-2"]
    second = TaskSpec(id="py-2", category="algorithms", language="python", prompt="p", check="true")
    more = [*tasks, Task(second)]
    assert [t.id for t in select(more, interleave=True)] == ["py-sort", "go-sort", "js-map", "py-2"]
    assert [t.id for t in select(more, interleave=True, limit=2)] == ["py-sort", "go-sort"]


def test_workspace_states(tmp_path: Path) -> None:
    task = load_task(make_task(tmp_path / "t", tests={"test_hidden.py": TEST, "pkg/test_more.py": "x = 1\n"}))
    start, solved = tmp_path / "start", tmp_path / "solved"
    start.mkdir()
    solved.mkdir()
    task.write_start(start)
    task.write_solution(solved)
    task.write_tests(solved)
    assert "a - b" in (start / "calc.py").read_text() and not (start / "test_hidden.py").exists()
    assert "a + b" in (solved / "calc.py").read_text() and (solved / "README.md").exists()
    assert (solved / "test_hidden.py").exists() and (solved / "pkg" / "test_more.py").exists()


def test_placeholders_are_substituted_and_quoted() -> None:
    chain = Toolchain(python="/my env/python", node="/usr/bin/node", tsc="/t/tsc", go=None)
    assert chain.substitute("{python} -m pytest && {tsc} a.ts && {node} x.js") == (
        "'/my env/python' -m pytest && /t/tsc a.ts && /usr/bin/node x.js"
    )
    assert chain.substitute("echo ${HOME} {other}") == "echo ${HOME} {other}"
    assert chain.missing(["node", "go", "tsc"]) == ["go"]


def test_run_check_reports_pass_fail_and_timeout(tmp_path: Path) -> None:
    chain = Toolchain.detect()
    passed = run_check("{python} -c 'print(1)'", tmp_path, timeout=30, toolchain=chain)
    assert passed.passed and passed.returncode == 0 and passed.output.strip() == "1"
    failed = run_check("echo oops >&2; exit 3", tmp_path, timeout=30, toolchain=chain)
    assert not failed.passed and failed.returncode == 3 and "oops" in failed.output
    slow = run_check("sleep 30 & wait", tmp_path, timeout=0.5, toolchain=chain)
    assert slow.timed_out and not slow.passed and slow.returncode is None


def test_validate_accepts_a_real_task(tmp_path: Path) -> None:
    result = validate_task(load_task(make_task(tmp_path)), Toolchain.detect())
    assert result.verdict == "ok", result.reasons
    assert result.start is not None and not result.start.passed
    assert result.solved is not None and result.solved.passed


def test_validate_rejects_a_start_state_that_already_passes(tmp_path: Path) -> None:
    task = make_task(tmp_path, files={"calc.py": "def add(a, b):\n    return a + b\n"})
    result = validate_task(load_task(task), Toolchain.detect())
    assert result.verdict == "failed" and "starting state passes" in result.reasons[0]


def test_validate_rejects_a_wrong_solution(tmp_path: Path) -> None:
    task = make_task(tmp_path, solution={"calc.py": "def add(a, b):\n    return a * b\n"})
    result = validate_task(load_task(task), Toolchain.detect())
    assert result.verdict == "failed" and "solution fails" in result.reasons[0]


def test_a_missing_toolchain_is_skipped_never_passed(tmp_path: Path) -> None:
    task = make_task(tmp_path, toml=toml_text(language="go", check="exit 0"))
    result = validate_task(load_task(task), toolchain(go=None))
    assert result.verdict == "skipped" and "go" in result.reasons[0]


# -- the built-in multi-file suite -------------------------------------------------------------------


def test_multi_file_suite_is_shipped_and_well_formed() -> None:
    assert "multi-file" in builtin_suites()
    tasks = load_tasks(suite_dir("multi-file"))
    assert len(tasks) >= 30
    languages = {t.language for t in tasks}
    assert languages == {"python", "javascript"}
    assert sum(t.language == "python" for t in tasks) > len(tasks) / 2
    assert {t.category for t in tasks} == {"api-change", "feature", "bug", "refactor"}


def test_every_multi_file_task_needs_changes_in_two_files() -> None:
    for task in load_tasks(suite_dir("multi-file")):
        changed = [path for path, data in task.solution.items() if task.files.get(path) != data]
        assert len(changed) >= 2, task.id
        assert 3 <= len(task.files) + len(set(task.solution) - set(task.files)) <= 20, task.id


def test_unknown_suite_names_the_known_ones() -> None:
    with pytest.raises(TaskFormatError, match="multi-file"):
        suite_dir("no-such-suite")


def test_validate_command_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from smallcode.cli import main

    make_task(tmp_path / "suite", "good", toml=toml_text(id="good", check=CHECK))
    assert main(["bench", "validate", str(tmp_path / "suite")]) == 0
    assert "1 tasks: 1 ok, 0 failed, 0 skipped" in capsys.readouterr().out
    make_task(tmp_path / "suite", "bad", toml=toml_text(id="bad", check="true"))
    assert main(["bench", "validate", str(tmp_path / "suite"), "--json"]) == 1
    verdicts = [line for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    assert '"verdict": "failed"' in verdicts[0] and '"verdict": "ok"' in verdicts[1]
