"""The benchmark task format: a directory with ``task.toml``, ``files/``, ``tests/`` and ``solution/``.

A task loads into memory (``Task``), so dataset adapters can build tasks of the same shape without
touching the disk, and one runner scores both. See ``docs/benchmarks.md`` for the format.
"""

from __future__ import annotations

import importlib
import itertools
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import TaskFormatError

Language = Literal["python", "javascript", "typescript", "go", "html-css"]
ToolName = Literal["node", "tsc", "go"]
Files = Mapping[str, bytes]

TASK_FILE = "task.toml"
SUITES_DIR = Path(__file__).parent / "suites"
DEFAULT_REQUIRES: dict[str, tuple[ToolName, ...]] = {
    "javascript": ("node",),
    "typescript": ("node", "tsc"),
    "go": ("go",),
}
_SKIP_PARTS = {"__pycache__", ".pytest_cache", "node_modules", ".DS_Store"}


class TaskSpec(BaseModel):
    """The keys of ``task.toml``; unknown keys are rejected so a typo cannot pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    category: str = Field(min_length=1)
    language: Language
    prompt: str = Field(min_length=1)
    check: str = Field(min_length=1)
    timeout: int = Field(default=60, gt=0)
    target: str | None = None
    requires: tuple[ToolName, ...] | None = None


@dataclass(frozen=True)
class Task:
    """One task in memory: its spec and the bytes of its starting files, hidden tests and solution."""

    spec: TaskSpec
    files: Files = field(default_factory=dict)
    tests: Files = field(default_factory=dict)
    solution: Files = field(default_factory=dict)
    source: Path | None = None
    """The task directory, or None for a task built in memory (a dataset problem)."""
    quote_output: bool = True
    """Whether results may keep the tail of a failing check's output. Dataset tasks say no: their
    output would quote the dataset's tests into results files that get shared."""

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def category(self) -> str:
        return self.spec.category

    @property
    def language(self) -> Language:
        return self.spec.language

    @property
    def prompt(self) -> str:
        return self.spec.prompt

    @property
    def requires(self) -> tuple[ToolName, ...]:
        """The tools the check needs besides Python."""
        if self.spec.requires is not None:
            return self.spec.requires
        return DEFAULT_REQUIRES.get(self.spec.language, ())

    @property
    def target(self) -> str | None:
        """Where the raw baseline writes its code: ``target``, else the only solution file."""
        if self.spec.target is not None:
            return self.spec.target
        if len(self.solution) == 1:
            return next(iter(self.solution))
        return None

    def write_start(self, root: Path) -> None:
        """The starting workspace: ``files/``."""
        _write_files(root, self.files)

    def write_solution(self, root: Path) -> None:
        """The solved workspace: ``files/`` with ``solution/`` overlaid."""
        _write_files(root, self.files)
        _write_files(root, self.solution)

    def write_tests(self, root: Path) -> None:
        """Copy the hidden tests into the workspace root, overwriting files with the same path."""
        _write_files(root, self.tests)


def _write_files(root: Path, files: Files) -> None:
    for relative, data in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _safe_relative(path: str, where: str) -> str:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise TaskFormatError(f"{where}: path {path!r} must be relative and stay inside the workspace")
    return pure.as_posix()


def read_tree(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` by its relative POSIX path (empty when it does not exist)."""
    if not directory.is_dir():
        return {}
    found: dict[str, bytes] = {}
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if path.is_file() and not _SKIP_PARTS.intersection(relative.parts) and path.suffix != ".pyc":
            found[relative.as_posix()] = path.read_bytes()
    return found


def _toml_loads(text: str) -> dict[str, object]:
    """``tomllib`` (Python 3.11+) or its backport ``tomli``; both raise a ValueError subclass."""
    module = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
    data: dict[str, object] = module.loads(text)
    return data


def parse_spec(data: Mapping[str, object], where: str) -> TaskSpec:
    try:
        return TaskSpec.model_validate(dict(data))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'task'}: {error['msg']}"
            for error in exc.errors()
        )
        raise TaskFormatError(f"{where}: {problems}") from exc


def load_task(directory: Path | str) -> Task:
    """Read one task directory, checking its ``task.toml`` against the format."""
    root = Path(directory)
    toml_path = root / TASK_FILE
    if not toml_path.is_file():
        raise TaskFormatError(f"{root}: no {TASK_FILE}")
    try:
        data = _toml_loads(toml_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise TaskFormatError(f"{toml_path}: not valid TOML: {exc}") from exc
    spec = parse_spec(data, str(toml_path))
    if spec.id != root.name:
        raise TaskFormatError(f"{toml_path}: id {spec.id!r} must equal the directory name {root.name!r}")
    if spec.target is not None:
        _safe_relative(spec.target, str(toml_path))
    task = Task(
        spec=spec,
        files=read_tree(root / "files"),
        tests=read_tree(root / "tests"),
        solution=read_tree(root / "solution"),
        source=root,
    )
    if not task.tests:
        raise TaskFormatError(f"{root}: tests/ is empty; a task needs hidden checks")
    return task


def is_task_dir(path: Path) -> bool:
    return (path / TASK_FILE).is_file()


def load_tasks(directory: Path | str) -> list[Task]:
    """A task directory, or a directory whose sub-directories are tasks (sorted by id)."""
    root = Path(directory)
    if not root.is_dir():
        raise TaskFormatError(f"{root} is not a directory")
    if is_task_dir(root):
        return [load_task(root)]
    tasks = [load_task(child) for child in sorted(root.iterdir()) if child.is_dir() and is_task_dir(child)]
    if not tasks:
        raise TaskFormatError(f"{root} holds no task directories (none has a {TASK_FILE})")
    seen: set[str] = set()
    for task in tasks:
        if task.id in seen:
            raise TaskFormatError(f"{root}: task id {task.id!r} appears twice")
        seen.add(task.id)
    return tasks


def builtin_suites() -> list[str]:
    """The names of the suites shipped with the package."""
    if not SUITES_DIR.is_dir():
        return []
    return sorted(child.name for child in SUITES_DIR.iterdir() if child.is_dir() and any(child.iterdir()))


def suite_dir(name: str) -> Path:
    path = SUITES_DIR / name
    if name not in builtin_suites():
        raise TaskFormatError(f"no built-in suite {name!r}; built-in suites: {', '.join(builtin_suites())}")
    return path


def select(
    tasks: Iterable[Task], *, filters: Iterable[str] = (), limit: int | None = None, interleave: bool = False
) -> list[Task]:
    """Tasks whose id contains, or whose category or language is, any of ``filters`` (a filter that is
    a task's whole id selects that task alone: ``mbpp-20``, not ``mbpp-200``); then the first ``limit``.
    ``interleave`` orders them round-robin over categories, so that a partial run (or a limit)
    covers every category evenly."""
    tasks = list(tasks)
    wanted = [f.lower() for f in filters]
    ids = {task.id.lower() for task in tasks}

    def matches(task: Task, want: str) -> bool:
        if want in ids:
            return task.id.lower() == want
        return want in task.id.lower() or want == task.category or want == task.language

    chosen = [task for task in tasks if not wanted or any(matches(task, w) for w in wanted)]
    if interleave:
        by_category: dict[str, list[Task]] = {}
        for task in chosen:
            by_category.setdefault(task.category, []).append(task)
        rounds = itertools.zip_longest(*by_category.values())
        chosen = [task for round_ in rounds for task in round_ if task is not None]
    return chosen[:limit] if limit is not None else chosen
