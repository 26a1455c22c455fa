"""`smallcode bench run`: choosing tasks and naming models (the scoring itself is in test_bench_runner)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from smallcode.bench.run import add_arguments, collect_tasks, model_label
from smallcode.errors import BenchmarkError
from smallcode.runtime import Runtime


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(argv)


def test_model_labels() -> None:
    assert model_label("default") == "qwen2.5-coder-0.5b"
    assert model_label("qwen2.5-coder-1.5b") == "qwen2.5-coder-1.5b"
    assert model_label("/models/coder-7b.Q4.gguf") == "coder-7b.Q4"
    assert model_label("http://localhost:8080/v1/") == "localhost:8080/v1"
    assert model_label("http://localhost:8080/v1", "qwen-coder") == "qwen-coder"


def test_collect_tasks_from_a_builtin_suite_with_filters() -> None:
    source, tasks = collect_tasks(parse("--suite", "multi-file", "--filter", "javascript", "--limit", "3"))
    assert source == "multi-file"
    assert len(tasks) == 3 and {t.language for t in tasks} == {"javascript"}


def test_collect_tasks_needs_exactly_one_source(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkError, match="exactly one"):
        collect_tasks(parse("--suite", "multi-file", "--suite-dir", str(tmp_path)))
    with pytest.raises(BenchmarkError, match="exactly one"):
        collect_tasks(parse())
    with pytest.raises(BenchmarkError, match="--data"):
        collect_tasks(parse("--dataset", "humaneval"))


def test_run_command_reports_missing_suite(capsys: pytest.CaptureFixture[str]) -> None:
    from smallcode.cli import main

    assert main(["bench", "run", "--suite", "nope"]) == 2
    assert "no built-in suite 'nope'" in capsys.readouterr().err.replace("\n", " ")


def test_runtime_bench_options_reach_every_runtime(monkeypatch: pytest.MonkeyPatch) -> None:
    from smallcode.bench.runtime import add_arguments as runtime_arguments
    from smallcode.bench.runtime.figures import load

    seen: list[dict[str, object]] = []
    monkeypatch.setattr(Runtime, "from_gguf", classmethod(lambda cls, path, **options: seen.append(options)))
    parser = argparse.ArgumentParser()
    runtime_arguments(parser)
    load(
        Path("m.gguf"),
        parser.parse_args(["--gpu-layers", "-1", "--threads", "4", "--n-batch", "2048"]),
        n_ctx=8,
    )
    load(Path("m.gguf"), parser.parse_args([]), n_ctx=8)
    assert seen == [
        {"n_threads": 4, "n_gpu_layers": -1, "n_ctx": 8, "n_batch": 2048},
        {"n_threads": 2, "n_gpu_layers": 0, "n_ctx": 8},
    ]


def test_bench_run_takes_a_local_models_options() -> None:
    from smallcode.runtime.opening import LocalOptions

    args = parse(
        "--suite",
        "single-file",
        "--draft",
        "lookup",
        "--kv-cache",
        "q8_0",
        "--no-repack",
        "--gpu-layers",
        "-1",
    )
    assert LocalOptions.from_args(args) == LocalOptions(
        gpu_layers=-1, draft="lookup", kv_cache="q8_0", repack=False
    )


def test_the_f16_draft_section_runs_only_when_named() -> None:
    from smallcode.bench.runtime.command import SECTIONS, sections_to_run

    assert "draft-f16" in SECTIONS
    assert sections_to_run(None) == ["lookup", "draft", "kv", "quant", "grammar", "overhead"]
    assert sections_to_run(["draft-f16"]) == ["draft-f16"]
    assert sections_to_run(["kv", "draft-f16"]) == ["kv", "draft-f16"]
