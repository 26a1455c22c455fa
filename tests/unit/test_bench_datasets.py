"""Dataset adapters: public benchmark problems become tasks scored by their own tests."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from smallcode.bench.checks import Toolchain, run_check
from smallcode.bench.datasets import dataset_file, load_dataset
from smallcode.bench.validate import validate_task
from smallcode.errors import BenchmarkError

HUMANEVAL = {
    "task_id": "HumanEval/7",
    "prompt": (
        'from typing import List\n\n\ndef evens(xs: List[int]) -> List[int]:\n    """Even numbers of xs."""\n'
    ),
    "entry_point": "evens",
    "canonical_solution": "    return [x for x in xs if x % 2 == 0]\n",
    "test": (
        "def check(candidate):\n"
        "    assert candidate([1, 2, 3, 4]) == [2, 4]\n"
        "    assert candidate([]) == []\n"
    ),
}


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(row) + "\n" for row in rows)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    return path


def test_humaneval_problem_becomes_a_valid_task(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "humaneval" / "HumanEval.jsonl.gz", [HUMANEVAL])
    (task,) = load_dataset("humaneval", tmp_path)
    assert task.id == "humaneval-7" and task.target == "solution.py"
    assert "`evens`" in task.prompt and "solution.py" in task.prompt
    assert task.files["solution.py"].decode() == HUMANEVAL["prompt"]
    assert validate_task(task, Toolchain.detect()).verdict == "ok"
    assert not task.quote_output  # results keep no quotes of the dataset's tests


def test_the_prompt_imports_are_in_scope_for_a_rewrite(
    tmp_path: Path,
) -> None:
    (task,) = load_dataset("humaneval", write_jsonl(tmp_path / "he.jsonl", [HUMANEVAL]))
    (tmp_path / "w").mkdir()
    # A model that rewrites the function without the ``typing`` import still passes.
    (tmp_path / "w" / "solution.py").write_text(
        "def evens(xs: List[int]) -> List[int]:\n    return xs[1::2]\n"
    )
    task.write_tests(tmp_path / "w")
    assert run_check(task.spec.check, tmp_path / "w", timeout=30, toolchain=Toolchain.detect()).passed


def test_mbpp_uses_the_test_split_and_shows_one_test(tmp_path: Path) -> None:
    tests = ["assert double(2) == 4", "assert double(math.floor(1.5)) == 2"]
    code = "def double(x):\n    return 2 * x"
    prompt = "Write a function to double a number."
    rows = [
        {"task_id": tid, "prompt": prompt, "code": code, "test_imports": ["import math"], "test_list": tests}
        for tid in (5, 11, 600)
    ]
    (tmp_path / "mbpp").mkdir()
    (tmp_path / "mbpp" / "sanitized-mbpp.json").write_text(json.dumps(rows))
    (task,) = load_dataset("mbpp", tmp_path)
    assert task.id == "mbpp-11"
    assert "assert double(2) == 4" in task.prompt and "math.floor" not in task.prompt
    assert validate_task(task, Toolchain.detect()).verdict == "ok"


def test_plus_datasets_compare_with_the_reference_within_tolerance(tmp_path: Path) -> None:
    row = {
        "task_id": "Mbpp/3", "prompt": '"""\nWrite a function to halve.\nassert halve(4) == 2.0\n"""\n',
        "entry_point": "halve", "canonical_solution": "def halve(x):\n    return x / 2\n", "atol": 0,
        "base_input": [[4]], "plus_input": [[1e-9], [3]],
    }  # fmt: skip
    (task,) = load_dataset("mbpp-plus", write_jsonl(tmp_path / "MbppPlus.jsonl", [row]))
    assert task.prompt.startswith("Write a function to halve.") and "assert halve(4) == 2.0" in task.prompt
    assert validate_task(task, Toolchain.detect()).verdict == "ok"
    for body, passes in (("x * 0.5 + 1e-12", True), ("x // 2", False)):
        workspace = tmp_path / f"w{passes}"
        workspace.mkdir()
        (workspace / "solution.py").write_text(f"def halve(x):\n    return {body}\n")
        task.write_tests(workspace)
        result = run_check(task.spec.check, workspace, timeout=30, toolchain=Toolchain.detect())
        assert result.passed is passes, result.output


def test_multipl_e_stubs_are_closed_and_tests_appended(tmp_path: Path) -> None:
    js = {
        "name": "HumanEval_23_strlen",
        "prompt": "//Length\nfunction strlen(string){\n",
        "tests": "const assert = require('node:assert');\nassert.deepEqual(strlen('ab'), 2);\n",
    }
    go = {
        "name": "HumanEval_23_strlen",
        "prompt": 'package strlen_test\n\nimport (\n    "testing"\n)\n\nfunc strlen(s string) int {\n',
        "tests": "func TestStrlen(t *testing.T) {}\n",
    }
    (js_task,) = load_dataset("multipl-e-js", write_jsonl(tmp_path / "humaneval-js.jsonl", [js]))
    assert js_task.files["solution.js"].decode().endswith("function strlen(string){\n}\n")
    assert js_task.requires == ("node",) and js_task.category == "multipl-e-javascript"
    assert "`strlen`" in js_task.prompt and "cat solution.js hidden_tests.js" in js_task.spec.check
    (ts_task,) = load_dataset("multipl-e-ts", write_jsonl(tmp_path / "humaneval-ts.jsonl", [js]))
    assert ts_task.requires == ("node", "tsc") and "{tsc}" in ts_task.spec.check
    (go_task,) = load_dataset("multipl-e-go", write_jsonl(tmp_path / "humaneval-go.jsonl", [go]))
    assert go_task.target == "solution_test.go" and "{go} test" in go_task.spec.check
    assert not go_task.solution  # MultiPL-E has no reference solutions: scored, never validated


def test_dataset_file_resolution(tmp_path: Path) -> None:
    nested = write_jsonl(tmp_path / "elsewhere" / "HumanEval.jsonl.gz", [HUMANEVAL])
    assert dataset_file("humaneval", tmp_path) == nested
    assert dataset_file("humaneval", nested) == nested
    with pytest.raises(BenchmarkError, match=r"no sanitized-mbpp\.json"):
        dataset_file("mbpp", tmp_path)
    with pytest.raises(BenchmarkError, match="unknown dataset"):
        dataset_file("apps", tmp_path)
    (tmp_path / "bad.jsonl").write_text("{not json\n")
    with pytest.raises(BenchmarkError, match="cannot read it as humaneval"):
        load_dataset("humaneval", tmp_path / "bad.jsonl")
