"""``smallcode bench parser``: LenientParser recovery on the corpus, a fuzz run, and throughput.

Prints, all from one run:
- corpus: recovery rate over the recoverable cases (exact calls), issues reported for the
  unrecoverable ones, and false calls on the no-call cases (prose and code answers), overall, for
  the outputs of the real default model, and per shape; next to a strict baseline (``json.loads``
  of ``<tool_call>`` bodies and ```` ```json ```` fences, what a naive harness does);
- fuzz: hypothesis examples run (arbitrary text, token soup, mutated calls, payload round trips
  through every wrapper), exceptions raised, payload mismatches, slowest example;
- throughput: seconds and MB/s for 1 MB of mixed, prose, code, one-payload and adversarial text,
  next to ``json.loads`` of 1 MB of JSON in the same run.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..messages import JsonObject, ToolSpec
from ..parsing import LenientParser, ParseResult

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "parser"
WRITE_FILE = "write_file"


# -- the corpus --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One model output and what the parser must make of it."""

    id: str
    shape: str
    text: str
    expected: list[JsonObject] | None
    """The exact calls ({"name", "arguments"}), [] for none, None while a real output is unlabelled."""
    issues: list[str] = field(default_factory=list)
    """Issue kinds that must be reported (for cases with no recoverable call)."""
    real: bool = False
    note: str = ""

    @property
    def kind(self) -> str:
        if self.expected:
            return "recoverable"
        return "unrecoverable" if self.issues else "no_call"


def load_tools(directory: Path = CORPUS_DIR) -> list[ToolSpec]:
    data = json.loads((directory / "tools.json").read_text())
    return [ToolSpec.model_validate(item) for item in data]


def load_corpus(directory: Path = CORPUS_DIR) -> list[Case]:
    """Every case of every ``*.jsonl`` file in ``directory``."""
    cases: list[Case] = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                raw = json.loads(line)
                cases.append(
                    Case(
                        id=raw["id"],
                        shape=raw.get("shape", ""),
                        text=raw["text"],
                        expected=raw.get("expected"),
                        issues=list(raw.get("issues", [])),
                        real=bool(raw.get("real", False)),
                        note=raw.get("note", ""),
                    )
                )
    return cases


@dataclass(frozen=True)
class Outcome:
    case: Case
    passed: bool
    calls: list[JsonObject]
    issues: list[str]


def judge(case: Case, calls: list[JsonObject], issues: list[str]) -> Outcome:
    """Recoverable: exactly the expected calls and no issue. Unrecoverable: no call and the expected
    issue kinds. No call: neither a call nor an issue."""
    expected = case.expected or []
    if case.expected:
        passed = calls == expected and not issues
    elif case.issues:
        passed = not calls and set(case.issues) <= set(issues)
    else:
        passed = not calls and not issues
    return Outcome(case, passed, calls, issues)


def run_case(parser: LenientParser, case: Case) -> Outcome:
    result = parser.parse(case.text)
    calls: list[JsonObject] = [{"name": c.name, "arguments": c.arguments} for c in result.calls]
    return judge(case, calls, [issue.kind for issue in result.issues])


def strict_baseline(text: str) -> list[JsonObject]:
    """What a naive harness recovers: ``json.loads`` of ``<tool_call>`` bodies, else of json fences."""
    bodies = re.findall(r"<tool_call>\s*(.*?)\s*</tool_call>", text, re.DOTALL)
    if not bodies:
        bodies = re.findall(r"```(?:json)?\s*\n(.*?)```", text, re.DOTALL)
    calls: list[JsonObject] = []
    for body in bodies:
        try:
            data = json.loads(body)
        except ValueError:
            continue
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            arguments = data.get("arguments", {})
            calls.append({"name": data["name"], "arguments": arguments})
    return calls


