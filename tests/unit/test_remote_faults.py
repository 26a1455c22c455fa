"""RemoteModel under failure: retries, Retry-After, refusals, timeouts, broken streams, context overflow."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from smallcode import ContextOverflowError, GenerationError, Message
from smallcode.errors import RemoteContextOverflowError, RemoteModelError
from smallcode.runtime import RemoteModel, RetryPolicy

from .remote_server import Answer, FakeServer, chunk, completion, error, serve

CONVERSATION = [Message.system("You are terse."), Message.user("Say hello")]


@pytest.fixture
def server() -> Iterator[FakeServer]:
    yield from serve()


@pytest.fixture
def sleeps() -> list[float]:
    return []


def remote(server: FakeServer, sleeps: list[float], **options: object) -> RemoteModel:
    retry = RetryPolicy(
        attempts=3, initial_wait=0.001, max_wait=0.004, max_retry_after=30, sleep=sleeps.append
    )
    return RemoteModel(server.url, "m", retry=retry, probe=False, **options)  # type: ignore[arg-type]


def test_a_500_then_200_is_retried_and_the_conversation_is_kept(
    server: FakeServer, sleeps: list[float]
) -> None:
    server.push(error(500, "upstream hiccup"), completion("Hello."))
    messages = list(CONVERSATION)
    reply = remote(server, sleeps).complete(messages)
    assert reply.text == "Hello."
    assert len(server.chat_requests) == 2 and server.chat_requests[0] == server.chat_requests[1]
    assert len(sleeps) == 1 and 0 < sleeps[0] <= 0.004
    assert messages == CONVERSATION


def test_500s_until_the_last_attempt_give_a_typed_error_with_the_body(
    server: FakeServer, sleeps: list[float]
) -> None:
    server.push(*(error(503, "model is loading") for _ in range(3)), completion("late"))
    model = remote(server, sleeps)
    messages = list(CONVERSATION)
    with pytest.raises(RemoteModelError) as caught:
        model.complete(messages)
    failure = caught.value
    assert isinstance(failure, GenerationError)
    assert failure.status == 503 and failure.attempts == 3 and "model is loading" in failure.body
    assert "503" in str(failure) and len(sleeps) == 2 and len(server.chat_requests) == 3
    # nothing was lost: the same conversation goes through once the server is back
    assert messages == CONVERSATION and model.complete(messages).text == "late"


def test_backoff_grows_between_attempts(server: FakeServer, sleeps: list[float]) -> None:
    server.push(*(error(502, "bad gateway") for _ in range(4)))
    retry = RetryPolicy(attempts=4, initial_wait=1.0, max_wait=100.0, sleep=sleeps.append)
    with pytest.raises(RemoteModelError):
        RemoteModel(server.url, "m", retry=retry, probe=False).complete(CONVERSATION)
    assert len(sleeps) == 3 and sleeps[0] < 2.0 <= sleeps[1] < 3.0 <= sleeps[2]  # 1, 2, 4 s plus jitter < 1 s


def test_429_waits_as_long_as_retry_after_says(server: FakeServer, sleeps: list[float]) -> None:
    server.push(error(429, "slow down", headers={"Retry-After": "2"}), completion("Hello."))
    assert remote(server, sleeps).complete(CONVERSATION).text == "Hello."
    assert sleeps == [2.0]


def test_429_with_retry_after_ms_and_without_a_header(server: FakeServer, sleeps: list[float]) -> None:
    server.push(error(429, "slow", headers={"retry-after-ms": "250"}), error(429, "slow"), completion("ok"))
    assert remote(server, sleeps).complete(CONVERSATION).text == "ok"
    assert sleeps[0] == 0.25 and 0 < sleeps[1] <= 0.004


def test_a_retry_after_beyond_the_cap_ends_the_retries(server: FakeServer, sleeps: list[float]) -> None:
    server.push(error(429, "quota exhausted", headers={"Retry-After": "3600"}), completion("never"))
    with pytest.raises(RemoteModelError) as caught:
        remote(server, sleeps).complete(CONVERSATION)
    assert caught.value.status == 429 and caught.value.retry_after == 3600.0 and caught.value.attempts == 1
    assert sleeps == [] and len(server.chat_requests) == 1


def test_401_is_not_retried(server: FakeServer, sleeps: list[float]) -> None:
    server.push(error(401, "Incorrect API key provided"), completion("never"))
    with pytest.raises(RemoteModelError) as caught:
        remote(server, sleeps).complete(CONVERSATION)
    assert caught.value.status == 401 and caught.value.attempts == 1
    assert "SMALLCODE_API_KEY" in str(caught.value) and "Incorrect API key" in caught.value.body
    assert len(server.chat_requests) == 1 and sleeps == []


def test_a_400_validation_error_is_not_retried(server: FakeServer, sleeps: list[float]) -> None:
    server.push(error(400, "messages: field required"), completion("never"))
    with pytest.raises(RemoteModelError) as caught:
        remote(server, sleeps).complete(CONVERSATION)
    assert caught.value.status == 400 and len(server.chat_requests) == 1


def test_timeouts_are_retried_then_reported(server: FakeServer, sleeps: list[float]) -> None:
    server.push(*(Answer(body={}, delay=0.6) for _ in range(3)))
    with pytest.raises(RemoteModelError) as caught:
        remote(server, sleeps, timeout=0.1).complete(CONVERSATION)
    assert "did not answer within 0.1 s" in str(caught.value) and caught.value.attempts == 3
    assert caught.value.status is None and len(server.chat_requests) == 3


def test_a_timeout_then_an_answer_succeeds(server: FakeServer, sleeps: list[float]) -> None:
    server.push(Answer(body={}, delay=0.6), completion("in time"))
    assert remote(server, sleeps, timeout=0.2).complete(CONVERSATION).text == "in time"
    assert len(sleeps) == 1


def test_an_unreachable_server_gives_a_typed_error(sleeps: list[float]) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    retry = RetryPolicy(attempts=2, initial_wait=0.001, max_wait=0.001, sleep=sleeps.append)
    model = RemoteModel(f"http://127.0.0.1:{port}", "m", retry=retry)
    assert model.context_window == 8192  # nothing reported: the configured default
    with pytest.raises(RemoteModelError) as caught:
        model.complete(CONVERSATION)
    assert "cannot reach" in str(caught.value) and caught.value.attempts == 2


def test_a_stream_cut_off_after_text_is_reported_with_the_partial_text(
    server: FakeServer, sleeps: list[float]
) -> None:
    server.push(Answer(events=[chunk("Hel"), chunk("lo")], done=False), completion("never"))
    pieces: list[str] = []
    with pytest.raises(RemoteModelError) as caught:
        remote(server, sleeps).complete(CONVERSATION, on_token=pieces.append)
    # text already handed to on_token cannot be taken back, so this is not retried
    assert caught.value.partial_text == "Hello" and pieces == ["Hel", "lo"]
    assert "broke off after 5 characters" in str(caught.value) and len(server.chat_requests) == 1


def test_a_stream_cut_off_before_any_text_is_retried(server: FakeServer, sleeps: list[float]) -> None:
    server.push(Answer(events=[], done=False), Answer(events=[chunk("Hi"), chunk(finish="stop")]))
    pieces: list[str] = []
    reply = remote(server, sleeps).complete(CONVERSATION, on_token=pieces.append)
    assert reply.text == "Hi" and pieces == ["Hi"] and len(server.chat_requests) == 2


def test_a_stream_that_ends_with_done_but_no_finish_reason_counts_as_cut_off(
    server: FakeServer, sleeps: list[float]
) -> None:
    server.push(*(Answer(events=[], done=True) for _ in range(3)))
    with pytest.raises(RemoteModelError) as caught:
        remote(server, sleeps).complete(CONVERSATION, on_token=lambda _: None)
    assert caught.value.attempts == 3 and caught.value.partial_text == ""


def test_a_context_length_error_becomes_a_context_overflow(server: FakeServer, sleeps: list[float]) -> None:
    message = (
        "This model's maximum context length is 4096 tokens. However, you requested 5120 tokens "
        "(4096 in the messages, 1024 in the completion). "
        "Please reduce the length of the messages or completion."
    )
    server.push(error(400, message, code="context_length_exceeded"), completion("never"))
    with pytest.raises(ContextOverflowError) as caught:
        remote(server, sleeps).complete(CONVERSATION)
    overflow = caught.value
    assert isinstance(overflow, RemoteContextOverflowError) and overflow.status == 400
    assert (overflow.prompt_tokens, overflow.window) == (4096, 4096) and overflow.max_tokens == 1024
    assert len(server.chat_requests) == 1 and sleeps == []


def test_llama_cpp_server_context_errors_are_recognised(server: FakeServer, sleeps: list[float]) -> None:
    body = {
        "error": {
            "code": 400,
            "message": "the request exceeds the available context size, try increasing it",
            "type": "exceed_context_size_error",
            "n_prompt_tokens": 9000,
            "n_ctx": 8192,
        }
    }
    server.push(Answer(body=body, status=400))
    with pytest.raises(RemoteContextOverflowError) as caught:
        remote(server, sleeps).complete(CONVERSATION)
    assert (caught.value.prompt_tokens, caught.value.window) == (9000, 8192)
