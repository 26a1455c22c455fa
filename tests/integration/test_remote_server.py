"""RemoteModel against a real OpenAI-compatible server: llama-cpp-python's own, on loopback, serving the
embedded default model."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from smallcode import Agent, Grammar, Message, Sampling, Workspace
from smallcode.events import ModelReplied, ToolFinished
from smallcode.runtime import RemoteModel, ensure_model
from smallcode.tools import file_tools, finish_tool

pytestmark = pytest.mark.model

STARTUP_SECONDS = 120
TIMEOUT = 180.0  # one request; the CPU here may be shared
# Half the cores, as llama.cpp itself defaults: on a busy machine a spinning pool of all cores ran 7x slower.
THREADS = max(1, (os.cpu_count() or 2) // 2)


SERVE = """
import runpy, sys
from smallcode.runtime.local import weights_repacked, repack_by_default

sys.argv[0] = "llama_cpp.server"
with weights_repacked(repack_by_default()):  # llama.cpp's AMX kernels fault on some machines
    runpy.run_module("llama_cpp.server", run_name="__main__")
"""
"""``python -m llama_cpp.server``, its weights repacked or not as a Runtime's would be."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_serving(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"llama_cpp.server exited with {process.returncode}:\n{log.read_text()[-3000:]}"
            )
        try:
            with urllib.request.urlopen(url + "/v1/models", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.25)
    raise RuntimeError(
        f"llama_cpp.server did not serve within {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}"
    )


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m llama_cpp.server`` on a free loopback port, stopped after this module."""
    port = _free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    command = [
        sys.executable, "-c", SERVE,
        "--model", str(ensure_model()),
        "--n_ctx", "4096",
        "--n_threads", str(THREADS),
        "--n_threads_batch", str(THREADS),
        "--host", "127.0.0.1",
        "--port", str(port),
        "--seed", "0",
        "--verbose", "False",
    ]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture(scope="module")
def remote(server_url: str) -> Iterator[RemoteModel]:
    with RemoteModel(server_url, context_window=4096, timeout=TIMEOUT) as model:
        yield model


def test_completion_through_the_server(remote: RemoteModel) -> None:
    messages = [Message.user("What is 2 + 3? Answer with the number only.")]
    reply = remote.complete(messages, sampling=Sampling(max_tokens=8, logprobs=True))
    assert "5" in reply.text
    assert reply.usage.prompt_tokens > 10 and 0 < reply.usage.completion_tokens <= 8
    assert reply.logprobs and len(reply.logprobs) == reply.usage.completion_tokens
    assert all(t.logprob <= 0 for t in reply.logprobs)
    assert remote.model.endswith(".gguf")  # no name given: the one model the server lists
    assert remote.context_window == 4096 and remote.server.kind == "openai"


def test_streaming_through_the_server(remote: RemoteModel) -> None:
    pieces: list[str] = []
    reply = remote.complete(
        [Message.user("Name three colors.")], sampling=Sampling(max_tokens=12), on_token=pieces.append
    )
    assert len(pieces) > 1 and "".join(pieces) == reply.text and reply.text.strip()
    assert reply.finish_reason in ("stop", "length")


def test_a_gbnf_grammar_constrains_the_server(server_url: str) -> None:
    colors = ["crimson", "teal", "ochre"]
    with RemoteModel(server_url, grammar_format="gbnf", context_window=4096, timeout=TIMEOUT) as model:
        reply = model.complete([Message.user("Pick a color.")], grammar=Grammar.choice(colors))
    assert reply.text in colors


def test_a_refused_response_format_is_dropped(server_url: str) -> None:
    # this server rejects {"type": "json_schema"}; the request goes through without it
    schema: dict[str, object] = {"type": "object", "properties": {"n": {"type": "integer"}}}
    with RemoteModel(server_url, context_window=4096, timeout=TIMEOUT) as model:
        reply = model.complete(
            [Message.user("Say ok.")],
            grammar=Grammar.from_json_schema(schema),
            sampling=Sampling(max_tokens=4),
        )
        assert reply.usage.completion_tokens > 0
        assert model.unsupported_fields == {"response_format"}


def test_a_tool_call_round_trip_through_the_agent(server_url: str, tmp_path: Path) -> None:
    with RemoteModel(server_url, grammar_format="gbnf", context_window=4096, timeout=TIMEOUT) as model:
        workspace = Workspace(tmp_path)
        tools = [t for t in file_tools(workspace) if t.name == "write_file"] + [finish_tool()]
        agent = Agent(
            model=model,
            workspace=workspace,
            tools=tools,
            max_steps=2,
            sampling=Sampling(max_tokens=64),
            validate=False,
            run_tests=False,
        )
        result = agent.run("Create the file hello.txt containing the word hi.")
    assert (tmp_path / "hello.txt").exists() and "hi" in (tmp_path / "hello.txt").read_text()
    kinds = [type(e) for e in result.events]
    finished = kinds.index(ToolFinished)
    assert ModelReplied in kinds[finished:]  # the tool result went back to the server and it answered
    assert next(e for e in result.events if isinstance(e, ToolFinished)).ok
    assert any(m.role == "tool" for m in result.messages)
