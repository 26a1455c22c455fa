"""Adapters from public code benchmarks to in-memory tasks, scored by each problem's own tests.

The data is read from a path the user gives and is never shipped: HumanEval, HumanEval+ and MBPP+
(EvalPlus), MBPP (sanitized, test split) and MultiPL-E HumanEval in JavaScript, TypeScript and Go.
Each problem becomes a ``Task`` whose workspace holds ``solution.<ext>`` (the problem's stub where it
has one) and whose check runs the problem's tests against that file, so agent and raw baseline are
scored the same way.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import BenchmarkError
from .tasks import Language, Task, TaskSpec

_IMPORT = re.compile(r"^(?:import \S|from \S+ import )")
_JS_FUNCTION = re.compile(r"function\s+(\w+)\s*\(")
_GO_FUNCTION = re.compile(r"func\s+(\w+)\s*\(")
MBPP_TEST_SPLIT = range(11, 511)

# Runs the problem's ``check(candidate)`` on solution.py, with the stub's imports in scope (as the
# problem's prompt had them) so a model that rewrites the function without them is not failed for it.
_HUMANEVAL_CHECK = """\
import json, pathlib
spec = json.loads(pathlib.Path("hidden_problem.json").read_text())
namespace = {}
source = spec["header"] + "\\n" + pathlib.Path("solution.py").read_text()
exec(compile(source, "solution.py", "exec"), namespace)
exec(compile(spec["test"], "hidden_test", "exec"), namespace)
namespace["check"](namespace[spec["entry_point"]])
"""

_MBPP_CHECK = """\
import json, pathlib
spec = json.loads(pathlib.Path("hidden_problem.json").read_text())
namespace = {}
exec(compile(pathlib.Path("solution.py").read_text(), "solution.py", "exec"), namespace)
for line in spec["imports"] + spec["tests"]:
    exec(compile(line, "hidden_test", "exec"), namespace)
"""

# EvalPlus-style differential testing: the reference solution's output on each input is the
# expectation; floats compare within the problem's tolerance.
_PLUS_CHECK = """\
import copy, json, math, pathlib, sys
spec = json.loads(pathlib.Path("hidden_problem.json").read_text())
reference, candidate = {}, {}
exec(compile(spec["reference"], "reference", "exec"), reference)
source = spec["header"] + "\\n" + pathlib.Path("solution.py").read_text()
exec(compile(source, "solution.py", "exec"), candidate)
expected_fn, actual_fn = reference[spec["entry_point"]], candidate[spec["entry_point"]]
tolerance = max(float(spec["atol"]), 1e-6)

def same(actual, expected):
    if isinstance(expected, float) or isinstance(actual, float):
        if not all(isinstance(v, (int, float)) for v in (actual, expected)):
            return False
        if math.isnan(expected):
            return math.isnan(actual)
        return math.isclose(actual, expected, rel_tol=1e-6, abs_tol=tolerance)
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        return type(actual) is type(expected) and len(actual) == len(expected) and all(
            same(a, e) for a, e in zip(actual, expected))
    return actual == expected

for index, args in enumerate(spec["inputs"]):
    expected = expected_fn(*copy.deepcopy(args))
    actual = actual_fn(*copy.deepcopy(args))
    if not same(actual, expected):
        print(f"input #{index}: expected {expected!r:.300}, got {actual!r:.300}")
        sys.exit(1)
