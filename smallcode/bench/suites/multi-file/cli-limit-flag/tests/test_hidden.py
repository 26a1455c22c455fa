from pathlib import Path

import pytest

from logtool.cli import main
from logtool.pipeline import process
from logtool.reader import read_lines


@pytest.fixture
def logs(tmp_path: Path) -> list[Path]:
    a, b = tmp_path / "a.log", tmp_path / "b.log"
    a.write_text("1\n2\n3\n")
    b.write_text("x\n")
    return [a, b]


def test_reader(logs: list[Path]) -> None:
    assert read_lines(logs[0], limit=2) == ["1", "2"]
    assert read_lines(logs[0]) == ["1", "2", "3"]


def test_pipeline(logs: list[Path]) -> None:
    assert process(logs, limit=1) == ["a.log: 1", "b.log: x"]


def test_cli(logs: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--limit", "2", str(logs[0]), str(logs[1])]) == 0
    assert capsys.readouterr().out.splitlines() == ["a.log: 1", "a.log: 2", "b.log: x"]
    main([str(logs[0])])
    assert len(capsys.readouterr().out.splitlines()) == 3
