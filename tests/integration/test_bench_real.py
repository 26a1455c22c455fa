"""The harness with the real embedded model: a raw-baseline run is scored by its hidden check."""

from __future__ import annotations

from pathlib import Path

from smallcode import Runtime
from smallcode.bench.report import ResultsFile, markdown_summary
from smallcode.bench.runner import RunSettings, run_all
from smallcode.bench.tasks import Task, TaskSpec

TASK = Task(
    spec=TaskSpec(
        id="double",
        category="python",
        language="python",
        prompt="Create double.py with a function double(x) that returns x multiplied by 2.",
        check="{python} test_hidden_double.py",
        timeout=30,
    ),
    tests={"test_hidden_double.py": b"from double import double\n\nassert double(21) == 42\n"},
    solution={"double.py": b"def double(x):\n    return 2 * x\n"},
)


def test_raw_baseline_with_the_real_model(runtime: Runtime, tmp_path: Path) -> None:
    results = ResultsFile(tmp_path / "r.jsonl")
    settings = RunSettings(model_name="default", suite="it", raw_max_tokens=200)
    (record,) = run_all([TASK], ("raw",), runtime, settings, results)
    assert record.status == "passed", record.detail
    assert record.completion_tokens > 0 and record.prompt_tokens > 0
    assert record.files_changed == ("double.py",)
    assert results.load() == [record]
    assert "| python | 1/1 100.0% |" in markdown_summary([record], title="it")
