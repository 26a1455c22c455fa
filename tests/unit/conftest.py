"""Unit tests never load real weights: a Runtime load here is a test bug."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _forbid_real_models(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("unit tests must use ScriptedModel, not a real model")

    monkeypatch.setattr("smallcode.runtime.local.Runtime._load", refuse)
