"""A draft model and prompt lookup drafting together: the model writes past a change, lookup goes on
copying in the same draft; the model is not made to evaluate a prompt for a probe (stand-in models
that write a fixed text)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np

from smallcode.model import Sampling
from smallcode.runtime.decode import Decoder, DecodeStats, decode_tokens
from smallcode.runtime.sampling import TokenSampler
from smallcode.runtime.speculative import AdaptiveController, DraftModel, PromptLookup, Speculation

from .fake_decoder import FakeDecoder

VOCAB = 1024


def _rewrite() -> list[int]:
    """A 300-token passage in the prompt, then the passage again with one token in ten changed."""
    rng = np.random.default_rng(3)
    passage = [int(t) for t in rng.integers(VOCAB, size=300)]
    copy = [(t + 1) % VOCAB if i % 10 == 9 else t for i, t in enumerate(passage)]
    return [int(t) for t in rng.integers(VOCAB, size=50)] + passage + copy


TEXT = _rewrite()
PROMPT = TEXT[:350]


class TextModel(FakeDecoder):
    """Writes ``TEXT``: its logits after n tokens point at ``TEXT[n]``. Each evaluation (of any number
    of tokens) is 1 ms."""

    n_ctx = 4096

    def __init__(self) -> None:
        super().__init__()
        self.evaluations = 0

    def eval(self, tokens: Sequence[int], *, all_logits: bool = False) -> float:
        self.evaluations += 1
        self._rows = []
        for token in tokens:
            self.tokens.append(token)
            row = np.zeros(VOCAB, dtype=np.float32)
            row[TEXT[len(self.tokens)] if len(self.tokens) < len(TEXT) else 0] = 30.0
            self._rows.append(row)
        return 0.001


def _generate(
    drafters: Sequence[str], sampling: Sampling | None = None, *, draft_cost: float = 0.0002
) -> tuple[list[int], DecodeStats, TextModel, AdaptiveController]:
    """Decoding after ``PROMPT`` with the drafters named (greedy unless told), a draft token priced at
    ``draft_cost`` (a target token: 1 ms); the draft model's decoder and the controller are returned
    too."""
    draft_model = TextModel()
    made = {"lookup": PromptLookup(), "model": DraftModel(cast(Decoder, draft_model), is_end=lambda _: False)}
    controller = AdaptiveController()
    controller.costs.record_draft("model", draft_cost)
    speculation = Speculation([made[d] for d in drafters], controller, exact=False) if drafters else None
    stats = DecodeStats()
    emitted = decode_tokens(
        cast(Decoder, TextModel()),
        PROMPT,
        TokenSampler(sampling or Sampling(max_tokens=290), seed=0),
        max_tokens=290,
        is_end=lambda _: False,
        speculator=speculation,
        stats=stats,
    )
    return [e.token for e in emitted], stats, draft_model, controller


def test_lookup_continues_a_draft_models_draft_once_the_copy_resumes() -> None:
    """Lookup alone stops at every changed token (a plain step follows), the model alone drafts every
    token with a model evaluation; together the model drafts the changed token and lookup the copy
    after it, in one draft: fewer steps than lookup alone, a fraction of the model's evaluations."""
    plain, *_ = _generate([])
    assert plain == TEXT[350:640]
    tokens, both, model_helping, controller = _generate(["lookup", "model"])
    assert tokens == plain
    _, lookup_alone, *_ = _generate(["lookup"])
    _, _, model_drafting, _ = _generate(["model"])
    assert both.by_source["model+lookup"][1] > 200
    assert both.steps < 0.8 * lookup_alone.steps
    # a draft model's evaluations are mostly of one token at a time, as costly as a batch on a CPU
    assert model_helping.evaluations < 0.5 * model_drafting.evaluations
    # each drafter's stretch counts toward its own acceptance: the model's tokens are all kept, and
    # lookup's are cut short at the next change
    assert controller.acceptance("model") > 0.9
    assert controller.acceptance("lookup:short") < 0.9


def test_a_sampled_draft_of_both_is_judged_token_by_token() -> None:
    """Sampled drafts: the model's tokens carry its distributions, lookup's are certain; the text is
    still the one the target writes (its logits leave no room for another token)."""
    tokens, stats, _, _ = _generate(["lookup", "model"], Sampling(max_tokens=290, temperature=0.7))
    assert tokens == TEXT[350:640]
    assert stats.by_source["model+lookup"][1] > 200


def test_a_model_draft_is_handed_to_lookup_only_where_lookup_finds_the_text() -> None:
    speculation = Speculation(
        [PromptLookup(), DraftModel(cast(Decoder, TextModel()), is_end=lambda _: False)]
    )
    speculation.costs.record_verify(1, 0.001)
    assert speculation.lookup_taking_over([1, 2, 3, 4, 5], [6, 7], 7) is None
    found = speculation.lookup_taking_over([1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2], [3, 4], 7)
    assert found is not None and found[1] > 0
    # the draft is not searched: "3 4" is followed by 5 only within the draft, which is not text yet
    assert speculation.lookup_taking_over([9, 3, 4], [5, 3, 4], 7) is None


def test_a_draft_model_that_would_not_pay_is_not_made_to_catch_up_for_a_probe() -> None:
    """A draft token at 0.8 of a target token loses at the prior acceptance (0.6) and would win only
    if every draft were kept: the controller would probe it now and then, but the first probe would
    have the model evaluate the whole prompt. It is never asked; lookup drafts alone."""
    tokens, stats, draft_model, _ = _generate(["lookup", "model"], draft_cost=0.0008)
    assert tokens == TEXT[350:640]
    assert draft_model.evaluations == 0
    assert set(stats.by_source) == {"lookup"}
    model = DraftModel(cast(Decoder, TextModel()), is_end=lambda _: False)
    model.draft(PROMPT, 1)
    assert model.lag(PROMPT) == 0 and model.lag([*PROMPT, 5, 6]) == 2 and model.lag(PROMPT[:-1]) == 0
