"""The OpenAI chat wire format as servers really speak it: URLs, replies, stream chunks, failures."""

from __future__ import annotations

import email.utils
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit, urlunsplit

import openai
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from openai.types.completion_usage import CompletionUsage

from ..errors import RemoteModelError
from ..messages import FinishReason, TokenLogprob, ToolCall

# Request fields that some servers reject; one that is refused is dropped and not sent again.
_OPTIONAL_FIELDS = (
    "response_format", "grammar", "stream_options", "top_logprobs", "logprobs",
    "top_k", "min_p", "repeat_penalty", "options", "seed",
)  # fmt: skip
_REFUSAL = re.compile(
    r"unrecogni[sz]ed|unsupported|not supported|unknown|extra|not permitted|not allowed|invalid"
    r"|validation|input should be",
    re.IGNORECASE,
)
_OVERFLOW = re.compile(
    r"context[_ ]length|context window|context size|maximum context|exceeds? (?:the )?(?:available )?context"
    r"|too many tokens|prompt is too long",
    re.IGNORECASE,
)
_OVERFLOW_CODES = ("context_length_exceeded", "exceed_context_size_error")
FINISH_REASONS: dict[str, FinishReason] = {
    "stop": "stop", "length": "length", "tool_calls": "tool_calls", "function_call": "tool_calls",
    "content_filter": "error",
}  # fmt: skip
_VERSIONED = re.compile(r"/v\d+[a-z0-9]*(?:/|$)")
_ENDPOINT_SUFFIX = re.compile(r"/(?:chat/completions|completions|models)$")


def normalize_base_url(url: str) -> str:
    """``http://host:11434``, ``…/v1/``, ``…/v1/chat/completions`` → ``http://host:11434/v1``.

    A path that already names an API version (``/v1``, ``/v1beta/openai``) is kept as it is.
    """
    url = url.strip()
    if "//" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    path = _ENDPOINT_SUFFIX.sub("", parts.path.rstrip("/")).rstrip("/")
    if not _VERSIONED.search(path + "/"):
        path += "/v1"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def server_root(base_url: str) -> str:
    """The server's address without its OpenAI path: where ``/props`` or ``/api/show`` live."""
    parts = urlsplit(base_url)
    match = _VERSIONED.search(parts.path + "/")
    path = parts.path[: match.start()] if match else parts.path
    return urlunsplit((parts.scheme, parts.netloc, path.rstrip("/"), "", ""))


class BrokenStream(Exception):
    """A streamed reply that stopped before its finish reason (internal; becomes RemoteModelError)."""

    def __init__(self, reason: str, text: str, emitted: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.text = text
        self.emitted = emitted


@dataclass
class Reply:
    """A reply as it arrives, whole or in stream chunks."""

    content: list[str] = field(default_factory=list)
    reasoning: list[str] = field(default_factory=list)
    calls: dict[int, dict[str, str]] = field(default_factory=dict)
    finish: str | None = None
    usage: CompletionUsage | None = None
    logprobs: list[TokenLogprob] | None = None


# -- reading replies ---------------------------------------------------------------------------


def read_completion(response: ChatCompletion) -> Reply:
    if not response.choices:
        raise RemoteModelError("the server answered with no choices")
    choice = response.choices[0]
    message = choice.message
    reply = Reply(finish=choice.finish_reason or "stop", usage=response.usage)
    if message.content:
        reply.content.append(message.content)
    reasoning = _reasoning(message)
    if reasoning:
        reply.reasoning.append(reasoning)
    for index, call in enumerate(message.tool_calls or []):
        dumped = call.model_dump()
        function = dumped.get("function") or {}
        reply.calls[index] = {
            "id": str(dumped.get("id") or ""),
            "name": str(function.get("name") or ""),
            "arguments": str(function.get("arguments") or ""),
        }
    if choice.logprobs is not None and choice.logprobs.content is not None:
        reply.logprobs = [TokenLogprob(token=t.token, logprob=t.logprob) for t in choice.logprobs.content]
    return reply


def add_chunk(reply: Reply, chunk: ChatCompletionChunk) -> str:
    """Fold one stream chunk into ``reply``; return its new answer text."""
    if chunk.usage is not None:
        reply.usage = chunk.usage
    if not chunk.choices:
        return ""
    choice = chunk.choices[0]
    delta = choice.delta
    if choice.finish_reason is not None:
        reply.finish = choice.finish_reason
    reasoning = _reasoning(delta)
    if reasoning:
        reply.reasoning.append(reasoning)
    for part in delta.tool_calls or []:
        slot = reply.calls.setdefault(part.index, {"id": "", "name": "", "arguments": ""})
        if part.id:
            slot["id"] = part.id
        if part.function is not None:
            slot["name"] += part.function.name or ""
            slot["arguments"] += part.function.arguments or ""
    if choice.logprobs is not None and choice.logprobs.content is not None:
        reply.logprobs = reply.logprobs or []
        reply.logprobs.extend(TokenLogprob(token=t.token, logprob=t.logprob) for t in choice.logprobs.content)
    if delta.content:
        reply.content.append(delta.content)
        return delta.content
    return ""


def _reasoning(part: object) -> str:
    """``reasoning_content`` (llama.cpp, DeepSeek) or ``reasoning`` (vLLM, OpenRouter), if any."""
    for name in ("reasoning_content", "reasoning"):
        value = getattr(part, name, None)
        if isinstance(value, str) and value:
            return value
    return ""


def native_calls(raw: Mapping[int, Mapping[str, str]]) -> tuple[list[ToolCall], list[str]]:
    """Calls the server parsed, and (as JSON text for the lenient parser) those whose arguments are broken."""
    calls: list[ToolCall] = []
    unreadable: list[str] = []
    for index in sorted(raw):
        part = raw[index]
        try:
            decoded = json.loads(part["arguments"]) if part["arguments"].strip() else {}
        except json.JSONDecodeError:
            decoded = None
        if isinstance(decoded, dict):
            call = ToolCall(name=part["name"], arguments={str(k): v for k, v in decoded.items()})
            calls.append(call.model_copy(update={"id": part["id"]}) if part["id"] else call)
        else:
            unreadable.append(json.dumps({"name": part["name"], "arguments": part["arguments"]}))
    return calls, unreadable


# -- errors and retries ------------------------------------------------------------------------


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, BrokenStream):
        return not exc.emitted  # text already streamed to the caller cannot be taken back
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 429) or exc.status_code >= 500
    return isinstance(exc, openai.APIConnectionError)  # includes timeouts


