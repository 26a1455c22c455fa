"""RemoteModel configuration: base URLs, environment and .env, what the server reports about itself."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from smallcode import Grammar, Message
from smallcode.errors import RemoteModelError
from smallcode.runtime import RemoteModel
from smallcode.runtime.remote import normalize_base_url, server_root

from .remote_server import Answer, FakeServer, completion, serve

VARIABLES = ("BASE_URL", "MODEL", "API_KEY", "CONTEXT_WINDOW", "TIMEOUT")


@pytest.fixture
def server() -> Iterator[FakeServer]:
    yield from serve()


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in VARIABLES:
        monkeypatch.delenv(f"SMALLCODE_{name}", raising=False)
    return monkeypatch


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("http://localhost:11434", "http://localhost:11434/v1"),
        ("http://localhost:11434/", "http://localhost:11434/v1"),
        ("http://localhost:8080/v1", "http://localhost:8080/v1"),
        ("http://localhost:8080/v1/", "http://localhost:8080/v1"),
        ("http://localhost:8080/v1/chat/completions", "http://localhost:8080/v1"),
        ("localhost:1234", "http://localhost:1234/v1"),
        ("https://example.com/openai/v1", "https://example.com/openai/v1"),
        ("https://example.com/v1beta/openai/", "https://example.com/v1beta/openai"),
        ("http://proxy.local/llm", "http://proxy.local/llm/v1"),
    ],
)
def test_base_urls_with_or_without_v1_are_normalised(given: str, expected: str) -> None:
    assert normalize_base_url(given) == expected


def test_the_server_root_drops_the_api_path() -> None:
    assert server_root("http://localhost:11434/v1") == "http://localhost:11434"
    assert server_root("https://example.com/openai/v1") == "https://example.com/openai"


def test_requests_go_to_v1_whatever_the_url_looked_like(server: FakeServer) -> None:
    server.push(completion("a"), completion("b"))
    RemoteModel(server.url + "/", "m", probe=False).complete([Message.user("hi")])
    RemoteModel(server.url + "/v1/", "m", probe=False).complete([Message.user("hi")])
    assert [s.path for s in server.seen] == ["/v1/chat/completions", "/v1/chat/completions"]


def test_from_env_reads_the_environment(
    clean_env: pytest.MonkeyPatch, server: FakeServer, tmp_path: Path
) -> None:
    clean_env.setenv("SMALLCODE_BASE_URL", server.url)
    clean_env.setenv("SMALLCODE_MODEL", "env-model")
    clean_env.setenv("SMALLCODE_API_KEY", "sk-env")
    clean_env.setenv("SMALLCODE_CONTEXT_WINDOW", "2048")
    server.push(completion("ok"))
    model = RemoteModel.from_env(env_file=tmp_path / "missing.env")
    model.complete([Message.user("hi")])
    chat = server.seen[-1]
    assert chat.body["model"] == "env-model" and chat.headers["authorization"] == "Bearer sk-env"
    assert model.context_window == 2048 and model.base_url == server.url + "/v1"


def test_from_env_reads_a_dotenv_file_and_the_environment_wins(
    clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "SMALLCODE_BASE_URL=http://127.0.0.1:9/\nSMALLCODE_MODEL=file-model\nSMALLCODE_TIMEOUT=7\n"
    )
    clean_env.setenv("SMALLCODE_MODEL", "env-model")
    model = RemoteModel.from_env(env_file=env_file, probe=False)
    assert model.base_url == "http://127.0.0.1:9/v1" and model.model == "env-model" and model.timeout == 7
    assert RemoteModel.from_env(env_file=env_file, probe=False, model="given").model == "given"


def test_from_env_without_a_base_url_says_what_to_set(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(RemoteModelError, match="SMALLCODE_BASE_URL"):
        RemoteModel.from_env(env_file=tmp_path / "none.env")


def test_llama_cpp_server_window_comes_from_props_and_grammars_go_as_gbnf(server: FakeServer) -> None:
    props = {"default_generation_settings": {"n_ctx": 4096}, "total_slots": 1}
    server.routes[("GET", "/props")] = Answer(body=props)
    server.push(completion("yes"))
    model = RemoteModel(server.url, "m", context_window=16384)
    assert model.context_window == 4096 and model.server.kind == "llama.cpp"
    choice = Grammar.choice(["yes", "no"])
    model.complete([Message.user("?")], grammar=choice)
    assert server.chat_requests[0]["grammar"] == choice.gbnf


def test_window_from_the_model_listing(server: FakeServer) -> None:
    listing = {"data": [{"id": "other", "max_model_len": 999}, {"id": "m", "max_model_len": 32768}]}
    server.routes[("GET", "/v1/models")] = Answer(body=listing)
    model = RemoteModel(server.url, "m")
    assert model.context_window == 32768 and model.server.kind == "openai"
    assert model.server.models == ("other", "m")


def test_a_configured_window_is_capped_by_what_the_model_was_trained_for(server: FakeServer) -> None:
    server.routes[("GET", "/v1/models")] = Answer(body={"data": [{"id": "m", "meta": {"n_ctx_train": 2048}}]})
    assert RemoteModel(server.url, "m", context_window=8192).context_window == 2048


def test_without_a_reported_window_the_configured_one_is_used(server: FakeServer) -> None:
    assert RemoteModel(server.url, "m", context_window=3000).context_window == 3000
    assert RemoteModel(server.url, "m").context_window == 8192


def test_ollama_is_detected_and_asked_for_the_configured_window(server: FakeServer) -> None:
    show = {
        "modelfile": "FROM qwen",
        "parameters": "stop <|im_end|>",
        "model_info": {"qwen2.context_length": 32768},
    }
    server.routes[("POST", "/api/show")] = Answer(body=show)
    server.routes[("GET", "/api/ps")] = Answer(body={"models": []})
    server.push(completion("ok"))
    model = RemoteModel(server.url, "qwen2.5-coder:1.5b", context_window=16384)
    assert model.server.kind == "ollama" and model.context_window == 16384
    model.complete([Message.user("hi")])
    assert server.chat_requests[0]["options"] == {"num_ctx": 16384}
    show_request = next(s for s in server.seen if s.path == "/api/show")
    assert show_request.body == {"model": "qwen2.5-coder:1.5b"}


def test_ollama_reports_the_window_it_actually_loaded(server: FakeServer) -> None:
    show = {"modelfile": "FROM qwen", "model_info": {"qwen2.context_length": 32768}}
    server.routes[("POST", "/api/show")] = Answer(body=show)
    running = {
        "models": [{"name": "qwen2.5-coder:1.5b", "model": "qwen2.5-coder:1.5b", "context_length": 4096}]
    }
    server.routes[("GET", "/api/ps")] = Answer(body=running)
    assert RemoteModel(server.url, "qwen2.5-coder:1.5b", context_window=16384).context_window == 4096


def test_ollama_modelfile_num_ctx_is_the_window_when_nothing_is_loaded(server: FakeServer) -> None:
    show = {"modelfile": "FROM qwen", "parameters": "num_ctx 12288\nstop <|im_end|>", "model_info": {}}
    server.routes[("POST", "/api/show")] = Answer(body=show)
    assert RemoteModel(server.url, "q", context_window=4096).context_window == 12288


def test_a_server_that_is_down_at_first_is_probed_again() -> None:
    with socket.socket() as probe:  # a free port, not listening yet
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    model = RemoteModel(f"http://127.0.0.1:{port}", "m", context_window=4096)
    assert model.context_window == 4096
    late = FakeServer(port).start()
    try:
        late.routes[("GET", "/props")] = Answer(body={"default_generation_settings": {"n_ctx": 2048}})
        assert model.context_window == 2048 and model.server.kind == "llama.cpp"
    finally:
        late.stop()


def test_probing_can_be_switched_off(server: FakeServer) -> None:
    server.push(completion("ok"))
    model = RemoteModel(server.url, "m", probe=False, server="ollama", context_window=6000)
    model.complete([Message.user("hi")])
    assert [s.path for s in server.seen] == ["/v1/chat/completions"]
    assert server.chat_requests[0]["options"] == {"num_ctx": 6000}


def test_the_model_can_be_used_as_a_context_manager(server: FakeServer) -> None:
    server.push(completion("ok"))
    with RemoteModel(server.url, "m", probe=False) as model:
        assert model.complete([Message.user("hi")]).text == "ok"
    assert "m" in repr(model)
