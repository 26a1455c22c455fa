"""Workspace history: undo, restore and diff over file writes, deletes and command side effects."""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smallcode import ToolError, Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    root = tmp_path / "root"
    root.mkdir()
    with Workspace(root) as workspace:
        yield workspace


def files(root: Path) -> dict[str, bytes]:
    """Every regular file under root except .git, as bytes (what the history must reproduce)."""
    found = {}
    for current, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in names:
            path = Path(current, name)
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def test_undo_reverts_create_edit_and_delete(ws: Workspace) -> None:
    (ws.root / "keep.txt").write_text("original\n")
    ws.write_text("new.txt", "created\n")
    ws.write_text("keep.txt", "edited\n")
    ws.delete("keep.txt")
    assert ws.undo() == "delete keep.txt"
    assert (ws.root / "keep.txt").read_text() == "edited\n"
    assert ws.undo() == "write keep.txt"
    assert (ws.root / "keep.txt").read_text() == "original\n"
    assert ws.undo() == "write new.txt"
    assert not (ws.root / "new.txt").exists()
    with pytest.raises(ToolError, match="nothing to undo"):
        ws.undo()


def test_undo_reverts_what_a_command_did(ws: Workspace) -> None:
    (ws.root / "a.txt").write_text("a\n")
    (ws.root / "script.sh").write_text("echo hi\n")
    ws.run("echo b > b.txt; rm a.txt; mkdir -p d && echo c > d/c.txt; chmod +x script.sh; ln -s b.txt link")
    assert (ws.root / "link").is_symlink() and os.access(ws.root / "script.sh", os.X_OK)
    assert ws.undo().startswith("run echo b")
    assert files(ws.root) == {"a.txt": b"a\n", "script.sh": b"echo hi\n"}
    assert not (ws.root / "link").is_symlink()
    assert not stat.S_IMODE((ws.root / "script.sh").stat().st_mode) & 0o111


def test_a_command_that_changes_nothing_is_not_a_step(ws: Workspace) -> None:
    ws.write_text("a.txt", "1")
    ws.run("cat a.txt")
    assert ws.undo() == "write a.txt"


def test_step_groups_several_changes_into_one_undo(ws: Workspace) -> None:
    with ws.step("refactor"):
        ws.write_text("a.py", "a = 1\n")
        ws.write_text("b.py", "b = 2\n")
        ws.run("echo c > c.py")
    assert ws.undo() == "refactor"
    assert files(ws.root) == {}


def test_undo_inside_a_step_goes_back_further_each_time(ws: Workspace) -> None:
    ws.write_text("a.txt", "1")
    ws.write_text("a.txt", "2")
    with ws.step("tool: undo"):
        ws.undo()
    assert (ws.root / "a.txt").read_text() == "1"
    with ws.step("tool: undo"):
        ws.undo()
    assert not (ws.root / "a.txt").exists()


def test_checkpoint_and_restore_both_ways(ws: Workspace) -> None:
    ws.write_text("a.txt", "one")
    first = ws.checkpoint()
    ws.write_text("a.txt", "two")
    ws.write_text("b.txt", "bee")
    second = ws.checkpoint()
    ws.restore(first)
    assert files(ws.root) == {"a.txt": b"one"}
    ws.restore(second)
    assert files(ws.root) == {"a.txt": b"two", "b.txt": b"bee"}
    assert ws.undo() == f"restore {second[:12]}"  # a restore is itself undoable
    assert files(ws.root) == {"a.txt": b"one"}
    with pytest.raises(ToolError, match="unknown checkpoint"):
        ws.restore("0" * 40)


def test_diff_and_changed_files_cover_the_session(ws: Workspace) -> None:
    (ws.root / "old.txt").write_text("line 1\nline 2\n")
    (ws.root / "gone.txt").write_text("bye\n")
    assert ws.diff() == "" and ws.changed_files() == []
    ws.write_text("old.txt", "line 1\nline two\n")
    ws.run("rm gone.txt && echo hi > new.txt")
    diff = ws.diff()
    assert "--- a/old.txt\n+++ b/old.txt" in diff and "-line 2\n+line two" in diff
    assert "deleted file mode" in diff and "-bye" in diff
    assert "new file mode" in diff and "+hi" in diff
    assert ws.changed_files() == ["gone.txt", "new.txt", "old.txt"]


def test_ignored_files_written_by_tools_are_still_recorded(ws: Workspace) -> None:
    (ws.root / ".gitignore").write_text("*.log\n")
    (ws.root / "app.log").write_text("old log\n")
    ws.write_text("app.log", "new log\n")
    ws.undo()
    assert (ws.root / "app.log").read_text() == "old log\n"
    with ws.step("tool"):
        ws.run("echo noise > other.txt")
        ws.write_text("app.log", "nested\n")
    ws.undo()
    assert (ws.root / "app.log").read_text() == "old log\n"
    assert not (ws.root / "other.txt").exists()