@dataclass
class Tally:
    recoverable: int = 0
    recovered: int = 0
    unrecoverable: int = 0
    reported: int = 0
    no_call: int = 0
    false_calls: int = 0
    false_issues: int = 0

    def add(self, outcome: Outcome) -> None:
        kind = outcome.case.kind
        if kind == "recoverable":
            self.recoverable += 1
            self.recovered += outcome.passed
        elif kind == "unrecoverable":
            self.unrecoverable += 1
            self.reported += outcome.passed
        else:
            self.no_call += 1
            self.false_calls += bool(outcome.calls)
            self.false_issues += bool(outcome.issues) and not outcome.calls

    @property
    def recovery(self) -> float:
        return self.recovered / self.recoverable if self.recoverable else 1.0


@dataclass
class CorpusReport:
    cases: int
    unlabelled: int
    overall: Tally
    real: Tally
    baseline: Tally
    shapes: dict[str, Tally]
    failures: list[Outcome]


def score_corpus(parser: LenientParser, cases: Sequence[Case]) -> CorpusReport:
    labelled = [case for case in cases if case.expected is not None]
    report = CorpusReport(len(cases), len(cases) - len(labelled), Tally(), Tally(), Tally(), {}, [])
    for case in labelled:
        outcome = run_case(parser, case)
        report.overall.add(outcome)
        if case.real:
            report.real.add(outcome)
        report.shapes.setdefault(case.shape, Tally()).add(outcome)
        report.baseline.add(judge(case, strict_baseline(case.text), []))
        if not outcome.passed:
            report.failures.append(outcome)
    return report


# -- wrappers: one call written in every shape the parser reads ---------------------------------


Wrapper = Callable[[JsonObject], str]