"""


def _read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _header(code: str) -> str:
    return "\n".join(line for line in code.splitlines() if _IMPORT.match(line))


def _python_task(task_id: str, category: str, prompt: str, files: dict[str, str], problem: object,
                 script: str, solution: str | None, timeout: int = 60) -> Task:  # fmt: skip
    spec = TaskSpec(
        id=task_id,
        category=category,
        language="python",
        prompt=prompt,
        check="{python} hidden_check.py",
        timeout=timeout,
        target="solution.py",
    )
    tests = {"hidden_check.py": script.encode(), "hidden_problem.json": json.dumps(problem).encode()}
    return Task(
        spec=spec,
        files={path: text.encode() for path, text in files.items()},
        tests=tests,
        solution={"solution.py": solution.encode()} if solution is not None else {},
        quote_output=False,
    )


def _complete_prompt(entry_point: str, path: str, what: str) -> str:
    return (
        f"Complete the function `{entry_point}` in {path}: write its body so that it does what its {what} "
        "describes. Keep its name and signature."
    )


def humaneval(path: Path) -> list[Task]:
    tasks = []
    for row in _read_jsonl(path):
        prompt, entry = str(row["prompt"]), str(row["entry_point"])
        problem = {"header": _header(prompt), "test": str(row["test"]), "entry_point": entry}
        number = str(row["task_id"]).split("/")[-1]
        tasks.append(
            _python_task(
                f"humaneval-{number}",
                "humaneval",
                _complete_prompt(entry, "solution.py", "docstring"),
                {"solution.py": prompt},
                problem,
                _HUMANEVAL_CHECK,
                prompt + str(row["canonical_solution"]),
            )
        )
    return tasks


def humaneval_plus(path: Path) -> list[Task]:
    tasks = []
    for row in _read_jsonl(path):
        prompt, entry = str(row["prompt"]), str(row["entry_point"])
        reference = prompt + str(row["canonical_solution"])
        problem = {
            "header": _header(prompt),
            "reference": reference,
            "entry_point": entry,
            "atol": row.get("atol", 0),
            "inputs": [*row["base_input"], *row["plus_input"]],  # type: ignore[misc]
        }
        number = str(row["task_id"]).split("/")[-1]
        tasks.append(
            _python_task(
                f"humaneval-plus-{number}",
                "humaneval-plus",
                _complete_prompt(entry, "solution.py", "docstring"),
                {"solution.py": prompt},
                problem,
                _PLUS_CHECK,
                reference,
                timeout=120,
            )
        )
    return tasks


def _mbpp_prompt(text: str, example: str) -> str:
    return f"{text.strip()}\nWrite it in solution.py. Your code should pass this test:\n\n{example.strip()}"


def mbpp_sanitized(path: Path) -> list[Task]:
    """The sanitized MBPP test split (task ids 11–510, 257 problems)."""
    tasks = []
    for row in json.loads(path.read_text(encoding="utf-8")):
        if int(row["task_id"]) not in MBPP_TEST_SPLIT:
            continue
        tests = [str(t) for t in row["test_list"]]
        problem = {"imports": [str(i) for i in row["test_imports"]], "tests": tests}
        tasks.append(
            _python_task(
                f"mbpp-{row['task_id']}",
                "mbpp",
                _mbpp_prompt(str(row["prompt"]), tests[0]),
                {},
                problem,
                _MBPP_CHECK,
                str(row["code"]),
            )
        )
    return tasks


def mbpp_plus(path: Path) -> list[Task]:
    tasks = []
    for row in _read_jsonl(path):
        text = str(row["prompt"]).strip().strip('"').strip()
        description, _, example = text.partition("\nassert ")
        reference = str(row["canonical_solution"])
        problem = {
            "header": "",
            "reference": reference,
            "entry_point": str(row["entry_point"]),
            "atol": row.get("atol", 0),
            "inputs": [*row["base_input"], *row["plus_input"]],  # type: ignore[misc]
        }
        number = str(row["task_id"]).split("/")[-1]
        tasks.append(
            _python_task(
                f"mbpp-plus-{number}",
                "mbpp-plus",
                _mbpp_prompt(description, "assert " + example),
                {},
                problem,
                _PLUS_CHECK,
                reference,
                timeout=120,
            )
        )
    return tasks


def _multipl_e(language: Language) -> Callable[[Path], list[Task]]:
    """MultiPL-E HumanEval: the stub is closed into a compilable file; tests are appended at check time.

    These problems have no reference solutions, so they cannot be validated, only scored.
    """

    def load(path: Path) -> list[Task]:
        tasks = []
        for row in _read_jsonl(path):
            prompt, tests = str(row["prompt"]), str(row["tests"])
            if language == "go":
                names = _GO_FUNCTION.findall(prompt)
                solution = "solution_test.go"
                check = (
                    "mkdir -p hidden_run && cat solution_test.go hidden_tests.go.txt > hidden_run/run_test.go"
                    " && cd hidden_run && printf 'module hidden\\n\\ngo 1.18\\n' > go.mod && {go} test ./..."
                )
                hidden = {"hidden_tests.go.txt": tests}
            else:
                names = _JS_FUNCTION.findall(prompt)
                ext = "js" if language == "javascript" else "ts"
                solution = f"solution.{ext}"
                run = "node hidden_run.js"
                if ext == "ts":
                    run = "{tsc} --target es2020 --module commonjs hidden_run.ts && node hidden_run.js"
                check = f"cat {solution} hidden_tests.{ext} > hidden_run.{ext} && {run}"
                hidden = {f"hidden_tests.{ext}": tests}
            if not names:
                raise BenchmarkError(f"{path}: no function in the prompt of {row.get('name')}")
            prompt_text = _complete_prompt(names[-1], solution, "comment")
            if language == "go":
                prompt_text += " Keep the package line and the imports."
            spec = TaskSpec(
                id=f"{language}-{str(row['name']).lower()}",
                category=f"multipl-e-{language}",
                language=language,
                prompt=prompt_text,
                check=check,
                timeout=60,
                target=solution,
            )
            stub = prompt.rstrip("\n") + "\n}\n"
            tasks.append(
                Task(
                    spec=spec,
                    files={solution: stub.encode()},
                    tests={name: text.encode() for name, text in hidden.items()},
                    quote_output=False,
                )
            )
        return tasks

    return load


# name -> (file inside the benchmark data folder, loader)
DATASETS: dict[str, tuple[str, Callable[[Path], list[Task]]]] = {
    "humaneval": ("humaneval/HumanEval.jsonl.gz", humaneval),
    "humaneval-plus": ("evalplus/HumanEvalPlus.jsonl.gz", humaneval_plus),
    "mbpp": ("mbpp/sanitized-mbpp.json", mbpp_sanitized),
    "mbpp-plus": ("evalplus/MbppPlus-v0.1.0.jsonl", mbpp_plus),
    "multipl-e-js": ("multipl-e/humaneval-js.jsonl", _multipl_e("javascript")),
    "multipl-e-ts": ("multipl-e/humaneval-ts.jsonl", _multipl_e("typescript")),
    "multipl-e-go": ("multipl-e/humaneval-go.jsonl", _multipl_e("go")),
}


def dataset_file(name: str, data: Path) -> Path:
    """``data`` is the dataset file itself, or a folder holding it (at its usual place or anywhere below)."""
    if name not in DATASETS:
        raise BenchmarkError(f"unknown dataset {name!r}; known: {', '.join(DATASETS)}")
    if data.is_file():
        return data
    relative = DATASETS[name][0]
    if (data / relative).is_file():
        return data / relative
    found = sorted(data.rglob(Path(relative).name)) if data.is_dir() else []
    if not found:
        raise BenchmarkError(f"{name}: no {Path(relative).name} under {data} (give the file or its folder)")
    return found[0]


def load_dataset(name: str, data: Path | str) -> list[Task]:
    path = dataset_file(name, Path(data))
    try:
        return DATASETS[name][1](path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BenchmarkError(f"{path}: cannot read it as {name}: {exc}") from exc
