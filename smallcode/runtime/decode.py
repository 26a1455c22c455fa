"""The decode loop on llama.cpp's low-level API: a KV cache we can reuse, batch and roll back.

``Decoder`` mirrors the tokens held in one context's KV cache (sequence 0), evaluates batches that ask
for logits only where they are needed, and removes a suffix of the cache when a draft is refused.
``decode_tokens`` is the generation loop shared by plain and speculative decoding.
"""

from __future__ import annotations

import contextlib
import ctypes
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import numpy as np

from ..errors import GenerationError
from .sampling import FloatArray, TokenSampler

if TYPE_CHECKING:
    from llama_cpp import Llama

    from .kvcache import PrefixStore

MAX_DRAFT = 16
"""The longest draft one verification batch carries."""


def common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """How many leading tokens ``a`` and ``b`` share."""
    n = min(len(a), len(b))
    if n == 0:
        return 0
    left = np.asarray(a[:n], dtype=np.int64)
    right = np.asarray(b[:n], dtype=np.int64)
    differ = np.flatnonzero(left != right)
    return int(differ[0]) if differ.size else n


class Decoder:
    """One llama.cpp context: the tokens in its KV cache and batched evaluation on top of them.

    The ``Llama`` object's own record (``input_ids``/``n_tokens``) is kept in step, so its
    high-level API stays usable on the same model.

    llama.cpp's kernels round differently for different batch shapes, so a token evaluated one at a
    time (while generating) or in a batch that starts elsewhere gets slightly different keys and
    values than in a fresh evaluation of the whole prompt. With ``exact`` the cache is reused only
    up to tokens that were evaluated in prompt batches aligned to multiples of ``n_batch`` — exactly
    as a fresh evaluation batches them — so reuse never changes an output.
    """

    def __init__(self, llm: Llama, n_batch: int, *, exact: bool = False) -> None:
        from llama_cpp import llama_cpp as C

        self.llm = llm
        self.n_batch = n_batch
        self.exact = exact
        self._trusted = 0
        self.n_ctx = int(llm.n_ctx())
        self.n_vocab = int(llm.n_vocab())
        self._ctx = llm._ctx.ctx
        self._memory = C.llama_get_memory(self._ctx)
        self._batch = C.llama_batch_init(n_batch, 0, 1)
        self._freed = False

    def close(self) -> None:
        from llama_cpp import llama_cpp as C

        if not self._freed:
            C.llama_batch_free(self._batch)
            self._freed = True

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # interpreter shutdown
            self.close()

    @property
    def tokens(self) -> list[int]:
        """The tokens whose keys and values are in the cache, in order."""
        return list(self.llm.input_ids[: self.llm.n_tokens].tolist())

    @property
    def size(self) -> int:
        return int(self.llm.n_tokens)

    def prefill(self, prompt: Sequence[int], store: PrefixStore | None = None) -> int:
        """Make the cache hold ``prompt`` and the logits of its last token ready; return how many
        prompt tokens were reused rather than evaluated.

        The longest prefix shared with what is cached is kept, even when the prompt changes in the
        middle (only the part after the first difference is evaluated again). A saved prefix state
        from ``store`` is restored instead when it covers more of the prompt.
        """
        if not prompt:
            raise GenerationError("cannot generate from an empty prompt")
        keep = self.reusable(prompt)
        if store is not None:
            keep = max(keep, store.restore_into(self, prompt, keep))
        # the last token is evaluated again to get its logits
        keep = min(keep, self._aligned(len(prompt) - 1) if self.exact else len(prompt) - 1)
        self.truncate(keep)
        self.eval(prompt[keep:])
        if self.exact:
            self._trusted = self._aligned(len(prompt))
        return keep

    def reusable(self, prompt: Sequence[int]) -> int:
        """How many leading tokens of ``prompt`` the cache can keep."""
        keep = common_prefix(self.tokens, prompt)
        return self._aligned(min(keep, self._trusted)) if self.exact else keep

    def _aligned(self, n: int) -> int:
        return n - n % self.n_batch

    def truncate(self, n: int) -> None:
        """Drop every cached token from position ``n`` on."""
        from llama_cpp import llama_cpp as C

        self._trusted = min(self._trusted, n)
        if n < self.size:
            if not C.llama_memory_seq_rm(self._memory, 0, n, -1):
                raise GenerationError("llama.cpp could not remove tokens from the KV cache")
            self.llm.n_tokens = n

    def eval(self, tokens: Sequence[int], *, all_logits: bool = False) -> float:
        """Append ``tokens`` to the cache; return the seconds it took.

        Logits are kept for the last token only, or for every token of a batch with ``all_logits``
        (which then must fit one batch).
        """
        from llama_cpp import llama_cpp as C

        if all_logits and len(tokens) > self.n_batch:
            raise GenerationError(f"a batch of {len(tokens)} tokens exceeds n_batch={self.n_batch}")
        start = self.size
        if start + len(tokens) > self.n_ctx:
            raise GenerationError(
                f"the KV cache holds {self.n_ctx} tokens; {start} + {len(tokens)} do not fit"
            )
        began = time.perf_counter()
        batch = self._batch
        for first in range(0, len(tokens), self.n_batch):
            chunk = tokens[first : first + self.n_batch]
            last_chunk = first + self.n_batch >= len(tokens)
            batch.n_tokens = len(chunk)
            for i, token in enumerate(chunk):
                batch.token[i] = token
                batch.pos[i] = start + first + i
                batch.n_seq_id[i] = 1
                batch.seq_id[i][0] = 0
                batch.logits[i] = all_logits
            batch.logits[len(chunk) - 1] = last_chunk
            code = C.llama_decode(self._ctx, batch)
            if code != 0:
                self.truncate(start + first)
                raise GenerationError(f"llama_decode failed with code {code}")
            self.llm.input_ids[start + first : start + first + len(chunk)] = chunk
            self.llm.n_tokens = start + first + len(chunk)
        C.llama_synchronize(self._ctx)  # a GPU decodes asynchronously: time the work, not its launch
        return time.perf_counter() - began

    def save_state(self) -> bytes:
        """The keys and values of every cached token (restore with ``load_state``)."""
        from llama_cpp import llama_cpp as C

        size = C.llama_state_seq_get_size(self._ctx, 0)
        buffer = (ctypes.c_uint8 * size)()
        written = C.llama_state_seq_get_data(self._ctx, buffer, size, 0)
        return ctypes.string_at(buffer, written)

    def load_state(self, tokens: Sequence[int], data: bytes) -> None:
        """Replace the cache with a state saved by ``save_state`` while it held ``tokens``."""
        from llama_cpp import llama_cpp as C

        if len(tokens) > self.n_ctx:
            raise GenerationError(f"a saved state of {len(tokens)} tokens does not fit n_ctx={self.n_ctx}")
        self.truncate(0)
        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        if C.llama_state_seq_set_data(self._ctx, buffer, len(data), 0) == 0:
            C.llama_memory_seq_rm(self._memory, 0, -1, -1)
            raise GenerationError("llama.cpp refused a saved KV state (another model or cache type?)")
        self.llm.input_ids[: len(tokens)] = tokens
        self.llm.n_tokens = len(tokens)
        self._trusted = self._aligned(len(tokens))

    def logits(self, index: int = -1) -> FloatArray:
        """A view of the logits at ``index`` of the last batch (valid until the next ``eval``)."""
        from llama_cpp import llama_cpp as C

        pointer = C.llama_get_logits_ith(self._ctx, index)
        if not pointer:
            raise GenerationError(f"no logits were computed for batch index {index}")
        return np.ctypeslib.as_array(pointer, shape=(self.n_vocab,))


