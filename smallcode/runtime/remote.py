"""RemoteModel: a model behind any OpenAI-compatible server (llama.cpp, Ollama, LM Studio, vLLM, cloud)."""

from __future__ import annotations

import json
import logging
import math
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal

import openai
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from tenacity import RetryCallState, Retrying, retry_if_exception, wait_exponential, wait_random

from ..errors import ContextOverflowError, GenerationError, RemoteContextOverflowError, RemoteModelError
from ..messages import Completion, JsonObject, Message, ToolCall, ToolSpec, Usage
from ..model import Grammar, Sampling, TokenCallback
from ..parsing import LenientParser
from ..testing import estimate_tokens
from .openai_wire import (
    FINISH_REASONS,
    BrokenStream,
    Reply,
    add_chunk,
    body_text,
    context_overflow,
    is_transient,
    native_calls,
    normalize_base_url,
    positive_int,
    read_completion,
    read_listing,
    refused_field,
    retry_after,
    server_root,
)
from .settings import RemoteSettings

GrammarFormat = Literal["json_schema", "json_object", "gbnf", "none"]
ServerKind = Literal["llama.cpp", "ollama", "openai"]

log = logging.getLogger(__name__)

DEFAULT_CONTEXT_WINDOW = 8192
_PER_MESSAGE_TOKENS = 8  # role markers and separators a chat template adds around each message
_NO_KEY = "not-needed"  # the SDK insists on a key; local servers ignore it
_EXCERPT = 500


@dataclass(frozen=True)
class RetryPolicy:
    """How failed requests are retried: timeouts, lost connections, 408, 429 and 5xx answers.

    Waits grow exponentially from ``initial_wait`` up to ``max_wait`` (with jitter). A 429 or 503
    with ``Retry-After`` waits exactly that long; a demand longer than ``max_retry_after`` ends the
    retries at once. ``sleep`` is how waiting happens (tests pass a recorder).
    """

    attempts: int = 4
    initial_wait: float = 0.5
    max_wait: float = 20.0
    max_retry_after: float = 60.0
    sleep: Callable[[float], None] = time.sleep


@dataclass(frozen=True)
class ServerInfo:
    """What probing the server found out."""

    kind: ServerKind
    models: tuple[str, ...] = ()
    context_window: int | None = None
    """The window the server says it serves requests with."""
    context_limit: int | None = None
    """The most the model was trained for (a configured window is capped to it)."""


