"""Speculative decoding: drafters, the cost model that decides how much to draft, and their glue.

A drafter proposes the next few tokens; the target model checks them all in one batch (see
``decode.decode_tokens``) and keeps the longest prefix it agrees with. Two drafters exist:
``PromptLookup`` finds the text just written earlier in the prompt or output and proposes what
followed it there (nearly free, and right most of the time when a model copies code it was shown),
and ``DraftModel`` runs a smaller model with the same vocabulary. Used together, the model drafts
where lookup has nothing to propose, and stops once lookup finds what follows its tokens (it has
written past a change, and the copy resumes): lookup continues the same draft.

Drafting only pays when the drafted tokens that are accepted outweigh the extra cost of a bigger
batch and of drafting itself. ``AdaptiveController`` measures both on the running machine and picks
the draft length with the best expected tokens per second, or none at all.
"""

from __future__ import annotations

import bisect
import math
import statistics
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import numpy as np

from ..errors import VocabularyMismatchError
from .decode import MAX_DRAFT, Decoder, Draft, common_prefix
from .sampling import FloatArray, TokenSampler, apply_penalty, distribution, draw

if TYPE_CHECKING:
    from llama_cpp import Llama


class Drafter(Protocol):
    name: str
    costless: bool
    """Whether a draft costs next to nothing (no model runs): its proposals are then also scored
    against the tokens plain decoding emits, so its acceptance is known before it drafts."""

    def start(self, prompt: Sequence[int], sampler: TokenSampler) -> None: ...

    def ready(self, history: Sequence[int]) -> str | None:
        """The key of the acceptance statistics a draft made now would count toward, or ``None``
        when this drafter has nothing to propose."""
        ...

    def draft(self, history: Sequence[int], length: int) -> Draft | None: ...


class PromptLookup:
    """Drafts by prompt lookup: the last few tokens are searched for earlier in the prompt and the
    output, and the tokens that followed the best (longest, then latest) match are proposed."""

    name = "lookup"
    costless = True

    def __init__(self, *, min_match: int = 2, max_candidates: int = 64, max_compare: int = 32) -> None:
        if min_match < 2:
            raise ValueError("min_match must be at least 2 (matches are found through token pairs)")
        self.min_match = min_match
        self.max_candidates = max_candidates
        self.max_compare = max_compare
        self._index: dict[tuple[int, int], list[int]] = {}
        self._indexed = 1

    def start(self, prompt: Sequence[int], sampler: TokenSampler | None = None) -> None:
        self._index = {}
        self._indexed = 1

    def _extend_index(self, history: Sequence[int], end: int) -> None:
        # position p is recorded under the pair that ends just before it: it is what followed
        for p in range(max(self._indexed, 2), end):
            self._index.setdefault((history[p - 2], history[p - 1]), []).append(p)
        self._indexed = max(self._indexed, end)

    def match(self, history: Sequence[int], committed: int | None = None) -> tuple[int, int]:
        """(position whose tokens would be proposed, length of the match), or (-1, 0). Only the first
        ``committed`` tokens (all by default) are searched: the rest are a draft, not text yet."""
        if len(history) < 3:
            return -1, 0
        self._extend_index(history, len(history) if committed is None else committed)
        candidates = self._index.get((history[-2], history[-1]))
        if not candidates:
            return -1, 0
        end = len(history)
        best, best_len = -1, 0
        for p in reversed(candidates[-self.max_candidates :]):
            if p >= end:
                continue
            n = 2
            limit = min(self.max_compare, p)
            while n < limit and history[p - 1 - n] == history[end - 1 - n]:
                n += 1
            if n > best_len:
                best, best_len = p, n
        if best_len < self.min_match:
            return -1, 0
        return best, best_len

    def ready(self, history: Sequence[int], committed: int | None = None) -> str | None:
        _, length = self.match(history, committed)
        return None if length == 0 else self._key(length)

    def draft(self, history: Sequence[int], length: int, committed: int | None = None) -> Draft | None:
        position, matched = self.match(history, committed)
        if position < 0:
            return None
        tokens = list(history[position : position + length])
        return Draft(tokens, self.name, key=self._key(matched)) if tokens else None

    def _key(self, matched: int) -> str:
        # a long match (the text is being copied) predicts the continuation far better than a pair
        bucket = "long" if matched >= 8 else "mid" if matched >= 4 else "short"
        return f"{self.name}:{bucket}"