def test_files_round_trip_byte_for_byte_despite_gitattributes(ws: Workspace) -> None:
    (ws.root / ".gitattributes").write_text("* text eol=crlf filter=lfs ident\n")
    original = b"$Id$\nunix line\nmixed\r\nend"
    (ws.root / "data.txt").write_bytes(original)
    (ws.root / "blob.bin").write_bytes(bytes(range(256)))
    ws.write_text("data.txt", "changed\n")
    ws.run("rm blob.bin")
    ws.undo()
    ws.undo()
    assert (ws.root / "data.txt").read_bytes() == original
    assert (ws.root / "blob.bin").read_bytes() == bytes(range(256))


def test_the_users_git_repository_is_never_touched(ws: Workspace) -> None:
    git = shutil.which("git")
    assert git is not None
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}  # fmt: skip
    (ws.root / "tracked.txt").write_text("v1\n")
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "first"]):
        subprocess.run([git, *args], cwd=ws.root, env=env, check=True, capture_output=True)
    before = {p: p.read_bytes() for p in (ws.root / ".git").rglob("*") if p.is_file()}
    ws.write_text("tracked.txt", "v2\n")
    ws.run("echo x > untracked.txt")
    ws.undo()
    ws.undo()
    assert ws.diff() == ""
    after = {p: p.read_bytes() for p in (ws.root / ".git").rglob("*") if p.is_file()}
    assert after == before


def test_history_can_be_turned_off(tmp_path: Path) -> None:
    ws = Workspace(tmp_path, history=False)
    ws.write_text("a.txt", "x")
    assert ws.diff() == "" and ws.changed_files() == []
    with pytest.raises(ToolError, match="history=False"):
        ws.checkpoint()
    with pytest.raises(ToolError, match="nothing to undo"):
        ws.undo()


def test_history_lives_outside_the_workspace_and_is_removed_on_close(tmp_path: Path) -> None:
    with pytest.raises(ToolError, match="outside the workspace"):
        Workspace(tmp_path, history_dir=tmp_path / "hist")
    ws = Workspace(tmp_path)
    ws.write_text("a.txt", "x")
    directory = ws.history.directory
    assert directory.is_dir() and tmp_path not in directory.parents
    ws.close()
    assert not directory.exists()
    assert (tmp_path / "a.txt").read_text() == "x"


# -- property: any sequence of steps undoes and restores exactly --------------------------------

PATHS = ("a.txt", "b.txt", "d/c.txt", "d/e/f.txt")
CONTENT = st.text(alphabet="xy \n\t", max_size=12)
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("write"), st.sampled_from(PATHS), CONTENT),
        st.tuples(st.just("delete"), st.sampled_from(PATHS), st.just("")),
        st.tuples(st.just("sh-write"), st.sampled_from(PATHS), CONTENT),
        st.tuples(st.just("sh-delete"), st.sampled_from(PATHS), st.just("")),
        st.tuples(st.just("sh-move"), st.sampled_from(PATHS), st.sampled_from(PATHS)),
    ),
    min_size=1,
    max_size=5,
)


def _apply(ws: Workspace, kind: str, path: str, arg: str) -> None:
    if kind == "write":
        ws.write_text(path, arg)
    elif kind == "delete":
        if (ws.root / path).exists():
            ws.delete(path)
    elif kind == "sh-write":
        folder = os.path.dirname(path) or "."
        ws.run(f"mkdir -p {folder} && printf '%s' {shlex.quote(arg)} > {path}")
    elif kind == "sh-delete":
        ws.run(f"rm -f {path}")
    else:
        ws.run(f"if [ -f {path} ] && [ {path} != {arg} ]; then mkdir -p {os.path.dirname(arg) or '.'} && "
               f"mv {path} {arg}; fi")  # fmt: skip


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(initial=st.dictionaries(st.sampled_from(PATHS), CONTENT, max_size=3), steps=STEPS)
def test_undo_and_restore_round_trip(initial: dict[str, str], steps: list[tuple[str, str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for path, text in initial.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text)
        ws = Workspace(root)
        states = [files(root)]
        checkpoints = [ws.checkpoint()]
        for kind, path, arg in steps:
            _apply(ws, kind, path, arg)
            if files(root) != states[-1]:
                states.append(files(root))
                checkpoints.append(ws.checkpoint())
        assert ws.diff() == "" if states[-1] == states[0] else ws.diff() != ""
        assert set(ws.changed_files()) == {
            p for p in set(states[0]) | set(states[-1]) if states[0].get(p) != states[-1].get(p)
        }
        # restore to every recorded point, in a scrambled order, and back to the end
        for index in [*range(0, len(states), 2), *range(1, len(states), 2), len(states) - 1]:
            ws.restore(checkpoints[index])
            assert files(root) == states[index]
        # undo each restore, then each original step: every state comes back in reverse order
        while ws.history.steps and ws.history.steps[-1].label.startswith("restore"):
            ws.undo()
        assert files(root) == states[-1]
        for expected in reversed(states[:-1]):
            ws.undo()
            assert files(root) == expected
        ws.close()
