"""Token selection from raw logits: penalties, truncation, temperature, grammars.

Sampling happens here in numpy rather than in llama.cpp's sampler chain because speculative decoding
needs the target's whole processed distribution at several positions of one batch, and because a
grammar is far cheaper when the chosen token is checked first and the vocabulary is masked only when
that token is refused (llama.cpp's grammar sampler otherwise walks all 151k tokens every step).
"""

from __future__ import annotations

import contextlib
import ctypes
from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from ..errors import GenerationError
from ..model import Sampling

if TYPE_CHECKING:
    from llama_cpp import llama_cpp as C

FloatArray = npt.NDArray[np.float32]

PENALTY_WINDOW = 64
"""Generated tokens a repeat penalty looks back over (llama-cpp-python's default)."""
_FIRST_CHECK = 32
"""When the top token breaks the grammar, this many next-best candidates are checked before the full
vocabulary is masked."""


def apply_penalty(logits: FloatArray, recent: Sequence[int], penalty: float) -> FloatArray:
    """llama.cpp's repeat penalty: divide positive logits of recent tokens by ``penalty``, multiply
    negative ones. Returns ``logits`` itself when there is nothing to do."""
    if penalty == 1.0 or not recent:
        return logits
    out: FloatArray = logits.copy()
    ids = np.fromiter(set(recent), dtype=np.int64)
    values = out[ids]
    out[ids] = np.where(values <= 0, values * penalty, values / penalty).astype(np.float32)
    return out


def truncate(logits: FloatArray, sampling: Sampling) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """The candidates that survive top-k, top-p and min-p (in llama.cpp's order, before temperature),
    sorted by logit, with their logits."""
    k = sampling.top_k if 0 < sampling.top_k < logits.shape[0] else logits.shape[0]
    ids = np.argpartition(-logits, k - 1)[:k] if k < logits.shape[0] else np.arange(logits.shape[0])
    ids = ids[np.argsort(-logits[ids], kind="stable")]
    values = logits[ids].astype(np.float64)
    if sampling.top_p < 1.0 and len(ids) > 1:
        probs = np.exp(values - values[0])
        probs /= probs.sum()
        keep = int(np.searchsorted(np.cumsum(probs), sampling.top_p) + 1)
        ids, values = ids[:keep], values[:keep]
    if sampling.min_p > 0.0 and len(ids) > 1:
        keep = int(np.count_nonzero(values >= values[0] + np.log(sampling.min_p)))
        ids, values = ids[: max(1, keep)], values[: max(1, keep)]
    return ids, values.astype(np.float32)


def distribution(logits: FloatArray, sampling: Sampling) -> FloatArray:
    """The full-vocabulary probabilities sampling draws from (temperature > 0)."""
    ids, values = truncate(logits, sampling)
    scaled = values.astype(np.float64) / sampling.temperature
    weights = np.exp(scaled - scaled.max())
    probs = np.zeros(logits.shape[0], dtype=np.float64)
    probs[ids] = weights / weights.sum()
    return probs.astype(np.float32)


def speculative_accept(
    p: FloatArray, q: FloatArray, token: int, rng: np.random.Generator
) -> tuple[int, bool]:
    """The standard speculative-sampling rule for one drafted ``token``.

    ``q`` is the distribution the drafter sampled ``token`` from and ``p`` the target's. The token is
    kept with probability ``min(1, p/q)``; otherwise a replacement is drawn from ``max(0, p - q)``
    renormalised. The emitted token is then distributed exactly as ``p``. Returns (token, accepted).
    """
    p_tok, q_tok = float(p[token]), float(q[token])
    if q_tok > 0.0 and rng.random() * q_tok < p_tok:
        return token, True
    residual = np.maximum(p.astype(np.float64) - q.astype(np.float64), 0.0)
    if residual.sum() <= 0.0:  # p == q up to rounding: any draw from p is exact
        residual = p
    return draw(residual, rng), False


def draw(weights: FloatArray | npt.NDArray[np.float64], rng: np.random.Generator) -> int:
    """An index drawn in proportion to ``weights``, normalised in float64: a float32 vocabulary-sized
    sum is off by more than numpy's tolerance for probabilities."""
    wide = weights.astype(np.float64)
    return int(rng.choice(wide.shape[0], p=wide / wide.sum()))


