"""``smallcode bench repomap``: RepoMap build time and memory on a real repository.

Works on a temporary copy of the target (default: the installed ``pydantic`` package), so edits for
the incremental rebuild never touch the original. Every figure is printed next to a baseline from
the same run:

- first build (list, read, parse, tag every file) vs reading every file and vs parsing alone;
- a refresh with nothing changed vs listing and stat-ing the files (the floor of any change check);
- an incremental rebuild after editing ``--changed`` files vs a full rebuild of the same tree;
- a warm start from the on-disk cache in a new ``RepoMap`` vs a full rebuild;
- rendering the map at ``--budget`` tokens, next to what the plain file tree costs;
- peak Python memory during the first build and what the index keeps, vs the source text itself.

Times are medians of ``--repeat`` runs. Memory comes from ``tracemalloc`` in a separate pass (it
slows what it measures): it sees Python objects, not the parser's own short-lived C buffers.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..context.counting import estimate_text_tokens
from ..errors import BenchmarkError
from ..repomap import RepoMap
from ..repomap.languages import language_for
from ..repomap.render import TextCounter, tree
from ..repomap.tags import TagExtractor
from ..workspace import Workspace

DEFAULT_PACKAGE = "pydantic"


@dataclass(frozen=True)
class Figure:
    name: str
    seconds: float
    baseline: str
    baseline_seconds: float

    @property
    def ratio(self) -> float:
        return self.seconds / self.baseline_seconds if self.baseline_seconds else float("inf")


@dataclass(frozen=True)
class Memory:
    build_peak_mb: float
    index_mb: float
    """Python memory the built index keeps."""
    source_text_mb: float
    """Baseline: every source file held as text."""


@dataclass(frozen=True)
class Rendering:
    budget: int
    counter: str
    seconds: float
    tokens: int
    focused_seconds: float
    focused_tokens: int
    focus: str
    file_tree_tokens: int
    """Baseline: the plain file tree of the whole workspace, counted the same way."""


@dataclass(frozen=True)
class Result:
    target: str
    files: int
    source_files: int
    lines: int
    megabytes: float
    definitions: int
    repeat: int
    changed: int
    figures: list[Figure]
    memory: Memory
    rendering: Rendering


def add_arguments(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--root", type=Path, help="a repository folder to map (copied first)")
    where.add_argument(
        "--package", default=DEFAULT_PACKAGE, help=f"an installed package to map (default {DEFAULT_PACKAGE})"
    )
    parser.add_argument("--changed", type=int, default=5, help="files edited before the incremental rebuild")
    parser.add_argument("--budget", type=int, default=1024, help="token budget for the rendered map")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (the median is shown)")
    parser.add_argument(
        "--model",
        help="token counter: estimate (the default; no weights), default (the embedded model's "
        "tokenizer) or a .gguf; with --lift, the agent's model (default: the embedded one)",
    )
    parser.add_argument("--json", action="store_true")
    lift = parser.add_argument_group("--lift: agent pass rates without and with the map on a task suite")
    lift.add_argument(
        "--lift", action="store_true", help="run the lift comparison instead of the build figures"
    )
    lift.add_argument("--suite", default="multi-file", help="a built-in suite (default multi-file)")
    lift.add_argument(
        "--filter",
        action="append",
        default=[],
        help="id substring, category or language; a whole id selects that task alone",
    )
    lift.add_argument("--limit", type=int, help="only the first K tasks (after --filter)")
    lift.add_argument("--max-steps", type=int, default=12, help="agent steps per task")
    lift.add_argument("--n-ctx", type=int, default=8192)
    lift.add_argument("--threads", type=int, help="CPU threads for a local model")
    lift.add_argument(
        "--map-share", type=float, default=0.125, help="share of the context window for the map"
    )
    lift.add_argument("--out-dir", type=Path, help="where the two results files go (default bench-results/)")


def _target(args: argparse.Namespace) -> tuple[Path, str]:
    if args.root is not None:
        root = Path(args.root).expanduser().resolve()
        if not root.is_dir():
            raise BenchmarkError(f"{root} is not a directory")
        return root, str(root)
    spec = importlib.util.find_spec(args.package)
    if spec is None or not spec.submodule_search_locations:
        raise BenchmarkError(f"{args.package} is not an installed package; pass --root PATH")
    root = Path(next(iter(spec.submodule_search_locations)))
    try:
        from importlib.metadata import version

        label = f"{args.package} {version(args.package)}"
    except Exception:  # a namespace package or one without metadata: the name is enough
        label = args.package
    return root, label


def _counter(spec: str) -> tuple[TextCounter, str, Callable[[], None]]:
    if spec == "estimate":
        return (
            (lambda text: estimate_text_tokens(text) if text else 0),
            "estimate (3 chars/token)",
            lambda: None,
        )
    from ..runtime import Runtime

    runtime = Runtime.from_gguf(spec, n_ctx=512) if spec.endswith(".gguf") else Runtime.default(n_ctx=512)
    return (lambda text: len(runtime.tokenize(text))), "model tokenizer", runtime.close


def _median(run: Callable[[], float], repeat: int) -> float:
    return statistics.median(run() for _ in range(repeat))


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _source_files(workspace: Workspace) -> list[str]:
    return [p for p in workspace.list_files(".", limit=100_000) if language_for(p) is not None]


def _list_and_stat(workspace: Workspace) -> None:
    for path in workspace.list_files(".", limit=100_000):
        os.stat(workspace.root / path)


def _read_all(workspace: Workspace, paths: list[str]) -> list[bytes]:
    return [workspace.read_bytes(path) for path in paths]


def _parse_only(workspace: Workspace, paths: list[str]) -> None:
    """Parse every source file into a syntax tree and drop it: tree-sitter's own cost, no tags."""
    from tree_sitter import Parser
    from tree_sitter_language_pack import get_language

    extractor = TagExtractor()
    for path in paths:
        language = language_for(path)
        if language is not None and extractor.available(language):
            Parser(get_language(language)).parse(workspace.read_bytes(path))  # type: ignore[arg-type]


