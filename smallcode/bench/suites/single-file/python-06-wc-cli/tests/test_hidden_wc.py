import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = str(Path(__file__).with_name("wc.py"))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, SCRIPT, *args], cwd=cwd, capture_output=True, text=True, timeout=20)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("one two three\nfour\n")
    (tmp_path / "b.txt").write_bytes("héllo  world\n\n  spaced   out".encode())
    return tmp_path


def test_default_all_counts(files: Path) -> None:
    proc = run("a.txt", cwd=files)
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == ["2 4 19 a.txt"]


def test_selected_counts_keep_order(files: Path) -> None:
    assert run("-c", "-l", "a.txt", cwd=files).stdout.splitlines() == ["2 19 a.txt"]
    assert run("-w", "b.txt", cwd=files).stdout.splitlines() == ["4 b.txt"]


def test_bytes_not_characters(files: Path) -> None:
    assert run("-c", "b.txt", cwd=files).stdout.splitlines() == ["29 b.txt"]


def test_total_line(files: Path) -> None:
    proc = run("a.txt", "b.txt", cwd=files)
    assert proc.stdout.splitlines() == ["2 4 19 a.txt", "2 4 29 b.txt", "4 8 48 total"]


def test_missing_file_continues(files: Path) -> None:
    proc = run("-l", "nope.txt", "a.txt", cwd=files)
    assert proc.returncode == 1
    assert "wc.py: nope.txt: No such file" in proc.stderr
    assert proc.stdout.splitlines() == ["2 a.txt", "2 total"]