PROBE_LAG = 16
"""The most tokens a draft model catches up on for a probe (on a 2-core CPU, 16 tokens in one batch of
a 0.5B cost one or two tokens of a 1.5B)."""


class DraftModel:
    """Drafts with a smaller model that shares the target's vocabulary, in its own KV cache.

    Its cache follows the accepted text lazily: it only catches up when a draft is asked for, so a
    controller that keeps it switched off costs nothing.
    """

    name = "model"
    costless = False

    def __init__(self, decoder: Decoder, *, is_end: Callable[[int], bool]) -> None:
        self.decoder = decoder
        self.is_end = is_end
        self._sampler: TokenSampler | None = None
        self._rng = np.random.default_rng(0)
        self.last_catch_up: tuple[int, float] = (0, 0.0)
        """Tokens evaluated to bring the draft cache up to date before the last draft, and seconds."""

    def start(self, prompt: Sequence[int], sampler: TokenSampler) -> None:
        self._sampler = sampler
        # drafts drawn from a child of the call's generator: a seeded call samples the same text again
        self._rng = sampler.rng.spawn(1)[0]

    def ready(self, history: Sequence[int]) -> str | None:
        return self.name

    def lag(self, history: Sequence[int]) -> int:
        """How many tokens of ``history`` the draft cache would have to evaluate before a draft."""
        return len(history) - common_prefix(self.decoder.tokens, history)

    def draft(
        self, history: Sequence[int], length: int, *, until: Callable[[list[int]], bool] | None = None
    ) -> Draft | None:
        """Up to ``length`` tokens, fewer where ``until(tokens drafted so far)`` says to stop."""
        decoder = self.decoder
        keep = common_prefix(decoder.tokens, history)
        if keep >= len(history):
            keep = len(history) - 1
        decoder.truncate(keep)
        missing = history[keep:]
        self.last_catch_up = (len(missing), decoder.eval(missing))
        sampler = self._sampler
        sampled = sampler is not None and not sampler.greedy and sampler.grammar is None
        tokens: list[int] = []
        probs: list[FloatArray | None] = []
        for i in range(length):
            logits = decoder.logits(-1)
            if sampled:
                assert sampler is not None
                q = distribution(
                    apply_penalty(logits, sampler.recent, sampler.sampling.repeat_penalty), sampler.sampling
                )
                token = draw(q, self._rng)
                probs.append(q)
            else:
                token = int(np.argmax(logits))
            tokens.append(token)
            if self.is_end(token):
                break
            if (until is not None and until(tokens)) or i == length - 1:
                break
            decoder.eval([token])
        return Draft(tokens, self.name, probs if sampled else None, key=self.name)


@dataclass(frozen=True)
class VocabInfo:
    """What decides whether two models' token ids mean the same text."""

    size: int
    kind: int
    bos: int
    eos: int
    texts: dict[int, bytes] = field(repr=False)
    """Token text for a spread sample of ids (every ``stride``-th id and the last 512)."""

    @classmethod
    def of(cls, llm: Llama, stride: int = 97) -> VocabInfo:
        from llama_cpp import llama_cpp as C

        vocab = llm._model.vocab
        size = int(C.llama_vocab_n_tokens(vocab))
        ids = sorted({*range(0, size, stride), *range(max(0, size - 512), size)})
        texts = {i: bytes(C.llama_vocab_get_text(vocab, i) or b"") for i in ids}
        return cls(
            size=size,
            kind=int(C.llama_vocab_type(vocab)),
            bos=int(C.llama_vocab_bos(vocab)),
            eos=int(C.llama_vocab_eos(vocab)),
            texts=texts,
        )


MAX_VOCAB_DIFFERENCE = 128
"""Vocabularies may differ in size by a few padding/special tokens (as llama.cpp allows)."""


def check_vocabulary(target: VocabInfo, draft: VocabInfo, draft_name: str) -> None:
    """Raise ``VocabularyMismatchError`` unless ``draft`` token ids mean what ``target``'s do."""
    problems: list[str] = []
    if target.kind != draft.kind:
        problems.append(f"tokenizer type {draft.kind} vs {target.kind}")
    if abs(target.size - draft.size) > MAX_VOCAB_DIFFERENCE:
        problems.append(f"{draft.size} tokens vs {target.size}")
    if (target.bos, target.eos) != (draft.bos, draft.eos):
        problems.append(f"bos/eos ids {draft.bos}/{draft.eos} vs {target.bos}/{target.eos}")
    common = min(target.size, draft.size)
    differing = [i for i, text in target.texts.items() if i < common and draft.texts.get(i, text) != text]
    if differing:
        i = differing[0]
        problems.append(
            f"{len(differing)} sampled token texts differ (id {i}: {draft.texts[i]!r} vs {target.texts[i]!r})"
        )
    if problems:
        raise VocabularyMismatchError(draft_name, "; ".join(problems))