class RemoteModel:
    """A ``Model`` served over HTTP by an OpenAI-compatible server.

    >>> model = RemoteModel("http://localhost:11434", "qwen2.5-coder:1.5b")  # /v1 is added
    >>> model.complete([Message.user("Say hi")]).text
    """

    def __init__(
        self,
        base_url: str,
        model: str | None = None,
        api_key: str | None = None,
        *,
        context_window: int | None = None,
        timeout: float = 300.0,
        retry: RetryPolicy | None = None,
        grammar_format: GrammarFormat | None = None,
        server: ServerKind | None = None,
        probe: bool = True,
        token_margin: float = 1.1,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """``model=None`` uses the first model the server lists. ``context_window`` is used when the
        server does not report its own. ``grammar_format`` says how a ``Grammar`` is sent (default:
        ``gbnf`` to llama.cpp servers, ``json_schema`` to others). ``server`` skips kind detection;
        ``probe=False`` skips asking the server anything beyond chat requests."""
        self.base_url = normalize_base_url(base_url)
        self.root_url = server_root(self.base_url)
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self._backoff = wait_exponential(
            multiplier=self.retry.initial_wait, max=self.retry.max_wait
        ) + wait_random(0, self.retry.initial_wait)
        self.token_margin = token_margin
        self._model = model
        self._configured_window = context_window
        self._grammar_format = grammar_format
        self._kind = server
        self._probe_enabled = probe
        self._info: ServerInfo | None = None
        self._unsupported: set[str] = set()
        self._lock = threading.Lock()
        self._client = openai.OpenAI(
            base_url=self.base_url,
            api_key=api_key or _NO_KEY,
            timeout=openai.Timeout(timeout, connect=min(timeout, 10.0)),
            max_retries=0,  # retries are ours: bounded, typed, and honouring Retry-After
            default_headers=dict(headers or {}),
        )

    @classmethod
    def from_env(cls, env_file: Path | str | None = ".env", **options: object) -> RemoteModel:
        """Configure from ``SMALLCODE_BASE_URL``, ``SMALLCODE_MODEL``, ``SMALLCODE_API_KEY`` (and
        ``SMALLCODE_CONTEXT_WINDOW``, ``SMALLCODE_TIMEOUT``), read from the environment or ``env_file``.
        Keyword ``options`` go to the constructor and win over both."""
        settings = RemoteSettings.load(env_file)
        base_url = options.pop("base_url", settings.base_url)
        if not isinstance(base_url, str) or not base_url:
            raise RemoteModelError("no server configured: set SMALLCODE_BASE_URL (or put it in .env)")
        options.setdefault("model", settings.model)
        options.setdefault("api_key", settings.api_key.get_secret_value() if settings.api_key else None)
        options.setdefault("context_window", settings.context_window)
        options.setdefault("timeout", settings.timeout)
        return cls(base_url, **options)  # type: ignore[arg-type]

    # -- what the server is ------------------------------------------------------------------

    @property
    def server(self) -> ServerInfo:
        """Kind, models and window, asked of the server once (a server that is down is asked again)."""
        with self._lock:
            if self._info is None:
                info = self._probe() if self._probe_enabled else None
                if info is None:
                    if self._probe_enabled:  # unreachable: ask again next time
                        return ServerInfo(kind=self._kind or "openai")
                    info = ServerInfo(kind=self._kind or "openai")
                self._info = info
            return self._info

    @property
    def model(self) -> str:
        """The model name sent with each request."""
        if self._model:
            return self._model
        models = self.server.models
        if not models:
            raise RemoteModelError(f"{self.base_url} lists no models: pass model= or set SMALLCODE_MODEL")
        return models[0]

    @property
    def context_window(self) -> int:
        info = self.server
        if info.context_window:
            return info.context_window
        window = self._configured_window or DEFAULT_CONTEXT_WINDOW
        return min(window, info.context_limit) if info.context_limit else window

    @property
    def grammar_format(self) -> GrammarFormat:
        if self._grammar_format is not None:
            return self._grammar_format
        return "gbnf" if self.server.kind == "llama.cpp" else "json_schema"

    @property
    def unsupported_fields(self) -> frozenset[str]:
        """Request fields this server refused; they are no longer sent."""
        return frozenset(self._unsupported)

    def _probe(self) -> ServerInfo | None:
        reached, listing = self._fetch("models")
        if not reached:
            return None
        models, window, limit = read_listing(listing, self._model)
        name = self._model or (models[0] if models else "")
        kind = self._kind
        if kind in (None, "llama.cpp"):
            _, props = self._fetch(self.root_url + "/props")
            if isinstance(props, dict) and "default_generation_settings" in props:
                kind = "llama.cpp"
                settings = props["default_generation_settings"]
                found = positive_int(settings.get("n_ctx")) if isinstance(settings, dict) else None
                window = window or found or positive_int(props.get("n_ctx"))
        if kind in (None, "ollama") and name:
            _, show = self._fetch(self.root_url + "/api/show", {"model": name})
            if isinstance(show, dict) and ("model_info" in show or "modelfile" in show):
                kind = "ollama"
                window, limit = self._ollama_window(show, name, limit)
        return ServerInfo(kind=kind or "openai", models=models, context_window=window, context_limit=limit)

    def _ollama_window(self, show: JsonObject, name: str, limit: int | None) -> tuple[int | None, int | None]:
        info = show.get("model_info")
        if isinstance(info, dict):
            trained = [positive_int(v) for k, v in info.items() if str(k).endswith(".context_length")]
            limit = next((t for t in trained if t), limit)
        _, running = self._fetch(self.root_url + "/api/ps")
        loaded = running.get("models") if isinstance(running, dict) else None
        for entry in loaded if isinstance(loaded, list) else []:
            if isinstance(entry, dict) and name in (entry.get("name"), entry.get("model")):
                size = positive_int(entry.get("context_length"))
                if size:
                    return size, limit
        parameters = show.get("parameters")
        match = re.search(r"\bnum_ctx\s+(\d+)", parameters) if isinstance(parameters, str) else None
        return (int(match.group(1)) if match else None), limit

    def _fetch(self, path: str, body: JsonObject | None = None) -> tuple[bool, object]:
        """One quick request, no retries: (whether the server answered at all, its JSON or None)."""
        options: openai.RequestOptions = {"timeout": min(self.timeout, 10.0)}
        try:
            if body is None:
                return True, self._client.get(path, cast_to=object, options=options)
            return True, self._client.post(path, cast_to=object, body=body, options=options)
        except openai.APIStatusError:
            return True, None
        except openai.OpenAIError:
            return False, None

    # -- tokens ------------------------------------------------------------------------------

    def count_tokens(self, messages: Sequence[Message], tools: Sequence[ToolSpec] = ()) -> int:
        """An estimate that errs high (about 3 characters a token, plus ``token_margin``)."""
        total = sum(estimate_tokens(_message_text(m)) + _PER_MESSAGE_TOKENS for m in messages)
        total += sum(estimate_tokens(json.dumps(t.to_openai())) for t in tools)
        return math.ceil(total * self.token_margin)

    # -- generation --------------------------------------------------------------------------

    def complete(
        self,
        messages: Sequence[Message],
        *,
        tools: Sequence[ToolSpec] = (),
        grammar: Grammar | None = None,
        sampling: Sampling = Sampling(),  # noqa: B008 - Sampling is frozen
        on_token: TokenCallback | None = None,
    ) -> Completion:
        """One chat completion, retried on transient failures.

        Raises ``RemoteContextOverflowError`` when the server says the prompt does not fit, and
        ``RemoteModelError`` for any other failure (after the last retry for transient ones).
        ``messages`` is only read, so a caller can send it again after any error.
        """
        attempts = 0

        def attempt() -> Reply:
            nonlocal attempts
            attempts += 1
            return self._send(messages, tools, grammar, sampling, on_token)

        retrying = Retrying(
            stop=self._should_stop,
            wait=self._wait,
            retry=retry_if_exception(is_transient),
            sleep=self.retry.sleep,
            before_sleep=_log_retry,
            reraise=True,
        )
        try:
            reply = retrying(attempt)
        except ContextOverflowError:
            raise
        except (openai.OpenAIError, BrokenStream) as exc:
            raise self._failure(exc, attempts) from exc
        return self._completion(reply, messages, tools)

    def _should_stop(self, state: RetryCallState) -> bool:
        if state.attempt_number >= self.retry.attempts:
            return True
        exc = state.outcome.exception() if state.outcome else None
        delay = retry_after(exc) if exc else None
        return delay is not None and delay > self.retry.max_retry_after

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        delay = retry_after(exc) if exc else None
        if delay is not None:
            return delay
        return float(self._backoff(state))

    def _send(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec],
        grammar: Grammar | None,
        sampling: Sampling,
        on_token: TokenCallback | None,
    ) -> Reply:
        while True:  # ends: each pass either returns, raises, or drops one more refused field
            body = self._body(messages, tools, grammar, sampling, stream=on_token is not None)
            try:
                if on_token is None:
                    response = self._client.post("chat/completions", cast_to=ChatCompletion, body=body)
                    return read_completion(response)
                return self._stream(body, on_token)
            except openai.APIStatusError as exc:
                overflow = self._overflow(exc, messages, tools, sampling)
                if overflow is not None:
                    raise overflow from exc
                refused = refused_field(exc, body)
                if refused is None:
                    raise
                log.warning("%s refused %r; sending requests without it", self.base_url, refused)
                with self._lock:
                    self._unsupported.add(refused)
                    if refused == "logprobs":
                        self._unsupported.add("top_logprobs")

    def _body(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec],
        grammar: Grammar | None,
        sampling: Sampling,
        *,
        stream: bool,
    ) -> JsonObject:
        body: JsonObject = {
            "model": self.model,
            "messages": [m.to_openai() for m in messages],
            "temperature": sampling.temperature,
            "top_p": sampling.top_p,
            "max_tokens": sampling.max_tokens,
        }
        if tools:
            body["tools"] = [t.to_openai() for t in tools]
        if sampling.stop:
            body["stop"] = list(sampling.stop)
        if sampling.seed is not None:
            body["seed"] = sampling.seed
        if sampling.logprobs:
            body.update(logprobs=True, top_logprobs=1)
        if stream:
            body.update(stream=True, stream_options={"include_usage": True})
        if sampling.temperature > 0:  # these change nothing when decoding is greedy
            body.update(top_k=sampling.top_k, min_p=sampling.min_p, repeat_penalty=sampling.repeat_penalty)
        if grammar is not None:
            body.update(self._grammar_fields(grammar))
        if self.server.kind == "ollama":
            body["options"] = {"num_ctx": self._configured_window or self.context_window}
        return {key: value for key, value in body.items() if key not in self._unsupported}

    def _grammar_fields(self, grammar: Grammar) -> JsonObject:
        form = self.grammar_format
        if form == "gbnf":
            return {"grammar": grammar.gbnf}
        if form == "none" or grammar.json_schema is None:
            return {}
        if form == "json_object":
            return {"response_format": {"type": "json_object", "schema": grammar.json_schema}}
        schema = {"name": "reply", "schema": grammar.json_schema, "strict": False}
        return {"response_format": {"type": "json_schema", "json_schema": schema}}

    def _stream(self, body: JsonObject, on_token: TokenCallback) -> Reply:
        stream = self._client.post(
            "chat/completions",
            cast_to=ChatCompletion,
            body=body,
            stream=True,
            stream_cls=openai.Stream[ChatCompletionChunk],
        )
        reply = Reply()
        emitted = False
        try:
            with stream:
                for chunk in stream:
                    piece = add_chunk(reply, chunk)
                    if piece:
                        on_token(piece)
                        emitted = True
        except openai.APIStatusError:
            raise
        except openai.APIError as exc:
            raise BrokenStream(f"{type(exc).__name__}: {exc}", "".join(reply.content), emitted) from exc
        if reply.finish is None:
            raise BrokenStream("the stream closed before a finish reason", "".join(reply.content), emitted)
        if not reply.content and reply.reasoning:  # the answer came as reasoning: show it once
            on_token("".join(reply.reasoning))
        return reply

    # -- results and failures ----------------------------------------------------------------

    def _completion(self, reply: Reply, messages: Sequence[Message], tools: Sequence[ToolSpec]) -> Completion:
        text = "".join(reply.content)
        if not text.strip() and reply.reasoning:
            text = "".join(reply.reasoning)
        calls, unreadable = native_calls(reply.calls)
        text += "".join(f"\n<tool_call>{raw}</tool_call>" for raw in unreadable)
        found: list[ToolCall] = []
        kept = text
        if tools and (unreadable or not calls):
            parser = LenientParser(tools)
            parsed = parser.parse(text)
            stripped = text.strip()
            if not parsed.calls and stripped.startswith("{") and stripped.endswith("}"):
                bare = parser.parse(f"<tool_call>{stripped}</tool_call>")  # a call written as bare JSON
                parsed = bare if bare.calls else parsed
            if parsed.calls:
                found, kept = parsed.calls, parsed.text
        finish = FINISH_REASONS.get(reply.finish or "stop", "stop")
        all_calls = (*calls, *found)
        if all_calls and finish == "stop":
            finish = "tool_calls"
        return Completion(
            text=kept,
            tool_calls=all_calls,
            usage=self._usage(reply, messages, tools, text),
            finish_reason=finish,
            logprobs=tuple(reply.logprobs) if reply.logprobs is not None else None,
            raw_text=text if found else None,
        )

    def _usage(
        self, reply: Reply, messages: Sequence[Message], tools: Sequence[ToolSpec], text: str
    ) -> Usage:
        if reply.usage is None:  # a server that does not report usage: estimate it
            arguments = "".join(call.get("arguments", "") for call in reply.calls.values())
            return Usage(
                prompt_tokens=self.count_tokens(messages, tools),
                completion_tokens=estimate_tokens(text + arguments),
            )
        details = reply.usage.prompt_tokens_details
        cached = details.cached_tokens if details is not None and details.cached_tokens else 0
        return Usage(
            prompt_tokens=reply.usage.prompt_tokens,
            completion_tokens=reply.usage.completion_tokens,
            cached_tokens=cached,
        )

    def _overflow(
        self,
        exc: openai.APIStatusError,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec],
        sampling: Sampling,
    ) -> RemoteContextOverflowError | None:
        found = context_overflow(exc)
        if found is None:
            return None
        prompt, window = found
        return RemoteContextOverflowError(
            prompt if prompt is not None else self.count_tokens(messages, tools),
            sampling.max_tokens,
            window if window is not None else self.context_window,
            status=exc.status_code,
            body=body_text(exc)[:_EXCERPT],
        )

    def _failure(self, exc: BaseException, attempts: int) -> GenerationError:
        tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        if isinstance(exc, BrokenStream):
            return RemoteModelError(
                f"the reply from {self.base_url} broke off after {len(exc.text)} characters "
                f"({exc.reason}; {tries})",
                attempts=attempts,
                partial_text=exc.text,
            )
        if isinstance(exc, openai.APITimeoutError):
            return RemoteModelError(
                f"{self.base_url} did not answer within {self.timeout:g} s ({tries})", attempts=attempts
            )
        if isinstance(exc, openai.APIConnectionError):
            return RemoteModelError(f"cannot reach {self.base_url}: {exc} ({tries})", attempts=attempts)
        if isinstance(exc, openai.APIStatusError):
            status, text = exc.status_code, body_text(exc)
            hint = {
                401: "the server refused the API key; set SMALLCODE_API_KEY",
                403: "the server refused the API key; set SMALLCODE_API_KEY",
                404: f"not found: check the base URL and that the server has the model {self._model or ''}",
                429: "rate limited",
            }.get(status, "server error" if status >= 500 else "request refused")
            return RemoteModelError(
                f"{self.base_url} answered {status} ({hint}; {tries}): {text[:200]}",
                status=status,
                body=text[:_EXCERPT],
                attempts=attempts,
                retry_after=retry_after(exc),
            )
        return RemoteModelError(f"{self.base_url}: {exc}", attempts=attempts)

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RemoteModel:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RemoteModel({self.base_url!r}, model={self._model!r})"


def _message_text(message: Message) -> str:
    calls = "".join(json.dumps(c.arguments, ensure_ascii=False) + c.name for c in message.tool_calls)
    return message.content + calls


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    log.warning("request failed (%s); retry %d in %.2f s", exc, state.attempt_number, wait)


__all__ = [
    "DEFAULT_CONTEXT_WINDOW",
    "GrammarFormat",
    "RemoteModel",
    "RetryPolicy",
    "ServerInfo",
    "ServerKind",
    "normalize_base_url",
    "server_root",
]
