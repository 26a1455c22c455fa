from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_scripted_agent_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES / "scripted_agent.py"), run_name="__main__")
    assert "wrote notes.txt | remember the milk" in capsys.readouterr().out
