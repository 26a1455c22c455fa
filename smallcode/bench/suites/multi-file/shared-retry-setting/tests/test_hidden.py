import ast
from pathlib import Path

import pytest

from sync import settings
from sync.download import download
from sync.upload import upload


def test_single_setting() -> None:
    assert settings.MAX_RETRIES == 4
    for module in ("sync/upload.py", "sync/download.py"):
        tree = ast.parse(Path(module).read_text())
        assigned = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
                    if isinstance(t, ast.Name)}
        assert "MAX_RETRIES" not in assigned, module


def test_behaviour_follows_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    with pytest.raises(IOError):
        upload(lambda data: calls.append(data) or False, b"x")
    assert len(calls) == 4
    monkeypatch.setattr(settings, "MAX_RETRIES", 2)
    fetches = []
    with pytest.raises(IOError):
        download(lambda: fetches.append(1))
    assert len(fetches) == 2
    answers = iter([False, True])
    assert upload(lambda data: next(answers), b"y") == 2