def _fence_for(content: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    return "`" * max(3, longest + 1)


def _parameters(arguments: JsonObject) -> str:
    return "\n".join(f"<parameter={key}>\n{value}\n</parameter>" for key, value in arguments.items())


def _staged(arguments: JsonObject) -> str:
    content = str(arguments["content"])
    fence = _fence_for(content)
    short = json.dumps({"path": arguments["path"]})
    return f"Action: {WRITE_FILE}\nArguments: {short}\ncontent:\n{fence}python\n{content}{fence}"


_ESCAPED_NEWLINE = re.compile(r"(?<!\\)((?:\\\\)*)\\n")


def _raw_newlines(arguments: JsonObject) -> str:
    """JSON with real newlines inside strings, as small models often write it."""
    text = json.dumps({"name": WRITE_FILE, "arguments": arguments}, ensure_ascii=False)
    return _ESCAPED_NEWLINE.sub(lambda m: m.group(1) + "\n", text)


def _triple_quoted(arguments: JsonObject) -> str:
    """JSON whose content is a Python triple-quoted string (json-repair alone empties it)."""
    return (
        f'{{"name": "{WRITE_FILE}", "arguments": {{"path": {json.dumps(arguments["path"])}, '
        f'"content": """{arguments["content"]}"""}}}}'
    )


WRAPPERS: dict[str, Wrapper] = {
    "tool_call_tag": lambda a: (
        f"<tool_call>\n{json.dumps({'name': WRITE_FILE, 'arguments': a})}\n</tool_call>"
    ),
    "tag_unclosed": lambda a: f"<tool_call>{json.dumps({'name': WRITE_FILE, 'arguments': a}, indent=2)}",
    "json_fence": lambda a: f"```json\n{json.dumps({'name': WRITE_FILE, 'arguments': a}, indent=2)}\n```",
    "tool_call_fence": lambda a: f"```tool_call\n{json.dumps({'name': WRITE_FILE, 'arguments': a})}\n```",
    "bare_json": lambda a: f"Writing it now: {json.dumps({'name': WRITE_FILE, 'arguments': a})}",
    "openai_string": lambda a: json.dumps({"function": {"name": WRITE_FILE, "arguments": json.dumps(a)}}),
    "tool_calls_message": lambda a: json.dumps(
        {"tool_calls": [{"type": "function", "function": {"name": WRITE_FILE, "arguments": json.dumps(a)}}]}
    ),
    "mistral": lambda a: f"[TOOL_CALLS] {json.dumps([{'name': WRITE_FILE, 'arguments': a}])}",
    "function_tag": lambda a: f"<function={WRITE_FILE}>{json.dumps(a)}</function>",
    "function_parameters": lambda a: f"<function={WRITE_FILE}>\n{_parameters(a)}\n</function>",
    "python_call": lambda a: f"{WRITE_FILE}(path={a['path']!r}, content={a['content']!r})",
    "python_dict": lambda a: repr({"name": WRITE_FILE, "arguments": a}),
    "staged": _staged,
    "raw_newlines": _raw_newlines,
    "triple_quoted": _triple_quoted,
}


def wrapper_accepts(name: str, content: str) -> bool:
    """Whether a wrapper's format can carry ``content`` at all (a fence needs a final newline, a
    parameter tag cannot contain its own closing tag)."""
    if name == "staged":
        return content.endswith("\n") and "\r" not in content
    if name == "function_parameters":
        return "</parameter>" not in content and "\r" not in content
    if name == "triple_quoted":
        return '"""' not in content and not content.endswith(('"', "\\"))
    return True


# -- fuzzing -----------------------------------------------------------------------------------


@dataclass
class FuzzReport:
    examples: int = 0
    exceptions: int = 0
    payload_checks: int = 0
    payload_mismatches: int = 0
    calls_found: int = 0
    issues_found: int = 0
    slowest_ms: float = 0.0
    slowest_text: str = ""
    seconds: float = 0.0
    failure: str = ""
    skipped: str = ""


def fuzz(parser: LenientParser, examples: int, seed: int) -> FuzzReport:
    """``parse`` on hypothesis-generated text; payloads through every wrapper must come back exact."""
    report = FuzzReport()
    try:
        from hypothesis import HealthCheck, Phase, given, settings
        from hypothesis import seed as seeded
        from hypothesis import strategies as st
    except ImportError:
        report.skipped = "hypothesis is not installed (pip install 'smallcode[dev]')"
        return report
    started = time.perf_counter()

    def observe(text: str) -> ParseResult:
        begin = time.process_time()  # CPU time: on a shared machine wall time measures the neighbours
        try:
            result = parser._parse(text)
        except Exception:
            report.exceptions += 1
            raise
        elapsed = 1000 * (time.process_time() - begin)
        if elapsed > report.slowest_ms:
            report.slowest_ms = elapsed
            report.slowest_text = text[:300]
        report.examples += 1
        report.calls_found += len(result.calls)
        report.issues_found += len(result.issues)
        return result

    tokens = st.sampled_from(FUZZ_TOKENS)
    soup = st.lists(st.one_of(tokens, st.text(max_size=8)), max_size=60).map("".join)
    mutated = st.tuples(st.sampled_from(sorted(WRAPPERS)), st.text(max_size=80), st.data())
    quota = max(1, examples // 4)
    common = {
        "database": None,
        "deadline": None,
        "derandomize": False,
        "suppress_health_check": list(HealthCheck),
        "phases": [Phase.generate, Phase.shrink],
    }

    @settings(max_examples=quota, **common)  # type: ignore[arg-type]
    @seeded(seed)
    @given(st.text(max_size=400))
    def arbitrary(text: str) -> None:
        observe(text)

    @settings(max_examples=quota, **common)  # type: ignore[arg-type]
    @seeded(seed)
    @given(soup)
    def token_soup(text: str) -> None:
        observe(text)

    @settings(max_examples=quota, **common)  # type: ignore[arg-type]
    @seeded(seed)
    @given(mutated)
    def mutations(drawn: tuple[str, str, st.DataObject]) -> None:
        name, content, data = drawn
        text = WRAPPERS[name]({"path": "a.py", "content": content})
        cut = data.draw(st.integers(0, len(text)))
        insert = data.draw(st.one_of(tokens, st.text(max_size=4)))
        observe(text[:cut] + insert + text[cut + data.draw(st.integers(0, 6)) :])

    @settings(max_examples=examples - 3 * quota, **common)  # type: ignore[arg-type]
    @seeded(seed)
    @given(st.sampled_from(sorted(WRAPPERS)), st.text(max_size=300))
    def round_trip(name: str, content: str) -> None:
        if not wrapper_accepts(name, content):
            content += "\n"
            if not wrapper_accepts(name, content):
                return
        arguments: JsonObject = {"path": "src/a.py", "content": content}
        result = observe(WRAPPERS[name](arguments))
        report.payload_checks += 1
        got = [(c.name, c.arguments) for c in result.calls]
        if got != [(WRITE_FILE, arguments)]:
            report.payload_mismatches += 1
            raise AssertionError(f"{name} lost the payload {content!r}: {got!r}")

    for test in (arbitrary, token_soup, mutations, round_trip):
        try:
            test()
        except Exception as exc:  # hypothesis re-raises the shrunk failing example
            report.failure = report.failure or f"{test.__name__}: {type(exc).__name__}: {exc}"[:600]
    report.seconds = time.perf_counter() - started
    return report


FUZZ_TOKENS = [
    "<tool_call>", "</tool_call>", "<function=read_file>", "</function>", "<parameter=path>", "</parameter>",
    "[TOOL_CALLS]", "[ARGS]", "<|python_tag|>", "```json\n", "```python\n", "```\n", "~~~", "{", "}", "[",
    "]", "(", ")", '"', "'", '"""', "'''", "\\", "\\n", "\\u00e9", "\n", ": ", ", ", '"name"', '"arguments"',
    '"read_file"', '"write_file"', '"content"', '"path"', "read_file", "write_file", "run_command", "True",
    "None", "null", "//", "/*", "*/", "#", "Action: ", "\nArguments: ", "\nAction Input: ", "name: ",
    "content: |\n  ", "I'll read ", "src/app.py", "`", "\x00", "\r\n", "\t", "é", "🙂",
]  # fmt: skip


# -- throughput --------------------------------------------------------------------------------

_PROSE = (
    "The handler reads the request, checks the session and returns a response. Don't use {} as a default; "
    "it's shared [see the docs](https://example.org). The set {1, 2} has two items.\n"
)
_CODE = (
    "def load(path: str) -> dict[str, object]:\n"
    '    """Read a JSON config; {"name": ...} keys are required."""\n'
    "    with open(path) as handle:\n"
    "        data = json.load(handle)\n"
    '    if not isinstance(data, dict) or "name" not in data:\n'
    '        raise ValueError(f"bad config {path!r}: {data}")\n'
    "    return {k: v for k, v in data.items() if k != 'debug'}\n\n"
)
_CALL = '<tool_call>\n{"name": "read_file", "arguments": {"path": "src/app.py"}}\n</tool_call>\n'
_BARE_CONTENT = 'def f():\n    return {"a": 1}\n'
_DENSE = '<tool_call>{"name": "read_file", "arguments": {"path": "a.py"}}</tool_call>\n'
_BARE = json.dumps({"name": WRITE_FILE, "arguments": {"path": "x.py", "content": _BARE_CONTENT}}) + "\n"


def throughput_texts(size: int, seed: int) -> dict[str, str]:
    rng = random.Random(seed)

    def fill(parts: Sequence[str]) -> str:
        out: list[str] = []
        total = 0
        while total < size:
            part = rng.choice(parts)
            out.append(part)
            total += len(part)
        return "".join(out)[:size]

    def repeat(part: str) -> str:
        return (part * (size // len(part) + 1))[:size]

    payload = json.dumps({"name": WRITE_FILE, "arguments": {"path": "big.py", "content": fill([_CODE])}})
    soup = "".join(rng.choice("{}[]()\"'\\:,` \nabc") for _ in range(size))
    return {
        "mixed": fill([_PROSE, _PROSE, "```python\n" + _CODE + "```\n", _CALL, _BARE]),
        "prose": fill([_PROSE]),
        "code": fill([_CODE]),
        "one 1 MB payload": f"<tool_call>\n{payload}\n</tool_call>",
        "nested brackets": "{" * (size // 2) + "}" * (size // 2),
        "unclosed brackets": "{[" * (size // 2),
        "structural soup": soup,
        "unclosed strings": repeat('{"name": "x", "arguments": {"a": "'),
        "unclosed markers": repeat('<tool_call>{"name": "read_file", "arguments": {"path": "'),
        "unclosed call lines": repeat("read_file(\n"),
        "action lines": repeat("Action: read_file\nArguments: {\n"),
        f"a call every {len(_DENSE)} B": repeat(_DENSE),
    }


@dataclass(frozen=True)
class Timing:
    name: str
    megabytes: float
    seconds: float
    cpu_seconds: float
    calls: int

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else float("inf")


def _best_of(repeats: int, work: Callable[[], object]) -> tuple[float, float]:
    wall = cpu = float("inf")
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        work()
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def throughput(parser: LenientParser, size: int, repeats: int, seed: int) -> tuple[Timing, list[Timing]]:
    """json.loads of ``size`` bytes of JSON (the baseline), then parse() on each text of ``size``."""
    document = json.dumps([{"path": f"src/m{i}.py", "content": _CODE} for i in range(size // 300)])[:size]
    document = document[: document.rfind("},") + 1] + "]"
    wall, cpu = _best_of(repeats, lambda: json.loads(document))
    baseline = Timing("json.loads (baseline)", len(document) / 1e6, wall, cpu, 0)
    timings: list[Timing] = []
    for name, text in throughput_texts(size, seed).items():
        calls = len(parser.parse(text).calls)
        wall, cpu = _best_of(repeats, lambda text=text: parser.parse(text))  # type: ignore[misc]
        timings.append(Timing(name, len(text.encode()) / 1e6, wall, cpu, calls))
    return baseline, timings


# -- the command -------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="folder with tools.json and *.jsonl")
    parser.add_argument("--fuzz-examples", type=int, default=100_000, help="hypothesis examples (0: skip)")
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of text per throughput case")
    parser.add_argument("--repeats", type=int, default=3, help="throughput: best of this many runs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show-failures", action="store_true", help="print every corpus case that failed")


def main(args: argparse.Namespace) -> int:
    if not (args.corpus / "tools.json").exists():
        print(f"no corpus at {args.corpus} (pass --corpus)", file=sys.stderr)
        return 2
    parser = LenientParser(load_tools(args.corpus))
    corpus = score_corpus(parser, load_corpus(args.corpus))
    fuzzed = (
        fuzz(parser, args.fuzz_examples, args.seed) if args.fuzz_examples > 0 else FuzzReport(skipped="0")
    )
    baseline, timings = throughput(parser, args.size, args.repeats, args.seed)
    if args.json:
        print(json.dumps(_as_json(corpus, fuzzed, baseline, timings), indent=1))
    else:
        _print(corpus, fuzzed, baseline, timings, args.show_failures, args.repeats)
    ok = corpus.overall.recovery >= 0.95 and corpus.overall.false_calls == 0
    return 0 if ok and not fuzzed.exceptions and not fuzzed.payload_mismatches else 1


def _tally_json(tally: Tally) -> dict[str, object]:
    return {**asdict(tally), "recovery": round(tally.recovery, 4)}


def _as_json(
    corpus: CorpusReport, fuzzed: FuzzReport, baseline: Timing, timings: Iterable[Timing]
) -> dict[str, object]:
    def timing(t: Timing) -> dict[str, object]:
        return {
            "name": t.name,
            "megabytes": round(t.megabytes, 3),
            "seconds": round(t.seconds, 4),
            "cpu_seconds": round(t.cpu_seconds, 4),
            "mb_per_s": round(t.mb_per_s, 2),
            "vs_json_loads": round(baseline.mb_per_s / t.mb_per_s, 1) if t.seconds else None,
            "calls": t.calls,
        }

    return {
        "corpus": {
            "cases": corpus.cases,
            "unlabelled": corpus.unlabelled,
            "overall": _tally_json(corpus.overall),
            "real_model": _tally_json(corpus.real),
            "strict_baseline": _tally_json(corpus.baseline),
            "shapes": {k: _tally_json(v) for k, v in sorted(corpus.shapes.items())},
            "failures": [o.case.id for o in corpus.failures],
        },
        "fuzz": asdict(fuzzed),
        "throughput": {"baseline": timing(baseline), "cases": [timing(t) for t in timings]},
    }


def _print(
    corpus: CorpusReport,
    fuzzed: FuzzReport,
    baseline: Timing,
    timings: Sequence[Timing],
    show: bool,
    repeats: int,
) -> None:
    def line(title: str, tally: Tally) -> str:
        return (
            f"  {title:<28} recovered {tally.recovered:>3}/{tally.recoverable:<3}"
            f" ({100 * tally.recovery:5.1f}%)"
            f"  issues reported {tally.reported:>2}/{tally.unrecoverable:<2}"
            f"  false calls {tally.false_calls}/{tally.no_call}  false issues {tally.false_issues}"
        )

    print(f"corpus: {corpus.cases} cases ({corpus.unlabelled} unlabelled, skipped)")
    print(line("LenientParser", corpus.overall))
    print(line("  real 0.5B outputs", corpus.real))
    print(line("strict baseline", corpus.baseline))
    print("  by shape:")
    for shape, tally in sorted(corpus.shapes.items()):
        print("  " + line(shape, tally))
    if corpus.failures:
        kinds = Counter(o.case.kind for o in corpus.failures)
        print(f"  failed: {dict(kinds)}")
        for outcome in corpus.failures if show else corpus.failures[:10]:
            print(f"    {outcome.case.id}: got calls={outcome.calls} issues={outcome.issues}")
    print()
    if fuzzed.skipped:
        print(f"fuzz: skipped ({fuzzed.skipped})")
    else:
        print(
            f"fuzz: {fuzzed.examples} examples in {fuzzed.seconds:.1f} s, exceptions {fuzzed.exceptions}, "
            f"payload round trips {fuzzed.payload_checks} with {fuzzed.payload_mismatches} mismatches, "
            f"slowest example {fuzzed.slowest_ms:.1f} ms CPU"
        )
        if fuzzed.failure:
            print(f"  FAILURE {fuzzed.failure}")
    print()
    print(
        f"throughput (best of {repeats}; baseline {baseline.name}: {baseline.megabytes:.2f} MB in "
        f"{baseline.seconds * 1000:.1f} ms, {baseline.mb_per_s:.1f} MB/s):"
    )
    for t in timings:
        print(
            f"  {t.name:<20} {t.megabytes:5.2f} MB  {t.seconds:7.3f} s (cpu {t.cpu_seconds:6.3f} s)  "
            f"{t.mb_per_s:7.2f} MB/s  {baseline.mb_per_s / t.mb_per_s:6.1f}x json.loads' time"
            f"  calls {t.calls}"
        )
    worst = max(timings, key=lambda t: t.seconds / t.megabytes)
    print(
        f"  slowest per MB: {worst.name}, {worst.seconds / worst.megabytes:.3f} s "
        f"(cpu {worst.cpu_seconds / worst.megabytes:.3f} s) for 1 MB"
    )
