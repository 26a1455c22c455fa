"""Greedy speculation verifies drafts only in batches that reproduce one-at-a-time logits bit for bit,
measured per span of cache positions (a stand-in target whose kernels change with batch size and
cache length, as llama.cpp's do)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
import pytest

from smallcode.model import Sampling
from smallcode.runtime.decode import Decoder, DecodeStats, Draft, decode_tokens
from smallcode.runtime.sampling import FloatArray, TokenSampler
from smallcode.runtime.speculative import (
    AdaptiveController,
    CostModel,
    FixedLength,
    PromptLookup,
    Speculation,
    batch_costs,
    exact_batch,
    exact_batch_seconds,
    exactness_span,
)

from .fake_decoder import FakeDecoder

VOCAB = 8


class KernelSensitiveTarget(FakeDecoder):
    """A counting "model" (each token is followed by the next one modulo ``VOCAB``) whose every fifth
    position is a near-tie. Its logits shift slightly when a position is evaluated in a batch of
    ``switch`` or more tokens, in any batch once the cache holds more than ``exact_until`` tokens, or
    in a batch that starts at an odd position when ``odd_starts_differ`` — enough to flip a near-tie."""

    def __init__(self, *, exact_until: int = 256, switch: int = 4, odd_starts_differ: bool = False) -> None:
        super().__init__()
        self.exact_until = exact_until
        self.switch = switch
        self.odd_starts_differ = odd_starts_differ

    def eval(self, tokens: Sequence[int], *, all_logits: bool = False) -> float:
        start = len(self.tokens)
        batched = len(tokens) > 1
        shifted = batched and (
            len(tokens) >= self.switch
            or start + len(tokens) > self.exact_until
            or (self.odd_starts_differ and start % 2 == 1)
        )
        self._rows = []
        for token in tokens:
            self.tokens.append(token)
            self._rows.append(self._next_logits(token, len(self.tokens), shifted))
        return 0.001 * len(tokens)

    @staticmethod
    def _next_logits(token: int, length: int, shifted: bool) -> FloatArray:
        row = np.zeros(VOCAB, dtype=np.float32)
        successor, rival = (token + 1) % VOCAB, (token + 4) % VOCAB
        row[successor] = 1.0
        if length % 5 == 0:
            row[rival] = 0.999
        if shifted:
            row[rival] += 0.01
        return row


def _target(*, odd_starts_differ: bool = False, exact_until: int = 256) -> Decoder:
    return cast(Decoder, KernelSensitiveTarget(odd_starts_differ=odd_starts_differ, exact_until=exact_until))


def _generate(
    speculation: Speculation | None,
    prompt: list[int],
    n: int,
    *,
    exact_until: int = 256,
    target: Decoder | None = None,
) -> tuple[list[int], DecodeStats]:
    sampler = TokenSampler(Sampling(max_tokens=n), seed=0)
    stats = DecodeStats()
    emitted = decode_tokens(
        target or _target(exact_until=exact_until),
        prompt,
        sampler,
        max_tokens=n,
        is_end=lambda _: False,
        speculator=speculation,
        stats=stats,
    )
    return [e.token for e in emitted], stats


COUNTING = [i % VOCAB for i in range(120)]


def test_exact_batch_finds_the_kernel_switch_and_leaves_the_cache_as_found() -> None:
    target = _target()
    target.eval(COUNTING[:100])
    assert exact_batch(target, COUNTING[92:100], largest=8) == 3
    assert target.size == 100 and cast(KernelSensitiveTarget, target).tokens == COUNTING[:100]


class FirstUseCostsTarget(KernelSensitiveTarget):
    """Its first evaluation of each batch size pays a one-off setup, as a GPU's does: 1 s."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[int] = set()

    def eval(self, tokens: Sequence[int], *, all_logits: bool = False) -> float:
        seconds = super().eval(tokens, all_logits=all_logits)
        first = len(tokens) not in self.seen
        self.seen.add(len(tokens))
        return 1.0 if first else seconds


def test_exact_batch_times_each_batch_size_after_its_first_use() -> None:
    target = FirstUseCostsTarget()
    target.eval(COUNTING[:100])
    timings: list[tuple[int, float]] = []
    exact_batch(cast(Decoder, target), COUNTING[92:100], timed=lambda n, s: timings.append((n, s)))
    assert {n for n, _ in timings} == {1, 2, 3}  # 4 differs: it is tried once, so never timed
    assert all(seconds == pytest.approx(0.001 * n) for n, seconds in timings)


