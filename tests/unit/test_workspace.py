"""Workspace paths and files: containment, size caps, atomic writes that survive kill -9."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import smallcode
from smallcode import SandboxViolation, ToolError, Workspace
from smallcode.workspace.paths import TEMP_PREFIX


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    root = tmp_path / "root"
    root.mkdir()
    return Workspace(root)


def test_resolve_and_relative_stay_inside(ws: Workspace) -> None:
    (ws.root / "pkg").mkdir()
    (ws.root / "inner").symlink_to("pkg")
    assert ws.resolve("pkg/mod.py") == ws.root / "pkg" / "mod.py"
    assert ws.resolve("inner/mod.py") == ws.root / "pkg" / "mod.py"  # a symlink inside is fine
    assert ws.resolve(".") == ws.root
    assert ws.relative(ws.root / "pkg" / "mod.py") == "pkg/mod.py"


def test_parent_reference_names_the_problem(ws: Workspace) -> None:
    with pytest.raises(SandboxViolation, match="leaves the workspace"):
        ws.resolve("../etc/passwd")


def test_a_path_with_a_line_break_is_refused_and_nothing_is_written(ws: Workspace) -> None:
    # A small model once gave a tool result it had read as the path of its next write.
    for path in ["created a.py (4 lines)\nTests fail", "a.py\t", "a\x1b.py"]:
        with pytest.raises(SandboxViolation, match="line break or control character"):
            ws.write_text(path, "x = 1\n")
    assert list(ws.root.iterdir()) == []
    ws.write_text("notes (draft).md", "spaces and brackets are fine\n")
    assert ws.read_text("notes (draft).md") == "spaces and brackets are fine\n"
    (ws.root / "made\nelsewhere.txt").write_text("a file the tools could not open\n")
    assert ws.list_files() == ["notes (draft).md"]


def test_write_creates_parents_and_reads_back(ws: Workspace) -> None:
    target = ws.write_text("a/b/c.txt", "héllo\n")
    assert target == ws.root / "a" / "b" / "c.txt"
    assert ws.read_text("a/b/c.txt") == "héllo\n"
    assert ws.exists("a/b/c.txt") and not ws.exists("a/b/missing.txt")


def test_write_keeps_permissions_of_the_file_it_replaces(ws: Workspace) -> None:
    script = ws.root / "run.sh"
    script.write_text("echo old\n")
    script.chmod(0o751)
    ws.write_text("run.sh", "echo new\n")
    assert stat.S_IMODE(script.stat().st_mode) == 0o751
    assert script.read_text() == "echo new\n"


def test_new_files_get_the_umask_default(ws: Workspace) -> None:
    old = os.umask(0o027)
    try:
        ws.write_text("fresh.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((ws.root / "fresh.txt").stat().st_mode) == 0o640


def test_size_caps_on_read_and_write(tmp_path: Path) -> None:
    ws = Workspace(tmp_path, max_read_bytes=10, max_write_bytes=10)
    with pytest.raises(ToolError, match="refusing to write 11 bytes"):
        ws.write_text("big.txt", "x" * 11)
    (tmp_path / "big.txt").write_text("y" * 11)
    with pytest.raises(ToolError, match="larger than 10 bytes"):
        ws.read_text("big.txt")
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))


def test_reading_a_directory_or_missing_file_explains(ws: Workspace) -> None:
    (ws.root / "d").mkdir()
    with pytest.raises(ToolError, match="is a directory"):
        ws.read_text("d")
    with pytest.raises(ToolError, match="does not exist"):
        ws.read_text("nope.txt")
    with pytest.raises(ToolError, match="is a directory"):
        ws.write_text("d", "x")


def test_delete_removes_a_file_only(ws: Workspace) -> None:
    ws.write_text("gone.txt", "x")
    ws.delete("gone.txt")
    assert not (ws.root / "gone.txt").exists()
    (ws.root / "d").mkdir()
    with pytest.raises(ToolError, match="only files"):
        ws.delete("d")
    with pytest.raises(ToolError, match="does not exist"):
        ws.delete("gone.txt")


def test_list_files_skips_git_caches_and_temporaries(ws: Workspace) -> None:
    for name in ("src/a.py", "b.txt", ".git/config", "node_modules/x.js", f"{TEMP_PREFIX}b.txt.1234"):
        path = ws.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    assert ws.list_files() == ["b.txt", "src/a.py"]
    assert ws.list_files(limit=1) == ["b.txt"]
    with pytest.raises(ToolError, match="not a directory"):
        ws.list_files("b.txt")


def test_root_must_be_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ToolError, match="not a directory"):
        Workspace(tmp_path / "missing")


# The child loads only the workspace subpackage (not the model runtime) so it starts quickly.
_WRITER = textwrap.dedent(
    """
    import sys, types
    package = types.ModuleType("smallcode")
    package.__path__ = [sys.argv[3]]
    sys.modules["smallcode"] = package
    from smallcode.workspace import Workspace

    size = int(sys.argv[2])
    ws = Workspace(sys.argv[1], max_write_bytes=size, history=False)
    print("ready", flush=True)
    n = 0
    while True:
        ws.write_text("big.txt", "AB"[n % 2] * size)
        n += 1
    """
)


def test_kill_9_mid_write_never_leaves_a_torn_file(tmp_path: Path) -> None:
    """A child process rewrites an 8 MB file in a loop; SIGKILL at varied moments must leave
    either the previous or the next version in full, never a mixture or a short file."""
    size = 8 * 1024 * 1024
    (tmp_path / "big.txt").write_text("A" * size)
    package = str(Path(smallcode.__file__).parent)
    for delay in (0.0, 0.01, 0.03, 0.07, 0.15, 0.3):
        child = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(tmp_path), str(size), package], stdout=subprocess.PIPE
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        data = (tmp_path / "big.txt").read_bytes()
        assert len(data) == size
        assert data in (b"A" * size, b"B" * size)
    # The interrupted temporaries are invisible to listings (and to snapshots).
    assert Workspace(tmp_path, history=False).list_files() == ["big.txt"]
