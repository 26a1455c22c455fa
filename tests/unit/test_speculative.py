"""Pure logic of speculative decoding: the acceptance rule, drafters' matching, the cost model and
the adaptive controller, the vocabulary check."""

from __future__ import annotations

import types

import numpy as np
import pytest

from smallcode.errors import ModelLoadError, VocabularyMismatchError
from smallcode.model import Sampling
from smallcode.runtime.decode import common_prefix
from smallcode.runtime.sampling import TokenSampler, apply_penalty, distribution, speculative_accept, truncate
from smallcode.runtime.speculative import (
    AdaptiveController,
    CostModel,
    DraftModel,
    FixedLength,
    PromptLookup,
    VocabInfo,
    check_vocabulary,
    expected_tokens,
)


def test_speculative_rule_leaves_the_target_distribution_unchanged() -> None:
    rng = np.random.default_rng(1)
    p = np.array([0.5, 0.3, 0.15, 0.05], dtype=np.float32)
    q = np.array([0.1, 0.6, 0.1, 0.2], dtype=np.float32)
    counts = np.zeros(4)
    accepted = 0
    n = 20_000
    for _ in range(n):
        drafted = int(rng.choice(4, p=q))
        token, ok = speculative_accept(p, q, drafted, rng)
        counts[token] += 1
        accepted += ok
    assert np.allclose(counts / n, p, atol=0.015)
    # the acceptance rate of the rule is sum(min(p, q))
    assert accepted / n == pytest.approx(float(np.minimum(p, q).sum()), abs=0.015)


def test_a_certain_draft_is_kept_with_the_targets_probability() -> None:
    rng = np.random.default_rng(2)
    p = np.array([0.7, 0.2, 0.1], dtype=np.float32)
    one_hot = np.array([0.0, 1.0, 0.0], dtype=np.float32)
    results = [speculative_accept(p, one_hot, 1, rng) for _ in range(20_000)]
    assert np.mean([ok for _, ok in results]) == pytest.approx(0.2, abs=0.015)
    assert all(token != 1 for token, ok in results if not ok)


class _RandomLogits:
    """The part of a Decoder a DraftModel uses, with fresh random logits at every position."""

    def __init__(self, vocab: int) -> None:
        self.tokens: list[int] = []
        self.vocab = vocab
        self.rng = np.random.default_rng(5)

    def truncate(self, n: int) -> None:
        del self.tokens[n:]

    def eval(self, tokens: list[int], *, all_logits: bool = False) -> float:
        self.tokens.extend(tokens)
        return 0.0

    def logits(self, index: int = -1) -> np.ndarray:
        return (self.rng.normal(size=self.vocab) * 3).astype(np.float32)


def test_a_sampled_draft_model_draws_from_float32_distributions() -> None:
    # float32 probabilities sum to 1 only to within ~1e-7, more than numpy's tolerance for a draw
    drafter = DraftModel(_RandomLogits(1000), is_end=lambda token: False)  # type: ignore[arg-type]
    drafter.start([1, 2, 3], TokenSampler(Sampling(temperature=0.7), seed=1))
    history = [1, 2, 3]
    for _ in range(50):
        draft = drafter.draft(history, 8)
        assert draft is not None and draft.probs is not None and len(draft.tokens) == 8
        assert all(q[token] > 0 for token, q in zip(draft.tokens, draft.probs, strict=True))
        history += draft.tokens


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _ClockedModel(_RandomLogits):
    """A model whose every evaluated token takes 10 ms of a stand-in clock."""

    n_ctx = 4096

    def __init__(self, clock: _Clock) -> None:
        super().__init__(1000)
        self.clock = clock

    @property
    def size(self) -> int:
        return len(self.tokens)

    def eval(self, tokens: list[int], *, all_logits: bool = False) -> float:
        super().eval(tokens)
        self.clock.now += 0.01 * len(tokens)
        return 0.01 * len(tokens)