def test_the_cost_of_measuring_a_span_is_estimated_from_the_batch_costs() -> None:
    """Where every batch is exact, the estimate is what ``exact_batch`` spends (1 ms per token)."""

    class Counted(KernelSensitiveTarget):
        spent = 0.0

        def eval(self, tokens: Sequence[int], *, all_logits: bool = False) -> float:
            seconds = super().eval(tokens, all_logits=all_logits)
            self.spent += seconds
            return seconds

    target = Counted(switch=9, exact_until=4096)
    target.eval(COUNTING[:100])
    target.spent = 0.0
    assert exact_batch(cast(Decoder, target), COUNTING[92:100]) == 8
    costs = CostModel()
    for n in range(1, 9):
        costs.record_verify(n, 0.001 * n)
    assert exact_batch_seconds(costs) == pytest.approx(target.spent)


def test_batch_costs_leave_out_the_first_use_of_each_batch_size() -> None:
    target = FirstUseCostsTarget()
    target.eval(COUNTING[:100])
    seconds = batch_costs(cast(Decoder, target), COUNTING[92:100])
    assert seconds == pytest.approx({n: 0.001 * n for n in range(1, 9)})
    assert target.size == 100  # the cache is left as found
    assert batch_costs(cast(Decoder, target), COUNTING[92:100], (2, 4)) == pytest.approx(
        {1: 0.001, 2: 0.002, 4: 0.004}
    )
    alone = batch_costs(cast(Decoder, target), COUNTING[92:100], (4,), singles=False)
    assert alone == pytest.approx({4: 0.004})


def test_no_batch_is_exact_past_the_cache_length_where_kernels_change() -> None:
    target = _target()
    target.eval([i % VOCAB for i in range(300)])
    assert exact_batch(target, COUNTING[:8]) == 1
    assert target.size == 300


def test_batches_are_checked_from_several_starting_positions() -> None:
    target = _target(odd_starts_differ=True)
    target.eval(COUNTING[:100])  # an even start: a batch starting right after the cache is exact
    assert exact_batch(target, COUNTING[:8], offsets=(0,)) == 3
    assert exact_batch(target, COUNTING[:8]) == 1


def test_greedy_speculation_past_a_kernel_change_is_token_identical() -> None:
    plain, _ = _generate(None, COUNTING[:100], 400)

    speculation = Speculation([PromptLookup()], FixedLength(6))
    tokens, stats = _generate(speculation, COUNTING[:100], 400)
    assert tokens == plain
    # drafts were verified in exact batches of three in the first span, and not at all after it
    assert speculation.exact_batches == {0: 3, 256: 1}
    assert stats.accepted > 50


def test_exactness_measured_once_at_the_prompt_would_change_the_output() -> None:
    """The hazard the spans guard against: one measurement for the whole cache flips near-ties."""
    plain, _ = _generate(None, COUNTING[:100], 400)
    once = Speculation([PromptLookup()], FixedLength(6), exact_span=4096)
    assert _generate(once, COUNTING[:100], 400)[0] != plain


def test_inexact_greedy_drafts_use_every_batch_and_may_flip_near_ties() -> None:
    plain, _ = _generate(None, COUNTING[:100], 400)
    exact, exact_stats = _generate(Speculation([PromptLookup()], FixedLength(6)), COUNTING[:100], 400)
    free = Speculation([PromptLookup()], FixedLength(6), exact=False)
    tokens, stats = _generate(free, COUNTING[:100], 400)
    assert free.exact_batches == {}  # nothing measured: every batch is trusted
    assert stats.accepted > 2 * exact_stats.accepted
    assert exact == plain and tokens != plain


@pytest.mark.parametrize(
    ("position", "span"),
    [
        (0, (0, 256)),
        (255, (0, 256)),
        (256, (256, 512)),
        (511, (256, 512)),
        (512, (512, 1024)),
        (1000, (512, 1024)),
        (1024, (1024, 2048)),
        (5000, (4096, 8192)),
    ],
)
def test_exactness_spans_double_in_length_after_the_first(position: int, span: tuple[int, int]) -> None:
    assert exactness_span(position) == span