def retry_after(exc: BaseException) -> float | None:
    """Seconds a 429/503 asks us to wait (``Retry-After`` in seconds or as a date, or ``retry-after-ms``)."""
    if not isinstance(exc, openai.APIStatusError) or exc.status_code not in (429, 503):
        return None
    headers = exc.response.headers
    milliseconds = headers.get("retry-after-ms")
    if milliseconds:
        try:
            return max(0.0, float(milliseconds) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def refused_field(exc: openai.APIStatusError, body: Mapping[str, object]) -> str | None:
    """The optional request field an error says the server does not accept, if it names one."""
    if exc.status_code in (401, 403, 404, 408, 429):
        return None
    text = body_text(exc)
    if not _REFUSAL.search(text):
        return None
    for name in _OPTIONAL_FIELDS:
        if name in body and re.search(rf"\b{name}\b", text):
            return name
    return None


def body_text(exc: openai.APIStatusError) -> str:
    try:
        return exc.response.text or str(exc)
    except Exception:  # a stream response whose body was never read
        return str(exc)


def _first_int(text: str, *patterns: str) -> int | None:
    for pattern in patterns:
        match = re.search(pattern, text)
        if match:
            return int(match.group(1))
    return None


def positive_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def read_listing(listing: object, wanted: str | None) -> tuple[tuple[str, ...], int | None, int | None]:
    """Model ids, and the served window and trained limit of the wanted (or first) model, from ``/models``."""
    data = listing.get("data") if isinstance(listing, dict) else None
    entries = [e for e in data if isinstance(e, dict)] if isinstance(data, list) else []
    models = tuple(str(e["id"]) for e in entries if e.get("id"))
    entry = next((e for e in entries if e.get("id") == wanted), entries[0] if entries else None)
    if entry is None:
        return models, None, None
    meta = entry.get("meta")
    meta = meta if isinstance(meta, dict) else {}
    window = None
    for key in ("loaded_context_length", "max_model_len", "context_length", "context_window"):
        window = window or positive_int(entry.get(key))
    window = window or positive_int(meta.get("n_ctx"))
    limit = positive_int(entry.get("max_context_length")) or positive_int(meta.get("n_ctx_train"))
    return models, window, limit


def context_overflow(exc: openai.APIStatusError) -> tuple[int | None, int | None] | None:
    """For an error that says the prompt does not fit: (prompt tokens, window), each if the server said."""
    text = body_text(exc)
    if exc.status_code == 429 or not (_OVERFLOW.search(text) or any(c in text for c in _OVERFLOW_CODES)):
        return None
    window = _first_int(
        text, r"maximum context length is (\d+)", r"context window of (\d+)", r'"n_ctx"\s*:\s*(\d+)'
    )
    prompt = _first_int(
        text, r"(\d+) in the messages", r"Requested tokens \((\d+)\)", r'"n_prompt_tokens"\s*:\s*(\d+)'
    )
    return prompt, window
