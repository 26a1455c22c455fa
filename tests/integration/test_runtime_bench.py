"""``smallcode bench runtime`` end to end on the embedded model: each figure comes with the baseline
of the same run, and where speed is at stake the output is compared with the baseline's."""

from __future__ import annotations

import argparse
import json

import pytest

from smallcode.bench.runtime import add_arguments, main

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
        f"decode tok/s, free text{exact} (2 prompts)",
        "decode tok/s, edits, exact-kernel lookup vs defaults",
    ]
    # sampled runs differ from plain decoding by design: not counted as identical or not
    assert all(f["note"].startswith("sampled at T=0.7;") for f in small[:4])
    default, _, exact_kernels, _, across = small
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
    figures = json.loads(capsys.readouterr().out)["figures"]
    names = [f["name"] for f in figures]
    assert names == [
        "q8_0 KV bytes at 16384 ctx (MiB)",
        "q8_0 greedy outputs identical to f16",
        "q4_0 KV bytes at 16384 ctx (MiB)",
        "q4_0 greedy outputs identical to f16",
        "f16, prompt in 16-token batches, identical",
    ]
    q8_bytes, _, q4_bytes, _, floor = figures
    assert q8_bytes["ratio"] <= 0.55 and q4_bytes["ratio"] < q8_bytes["ratio"]
    assert floor["baseline"] == 6 and 0 <= floor["value"] <= 6 and floor["goal"] == ""
    assert floor["note"].startswith("reference: the same cache type")