def test_a_long_generation_measures_exactness_once_per_doubling_span() -> None:
    """Kernels that stay exact at any cache length (llama.cpp's on a CPU without weight repacking
    and with a quantized cache): drafts are verified in batches throughout, each span measured once."""
    plain, _ = _generate(None, COUNTING[:100], 1500, exact_until=2048)
    speculation = Speculation([PromptLookup()], FixedLength(6))
    tokens, stats = _generate(speculation, COUNTING[:100], 1500, exact_until=2048)
    assert tokens == plain
    assert speculation.exact_batches == {0: 3, 256: 3, 512: 3, 1024: 3}
    assert stats.accepted > 700


class CheapBatchTarget(KernelSensitiveTarget):
    """Each token of a batch after the first costs a tenth of a single token (1 ms)."""

    def eval(self, tokens: Sequence[int], *, all_logits: bool = False) -> float:
        super().eval(tokens, all_logits=all_logits)
        return 0.001 * (1 + 0.1 * (len(tokens) - 1))


class CountingDraft:
    """A drafter that always proposes the counting continuation, as a draft model would."""

    name = "model"
    costless = False

    def __init__(self) -> None:
        self.drafts = 0

    def start(self, prompt: Sequence[int], sampler: TokenSampler) -> None:
        pass

    def ready(self, history: Sequence[int]) -> str | None:
        return self.name

    def draft(self, history: Sequence[int], length: int) -> Draft | None:
        self.drafts += 1
        return Draft([(history[-1] + 1 + i) % VOCAB for i in range(length)], self.name, key=self.name)


@pytest.mark.parametrize(("draft_cost", "measured"), [(0.0001, {0: 3, 256: 1}), (0.01, {})])
def test_a_span_is_measured_only_where_some_draft_could_pay(
    draft_cost: float, measured: dict[int, int]
) -> None:
    """Measuring a span costs some fifty token evaluations: not spent where even drafts that are
    always kept would lose (a draft token at ten times a target token's 1 ms)."""
    plain, _ = _generate(None, COUNTING[:100], 400)
    costs = CostModel()
    costs.record_draft("model", draft_cost)
    speculation = Speculation([CountingDraft()], AdaptiveController(costs))
    tokens, stats = _generate(speculation, COUNTING[:100], 400, target=cast(Decoder, CheapBatchTarget()))
    assert tokens == plain
    assert speculation.exact_batches == measured
    assert (stats.drafted > 0) == bool(measured)


def test_a_draft_model_is_valued_at_the_acceptance_the_controller_would_draft_at() -> None:
    """A draft token at 0.6 of a target token, with a batch's extra tokens at 0.1: drafts that were
    always kept would repay measuring the span at once (1.36x at 7 tokens), drafts kept at the draft
    model's prior acceptance (0.6) would lose at every length, so the controller would not draft
    there: nothing is measured and nothing is drafted."""
    plain, _ = _generate(None, COUNTING[:100], 400)
    costs = CostModel()
    for n in range(1, 9):
        costs.record_verify(n, 0.001 * (1 + 0.1 * (n - 1)))
    costs.record_draft("model", 0.0006)
    drafter = CountingDraft()
    speculation = Speculation([drafter], AdaptiveController(costs))
    tokens, stats = _generate(speculation, COUNTING[:100], 400, target=cast(Decoder, CheapBatchTarget()))
    assert tokens == plain
    assert speculation.controller.best_saving(["model"], 7) > 0
    assert speculation.exact_batches == {}
    assert stats.drafted == 0 and drafter.drafts == 0


def _free_text(n: int, seed: int = 7) -> list[int]:
    """Random tokens in which no four tokens in a row recur: prompt lookup finds pairs and triples
    seen before, never a longer match, and what followed them is as good as random."""
    rng = np.random.default_rng(seed)
    tokens: list[int] = []
    seen: set[tuple[int, ...]] = set()
    while len(tokens) < n:
        token = int(rng.integers(VOCAB))
        gram = (*tokens[-3:], token)
        if len(gram) == 4 and gram in seen:
            continue
        seen.add(gram)
        tokens.append(token)
    return tokens


SCRAMBLE = _free_text(1024)