class CostModel:
    """Seconds per verification batch of n tokens, and per drafted token for each drafter, measured
    on this machine (medians of recent samples, so a stray slow step does not swing decisions)."""

    PRIOR_SLOPE = 0.35
    """Until measured, each extra token in a batch is assumed to add 35% of a one-token step."""

    def __init__(self, window: int = 9) -> None:
        self._window = window
        self._verify: dict[int, deque[float]] = {}
        self._draft: dict[str, deque[float]] = {}
        # medians kept up to date as samples arrive: the controller reads them before every step,
        # which on a GPU lasts only a millisecond or two
        self._verify_median: dict[int, float] = {}
        self._sizes: list[int] = []
        self._draft_median: dict[str, float] = {}
        self.draft_prior: dict[str, float] = {}
        """Per-token draft cost as a fraction of a one-token target step, used until measured."""

    def record_verify(self, batch: int, seconds: float) -> None:
        samples = self._verify.get(batch)
        if samples is None:
            samples = self._verify[batch] = deque(maxlen=self._window)
            bisect.insort(self._sizes, batch)
        samples.append(seconds)
        self._verify_median[batch] = statistics.median(samples)

    def record_draft(self, source: str, seconds_per_token: float) -> None:
        samples = self._draft.setdefault(source, deque(maxlen=self._window))
        samples.append(seconds_per_token)
        self._draft_median[source] = statistics.median(samples)

    def samples(self, batch: int) -> int:
        """How many recent timings of ``batch`` tokens the median is taken over."""
        return len(self._verify.get(batch, ()))

    def largest_measured(self) -> int:
        """The largest batch timed so far (0 before any)."""
        return self._sizes[-1] if self._sizes else 0

    def verify(self, batch: int) -> float | None:
        """Seconds to evaluate ``batch`` tokens at once, interpolated or extrapolated from what was
        measured; ``None`` before a one-token step has been timed."""
        known = self._verify_median
        if 1 not in known:
            return None
        if batch in known:
            return known[batch]
        sizes = self._sizes
        i = bisect.bisect_left(sizes, batch)
        below = sizes[i - 1] if i > 0 else 1
        if i < len(sizes):
            above = sizes[i]
            frac = (batch - below) / (above - below)
            return known[below] + frac * (known[above] - known[below])
        slope = self.PRIOR_SLOPE * known[1]
        if below > 1:
            slope = max(slope, (known[below] - known[1]) / (below - 1))
        return known[below] + slope * (batch - below)

    def draft(self, source: str) -> float:
        measured = self._draft_median.get(source)
        if measured is not None:
            return measured
        one = self.verify(1) or 0.0
        return self.draft_prior.get(source, 0.0) * one


def expected_tokens(acceptance: float, length: int) -> float:
    """Tokens emitted per verification step when each of ``length`` drafted tokens is accepted with
    probability ``acceptance`` until the first refusal (plus the token the target always adds)."""
    if acceptance >= 1.0:
        return float(length + 1)
    return (1.0 - acceptance ** (length + 1)) / (1.0 - acceptance)


DEFAULT_PRIORS = {"lookup:long": 0.85, "lookup:mid": 0.6, "lookup:short": 0.35, "model": 0.6}


@dataclass
class _SourceState:
    accepted: float
    refused: float
    idle_steps: int = 0
    probe_every: int = 8


