"""The example in docs/parser.md runs and prints what its comments say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).parents[2] / "docs" / "parser.md"


def test_docs_example_runs_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    (code,) = re.findall(r"```python\n(.*?)```", DOC.read_text(), re.DOTALL)
    exec(compile(code, str(DOC), "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["read_file {'path': 'a.py', 'start': 3}", "Let me look."]
    assert lines[2].startswith("json ('renamed tool readFile to read_file'")
    assert lines[3:5] == ["[]", "bad_arguments"]
    assert lines[5].startswith("Fix the arguments and call read_file again: `start`:")