class GrammarMatcher:
    """A llama.cpp GBNF grammar state that can check single tokens cheaply."""

    def __init__(self, handle: C.llama_sampler_p, vocab_size: int) -> None:
        self._handle: C.llama_sampler_p | None = handle
        self._vocab_size = vocab_size
        self._one = _TokenArray(1)
        self._some = _TokenArray(_FIRST_CHECK)
        self._all: _TokenArray | None = None

    @classmethod
    def compile(cls, vocab: C.llama_vocab_p, gbnf: str, vocab_size: int) -> GrammarMatcher:
        from llama_cpp import llama_cpp as C

        handle = C.llama_sampler_init_grammar(vocab, gbnf.encode("utf-8"), b"root")
        if not handle:
            raise GenerationError("invalid grammar: llama.cpp could not parse the GBNF")
        return cls(handle, vocab_size)

    def clone(self) -> GrammarMatcher:
        """A fresh copy (a cloned grammar keeps the parsed rules, not a re-parse)."""
        from llama_cpp import llama_cpp as C

        return GrammarMatcher(C.llama_sampler_clone(self._live()), self._vocab_size)

    def close(self) -> None:
        from llama_cpp import llama_cpp as C

        if self._handle:
            C.llama_sampler_free(self._handle)
            self._handle = None

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # interpreter shutdown
            self.close()

    def allowed(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Which of ``ids`` the grammar allows next."""
        if len(ids) == 1:
            array = self._one
        elif len(ids) <= _FIRST_CHECK:
            array = self._some
        else:
            if self._all is None:
                self._all = _TokenArray(self._vocab_size)
            array = self._all
        return array.apply(self._live(), ids)

    def accept(self, token: int) -> None:
        from llama_cpp import llama_cpp as C

        C.llama_sampler_accept(self._live(), token)

    def _live(self) -> C.llama_sampler_p:
        if self._handle is None:
            raise GenerationError("this grammar state was closed")
        return self._handle


class _TokenArray:
    """A reusable llama_token_data_array for asking a grammar about a set of tokens."""

    def __init__(self, capacity: int) -> None:
        from llama_cpp import llama_cpp as C

        fields = [("id", np.intc), ("logit", np.single), ("p", np.single)]
        self.data = np.zeros(capacity, dtype=np.dtype(fields))
        self.struct = C.llama_token_data_array(
            data=self.data.ctypes.data_as(C.llama_token_data_p), size=0, selected=-1, sorted=False
        )

    def apply(self, handle: C.llama_sampler_p, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        from llama_cpp import llama_cpp as C

        n = len(ids)
        self.data["id"][:n] = ids
        self.data["logit"][:n] = 0.0
        self.struct.size = n
        self.struct.selected = -1
        self.struct.sorted = False
        C.llama_sampler_apply(handle, ctypes.byref(self.struct))
        result: npt.NDArray[np.bool_] = np.isfinite(self.data["logit"][:n])
        return result


class TokenSampler:
    """Chooses each next token for one generation call and remembers what it chose.

    Greedy (temperature 0) takes the highest logit the grammar allows. Temperature sampling follows
    llama.cpp's order (repeat penalty, top-k, top-p, min-p, temperature); with a grammar, the sampled
    token is checked and, when refused, sampling is repeated over the grammar-allowed tokens only —
    what llama.cpp's own sampler does.
    """

    def __init__(self, sampling: Sampling, *, seed: int, grammar: GrammarMatcher | None = None) -> None:
        self.sampling = sampling
        self.grammar = grammar
        self.rng = np.random.default_rng(seed)
        self.recent: deque[int] = deque(maxlen=PENALTY_WINDOW)

    @property
    def greedy(self) -> bool:
        return self.sampling.temperature <= 0.0

    def prepare(self, logits: FloatArray) -> FloatArray:
        return apply_penalty(logits, self.recent, self.sampling.repeat_penalty)

    def probabilities(self, logits: FloatArray) -> FloatArray:
        """The distribution the next token is drawn from, ignoring any grammar (used for drafts)."""
        return distribution(self.prepare(logits), self.sampling)

    def next(self, logits: FloatArray, draft: int | None = None, draft_q: FloatArray | None = None) -> int:
        """Choose the next token and record it.

        With ``draft_q`` (the drafter's own distribution for ``draft``) the standard speculative rule
        decides; otherwise the token is chosen as in plain decoding and the caller compares it to its
        draft, which is that rule for a drafter that proposes one token with certainty.
        """
        prepared = self.prepare(logits)
        if draft is not None and draft_q is not None and not self.greedy and self.grammar is None:
            token, _ = speculative_accept(distribution(prepared, self.sampling), draft_q, draft, self.rng)
        elif self.greedy:
            token = self._greedy(prepared)
        else:
            token = self._sample(prepared)
        self.accept(token)
        return token

    def accept(self, token: int) -> None:
        self.recent.append(token)
        if self.grammar is not None:
            self.grammar.accept(token)

    def _greedy(self, logits: FloatArray) -> int:
        top = int(np.argmax(logits))
        if self.grammar is None or self.grammar.allowed(np.array([top]))[0]:
            return top
        n = min(_FIRST_CHECK, logits.shape[0])
        ids = np.argpartition(-logits, n - 1)[:n]
        ids = ids[np.argsort(-logits[ids], kind="stable")]
        ok = self.grammar.allowed(ids)
        if ok.any():
            return int(ids[int(np.argmax(ok))])
        return int(np.argmax(self._masked(logits)))

    def _sample(self, logits: FloatArray) -> int:
        token = self._draw(logits)
        if self.grammar is None or self.grammar.allowed(np.array([token]))[0]:
            return token
        return self._draw(self._masked(logits))

    def _draw(self, logits: FloatArray) -> int:
        ids, values = truncate(logits, self.sampling)
        finite = np.isfinite(values)
        if not finite.any():
            raise GenerationError("the grammar allows no token here")
        ids, values = ids[finite], values[finite]
        scaled = values.astype(np.float64) / self.sampling.temperature
        weights = np.exp(scaled - scaled.max())
        return int(ids[draw(weights, self.rng)])

    def _masked(self, logits: FloatArray) -> FloatArray:
        assert self.grammar is not None
        ok = self.grammar.allowed(np.arange(logits.shape[0]))
        if not ok.any():
            raise GenerationError("the grammar allows no token here")
        return np.where(ok, logits, np.float32(-np.inf)).astype(np.float32)