def _edit(root: Path, paths: list[str], count: int) -> list[str]:
    """Append a comment to ``count`` source files spread over the tree; their mtime moves on too."""
    step = max(1, len(paths) // max(1, count))
    chosen = paths[::step][:count]
    for n, path in enumerate(chosen):
        file = root / path
        marker = "#" if language_for(path) == "python" else "//"
        with file.open("a", encoding="utf-8") as handle:
            handle.write(f"\n{marker} edited by the benchmark ({n})\n")
        info = file.stat()
        os.utime(file, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    return chosen


def _memory(workspace: Workspace, sources: list[str]) -> Memory:
    tracemalloc.start()
    try:
        texts = [data.decode("utf-8", "replace") for data in _read_all(workspace, sources)]
        source_text = tracemalloc.get_traced_memory()[0]
        del texts
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        index = RepoMap(workspace)
        index.refresh()
        current, peak = tracemalloc.get_traced_memory()
        held = current - before
        del index
    finally:
        tracemalloc.stop()
    mb = 1024 * 1024
    return Memory(round((peak - before) / mb, 2), round(held / mb, 2), round(source_text / mb, 2))


def run(root: Path, label: str, *, changed: int, budget: int, repeat: int, counter_spec: str) -> Result:
    count, counter_name, close = _counter(counter_spec)
    try:
        with tempfile.TemporaryDirectory(prefix="smallcode-bench-repomap-") as tmp:
            copy = Path(tmp) / "repo"
            shutil.copytree(root, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            return _measure(copy, label, changed, budget, repeat, count, counter_name)
    finally:
        close()


def _measure(
    copy: Path, label: str, changed: int, budget: int, repeat: int, count: TextCounter, counter_name: str
) -> Result:
    workspace = Workspace(copy, history=False)
    sources = _source_files(workspace)
    if not sources:
        raise BenchmarkError(f"{label} holds no source file the map parses")
    all_files = workspace.list_files(".", limit=100_000)
    data = _read_all(workspace, sources)
    lines = sum(d.count(b"\n") for d in data)
    megabytes = round(sum(len(d) for d in data) / (1024 * 1024), 2)

    TagExtractor().available("python")  # load grammars outside the timings
    for language in {language_for(p) for p in sources}:
        if language is not None:
            TagExtractor().available(language)

    read = _median(lambda: _timed(lambda: _read_all(workspace, sources)), repeat)
    parse = _median(lambda: _timed(lambda: _parse_only(workspace, sources)), repeat)
    listing = _median(lambda: _timed(lambda: _list_and_stat(workspace)), repeat)
    build = _median(lambda: _timed(lambda: RepoMap(workspace).refresh()), repeat)

    index = RepoMap(workspace, cache_path=copy.parent / "tags.json")
    index.refresh()
    index.save()
    unchanged = _median(lambda: _timed(index.refresh), repeat)
    warm = _median(
        lambda: _timed(lambda: RepoMap(workspace, cache_path=copy.parent / "tags.json").refresh()), repeat
    )

    incremental_times: list[float] = []
    full_times: list[float] = []
    edited: list[str] = []
    for _ in range(repeat):
        edited = _edit(copy, sources, changed)
        incremental_times.append(_timed(index.refresh))
        full_times.append(_timed(lambda: RepoMap(workspace).refresh()))
    incremental, full = statistics.median(incremental_times), statistics.median(full_times)

    focus_name = _focus_name(index, edited)
    render_seconds = _median(lambda: _timed(lambda: index.render(budget, count=count)), repeat)
    text = index.render(budget, count=count)
    focused_seconds = _median(
        lambda: _timed(lambda: index.render(budget, count=count, focus_names=[focus_name])), repeat
    )
    focused = index.render(budget, count=count, focus_names=[focus_name])
    rendering = Rendering(
        budget=budget,
        counter=counter_name,
        seconds=round(render_seconds, 4),
        tokens=count(text),
        focused_seconds=round(focused_seconds, 4),
        focused_tokens=count(focused),
        focus=focus_name,
        file_tree_tokens=count("\n".join(tree(all_files)) + "\n"),
    )
    figures = [
        Figure("first build", build, "read every file", read),
        Figure("first build", build, "parse every file (no tags)", parse),
        Figure("refresh, nothing changed", unchanged, "list and stat every file", listing),
        Figure(f"incremental, {changed} files edited", incremental, "full rebuild of the same tree", full),
        Figure("new process, warm disk cache", warm, "full rebuild of the same tree", full),
    ]
    definitions = sum(len(t.definitions) for t in index.files.values())
    return Result(
        target=label,
        files=len(all_files),
        source_files=len(sources),
        lines=lines,
        megabytes=megabytes,
        definitions=definitions,
        repeat=repeat,
        changed=changed,
        figures=figures,
        memory=_memory(workspace, sources),
        rendering=rendering,
    )


def _focus_name(index: RepoMap, edited: list[str]) -> str:
    """A definition from an edited file: the kind of name a task would mention."""
    for path in edited:
        for definition in index.files[path].definitions:
            if definition.kind in ("function", "method", "class") and not definition.name.startswith("_"):
                return definition.name
    ranking = index.rank()
    return ranking.definitions[-1].name if ranking.definitions else ""


def main(args: argparse.Namespace) -> int:
    if args.lift:
        from .repomap_lift import run_lift

        return run_lift(args)
    if args.repeat < 1 or args.changed < 1 or args.budget < 1:
        raise BenchmarkError("--repeat, --changed and --budget must be at least 1")
    root, label = _target(args)
    result = run(
        root,
        label,
        changed=args.changed,
        budget=args.budget,
        repeat=args.repeat,
        counter_spec=args.model or "estimate",
    )
    if args.json:
        payload = asdict(result)
        for figure, row in zip(result.figures, payload["figures"], strict=True):
            row["ratio"] = round(figure.ratio, 4)
        print(json.dumps(payload, indent=2))
    else:
        _print(result)
    return 0


def _print(result: Result) -> None:
    print(
        f"RepoMap on {result.target}: {result.files:,} files, {result.source_files:,} parsed "
        f"({result.lines:,} lines, {result.megabytes} MB), {result.definitions:,} definitions; "
        f"median of {result.repeat} runs"
    )
    print(f"{'':<36} {'time':>9}   {'baseline (same run)':<32} {'time':>9} {'ratio':>8}")
    for figure in result.figures:
        print(
            f"{figure.name:<36} {figure.seconds:>8.3f}s   {figure.baseline:<32} "
            f"{figure.baseline_seconds:>8.3f}s {figure.ratio:>7.2f}x"
        )
    memory = result.memory
    print(
        f"memory: {memory.build_peak_mb} MB peak during the first build, {memory.index_mb} MB kept by the "
        f"index; the source text alone is {memory.source_text_mb} MB (Python heap, tracemalloc)"
    )
    r = result.rendering
    print(
        f"render at {r.budget} tokens ({r.counter}): {r.tokens} tokens in {r.seconds * 1000:.0f} ms; "
        f"focused on {r.focus!r}: {r.focused_tokens} tokens in {r.focused_seconds * 1000:.0f} ms; "
        f"the plain file tree would be {r.file_tree_tokens:,} tokens"
    )
