from __future__ import annotations

from pathlib import Path

import pytest

from smallcode import Agent, Runtime, Workspace

pytestmark = pytest.mark.model


def test_agent_writes_a_file_with_the_real_model(runtime: Runtime, tmp_path: Path) -> None:
    agent = Agent(model=runtime, workspace=Workspace(tmp_path), max_steps=6)
    result = agent.run("Create greet.py containing a function greet(name) that returns 'Hello, ' + name.")
    assert (tmp_path / "greet.py").exists()
    namespace: dict[str, object] = {}
    exec((tmp_path / "greet.py").read_text(), namespace)
    greet = namespace["greet"]
    assert callable(greet) and greet("Ada") == "Hello, Ada"
    assert result.steps <= 6 and result.usage.completion_tokens > 0
