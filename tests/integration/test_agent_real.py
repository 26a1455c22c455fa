from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from smallcode import Agent, Runtime, Workspace
from smallcode.events import TestsRan

pytestmark = pytest.mark.model


def test_agent_writes_a_file_with_the_real_model(runtime: Runtime, tmp_path: Path) -> None:
    agent = Agent(model=runtime, workspace=Workspace(tmp_path), max_steps=6)
    result = agent.run("Create greet.py containing a function greet(name) that returns 'Hello, ' + name.")
    namespace: dict[str, object] = {}
    exec((tmp_path / "greet.py").read_text(), namespace)
    greet = namespace["greet"]
    assert callable(greet) and greet("Ada") == "Hello, Ada"
    assert result.steps <= 6 and result.usage.completion_tokens > 0


def _pytest(folder: Path) -> int:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", str(folder)], capture_output=True).returncode


def test_the_agent_fixes_a_seeded_bug_from_test_feedback(runtime: Runtime, tmp_path: Path) -> None:
    """Failing tests shown first and protected, the fix found from their feedback, tests re-run after
    the edit, and a verdict that matches what pytest says."""
    seeded = "def total(items):\n    return sum(price for price, quantity in items)\n"
    (tmp_path / "cart.py").write_text(seeded)
    test_source = (
        "from cart import total\n\n\ndef test_total():\n    assert total([(2.0, 3), (1.5, 2)]) == 9.0\n"
    )
    (tmp_path / "test_cart.py").write_text(test_source)
    assert _pytest(tmp_path) != 0  # the seeded bug: quantities are ignored
    agent = Agent(model=runtime, workspace=Workspace(tmp_path), max_steps=6)
    result = agent.run("test_cart.py fails. Fix the bug in cart.py.")
    first_prompt_has_failure = any("tests fail now" in m.content for m in result.messages[:4])
    runs = [e for e in result.events if isinstance(e, TestsRan)]
    assert first_prompt_has_failure and not runs[0].ok and runs[-1].ok
    assert (tmp_path / "test_cart.py").read_text() == test_source  # the specification was not edited
    assert result.ok and result.files_changed == ["cart.py"]
    assert _pytest(tmp_path) == 0  # fixed: the test fails before and passes after
