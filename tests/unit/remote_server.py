"""A scriptable OpenAI-compatible HTTP server on loopback, for RemoteModel tests (no model behind it)."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    """One scripted HTTP answer: JSON, or server-sent events (optionally cut off before the end)."""

    body: object = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    events: list[object] | None = None
    done: bool = True
    """Send ``data: [DONE]`` after the events; False leaves the stream truncated."""
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    body: dict[str, object]
    headers: dict[str, str]


def completion(
    content: str | None = "",
    *,
    tool_calls: list[dict[str, object]] | None = None,
    finish: str = "stop",
    usage: tuple[int, int, int] = (12, 3, 0),
    reasoning: str | None = None,
    logprobs: list[tuple[str, float]] | None = None,
) -> Answer:
    message: dict[str, object] = {"role": "assistant", "content": content}
    if tool_calls is not None:
        message["tool_calls"] = tool_calls
    if reasoning is not None:
        message["reasoning_content"] = reasoning
    choice: dict[str, object] = {"index": 0, "message": message, "finish_reason": finish}
    if logprobs is not None:
        choice["logprobs"] = {
            "content": [{"token": t, "logprob": p, "bytes": None, "top_logprobs": []} for t, p in logprobs]
        }
    prompt, completion_tokens, cached = usage
    return Answer(
        body={
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 0,
            "model": "fake-model",
            "choices": [choice],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt + completion_tokens,
                "prompt_tokens_details": {"cached_tokens": cached},
            },
        }
    )


def chunk(
    content: str | None = None,
    *,
    finish: str | None = None,
    tool_calls: list[dict[str, object]] | None = None,
    reasoning: str | None = None,
) -> dict[str, object]:
    delta: dict[str, object] = {}
    if content is not None:
        delta["content"] = content
    if tool_calls is not None:
        delta["tool_calls"] = tool_calls
    if reasoning is not None:
        delta["reasoning_content"] = reasoning
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "fake-model",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def usage_chunk(prompt: int, completion_tokens: int) -> dict[str, object]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "fake-model",
        "choices": [],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt + completion_tokens,
        },
    }


def error(
    status: int, message: str, *, code: str | None = None, headers: dict[str, str] | None = None
) -> Answer:
    body = {"error": {"message": message, "type": "invalid_request_error", "code": code}}
    return Answer(body=body, status=status, headers=headers or {})


class FakeServer:
    """Chat requests take the queued answers in order; other paths answer from ``routes`` (else 404)."""

    def __init__(self, port: int = 0) -> None:
        self.chat: deque[Answer] = deque()
        self.routes: dict[tuple[str, str], Answer] = {
            ("GET", "/v1/models"): Answer(body={"object": "list", "data": [{"id": "fake-model"}]})
        }
        self.seen: list[Seen] = []
        self._http = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._http.daemon_threads = True
        self._thread = threading.Thread(target=self._http.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def chat_requests(self) -> list[dict[str, object]]:
        return [s.body for s in self.seen if s.path.endswith("/chat/completions")]

    def push(self, *answers: Answer) -> None:
        self.chat.extend(answers)

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)

    def _answer(self, method: str, path: str) -> Answer:
        if method == "POST" and path.endswith("/chat/completions"):
            return self.chat.popleft() if self.chat else error(500, "the test script has no answer left")
        return self.routes.get((method, path), error(404, f"no route {method} {path}"))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def _serve(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else {}
                server.seen.append(
                    Seen(method, self.path, body, {k.lower(): v for k, v in self.headers.items()})
                )
                answer = server._answer(method, self.path)
                time.sleep(answer.delay)
                with contextlib.suppress(OSError):  # the client gave up (a timeout test)
                    self._write(answer)

            def _write(self, answer: Answer) -> None:
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                if answer.events is None:
                    data = json.dumps(answer.body).encode()
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()  # no length: the body ends when the connection closes
                for event in answer.events:
                    self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                    self.wfile.flush()
                if answer.done:
                    self.wfile.write(b"data: [DONE]\n\n")

        return Handler


def serve() -> Iterator[FakeServer]:
    server = FakeServer().start()
    try:
        yield server
    finally:
        server.stop()