class ScrambledTarget(KernelSensitiveTarget):
    """Writes "free text", the tokens of ``text`` drawn in advance. Each token of a batch after the
    first costs 0.3 of a single token (1 ms)."""

    text = SCRAMBLE

    def eval(self, tokens: Sequence[int], *, all_logits: bool = False) -> float:
        super().eval(tokens, all_logits=all_logits)
        return 0.001 * (1 + 0.3 * (len(tokens) - 1))

    @classmethod
    def _next_logits(cls, token: int, length: int, shifted: bool) -> FloatArray:
        row = np.zeros(VOCAB, dtype=np.float32)
        row[cls.text[length]] = 1.0
        return row


def test_lookup_proposals_are_scored_against_plain_steps_before_a_span_is_measured() -> None:
    """Drafts that were always kept would repay measuring the span at once, and so would drafts kept
    at the acceptance this controller assumes for a short lookup match (0.6); lookup's proposals,
    scored against the tokens plain decoding emits, are kept about one time in eight here, so the
    span is left unmeasured and nothing is drafted."""
    prompt = SCRAMBLE[:100]
    plain, _ = _generate(None, prompt, 150, target=cast(Decoder, ScrambledTarget()))
    speculation = Speculation([PromptLookup()], AdaptiveController(priors={"lookup:short": 0.6}))
    tokens, stats = _generate(speculation, prompt, 150, target=cast(Decoder, ScrambledTarget()))
    assert tokens == plain
    assert speculation.exact_batches == {}
    assert stats.drafted == 0
    assert speculation.controller.acceptance("lookup:short") < 0.25


def _sparse_copies(phrase: list[int], every: int = 40) -> list[int]:
    """``SCRAMBLE`` with ``phrase`` in its first hundred tokens and again after every ``every``."""
    text = SCRAMBLE[:50] + phrase + SCRAMBLE[50:100]
    for start in range(100, len(SCRAMBLE) - every, every):
        text += SCRAMBLE[start : start + every] + phrase
    return text


SPARSE_COPIES = _sparse_copies(SCRAMBLE[600:612])


class SparseCopyTarget(ScrambledTarget):
    """Free text that repeats a 12-token phrase of its prompt after every 40 tokens."""

    text = SPARSE_COPIES


def test_a_span_is_valued_by_the_share_of_steps_where_a_draft_was_worth_making() -> None:
    """Lookup's proposals are right where the text repeats a phrase, but that is a fifth of the
    steps: drafting every step ahead would repay measuring the span, drafting a fifth of them does
    not, so nothing is measured."""
    prompt = SPARSE_COPIES[:112]
    plain, _ = _generate(None, prompt, 150, target=cast(Decoder, SparseCopyTarget()))
    speculation = Speculation([PromptLookup()], AdaptiveController())
    tokens, _ = _generate(speculation, prompt, 150, target=cast(Decoder, SparseCopyTarget()))
    assert tokens == plain
    assert speculation.exact_batches == {}
    assert speculation.controller.acceptance("lookup:long") > 0.75


class CountingEvalsTarget(KernelSensitiveTarget):
    """Counts its evaluations (each costs 1 ms per token)."""

    def __init__(self) -> None:
        super().__init__()
        self.evaluations = 0

    def eval(self, tokens: Sequence[int], *, all_logits: bool = False) -> float:
        self.evaluations += 1
        return super().eval(tokens, all_logits=all_logits)


def test_whether_a_draft_could_pay_is_judged_on_timed_batches_before_a_span_is_measured() -> None:
    """A draft model priced by its file size at a tenth of a target token could pay at its prior
    acceptance if batches cost what the priors assume; on a target where every token of a batch costs
    as much as a single token (a CPU), timing one batch first shows it cannot, and the span is not
    measured."""
    plain, _ = _generate(None, COUNTING[:100], 400)
    costs = CostModel()
    costs.draft_prior["model"] = 0.1
    drafter = CountingDraft()
    speculation = Speculation([drafter], AdaptiveController(costs))
    target = CountingEvalsTarget()
    tokens, stats = _generate(speculation, COUNTING[:100], 400, target=cast(Decoder, target))
    assert tokens == plain
    assert speculation.exact_batches == {}
    assert stats.drafted == 0
    assert drafter.drafts == 0  # a draft model's proposals are not scored in the shadow of plain steps
    assert costs.largest_measured() == 4
    assert target.evaluations - 1 - 400 <= 1  # one batch timed, once