class AdaptiveController:
    """Picks a draft length per drafter from measured costs and acceptance, or 0 to decode plainly.

    Acceptance is the per-token probability that a drafted token is kept, estimated from decayed
    counts (tokens kept, drafts cut short). A length is chosen only when its predicted speed beats
    plain decoding by ``margin``; otherwise drafting is off and a short probe runs now and then (ever
    more rarely while what the probes teach does not make drafting pay) so a change of workload is
    noticed.
    """

    def __init__(
        self,
        costs: CostModel | None = None,
        *,
        prior_acceptance: float = 0.6,
        priors: dict[str, float] | None = None,
        prior_weight: float = 4.0,
        decay: float = 0.9,
        margin: float = 1.05,
        max_length: int = MAX_DRAFT,
        probe_length: int = 2,
        max_probe_every: int = 256,
    ) -> None:
        self.costs = costs or CostModel()
        self.prior_acceptance = prior_acceptance
        self.priors = dict(DEFAULT_PRIORS if priors is None else priors)
        """Acceptance assumed per key before anything is measured."""
        self.prior_weight = prior_weight
        self.decay = decay
        self.margin = margin
        self.max_length = max_length
        self.probe_length = probe_length
        self.max_probe_every = max_probe_every
        self._sources: dict[str, _SourceState] = {}

    def _state(self, source: str) -> _SourceState:
        state = self._sources.get(source)
        if state is None:
            a = self.priors.get(source, self.prior_acceptance) * self.prior_weight
            state = self._sources[source] = _SourceState(accepted=a, refused=self.prior_weight - a)
        return state

    def acceptance(self, source: str) -> float:
        state = self._state(source)
        total = state.accepted + state.refused
        return state.accepted / total if total > 0 else self.prior_acceptance

    def plan(self, source: str, limit: int, *, acceptance: float | None = None) -> tuple[int, float]:
        """(best draft length, its predicted speed relative to plain decoding), at the measured
        acceptance or the one given."""
        plain = self.costs.verify(1)
        if plain is None or limit <= 0:
            return 0, 1.0
        alpha = self.acceptance(source) if acceptance is None else acceptance
        per_draft = self.costs.draft(source.split(":")[0])
        # do not trust extrapolation far beyond the largest batch actually timed
        largest = self.costs.largest_measured()
        cap = min(limit, self.max_length, max(4, 2 * largest))
        best, best_speed = 0, 1.0
        for k in range(1, cap + 1):
            verify = self.costs.verify(k + 1)
            assert verify is not None
            speed = expected_tokens(alpha, k) * plain / (verify + k * per_draft)
            if speed > best_speed:
                best, best_speed = k, speed
        return best, best_speed

    def best_saving(self, sources: Sequence[str], limit: int, *, learned: bool = False) -> float:
        """Seconds per generated token that drafts of up to ``limit`` tokens from the best of
        ``sources`` would save against plain decoding if every drafted token were kept, or with
        ``learned`` at the acceptance learned so far (the prior until then); 0 where none could beat
        it by the margin."""
        plain = self.costs.verify(1)
        speed = max(
            (self.plan(s, limit, acceptance=None if learned else 1.0)[1] for s in sources), default=1.0
        )
        if plain is None or speed < self.margin:
            return 0.0
        return plain * (1.0 - 1.0 / speed)

    def length(self, source: str, limit: int, *, probe: bool = True) -> int:
        """How many tokens ``source`` should draft now (0: decode plainly). Without ``probe``, only a
        draft predicted to pay, never a probe (and the probes' schedule is left as it is)."""
        if self.costs.verify(1) is None:
            return 0  # time a plain step first
        state = self._state(source)
        k, speed = self.plan(source, limit)
        if k > 0 and speed >= self.margin:
            state.idle_steps = 0
            return k
        if not probe:
            return 0
        state.idle_steps += 1
        if state.idle_steps >= state.probe_every and limit > 0:
            state.idle_steps = 0
            if self.best_saving([source], limit) <= 0:
                return 0  # not even drafts that are always kept would pay: a probe teaches nothing
            state.probe_every = min(state.probe_every * 2, self.max_probe_every)
            return min(self.probe_length, limit)
        return 0

    def record(self, source: str, drafted: int, accepted: int) -> None:
        state = self._state(source)
        state.accepted = state.accepted * self.decay + accepted
        state.refused = state.refused * self.decay + (1.0 if accepted < drafted else 0.0)
        # probe often again only once what was kept makes drafting pay: kept probes that still predict
        # a loss back off as failed ones do (each probe has a draft model catch up first)
        if (
            accepted == drafted > 0
            and state.probe_every > 8
            and self.plan(source, self.max_length)[1] >= self.margin
        ):
            state.probe_every = 8


class FixedLength(AdaptiveController):
    """Always drafts the same number of tokens (for measurements and tests); still records costs."""

    def __init__(self, length: int, costs: CostModel | None = None) -> None:
        super().__init__(costs)
        self.fixed = length

    def best_saving(self, sources: Sequence[str], limit: int, *, learned: bool = False) -> float:
        return math.inf if sources and limit > 0 else 0.0

    def length(self, source: str, limit: int, *, probe: bool = True) -> int:
        return max(0, min(self.fixed, limit))