@dataclass
class Draft:
    """Tokens a drafter proposes to follow the current text."""

    tokens: list[int]
    source: str
    probs: list[FloatArray | None] | None = None
    """The drafter's distribution for each token it sampled (temperature > 0); ``None`` for a token
    proposed with certainty."""
    key: str = ""
    """Which acceptance statistics this draft counts toward (e.g. prompt lookup with a long match)."""
    parts: tuple[tuple[str, int], ...] = ()
    """When drafters took turns: each one's statistics key and how many tokens in a row it drafted."""


class Speculator(Protocol):
    """Proposes drafts and learns from how they fared (see ``smallcode.runtime.speculative``)."""

    def begin(
        self, target: Decoder, prompt: Sequence[int], sampler: TokenSampler, max_tokens: int
    ) -> None: ...

    def propose(self, history: Sequence[int], limit: int) -> Draft | None: ...

    def observe(self, draft: Draft | None, accepted: int, batch: int, seconds: float) -> None: ...


@dataclass
class DecodeStats:
    """What one generation call did."""

    prompt_tokens: int = 0
    cached_tokens: int = 0
    prefill_seconds: float = 0.0
    decode_seconds: float = 0.0
    """From the first generated token to the last one."""
    generated: int = 0
    steps: int = 0
    """Target-model evaluations after the prompt (one per plain token, one per verified draft)."""
    drafted: int = 0
    accepted: int = 0
    cut_short: int = 0
    """Drafts the target refused part of (accepted / (accepted + cut_short) estimates the per-token
    acceptance probability)."""
    by_source: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Drafted and accepted tokens per drafter (``"model+lookup"``: drafts the model began and lookup
    continued)."""


@dataclass(frozen=True)
class Emitted:
    token: int
    logprob: float | None


def decode_tokens(
    decoder: Decoder,
    prompt: Sequence[int],
    sampler: TokenSampler,
    *,
    max_tokens: int,
    is_end: Callable[[int], bool],
    speculator: Speculator | None = None,
    logprobs: bool = False,
    stats: DecodeStats | None = None,
    store: PrefixStore | None = None,
) -> Iterator[Emitted]:
    """Yield up to ``max_tokens`` generated tokens (an end-of-generation token ends the stream and is
    yielded too). The caller may stop early; the cache then still matches ``decoder.tokens``."""
    stats = stats if stats is not None else DecodeStats()
    began = time.perf_counter()
    stats.prompt_tokens = len(prompt)
    stats.cached_tokens = decoder.prefill(prompt, store)
    history = list(prompt)
    logits = decoder.logits(-1)
    token = sampler.next(logits)
    stats.prefill_seconds = time.perf_counter() - began
    began = time.perf_counter()
    if speculator is not None:
        speculator.begin(decoder, prompt, sampler, max_tokens)
    history.append(token)
    stats.generated = 1
    yield Emitted(token, _logprob(logits, token) if logprobs else None)
    while not is_end(token) and stats.generated < max_tokens:
        room = min(max_tokens - stats.generated - 1, decoder.n_ctx - decoder.size - 2, MAX_DRAFT)
        draft = speculator.propose(history, room) if speculator is not None and room > 0 else None
        drafted = draft.tokens[:room] if draft is not None else []
        seconds = decoder.eval([token, *drafted], all_logits=bool(drafted))
        stats.steps += 1
        accepted = 0
        refused = False
        for j in range(len(drafted) + 1):
            logits = decoder.logits(j if drafted else -1)
            proposal = drafted[j] if j < len(drafted) else None
            q = (
                draft.probs[j]
                if draft is not None and draft.probs is not None and proposal is not None
                else None
            )
            token = sampler.next(logits, proposal, q)
            history.append(token)
            stats.generated += 1
            stats.decode_seconds = time.perf_counter() - began
            yield Emitted(token, _logprob(logits, token) if logprobs else None)
            if token != proposal:
                refused = proposal is not None
                break
            accepted += 1
            if is_end(token) or stats.generated >= max_tokens:
                break
        if drafted:
            assert draft is not None
            decoder.truncate(len(history) - 1)
            stats.drafted += len(drafted)
            stats.accepted += accepted
            stats.cut_short += refused
            total = stats.by_source.get(draft.source, (0, 0))
            stats.by_source[draft.source] = (total[0] + len(drafted), total[1] + accepted)
        if speculator is not None:
            speculator.observe(draft if drafted else None, accepted, 1 + len(drafted), seconds)


def _logprob(logits: FloatArray, token: int) -> float:
    peak = float(logits.max())
    log_norm = peak + float(np.log(np.exp(logits - peak).sum()))
    return float(logits[token]) - log_norm
