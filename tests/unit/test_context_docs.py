"""The example in docs/context.md runs and prints what the page says it prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).parents[2] / "docs" / "context.md"


def test_the_documented_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    source = re.search(r"```python\n(.*?)```", DOC.read_text(), re.DOTALL)
    assert source is not None
    exec(compile(source.group(1), str(DOC), "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "8990 -> 1880 tokens (limit 2663)"
    assert lines[-1] == "[evicted: read_file src/m0.py lines 1-400, 733 tokens]"
    assert sum(1 for line in lines if line.startswith("ResultEvicted(")) == 10
    assert lines[0] in DOC.read_text() and lines[-1] in DOC.read_text()
