"""Results files, summaries, charts, comparisons and the bench commands that print them."""

from __future__ import annotations

from pathlib import Path

import pytest

from smallcode.bench.report import (
    ResultsFile,
    Score,
    TaskResult,
    by_category,
    compare,
    markdown_summary,
    write_chart,
)
from smallcode.cli import main
from smallcode.errors import BenchmarkError


def record(task: str, category: str, mode: str, status: str, **fields: object) -> TaskResult:
    return TaskResult.model_validate({
        "task_id": task, "suite": "s", "category": category, "language": "python", "mode": mode,
        "model": "m", "status": status, **fields,
    })  # fmt: skip


RECORDS = [
    record("a", "algorithms", "agent", "passed", steps=4, prompt_tokens=100, completion_tokens=50,
           well_formed_rate=1.0, stop_reason="finished"),
    record("b", "algorithms", "agent", "failed", steps=6, well_formed_rate=0.5, stop_reason="max_steps",
           escalations=1),
    record("c", "go", "agent", "skipped", detail="missing tool: go"),
    record("a", "algorithms", "raw", "failed"),
    record("b", "algorithms", "raw", "passed"),
]  # fmt: skip


def test_scores_exclude_skipped_tasks() -> None:
    table = by_category(RECORDS)
    assert list(table) == ["algorithms", "go", "all"]
    assert table["algorithms"][("m", "agent")] == Score(1, 2, 0)
    assert table["go"][("m", "agent")] == Score(0, 0, 1)
    assert table["all"][("m", "agent")] == Score(1, 2, 1)
    assert str(Score(1, 2, 1)) == "1/2 50.0% (1 skipped)" and str(Score(0, 0, 1)) == "0/0 – (1 skipped)"


def test_markdown_summary_has_categories_modes_and_costs() -> None:
    text = markdown_summary(RECORDS, title="demo")
    assert text.startswith("# demo")
    assert "| category | m agent | m raw |" in text
    assert "| algorithms | 1/2 50.0% | 1/2 50.0% |" in text
    assert "| m agent | 2 | 5.0 | 75 | 0.0 | 75.0% | 1 |" in text
    assert "finished 1, max_steps 1" in text


def test_results_file_appends_loads_and_survives_a_cut_off_line(tmp_path: Path) -> None:
    results = ResultsFile(tmp_path / "deep" / "r.jsonl")
    results.append(RECORDS[0])
    with results.path.open("a") as handle:
        handle.write('{"task_id": "half')
    assert [r.key for r in results.load()] == [RECORDS[0].key]
    results.append(RECORDS[1])
    assert [r.task_id for r in results.load()] == ["a", "b"]
    assert results.done_keys() == {("a", "agent", "m"), ("b", "agent", "m")}
    results.append(record("x", "c", "raw", "error"))
    assert ("x", "raw", "m") not in results.done_keys()


def test_a_corrupt_line_in_the_middle_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text("not json\n" + RECORDS[0].model_dump_json() + "\n")
    with pytest.raises(BenchmarkError, match=r"r\.jsonl:1"):
        ResultsFile(path).load()


def test_compare_reports_per_category_deltas() -> None:
    after = [record("a", "algorithms", "agent", "passed"), record("b", "algorithms", "agent", "passed")]
    deltas = {(d.category, d.column[1]): d for d in compare(RECORDS, after)}
    assert deltas[("algorithms", "agent")].points == pytest.approx(50.0)
    assert deltas[("algorithms", "raw")].points is None  # no raw records after
    assert deltas[("go", "agent")].points is None


def test_chart_is_a_png(tmp_path: Path) -> None:
    path = write_chart(RECORDS, tmp_path / "c.png", title="demo")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_compare_and_report_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before, after = ResultsFile(tmp_path / "a.jsonl"), ResultsFile(tmp_path / "b.jsonl")
    for item in RECORDS:
        before.append(item)
    after.append(record("a", "algorithms", "raw", "passed"))
    after.append(record("b", "algorithms", "raw", "passed"))
    assert main(["bench", "compare", str(before.path), str(after.path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split()[:3] == ["algorithms", "m", "raw"] and line.endswith("+50.0") for line in lines)
    out = tmp_path / "summary.md"
    assert main(["bench", "report", str(before.path), str(after.path), "--markdown", str(out)]) == 0
    assert "| **all** |" in out.read_text()
    assert main(["bench", "compare", str(tmp_path / "missing.jsonl"), str(after.path)]) == 2
