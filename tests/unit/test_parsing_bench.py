"""``smallcode bench parser`` end to end, on tiny settings."""

from __future__ import annotations

import argparse
import json

import pytest

from smallcode.bench.parser import (
    CORPUS_DIR,
    Case,
    add_arguments,
    fuzz,
    judge,
    load_tools,
    main,
    strict_baseline,
)
from smallcode.parsing import LenientParser


def args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


def test_bench_prints_corpus_fuzz_and_throughput_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(args("--json", "--fuzz-examples", "40", "--size", "3000", "--repeats", "1"))
    report = json.loads(capsys.readouterr().out)
    corpus = report["corpus"]
    assert code == 0
    assert corpus["overall"]["recoverable"] >= 150 and corpus["overall"]["recovery"] >= 0.95
    assert corpus["overall"]["false_calls"] == 0
    assert corpus["strict_baseline"]["recovery"] < corpus["overall"]["recovery"]
    # A round trip whose content no wrapper can carry is skipped, so a run may parse a few less.
    assert report["fuzz"]["examples"] >= 30 and report["fuzz"]["exceptions"] == 0
    assert report["fuzz"]["payload_checks"] > 0 and report["fuzz"]["payload_mismatches"] == 0
    names = [case["name"] for case in report["throughput"]["cases"]]
    assert "mixed" in names and "one 1 MB payload" in names
    assert report["throughput"]["baseline"]["name"] == "json.loads (baseline)"


def test_the_fuzz_run_is_reproducible_from_its_seed() -> None:
    parser = LenientParser(load_tools(CORPUS_DIR))

    def outcome(seed: int) -> tuple[int, int, int, int]:
        report = fuzz(parser, 40, seed)
        return report.examples, report.calls_found, report.issues_found, report.payload_checks

    assert outcome(7) == outcome(7)
    assert len({outcome(seed) for seed in range(4)}) > 1


def test_bench_text_output_names_each_section(capsys: pytest.CaptureFixture[str]) -> None:
    main(args("--fuzz-examples", "0", "--size", "2000", "--repeats", "1"))
    out = capsys.readouterr().out
    assert "corpus:" in out and "strict baseline" in out and "fuzz: skipped" in out
    assert "x json.loads' time" in out and "slowest per MB" in out


def test_missing_corpus_is_reported(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args("--corpus", str(tmp_path), "--fuzz-examples", "0")) == 2
    assert "no corpus" in capsys.readouterr().err


def test_judging_needs_exact_calls_and_no_issue() -> None:
    case = Case("c", "json", "x", [{"name": "read_file", "arguments": {"path": "a"}}])
    assert judge(case, [{"name": "read_file", "arguments": {"path": "a"}}], []).passed
    assert not judge(case, [{"name": "read_file", "arguments": {"path": "b"}}], []).passed
    assert not judge(case, [{"name": "read_file", "arguments": {"path": "a"}}], ["bad_arguments"]).passed
    quiet = Case("p", "prose", "x", [])
    assert not judge(quiet, [], ["unknown_tool"]).passed
    reported = Case("u", "json", "x", [], ["truncated"])
    assert judge(reported, [], ["truncated"]).passed and not judge(reported, [], []).passed


def test_strict_baseline_reads_only_clean_json() -> None:
    good = '<tool_call>{"name": "a", "arguments": {"x": 1}}</tool_call>'
    assert strict_baseline(good) == [{"name": "a", "arguments": {"x": 1}}]
    assert strict_baseline("<tool_call>{'name': 'a'}</tool_call>") == []