def test_a_draft_models_cost_per_token_leaves_out_its_catch_up_but_not_its_last_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Drafting 4 tokens evaluates the text the draft cache lacks, then 3 drafted tokens: the first
    drafted token comes from the catch-up's last logits. A long catch-up (a prompt) is left out of the
    per-token cost, and so the 3 evaluations that remain are shared by 3 tokens, not 4 (which would
    price a draft token at 0.75 of what it costs, and more so for the 2-token drafts of a probe)."""
    from smallcode.runtime import speculative

    clock = _Clock()
    monkeypatch.setattr(speculative, "time", types.SimpleNamespace(perf_counter=clock))
    drafter = DraftModel(_ClockedModel(clock), is_end=lambda token: False)  # type: ignore[arg-type]
    speculation = speculative.Speculation([drafter], FixedLength(4), exact=False)
    history = list(range(100))
    speculation.begin(_ClockedModel(clock), history, TokenSampler(Sampling(), seed=0), 50)  # type: ignore[arg-type]
    draft = speculation.propose(history, 7)
    assert draft is not None and len(draft.tokens) == 4
    assert drafter.last_catch_up == (100, pytest.approx(1.0))
    assert speculation.costs.draft("model") == pytest.approx(0.01)
    # all 4 kept and one more token: the cache lacks 2 tokens, timed with the 3 drafted ones
    history += [*draft.tokens, 7]
    speculation.propose(history, 7)
    assert drafter.last_catch_up[0] == 2
    assert speculation.costs.draft("model") == pytest.approx((0.01 + 0.0125) / 2)


def test_truncation_follows_llama_cpp_order() -> None:
    logits = np.log(np.array([0.5, 0.25, 0.15, 0.06, 0.04], dtype=np.float32))
    ids, _ = truncate(logits, Sampling(top_k=4, top_p=1.0, min_p=0.0))
    assert list(ids) == [0, 1, 2, 3]
    ids, _ = truncate(logits, Sampling(top_k=0, top_p=0.8, min_p=0.0))
    assert list(ids) == [0, 1, 2]  # 0.5 + 0.25 < 0.8, the third token crosses it
    ids, _ = truncate(logits, Sampling(top_k=0, top_p=1.0, min_p=0.2))
    assert list(ids) == [0, 1, 2]  # at least 20% of the top probability
    probs = distribution(logits, Sampling(temperature=1.0, top_k=2, top_p=1.0, min_p=0.0))
    assert probs[2:].sum() == 0 and probs[0] == pytest.approx(2 / 3, abs=1e-6)


def test_repeat_penalty_matches_llama_cpp() -> None:
    logits = np.array([2.0, -2.0, 1.0], dtype=np.float32)
    out = apply_penalty(logits, [0, 1], 2.0)
    assert list(out) == [1.0, -4.0, 1.0]
    assert apply_penalty(logits, [0], 1.0) is logits


def test_greedy_sampler_takes_the_top_token_and_remembers_it() -> None:
    sampler = TokenSampler(Sampling(), seed=0)
    assert sampler.next(np.array([0.1, 3.0, 2.0], dtype=np.float32)) == 1
    assert list(sampler.recent) == [1]


def test_prompt_lookup_proposes_what_followed_the_longest_match() -> None:
    lookup = PromptLookup()
    # "a b c d X" and "z b c d Y": the current text "... a b c d" matches the first one longer
    history = [1, 2, 3, 4, 50, 51, 9, 2, 3, 4, 60, 61, 7, 1, 2, 3, 4]
    lookup.start(history[:5])
    draft = lookup.draft(history, 3)
    assert draft is not None and draft.tokens == [50, 51, 9] and draft.source == "lookup"


def test_prompt_lookup_finds_nothing_in_new_text() -> None:
    lookup = PromptLookup()
    lookup.start([1, 2, 3])
    assert lookup.draft([1, 2, 3, 4, 5, 6], 4) is None
    with pytest.raises(ValueError):
        PromptLookup(min_match=1)


def test_prompt_lookup_indexes_output_as_it_grows() -> None:
    lookup = PromptLookup()
    history = [10, 11, 12, 13]
    lookup.start(history)
    assert lookup.draft(history, 2) is None
    history += [10, 11]
    draft = lookup.draft(history, 2)
    assert draft is not None and draft.tokens == [12, 13]


def test_expected_tokens_per_step() -> None:
    assert expected_tokens(0.0, 4) == 1.0
    assert expected_tokens(1.0, 4) == 5.0
    assert expected_tokens(0.5, 2) == pytest.approx(1.75)


def test_cost_model_interpolates_and_extrapolates() -> None:
    costs = CostModel()
    assert costs.verify(1) is None
    costs.record_verify(1, 0.10)
    assert costs.verify(3) == pytest.approx(0.10 + 2 * 0.035)  # prior slope
    costs.record_verify(4, 0.19)
    assert costs.verify(2) == pytest.approx(0.13)
    assert costs.verify(6) == pytest.approx(0.19 + 2 * 0.035)  # measured slope 0.03 < prior
    for seconds in (0.10, 0.11, 5.0):  # one stray slow step does not move the median
        costs.record_verify(1, seconds)
    assert costs.verify(1) == pytest.approx(0.105)
    costs.draft_prior["model"] = 0.5
    assert costs.draft("model") == pytest.approx(0.0525)  # the prior, until measured
    for seconds in (0.04, 0.05, 3.0):
        costs.record_draft("model", seconds)
    assert costs.draft("model") == pytest.approx(0.05)


def _measured(batch_costs: dict[int, float]) -> CostModel:
    costs = CostModel()
    for n, seconds in batch_costs.items():
        costs.record_verify(n, seconds)
    return costs


def test_controller_drafts_long_when_acceptance_is_high_and_batches_are_cheap() -> None:
    costs = _measured({n: 0.1 * (1 + 0.1 * (n - 1)) for n in range(1, 17)})
    controller = AdaptiveController(costs)
    for _ in range(30):
        controller.record("lookup", 8, 8)
    assert controller.acceptance("lookup") > 0.95
    assert controller.length("lookup", 16) >= 8


def test_controller_turns_drafting_off_when_it_predicts_a_loss() -> None:
    # the 1.5B on a 2-core CPU: a batch of 4 costs 1.7x one token; the 0.5B draft 0.45x per token
    costs = _measured({1: 0.100, 2: 0.130, 3: 0.150, 4: 0.170, 5: 0.260})
    costs.record_draft("model", 0.045)
    controller = AdaptiveController(costs)
    for _ in range(20):
        controller.record("model", 3, 1)  # typical: one or two of three drafted tokens kept
    k, speed = controller.plan("model", 8)
    assert k == 0 or speed < 1.0
    lengths = [controller.length("model", 8) for _ in range(100)]
    # off, apart from rare short probes that become rarer while they keep failing
    assert sum(1 for n in lengths if n > 0) <= 4
    assert all(n <= controller.probe_length for n in lengths)


def test_controller_does_not_probe_when_even_perfect_drafts_would_lose() -> None:
    # measured here: the 1.5B verifies 2 tokens in 1.9x one step, and a 0.5B draft token costs 0.66x
    costs = _measured({1: 0.100, 2: 0.188, 3: 0.251, 4: 0.310})
    costs.record_draft("model", 0.066)
    costs.record_draft("lookup", 0.0001)
    controller = AdaptiveController(costs)
    assert controller.plan("model", 3, acceptance=1.0) == (0, 1.0)  # no length beats plain
    assert [controller.length("model", 3) for _ in range(100)] == [0] * 100
    # a free drafter with every draft kept would win (3 tokens for 2.5 steps): it keeps probing
    assert any(controller.length("lookup", 3) for _ in range(100))


def test_controller_plans_a_win_for_a_cheap_accurate_draft() -> None:
    costs = _measured({1: 0.1, 2: 0.11, 3: 0.12, 4: 0.13, 5: 0.14})
    costs.record_draft("model", 0.01)
    controller = AdaptiveController(costs)
    for _ in range(20):
        controller.record("model", 4, 4)
    k, speed = controller.plan("model", 16)
    assert k >= 4 and speed > 1.5


def test_the_best_saving_per_token_is_that_of_the_best_drafter_with_every_draft_kept() -> None:
    costs = _measured({1: 0.100, 2: 0.188, 3: 0.251, 4: 0.310})
    costs.record_draft("model", 0.066)
    costs.record_draft("lookup", 0.0)
    controller = AdaptiveController(costs)
    assert controller.best_saving(["model"], 3) == 0.0  # no length beats plain decoding
    # lookup: 4 tokens for one batch of 4 (0.310 s) against 0.400 s plainly
    assert controller.best_saving(["model", "lookup"], 3) == pytest.approx(0.100 * (1 - 0.310 / 0.400))
    assert controller.best_saving([], 3) == 0.0
    assert FixedLength(3).best_saving(["model"], 3) == float("inf")  # always drafts: always measures


def test_controller_times_a_plain_step_before_drafting() -> None:
    controller = AdaptiveController()
    assert controller.length("lookup", 8) == 0
    assert FixedLength(3).length("lookup", 8) == 3 and FixedLength(3).length("lookup", 2) == 2


def _vocab(size: int = 1000, **changes: object) -> VocabInfo:
    texts = {i: f"t{i}".encode() for i in range(0, size, 7)}
    base: dict[str, object] = {"size": size, "kind": 2, "bos": 1, "eos": 2, "texts": texts}
    base.update(changes)
    return VocabInfo(**base)  # type: ignore[arg-type]


def test_same_vocabulary_passes_the_check() -> None:
    check_vocabulary(_vocab(), _vocab(), "draft.gguf")
    check_vocabulary(_vocab(1000), _vocab(1064), "padded.gguf")  # a few padding tokens more is fine


@pytest.mark.parametrize(
    ("draft", "needle"),
    [
        (_vocab(kind=1), "tokenizer type"),
        (_vocab(5000), "5000 tokens"),
        (_vocab(eos=7), "bos/eos"),
        (_vocab(texts={**_vocab().texts, 14: b"other"}), "token texts differ"),
    ],
)
def test_a_different_vocabulary_is_a_typed_error(draft: VocabInfo, needle: str) -> None:
    with pytest.raises(VocabularyMismatchError, match=needle) as info:
        check_vocabulary(_vocab(), draft, "other.gguf")
    assert isinstance(info.value, ModelLoadError) and info.value.path.name == "other.gguf"


def test_common_prefix() -> None:
    assert common_prefix([1, 2, 3], [1, 2, 4, 5]) == 2
    assert common_prefix([], [1]) == 0
    assert common_prefix([1, 2], [1, 2, 3]) == 2


def test_lookup_keys_acceptance_by_match_length() -> None:
    lookup = PromptLookup()
    prompt = list(range(100, 120))
    lookup.start(prompt)
    assert lookup.ready([*prompt, 7, 8]) is None
    assert lookup.ready([*prompt, 105, 106]) == "lookup:short"
    long_history = [*prompt, *range(100, 110)]
    assert lookup.ready(long_history) == "lookup:long"
    draft = lookup.draft(long_history, 3)
    assert draft is not None and draft.tokens == [110, 111, 112] and draft.key == "lookup:long"


def test_sampler_applies_the_speculative_rule_to_sampled_drafts() -> None:
    logits = np.log(np.array([0.6, 0.3, 0.1], dtype=np.float32))
    hot = Sampling(temperature=1.0, top_k=0, top_p=1.0, min_p=0.0)
    q = np.array([0.0, 0.0, 1.0], dtype=np.float32)  # the drafter was sure of token 2
    kept = 0
    for seed in range(3000):
        sampler = TokenSampler(hot, seed=seed)
        kept += sampler.next(logits, 2, q) == 2
    assert kept / 3000 == pytest.approx(0.1, abs=0.02)  # kept with p/q = 0.1


def test_kv_bytes_follow_llama_cpp_block_layout() -> None:
    from smallcode.runtime.kvcache import KVShape

    shape = KVShape(layers=24, kv_heads=2, key_length=64, value_length=64)
    assert shape.bytes_per_token("f16") == 24 * 2 * 128 * 2
    assert shape.bytes_per_token("q8_0") == 24 * 2 * 4 * 34
    assert shape.bytes_per_token("q4_0") == 24 * 2 * 4 * 18
    assert shape.cache_bytes("q8_0", 16384) / shape.cache_bytes("f16", 16384) == pytest.approx(34 / 64)


def test_prefix_store_picks_the_longest_saved_prefix_of_a_prompt() -> None:
    from smallcode.runtime.kvcache import PrefixState, PrefixStore

    store = PrefixStore()
    store._states = [PrefixState((1, 2)), PrefixState((1, 2, 3, 4)), PrefixState((9,))]
    best = store.best_for([1, 2, 3, 4, 5])
    assert best is not None and best.tokens == (1, 2, 3, 4)
    # a state never covers the whole prompt: its last token must be evaluated for logits
    best = store.best_for([1, 2, 3, 4])
    assert best is not None and best.tokens == (1, 2)
    assert store.best_for([7, 8]) is None


def test_cost_note_says_how_cheap_a_draft_must_be_where_batches_cost_as_on_a_gpu() -> None:
    from smallcode.bench.runtime.figures import Report, Run
    from smallcode.bench.runtime.speculation import _explain_costs
    from smallcode.runtime.decode import DecodeStats

    report = Report(verbose=False)
    forced = [Run("x", DecodeStats(accepted=156, cut_short=14), 1.0)]
    costs = {n: 1.0 + 0.9 * (n - 1) for n in range(1, 9)}  # a CPU: each verified token nearly full price
    _explain_costs(report, costs, {100: 3, 300: 1}, 0.75, forced)
    # a = 156/170 = 0.92; with batches at 2.8x one token, k=7 leaves the most room for the draft
    assert report.notes[-1].endswith(
        "a=0.92: a draft pays when one draft token costs under 0.46x a target token (k=7)"
    )
    assert "verify n tokens / 1 token = 1:1.00 2:1.90" in report.notes[0]


def test_cost_note_takes_every_draft_kept_when_no_draft_was_made() -> None:
    from smallcode.bench.runtime.figures import Report, Run
    from smallcode.bench.runtime.speculation import _explain_costs
    from smallcode.runtime.decode import DecodeStats

    report = Report(verbose=False)
    costs = {n: 2.0 + 0.1 * (n - 1) for n in range(1, 9)}  # a GPU: no batch is exact, none drafted
    _explain_costs(report, costs, {100: 1}, 0.64, [Run("x", DecodeStats(), 1.0)])
    assert "no draft was made" in report.notes[2]
    # the best case, a = 1: with batches at 2.8x one token, 8 tokens per step for 2.8 + 7d
    assert report.notes[-1].endswith(
        "a=1.00: a draft pays when one draft token costs under 0.74x a target token (k=7)"
    )


def test_probes_that_are_kept_but_still_predict_a_loss_back_off() -> None:
    # the 1.5B as stored on a 2-core Xeon with AMX: 8 tokens verified for 3.4x one, a 0.5B draft token
    # 0.55x; drafts kept nine times in ten still predict 0.90x at best, so drafting stays off
    costs = _measured({1: 0.100, 2: 0.154, 3: 0.188, 4: 0.222, 5: 0.265, 6: 0.296, 7: 0.327, 8: 0.339})
    costs.record_draft("model", 0.055)
    controller = AdaptiveController(costs)
    for _ in range(20):
        controller.record("model", 9, 8)
    probes = 0
    for _ in range(2000):
        n = controller.length("model", 8)
        if n:
            probes += 1
            controller.record("model", n, n - 1 if probes % 5 == 0 else n)  # four probes in five kept
    assert controller.plan("model", 8)[1] < controller.margin
    # backing off to one probe in 256 steps; resetting to every 8 at each kept probe made 209 here
    assert probes <= 16


def test_a_kept_probe_that_makes_drafting_pay_has_it_probe_often_again() -> None:
    costs = _measured({n: 0.1 * (1 + 0.1 * (n - 1)) for n in range(1, 9)})  # batches nearly free
    costs.record_draft("model", 0.01)
    controller = AdaptiveController(costs)
    for _ in range(30):
        controller.record("model", 4, 0)  # drafts refused: off
    for _ in range(200):
        controller.length("model", 8)
    state = controller._state("model")
    assert state.probe_every > 8
    for _ in range(10):
        controller.record("model", 2, 2)  # the workload changed: probes kept
    assert controller.plan("model", 8)[1] >= controller.margin
    assert state.probe_every == 8
