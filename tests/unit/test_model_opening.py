"""Opening a model named on the command line, with a local model's options."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from smallcode.errors import ModelLoadError, ModelOptionsError
from smallcode.runtime import DEFAULT_MODEL, RemoteModel, Runtime
from smallcode.runtime.opening import LocalOptions, open_model


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """What each Runtime would have been loaded with."""
    seen: list[dict[str, object]] = []

    def registry(name: str, *, progress: object = None, **options: object) -> object:
        seen.append({"name": name, **options})
        return object()

    def gguf(path: str, **options: object) -> object:
        seen.append({"path": path, **options})
        return object()

    monkeypatch.setattr(Runtime, "from_registry", registry)
    monkeypatch.setattr(Runtime, "from_gguf", gguf)
    return seen


def parse(*argv: str) -> LocalOptions:
    parser = argparse.ArgumentParser()
    LocalOptions.add_arguments(parser)
    return LocalOptions.from_args(parser.parse_args(argv))


def test_command_line_options_reach_the_runtime(loads: list[dict[str, object]]) -> None:
    local = parse(
        "--draft", "lookup", "--kv-cache", "q8_0", "--no-repack", "--threads", "4", "--gpu-layers", "-1"
    )
    open_model("default", n_ctx=4096, local=local)
    open_model("models/coder.gguf", local=local.placement())
    open_model("qwen2.5-coder-1.5b", n_ctx=4096, local=parse())
    assert loads == [
        {
            "name": DEFAULT_MODEL,
            "n_ctx": 4096,
            "n_threads": 4,
            "n_gpu_layers": -1,
            "draft": "lookup",
            "kv_cache": "q8_0",
            "repack": False,
        },
        {"path": "models/coder.gguf", "n_ctx": 8192, "n_threads": 4, "n_gpu_layers": -1},
        {"name": "qwen2.5-coder-1.5b", "n_ctx": 4096},  # the Runtime's own defaults left alone
    ]


def test_a_server_with_local_options_is_a_clear_error(loads: list[dict[str, object]]) -> None:
    with pytest.raises(ModelOptionsError, match=r"^gpu_layers, draft: options of a local model, and http://"):
        open_model("http://localhost:8080/v1", local=LocalOptions(draft="lookup", gpu_layers=-1))
    with pytest.raises(ModelOptionsError, match=r"^repack: .* env names a server"):
        open_model("env", local=LocalOptions(repack=False))
    assert loads == []


def test_a_url_opens_a_server_named_by_the_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("SMALLCODE_MODEL", "from-env")
    model = open_model("http://localhost:8080/v1", remote_model="qwen-coder")
    assert isinstance(model, RemoteModel)
    assert (model.base_url, model.model) == ("http://localhost:8080/v1", "qwen-coder")
    named_by_env = open_model("http://localhost:8080/v1")
    assert isinstance(named_by_env, RemoteModel) and named_by_env.model == "from-env"


def test_the_agent_command_passes_its_options_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from smallcode import cli

    opened: list[tuple[str, LocalOptions]] = []
    closed: list[str] = []

    class Escalation:
        def close(self) -> None:
            closed.append("big.gguf")

    def fake_open(spec: str, *, n_ctx: int = 8192, local: LocalOptions, progress: object) -> object:
        opened.append((spec, local))
        if spec == "big.gguf":
            return Escalation()
        raise ModelLoadError(spec, "not loaded in this test")

    monkeypatch.setattr(cli, "open_model", fake_open)
    argv = [
        "run",
        "fix it",
        "--escalate",
        "big.gguf",
        "--draft",
        "lookup",
        "--gpu-layers",
        "-1",
        "--threads",
        "2",
    ]
    assert cli.main(argv) == 2
    assert opened == [
        ("big.gguf", LocalOptions(threads=2, gpu_layers=-1)),  # the escalation model: placement only
        ("default", LocalOptions(threads=2, gpu_layers=-1, draft="lookup")),
    ]
    assert closed == ["big.gguf"]  # the main model failed to load: the one loaded is closed
