"""Speculative decoding on the real model: every mode gives exactly what plain greedy decoding gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from smallcode import Message, Runtime, Sampling
from smallcode.errors import VocabularyMismatchError
from smallcode.runtime import ensure_model
from smallcode.runtime.speculative import VocabInfo, check_vocabulary

pytestmark = pytest.mark.model

SOURCE = """def parse_size(text):
    units = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}
    text = text.strip().lower()
    if text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def format_size(n):
    for unit in ("", "k", "m", "g"):
        if n < 1024:
            return f"{n}{unit}"
        n //= 1024
    return f"{n}t"
"""
EDIT = [
    Message.system("You are a careful coding assistant."),
    Message.user(
        "Rename the function parse_size to size_from_text. Reply with the whole updated file "
        f"in one ```python block.\n\n```python\n{SOURCE}```"
    ),
]
FREE = [Message.user("Explain in two sentences what a hash map is.")]
GREEDY = Sampling(max_tokens=60)


@pytest.fixture(scope="module")
def model_path() -> Path:
    return ensure_model()


def _fresh(rt: Runtime, messages: list[Message], sampling: Sampling = GREEDY) -> str:
    """Complete from an empty cache, so every runtime evaluates the prompt in the same batches."""
    rt.clear_cache()
    return rt.complete(messages, sampling=sampling).text


@pytest.fixture(scope="module")
def plain_outputs(runtime: Runtime) -> dict[str, str]:
    return {"edit": _fresh(runtime, EDIT), "free": _fresh(runtime, FREE)}


@pytest.fixture(scope="module")
def lookup(model_path: Path) -> Iterator[Runtime]:
    """Prompt lookup at a fixed draft length: what it drafts depends on the tokens alone. (The adaptive
    controller also weighs measured timings, so how much it drafts depends on the machine's load.)"""
    with Runtime(model_path, n_ctx=4096, draft="lookup", draft_length=6) as rt:
        yield rt


def test_prompt_lookup_drafts_on_edits_and_rolls_back_refused_drafts(
    lookup: Runtime, plain_outputs: dict[str, str]
) -> None:
    assert _fresh(lookup, EDIT) == plain_outputs["edit"]
    edit = lookup.last_stats
    assert edit is not None and edit.accepted > 10
    assert edit.steps < edit.generated  # fewer target evaluations than tokens
    assert _fresh(lookup, FREE) == plain_outputs["free"]
    free = lookup.last_stats
    assert free is not None
    assert edit.cut_short + free.cut_short > 0  # some drafts were refused and rolled back
    assert lookup.info().draft == ("lookup",) and lookup.info().draft_length == 6


def test_inexact_drafts_verify_greedy_drafts_in_any_batch(model_path: Path, lookup: Runtime) -> None:
    _fresh(lookup, EDIT)
    exact = lookup.last_stats
    with Runtime(model_path, n_ctx=4096, draft="lookup", draft_length=6, exact_drafts=False) as rt:
        _fresh(rt, EDIT)
        inexact = rt.last_stats
        info = rt.info()
    assert exact is not None and inexact is not None
    assert not info.exact_drafts and info.exact_batches == {}  # no batch was checked
    # drafts of 6 in batches of 7: fewer steps than where exact batches are shorter (3 tokens with
    # repacked weights), no more where they hold 7 (weights as stored, as on a CPU with Intel AMX)
    capped = min(lookup.info().exact_batches.values()) < 7
    assert inexact.steps < exact.steps if capped else inexact.steps <= exact.steps


def test_draft_model_and_combined_drafters_are_identical(
    model_path: Path, plain_outputs: dict[str, str]
) -> None:
    # a draft that disagrees now and then: the same weights with a coarse 4-bit KV cache
    with Runtime(model_path, n_ctx=4096, kv_cache="q4_0") as drafter:
        with Runtime(model_path, n_ctx=4096, draft=drafter, draft_length=4) as rt:
            assert _fresh(rt, FREE) == plain_outputs["free"]
            stats = rt.last_stats
            assert stats is not None and stats.by_source["model"][1] > 0
        with Runtime(model_path, n_ctx=4096, draft=["lookup", drafter], draft_length=4) as rt:
            assert _fresh(rt, EDIT) == plain_outputs["edit"]
            stats = rt.last_stats
            assert stats is not None and {"lookup", "model"} & set(stats.by_source)


def test_temperature_sampling_with_drafts_is_reproducible(lookup: Runtime) -> None:
    hot = Sampling(max_tokens=40, temperature=0.8, seed=7)
    first = _fresh(lookup, EDIT, hot)
    assert first and _fresh(lookup, EDIT, hot) == first
    stats = lookup.last_stats
    assert stats is not None and stats.drafted > 0


def test_temperature_sampling_with_a_draft_model_is_reproducible(model_path: Path) -> None:
    hot = Sampling(max_tokens=48, temperature=0.8, seed=7)
    with (
        Runtime(model_path, n_ctx=4096, kv_cache="q4_0") as drafter,
        Runtime(model_path, n_ctx=4096, draft=drafter, draft_length=4) as rt,
    ):
        first = _fresh(rt, FREE, hot)
        stats = rt.last_stats
        assert stats is not None and stats.by_source["model"][0] > 0
        assert drafter._decoder.size > 0
        rt.clear_cache()  # the draft model's cache too: it evaluates the prompt as it did the first time
        assert drafter._decoder.size == 0
        assert first and _fresh(rt, FREE, hot) == first


def test_a_draft_model_with_another_vocabulary_is_refused(runtime: Runtime) -> None:
    real = VocabInfo.of(runtime.llama)
    check_vocabulary(real, real, "same.gguf")
    some_id = next(iter(real.texts))
    altered = VocabInfo(
        size=real.size,
        kind=real.kind,
        bos=real.bos,
        eos=real.eos,
        texts={**real.texts, some_id: b"\x00other"},
    )
    with pytest.raises(VocabularyMismatchError, match="token texts differ"):
        check_vocabulary(real, altered, "other.gguf")


LONG_SOURCE = "\n\n".join(
    SOURCE.replace("parse_size", f"parse_size_{i}").replace("format_size", f"format_size_{i}")
    for i in range(5)
)
LONG_EDIT = [
    Message.system("You are a careful coding assistant."),
    Message.user(
        "Rename the function format_size_4 to size_to_text. Reply with the whole updated file "
        f"in one ```python block.\n\n```python\n{LONG_SOURCE}```"
    ),
]


def test_adaptive_prompt_lookup_is_token_identical(model_path: Path) -> None:
    """The controller drafts where it predicts a win, and measures which batches are exact in a span
    of cache positions only where drafting could repay the measurement: here a rewrite whose prompt
    ends early in [512, 1024), under the kernels that keep batches exact past 512 cached tokens."""
    options: dict[str, object] = {"n_ctx": 4096, "kv_cache": "q8_0", "repack": False}
    long = Sampling(max_tokens=100)
    with Runtime.from_gguf(model_path, **options) as plain:
        expected = [_fresh(plain, LONG_EDIT, long), _fresh(plain, FREE, long)]
    with Runtime.from_gguf(model_path, draft="lookup", **options) as rt:
        assert _fresh(rt, LONG_EDIT, long) == expected[0]
        stats = rt.last_stats
        assert rt.info().exact_batches.get(512, 0) >= 2
        assert stats is not None and stats.accepted > 0
        assert _fresh(rt, FREE, long) == expected[1]
        assert rt.info().draft_length is None


def test_without_repacking_and_with_a_quantized_cache_greedy_drafts_stay_exact_past_512_tokens(
    model_path: Path,
) -> None:
    """An f16 cache splits one token's attention across threads from 512 keys, and repacked weights
    run batches of 4+ on other kernels: with neither, a batch's rows are computed as single tokens."""
    options: dict[str, object] = {"n_ctx": 4096, "kv_cache": "q8_0", "repack": False}
    with Runtime.from_gguf(model_path, **options) as plain:
        expected = _fresh(plain, LONG_EDIT)
        prompt_tokens = plain.count_tokens(LONG_EDIT)
    assert prompt_tokens > 512
    with Runtime.from_gguf(model_path, draft="lookup", draft_length=6, **options) as rt:
        assert _fresh(rt, LONG_EDIT) == expected
        info = rt.info()
        stats = rt.last_stats
    assert not info.repack and info.kv_cache == "q8_0"
    assert info.exact_batches[512] >= 4
    assert stats is not None and stats.accepted > 20
