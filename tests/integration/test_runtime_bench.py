"""``smallcode bench runtime`` end to end on the embedded model: each figure comes with the baseline
of the same run, and where speed is at stake the output is compared with the baseline's."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from smallcode.bench.runtime import add_arguments, figures, main, speculation
from smallcode.bench.runtime.figures import Report
from smallcode.bench.runtime.quant import greedy_path
from smallcode.bench.runtime.speculation import (
    EXACT_KERNELS,
    DraftTarget,
    bench_combined,
    bench_draft_model,
    controller_seconds,
)
from smallcode.messages import Message
from smallcode.model import Sampling
from smallcode.runtime import Runtime, ensure_model

pytestmark = pytest.mark.model


def test_grammar_and_overhead_figures_with_their_baselines(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    argv = ["--json", "--quick", "--only", "grammar", "--only", "overhead", "--repeats", "1", "--tokens", "8"]
    code = main(parser.parse_args(argv))
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    figures = report["figures"]
    assert [f["section"] for f in figures] == ["grammar", "grammar", "overhead"]
    for figure in figures:
        assert figure["value"] > 0 and figure["baseline"] > 0
        # One pair per figure: the ratio is that pair's.
        assert figure["ratio"] == pytest.approx(figure["value"] / figure["baseline"])
    mask, grammar, overhead = figures
    assert "same output: True" in mask["note"] and grammar["name"].endswith("grammar vs none")
    assert overhead["goal"] == "<= 1.05x" and "same text: True" in overhead["note"]


def test_sampled_lookup_reports_its_placement_and_verify_costs(capsys: pytest.CaptureFixture[str]) -> None:
    from llama_cpp import llama_supports_gpu_offload

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    argv = [
        "--json",
        "--quick",
        "--only",
        "lookup",
        "--repeats",
        "1",
        "--tokens",
        "8",
        "--temperature",
        "0.7",
    ]
    assert main(parser.parse_args(argv)) == 0
    report = json.loads(capsys.readouterr().out)
    small = [f for f in report["figures"] if f["section"] == "lookup 0.5B"]
    exact = ", q8_0 KV, no repack"
    assert [f["name"] for f in small] == [
        "decode tok/s, edits (3 prompts)",
        "decode tok/s, free text (2 prompts)",
        f"decode tok/s, edits{exact} (3 prompts)",
        f"decode tok/s, edits{exact}, first call (3 prompts)",
        f"decode tok/s, free text{exact} (2 prompts)",
        f"decode tok/s, free text{exact}, first call (2 prompts)",
        "decode tok/s, edits, exact-kernel lookup vs defaults",
    ]
    # sampled runs differ from plain decoding by design: not counted as identical or not
    default, free, exact_kernels, first, free_exact, free_first, across = small
    assert all(f["note"].startswith("sampled at T=0.7;") for f in (default, free, exact_kernels, free_exact))
    # each prompt through a Runtime loaded for it: what it measures is paid in that call
    for calls, prompts in ((first, 3), (free_first, 2)):
        assert calls["note"].startswith("a freshly loaded Runtime per prompt; sampled at T=0.7; per prompt ")
        assert calls["goal"] == ">= 0.97x" and len(calls["note"].split("per prompt ")[1].split()) == prompts
    assert (across["value"], across["baseline"]) == (exact_kernels["value"], default["baseline"])
    assert across["ratio"] == pytest.approx(across["value"] / across["baseline"])
    offload = "supported" if llama_supports_gpu_offload() else "not supported"
    assert f"GPU layers 0: GPU offload {offload}" in report["notes"][0]
    for kernels in ("", exact):
        costs = next(
            n
            for n in report["notes"]
            if n.startswith(f"lookup 0.5B{kernels}: verify n tokens / 1 token = 1:1.00 ")
        )
        assert "8:" in costs and "after a 600-token context" in costs and "after 600 cached tokens" in costs


def test_quantized_cache_figures_come_with_the_floor_of_a_different_batch_split(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    assert main(parser.parse_args(["--json", "--quick", "--only", "quant", "--tokens", "8"])) == 0
    report = json.loads(capsys.readouterr().out)
    figures = report["figures"]
    labels = ["0.5B"] if any("1.5B is not installed" in n for n in report["notes"]) else ["0.5B", "1.5B"]
    floor = "f16, prompt in 16-token batches,"
    names = [
        f"{label} {name}"
        for label in labels
        for name in (
            "q8_0 KV bytes at 16384 ctx (MiB)",
            "q8_0 greedy outputs identical to f16",
            "q8_0 greedy tokens agreeing with f16",
            "q4_0 KV bytes at 16384 ctx (MiB)",
            "q4_0 greedy outputs identical to f16",
            "q4_0 greedy tokens agreeing with f16",
            f"{floor} greedy outputs identical to f16",
            f"{floor} greedy tokens agreeing with f16",
        )
    ]
    assert [f["name"] for f in figures] == names
    for model in range(len(labels)):
        q8_bytes, q8_same, q8_tokens, q4_bytes, _, _, floor_same, floor_tokens = figures[
            8 * model : 8 * model + 8
        ]
        assert q8_bytes["ratio"] <= 0.55 and q4_bytes["ratio"] < q8_bytes["ratio"]
        assert floor_same["baseline"] == 6 and 0 <= floor_same["value"] <= 6 and floor_same["goal"] == ""
        assert floor_same["note"].startswith("reference: the same cache type")
        for same, tokens in ((q8_same, q8_tokens), (floor_same, floor_tokens)):
            # 6 prompts of at most 8 tokens; an output is identical only when every token agrees
            assert 6 <= tokens["baseline"] <= 48 and 0 <= tokens["value"] <= tokens["baseline"]
            assert (same["value"] == 6) == (tokens["value"] == tokens["baseline"])
            assert ("f16's top two logits" in tokens["note"]) == (tokens["value"] < tokens["baseline"])


def test_a_greedy_path_followed_along_other_tokens_marks_where_its_choice_differs() -> None:
    with Runtime.default(n_ctx=512) as rt:
        prompt = rt.tokenize(rt.render([Message.user("Count from 1 to 20, separated by commas.")]))
        own = greedy_path(rt, prompt, 12)
        assert len(own.tokens) == 12 and own.misses == [] and min(own.margins) >= 0
        assert greedy_path(rt, prompt, 12, own.tokens).misses == []
        changed = [*own.tokens]
        changed[3] = rt.tokenize(" zebra")[0]
        assert changed[3] != own.tokens[3]
        followed = greedy_path(rt, prompt, 12, changed)
        assert followed.tokens == changed and followed.misses[0] == 3
        assert 3 not in greedy_path(rt, prompt, 12, [*changed[:3], own.tokens[3], *changed[4:]]).misses


def test_combined_drafters_are_each_compared_with_plain_decoding_under_the_exact_kernels() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args([])
    args.repeats, args.tokens, args.lines = 1, 64, 20
    report = Report(verbose=False)
    model = ensure_model()  # a model is a valid draft for itself: same vocabulary
    bench_combined(report, model, DraftTarget(model, "combined", EXACT_KERNELS, ", q8_0 KV, no repack"), args)
    kernels = ", q8_0 KV, no repack"
    *runs, edits, additions = report.figures
    assert [f.name for f in runs] == [
        f"decode tok/s, {workload}, {drafts}{kernels} (3 prompts)"
        for drafts in ("lookup", "0.5B", "lookup+0.5B")
        for workload in ("edits", "additions")
    ]
    for figure in runs:
        assert figure.section == "combined" and figure.goal == ">= 0.97x"
        assert figure.note.startswith("identical 3/3; accepted ")
    # both drafters' speed-up set against the better of the two alone, each over its own plain runs
    for both, (lookup, model, together) in ((edits, runs[0::2]), (additions, runs[1::2])):
        workload = "edits" if both is edits else "additions"
        assert (
            both.name == f"{workload}, lookup+0.5B vs the better alone{kernels}"
            and both.section == "combined"
        )
        assert both.value == together.ratio and both.baseline == max(lookup.ratio, model.ratio)
        assert both.ratio == both.value / both.baseline and both.met == (both.value > both.baseline)
    # the edits copy a file the prompt holds: lookup drafts (past 256 cached tokens, where only the
    # exact kernels let greedy drafts be verified; in calls long enough to repay measuring a span)
    lookup_drafts = runs[0].note.removeprefix("identical 3/3; accepted ").removesuffix(" drafted")
    assert int(lookup_drafts.split("/")[0]) > 0


def test_a_draft_target_loads_every_drafting_runtime_with_its_options_and_holds_its_goal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(["--quick", "--repeats", "1", "--tokens", "24"])
    args.lines = 20
    report = Report(verbose=False)
    model = ensure_model()
    target = DraftTarget(
        model, "draft any", {"kv_cache": "q8_0"}, ", any batch", exact_drafts=False, goal=1.5
    )
    loaded: list[dict[str, object]] = []

    def recording_load(path: Path, args: argparse.Namespace, **options: object) -> Runtime:
        loaded.append(options)
        return figures.load(path, args, **options)

    monkeypatch.setattr(speculation, "load", recording_load)
    bench_draft_model(report, model, target, args)
    # plain, the draft, fixed k=2, adaptive, then a fresh adaptive Runtime per prompt's first call
    drafting = [o for o in loaded if "draft" in o]
    assert len(loaded) == 6 and len(drafting) == 4
    assert all(o["kv_cache"] == "q8_0" and o["exact_drafts"] is False for o in drafting)
    assert loaded[0] == {"kv_cache": "q8_0", "n_ctx": 4096}  # plain decoding: the target's options
    forced, adaptive, first, controller = report.figures
    assert all(f.section == "draft any" for f in report.figures)
    assert forced.name == "decode tok/s, k=2, any batch (2 prompts)" and forced.goal == ">= 0.97x"
    assert adaptive.name == "decode tok/s, adaptive, any batch (2 prompts)" and adaptive.goal == ">= 1.5x"
    assert adaptive.met == (adaptive.ratio >= 1.5)
    assert first.name == "decode tok/s, adaptive, any batch, first call (2 prompts)"
    assert controller.name == "adaptive controller per step vs one token"
    # a model drafting for itself is right but where a batch's rounding flips a near-tie; with
    # exact_drafts=False greedy drafts are verified in any batch, whatever batches are exact here
    counts = re.search(r"accepted (\d+)/(\d+) drafted", forced.note)
    assert counts is not None
    kept, drafted = int(counts[1]), int(counts[2])
    assert drafted > 0 and kept >= 0.9 * drafted


def test_the_controllers_cost_per_step_is_timed_on_a_copy_of_what_it_learned() -> None:
    model = ensure_model()
    with Runtime(model, n_ctx=2048, draft=model) as rt:
        rt.complete(
            [Message.user("Name three sorting algorithms.")],
            sampling=Sampling(max_tokens=12, temperature=0.7),
        )
        assert rt.speculation is not None
        costs = rt.speculation.costs
        assert costs.verify(1) is not None  # sampled: the first call timed plain steps and batches
        singles = list(costs._verify[1])
        assert controller_seconds(rt, repeats=50) > 0
        assert list(costs._verify[1]) == singles