def test_a_span_nearly_passed_is_measured_only_once_calls_keep_coming_back_to_it() -> None:
    """Decoding starts 16 positions before the end of the first span: drafting there could save less
    than measuring the span costs, so the call decodes it plainly and measures the next span, whose
    positions all lie ahead. Each call that comes back adds what it forwent, until measuring pays."""
    prompt = [i % VOCAB for i in range(240)]
    plain, _ = _generate(None, prompt, 120, exact_until=4096)
    speculation = Speculation([PromptLookup()], AdaptiveController())
    measured = []
    for _ in range(6):
        target = CheapBatchTarget(exact_until=4096)
        tokens, _ = _generate(speculation, prompt, 120, target=cast(Decoder, target))
        assert tokens == plain
        measured.append(sorted(speculation.exact_batches))
    assert measured[0] == [256]
    assert measured[-1] == [0, 256]
    assert 1 < measured.index([0, 256]) < 5


class GraphReplayTarget(KernelSensitiveTarget):
    """A single token costs 1 ms right after another single token (a GPU replays the graph it recorded
    for them) and 4 ms after a batch; a batch costs 4 ms."""

    def __init__(self) -> None:
        super().__init__()
        self.last = 0

    def eval(self, tokens: Sequence[int], *, all_logits: bool = False) -> float:
        super().eval(tokens, all_logits=all_logits)
        replayed = len(tokens) == 1 and self.last == 1
        self.last = len(tokens)
        return 0.001 if replayed else 0.004


class FakeRuntime:
    def __init__(self, target: KernelSensitiveTarget) -> None:
        self._decoder = target

    def tokenize(self, text: str) -> list[int]:
        return [i % VOCAB for i in range(len(text))]

    def clear_cache(self) -> None:
        self._decoder.truncate(0)


def test_bench_times_single_tokens_one_after_another_as_decoding_runs_them() -> None:
    from smallcode.bench.runtime.speculation import measure_batch_costs
    from smallcode.runtime import Runtime

    costs, exact = measure_batch_costs(cast(Runtime, FakeRuntime(GraphReplayTarget())), range(1, 9), 3)
    assert costs == pytest.approx({1: 0.001, **{n: 0.004 for n in range(2, 9)}})
    assert exact == {100: 3, 300: 1, 600: 1}


def test_a_first_call_values_a_span_only_over_the_positions_it_can_reach() -> None:
    """Thirty tokens to decode in a span of 256: drafting there could not repay measuring it, though
    drafting through the whole span would. The first call decodes plainly; calls that come back add
    what they forwent until measuring pays."""
    prompt = [i % VOCAB for i in range(300)]
    plain, _ = _generate(None, prompt, 30, exact_until=4096)
    speculation = Speculation([PromptLookup()], AdaptiveController())
    drafted = []
    for _ in range(4):
        tokens, stats = _generate(
            speculation, prompt, 30, target=cast(Decoder, CheapBatchTarget(exact_until=4096))
        )
        assert tokens == plain
        drafted.append(stats.drafted)
    assert drafted[0] == 0
    assert drafted[-1] > 0
    assert speculation.exact_batches == {256: 3}


def _renamed(phrase: list[int], every: int = 8) -> list[int]:
    """``SCRAMBLE`` with ``phrase`` in its prompt, then copied with every ``every``-th token changed."""
    copy = [(token + 1) % VOCAB if i % every == every - 1 else token for i, token in enumerate(phrase)]
    return SCRAMBLE[:100] + phrase + copy + SCRAMBLE[400:]


class RenameTarget(ScrambledTarget):
    """Rewrites a 300-token passage of its prompt with one token in eight changed (a rename)."""

    text = _renamed(SCRAMBLE[100:400])


def test_a_span_is_valued_at_the_acceptance_lookup_has_shown() -> None:
    """Lookup's proposals for a rewrite are cut short at every changed token: drafts always kept would
    repay measuring the span within the call, drafts kept as often as the proposals scored at the
    plain steps were do not, so nothing is measured."""
    prompt = RenameTarget.text[:400]
    plain, _ = _generate(None, prompt, 100, target=cast(Decoder, RenameTarget()))
    speculation = Speculation([PromptLookup()], AdaptiveController())
    tokens, stats = _generate(speculation, prompt, 100, target=cast(Decoder, RenameTarget()))
    assert tokens == plain
    assert speculation.exact_batches == {}
    assert stats.drafted == 0
