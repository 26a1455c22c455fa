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