EXACT_SPAN = 256
"""The first span of cache positions over which the exactness of verification batches is measured
once; the spans after it double in length ([256, 512), [512, 1024), ...), as llama.cpp's kernel
choices switch at powers of two of the cache length. On a 2-core x86 CPU with flash attention and
an f16 cache, a single token's attention is split across threads from 512 keys (the cache is padded
to multiples of 256), a batch's is not: no batch reproduces one-at-a-time logits past 256 tokens."""


def exactness_span(position: int, first: int = EXACT_SPAN) -> tuple[int, int]:
    """The span of cache positions holding ``position``: [0, first), then spans doubling in length."""
    if position < first:
        return 0, first
    start = first << ((position // first).bit_length() - 1)
    return start, 2 * start


EXACT_LARGEST = 8
"""The largest verification batch whose exactness is measured (greedy drafts: 7 tokens at most)."""

TIMED_BATCHES = (2, 4, 8)
"""The verification batches timed at the first sampled call, before any draft."""

PRECHECK_BATCHES = (4,)
"""The verification batch timed under greedy decoding before the first span is measured for
exactness, so that whether a draft could pay is judged on measured costs, not on priors (smaller
batches are interpolated from it and the single steps decoding has timed)."""

PRECHECK_SINGLES = 3
"""Single steps decoding times before that batch is compared with them (the first step after a
prompt is often slower than the rest: a median of three leaves it out)."""

EXACT_OFFSETS = (0, 1, 2, 3)
"""Where batches start, relative to the cache, when their exactness is measured (without flash
attention, whether a batch is exact changes from one position to the next)."""


def batch_costs(
    target: Decoder,
    probe: Sequence[int],
    sizes: Sequence[int] = range(2, 9),
    *,
    warm: bool = True,
    singles: bool = True,
) -> dict[int, float]:
    """Seconds to evaluate a batch of each of ``sizes`` tokens after the cache, and with ``singles``
    one token (the median of as many single steps as the largest batch holds). With ``warm``, each
    size is evaluated once untimed first: a GPU sets up each batch shape on its first use (a CPU
    spends a few percent). Empty when they do not fit; the cache is left as found."""
    batches = sorted({n for n in sizes if n > 1})
    largest = batches[-1] if batches else 1
    tokens = (list(probe) * largest)[:largest]
    base = target.size
    if not tokens or base + largest > target.n_ctx:
        return {}
    for n in (1, *batches) if warm else ():
        target.eval(tokens[:n], all_logits=True)
        target.truncate(base)
    seconds: dict[int, float] = {}
    if singles:
        seconds[1] = statistics.median(target.eval([token], all_logits=True) for token in tokens)
        target.truncate(base)
    for n in batches:
        seconds[n] = target.eval(tokens[:n], all_logits=True)
        target.truncate(base)
    return seconds


def exact_batch_seconds(
    costs: CostModel, largest: int = EXACT_LARGEST, offsets: Sequence[int] = EXACT_OFFSETS
) -> float:
    """What ``exact_batch`` costs at most (when every batch is exact), from the costs measured so far."""
    one = costs.verify(1) or 0.0
    width = largest + max(offsets)
    batches = sum(costs.verify(n) or 0.0 for n in range(2, largest + 1))
    return (
        (2 + width) * one
        + (costs.verify(2) or 0.0)
        + batches
        + (len(offsets) - 1) * (costs.verify(largest) or 0.0)
    )


def exact_batch(
    target: Decoder,
    probe: Sequence[int],
    largest: int = 8,
    offsets: Sequence[int] = EXACT_OFFSETS,
    *,
    timed: Callable[[int, float], None] | None = None,
) -> int:
    """The largest batch, up to ``largest``, whose logits are bit-identical to evaluating its tokens
    one at a time, wherever it starts among ``offsets`` positions after the cache; 1 when none is.

    llama.cpp switches matrix and attention kernels with the batch size (and the cache length), and
    different kernels round differently: a verification batch that is not exact can flip a near-tie
    and change a greedy output. ``timed(n, seconds)`` is told how long each evaluation of n tokens
    took, but the first of each size. The cache is left as found.
    """
    width = largest + max(offsets)
    tokens = (list(probe) * width)[:width]
    base = target.size
    if not tokens or largest < 2 or base + width > target.n_ctx:
        return 1

    seen: set[int] = set()

    def evaluate(batch: Sequence[int]) -> None:
        seconds = target.eval(batch, all_logits=True)
        if timed is not None and len(batch) in seen:  # a first use of a batch size sets it up
            timed(len(batch), seconds)
        seen.add(len(batch))

    def singles(count: int) -> list[FloatArray]:
        target.truncate(base)
        logits = []
        for token in tokens[:count]:
            evaluate([token])
            logits.append(target.logits(0).copy())
        return logits

    def matches(reference: list[FloatArray], offset: int, n: int) -> bool:
        target.truncate(base + offset)
        evaluate(tokens[offset : offset + n])
        return all(np.array_equal(target.logits(j), reference[offset + j]) for j in range(n))

    try:
        if not matches(singles(2), 0, 2):  # a pair that differs settles it cheaply
            return 1
        reference = singles(width)
        # later offsets first: a batch overwrites the one-at-a-time cache from where it starts
        first, *others = sorted(offsets, reverse=True)
        exact = 1
        for n in range(2, largest + 1):  # every size at one offset ...
            if not matches(reference, first, n):
                break
            exact = n
        for offset in others:  # ... then the largest exact one at the others, smaller if it fails
            while exact > 1 and not matches(reference, offset, exact):
                exact -= 1
        return exact
    finally:
        target.truncate(base)


@dataclass
class _SpanLedger:
    """The plain steps taken in a span of cache positions while measuring it did not pay yet."""

    steps: int = 0
    worth: int = 0
    """Steps at which a drafter had a proposal worth drafting."""
    forgone: float = 0.0
    """Seconds drafting could have saved at those steps (at the acceptance a step is judged at)."""


class Speculation:
    """Drafters tried in order (the first with a proposal wins) under one adaptive controller.

    Holds what it learned (costs, acceptance, which verification batches are exact) across calls of
    the Runtime that owns it. Under greedy sampling a verification batch never exceeds the largest
    batch measured to reproduce one-at-a-time logits bit for bit in its span of cache positions (the
    first ``exact_span`` long, the others doubling), and never reaches into a span not measured yet.
    ``exact=False`` lifts that bound: greedy drafts are then verified in any batch, faster where no
    batch is exact (a GPU), and a near-tie may resolve otherwise than in plain decoding.
    """

    def __init__(
        self,
        drafters: Sequence[Drafter],
        controller: AdaptiveController | None = None,
        *,
        exact_span: int = EXACT_SPAN,
        exact: bool = True,
        gpu: bool = False,
    ) -> None:
        if not drafters:
            raise ValueError("Speculation needs at least one drafter")
        self.drafters = list(drafters)
        self.controller = controller or AdaptiveController()
        self.exact_span = exact_span
        self.exact = exact
        self.gpu = gpu
        """Whether the target runs on a GPU (batch timings then leave out each shape's first use)."""
        self.exact_batches: dict[int, int] = {}
        """The largest exact verification batch per span, keyed by the span's first cache position
        (measured when greedy decoding first drafts in the span)."""
        self._greedy = True
        self._timed = False
        self._target: Decoder | None = None
        self._reach = 0
        """The cache position this call's decoding can reach at most (its prompt and ``max_tokens``)."""
        self._ledgers: dict[int, _SpanLedger] = {}
        """What plain decoding has shown in each span not measured yet, by the span's first position."""
        self._shadow: tuple[int, Draft] | None = None
        """A costless drafter's proposal at a plain step, and where it starts in the history: scored
        against the tokens decoding emits there, as if it had been drafted."""

    @property
    def costs(self) -> CostModel:
        return self.controller.costs

    def clear_drafters(self) -> None:
        """Empty the draft models' caches: the next draft evaluates the text from the start, as a
        fresh call would (what a seeded, sampled call needs to draw the same drafts again)."""
        for drafter in self.drafters:
            if isinstance(drafter, DraftModel):
                drafter.decoder.truncate(0)

    def begin(self, target: Decoder, prompt: Sequence[int], sampler: TokenSampler, max_tokens: int) -> None:
        self._greedy = sampler.greedy
        self._target = target
        self._reach = len(prompt) + max_tokens
        self._shadow = None
        if not (self._greedy and self.exact):  # exact greedy decoding times batches when it needs them
            # the sizes between are interpolated: timing every one would cost the first call
            # some 80 token evaluations (two seconds for a 1.5B on two CPU cores)
            self._time_batches(prompt[-8:], TIMED_BATCHES)
        for drafter in self.drafters:
            drafter.start(prompt, sampler)

    def _time_batches(self, probe: Sequence[int], sizes: Sequence[int], *, singles: bool = True) -> None:
        if self._timed or self._target is None:
            return
        seconds = batch_costs(self._target, probe, sizes, warm=self.gpu, singles=singles)
        self._timed = bool(seconds)
        for n, took in seconds.items():
            self.costs.record_verify(n, took)

    def _exact_room(self, history: Sequence[int]) -> int:
        """The largest greedy verification batch for the step after ``history`` (which starts at
        cache position ``len(history) - 1``): measured once per span, kept inside the span."""
        start = len(history) - 1
        first, end = exactness_span(start, self.exact_span)
        room = end - start
        if first not in self.exact_batches:
            target = self._target
            if target is None or target.size != start or room < EXACT_LARGEST + max(EXACT_OFFSETS):
                return 1  # too near the span's end to measure it: no drafts until the next span
            self.exact_batches[first] = exact_batch(
                target, history[-8:], EXACT_LARGEST, timed=self.costs.record_verify
            )
        return min(self.exact_batches[first], room)

    def _ready(self, history: Sequence[int]) -> list[tuple[Drafter, str]]:
        return [(drafter, key) for drafter in self.drafters if (key := drafter.ready(history)) is not None]

    def _worth_measuring(self, ready: list[tuple[Drafter, str]], history: Sequence[int]) -> bool:
        """Whether to measure the span of ``history`` now (some fifty token evaluations): once drafting
        there could save more than that at the steps with a proposal worth drafting, over the plain
        steps already taken in the span (by this call or earlier ones) and the positions ahead in it
        that this call can reach (in the share of steps so far that had such a proposal). Positions
        only a later call might reach are not counted: a first call does not pay for what only a
        retry would gain, and calls that do come back add their plain steps until measuring pays.

        A proposal is worth drafting, and is valued, at the acceptance the controller would draft it
        at: what costless drafters have shown (their proposals are scored at plain steps too), the
        prior for a draft model until it has drafted. Lookup on free text, seldom right and seldom
        ready, measures nothing; lookup on a rewrite that changes a token every line measures only
        where its kept drafts repay it; a draft model whose tokens cost too much for the acceptance
        the controller expects measures nothing either: the controller would not draft with it there.
        Judged on a timed batch, not on priors (about three token evaluations, once per Runtime): the
        priors take batches for cheaper than a CPU makes them."""
        keys = [key for _, key in ready]

        def saving() -> float:
            return self.controller.best_saving(keys, EXACT_LARGEST - 1, learned=True)

        if self.costs.largest_measured() < 2 and saving() > 0:
            if self.costs.samples(1) < PRECHECK_SINGLES:  # single steps are timed as decoding runs them
                return False
            self._time_batches(history[-8:], PRECHECK_BATCHES, singles=False)
        start = len(history) - 1
        first, end = exactness_span(start, self.exact_span)
        ledger = self._ledgers.setdefault(first, _SpanLedger())
        ledger.steps += 1  # this step decodes plainly, unless the span is measured now
        per_token = saving()
        if per_token <= 0:
            return False
        ledger.worth += 1
        ahead = per_token * max(0, min(end, self._reach) - start) * ledger.worth / ledger.steps
        if ledger.forgone + ahead >= exact_batch_seconds(self.costs):
            del self._ledgers[first]
            return True
        ledger.forgone += per_token
        return False

    def propose(self, history: Sequence[int], limit: int) -> Draft | None:
        self._score_shadow(history)
        draft = self._propose(history, limit)
        if draft is not None:
            self._shadow = None  # the real draft is scored instead
        elif self._shadow is None:
            self._shadow = self._shadow_draft(history)
        return draft

    def _shadow_draft(self, history: Sequence[int]) -> tuple[int, Draft] | None:
        for drafter in self.drafters:
            if drafter.costless and drafter.ready(history) is not None:
                draft = drafter.draft(history, EXACT_LARGEST - 1)
                return (len(history), draft) if draft is not None and draft.tokens else None
        return None

    def _score_shadow(self, history: Sequence[int]) -> None:
        """Count a shadow proposal toward its drafter's acceptance once its fate is known: at the
        first token decoding emitted otherwise, or when decoding emitted all of it."""
        if self._shadow is None:
            return
        start, draft = self._shadow
        emitted = history[start : start + len(draft.tokens)]
        kept = common_prefix(draft.tokens, emitted)
        if kept < len(emitted) or kept == len(draft.tokens):
            self.controller.record(draft.key or draft.source, len(draft.tokens), kept)
            self._shadow = None

    def _propose(self, history: Sequence[int], limit: int) -> Draft | None:
        exact = self._greedy and self.exact
        ready = None
        if exact and exactness_span(len(history) - 1, self.exact_span)[0] not in self.exact_batches:
            ready = self._ready(history)
            if not self._worth_measuring(ready, history):
                return None
        if exact:
            limit = min(limit, self._exact_room(history) - 1)
        if limit <= 0:
            return None
        for drafter, key in ready if ready is not None else self._ready(history):  # the first to propose wins
            # a draft model probes only when nearly up to date: a probe that first evaluates a prompt
            # costs more than what it would teach
            probe = not (isinstance(drafter, DraftModel) and drafter.lag(history) > PROBE_LAG)
            length = self.controller.length(key, limit, probe=probe)
            if length == 0:
                continue
            handoff = _Handoff(self, history, limit)
            began = time.perf_counter()
            if isinstance(drafter, DraftModel):
                draft = drafter.draft(history, length, until=handoff)
            else:
                draft = drafter.draft(history, length)
            seconds = time.perf_counter() - began
            if draft is None or not draft.tokens:
                continue
            evaluated = len(draft.tokens)
            if isinstance(drafter, DraftModel) and drafter.last_catch_up[0] > 4:
                # a prompt prefill is not a per-token cost; without it, the last token it evaluated
                # (whose logits chose the first drafted token) is missing from what was timed
                seconds -= drafter.last_catch_up[1]
                evaluated -= 1
            if evaluated > 0:
                self.costs.record_draft(drafter.name, max(0.0, seconds) / evaluated)
            return handoff.continued(draft)
        return None

    def lookup_taking_over(
        self, history: Sequence[int], drafted: Sequence[int], limit: int
    ) -> tuple[PromptLookup, int] | None:
        """Prompt lookup and how many tokens it would draft after ``history`` and ``drafted`` (a draft
        model's tokens), where it finds a match there and the controller would draft from it."""
        room = limit - len(drafted)
        if room <= 0:
            return None
        text = [*history, *drafted]
        for drafter in self.drafters:
            if isinstance(drafter, PromptLookup):
                key = drafter.ready(text, committed=len(history))
                if key is None:
                    continue
                k, speed = self.controller.plan(key, room)
                if k > 0 and speed >= self.controller.margin:
                    return drafter, k
        return None

    def observe(self, draft: Draft | None, accepted: int, batch: int, seconds: float) -> None:
        self.costs.record_verify(batch, seconds)
        if draft is None:
            return
        offset = 0
        for key, count in draft.parts or ((draft.key or draft.source, len(draft.tokens)),):
            if accepted < offset:
                break  # an earlier drafter's token was refused: this stretch was not judged
            self.controller.record(key, count, min(count, accepted - offset))
            offset += count


class _Handoff:
    """Stops a draft model where prompt lookup finds what follows its draft (the model has written
    past a change, and the text is being copied again), then has lookup continue the same draft:
    lookup's tokens cost nothing to draft and need no verification step of their own."""

    def __init__(self, speculation: Speculation, history: Sequence[int], limit: int) -> None:
        self._speculation = speculation
        self._history = history
        self._limit = limit
        self._found: tuple[PromptLookup, int] | None = None

    def __call__(self, drafted: list[int]) -> bool:
        self._found = self._speculation.lookup_taking_over(self._history, drafted, self._limit)
        return self._found is not None

    def continued(self, draft: Draft) -> Draft:
        if self._found is None:
            return draft
        lookup, length = self._found
        rest = lookup.draft([*self._history, *draft.tokens], length, committed=len(self._history))
        if rest is None:
            return draft
        return Draft(
            draft.tokens + rest.tokens,
            f"{draft.source}+{rest.source}",
            None if draft.probs is None else [*draft.probs, *([None] * len(rest.tokens))],
            key=draft.key,
            parts=((draft.key, len(draft.tokens)), (rest.key, len(rest.tokens))),
        )
