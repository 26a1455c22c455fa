"""``smallcode bench router``: what two-stage routing saves and how well the model calls tools.

Prints, all from one run with one model:
- the schema tokens sent per turn with routing vs. all built-in tools at once (real tokenizer);
- on a fixed set of tool-use prompts, the well-formed and correct-tool rates of grammar-constrained
  routing, single-stage unconstrained calls (all tools, LenientParser), and ``StagedTurns``;
- the decode speed of grammar-constrained envelopes next to unconstrained generation.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import prompts
from ..errors import ToolError
from ..messages import Completion, Message, ToolCall, ToolSpec
from ..model import Grammar, Model, Sampling, TokenCallback
from ..routing import ROUTE_PREFILL, RoutedTurns, ToolRouter
from ..runtime import Runtime
from ..runtime.opening import open_model
from ..tools import coding_tools
from ..turns import StagedTurns, Turn
from ..workspace import Workspace

MODES = ("routed", "routed-grammar", "single", "staged", "single-constrained")
DEFAULT_MODES = ("routed", "single", "staged")
MODE_TITLES = {
    "routed": "two-stage, grammar on a miss",
    "routed-grammar": "two-stage, grammar always",
    "single": "single-stage, unconstrained",
    "staged": "StagedTurns (action menu)",
    "single-constrained": "single-stage, grammar on a miss",
}


@dataclass(frozen=True)
class Case:
    """A prompt, the tools that would be a right next step, and what came before (call, result)."""

    task: str
    expected: tuple[str, ...]
    history: tuple[tuple[ToolCall, str], ...] = ()


def _read(path: str, content: str) -> tuple[ToolCall, str]:
    numbered = "\n".join(f"{n:>4}| {line}" for n, line in enumerate(content.splitlines(), start=1))
    return ToolCall(name="read_file", arguments={"path": path}), numbered


def _done(call: ToolCall, result: str) -> tuple[ToolCall, str]:
    return call, result


_UTILS = "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n"
_CONFIG = "DEBUG = True\nNAME = 'shop'\n"
_GREET = "def hi(name):\n    return 'Hello, ' + name\n"
_APP = "from server import serve\n\nPORT = 8000\n\nserve(PORT)\n"
_WRITE = ToolCall(name="write_file", arguments={"path": "hello.py", "content": "print('hi')\n"})
_EDIT = ToolCall(
    name="edit_file",
    arguments={"path": "README.md", "edits": "<<<<<<< SEARCH\nteh\n=======\nthe\n>>>>>>> REPLACE\n"},
)

CASES: tuple[Case, ...] = (
    Case("Show me what is in src/app.py.", ("read_file",)),
    Case("Open README.md and tell me how to install the project.", ("read_file",)),
    Case("What does the function parse_date in src/dates.py do? Look at the file.", ("read_file",)),
    Case("Read lines 10 to 30 of src/server.py.", ("read_file",)),
    Case("Print the contents of setup.cfg.", ("read_file",)),
    Case("Check what is in tests/test_dates.py.", ("read_file",)),
    Case("Look at config/settings.toml.", ("read_file",)),
    Case("Which dependencies does requirements.txt list?", ("read_file",)),
    Case("Open the file src/models/user.py", ("read_file",)),
    Case("List the files in the src folder.", ("list_files", "glob")),
    Case("What files are in this project?", ("list_files", "glob")),
    Case("Find all Python test files in the repository.", ("glob", "list_files")),
    Case("Which YAML files does the project have?", ("glob", "list_files")),
    Case("Find where the function parse_date is defined.", ("grep",)),
    Case("Search the code for TODO comments.", ("grep",)),
    Case("Which files import requests?", ("grep",)),
    Case("Find every call to the deprecated function old_connect.", ("grep",)),
    Case("Where is the constant MAX_RETRIES used?", ("grep",)),
    Case("Search all Python files for the string 'password'.", ("grep",)),
    Case("Find the file that defines the class UserRepository.", ("grep", "glob")),
    Case("Create a new file hello.py that prints 'Hello, world!'.", ("write_file",)),
    Case("Write a .gitignore that ignores __pycache__ and .venv.", ("write_file",)),
    Case("Create src/version.py containing VERSION = '1.0.0'.", ("write_file",)),
    Case("Add a file NOTES.md with the line 'remember to update the changelog'.", ("write_file",)),
    Case("Create tests/test_math.py with a test that checks 1 + 1 == 2.", ("write_file",)),
    Case(
        "In utils.py, fix add so that it returns a + b.",
        ("edit_file", "write_file"),
        (_read("utils.py", _UTILS),),
    ),
    Case("Set DEBUG to False in config.py.", ("edit_file", "write_file"), (_read("config.py", _CONFIG),)),
    Case(
        "Rename the function hi to greet in greet.py.",
        ("edit_file", "write_file"),
        (_read("greet.py", _GREET),),
    ),
    Case(
        "Change the port in app.py from 8000 to 9000.", ("edit_file", "write_file"), (_read("app.py", _APP),)
    ),
    Case("Run the test suite.", ("run_tests", "run_command")),
    Case("Run the tests and tell me which ones fail.", ("run_tests", "run_command")),
    Case("Check that the tests pass.", ("run_tests", "run_command")),
    Case("Run pytest on tests/test_dates.py only.", ("run_command", "run_tests")),
    Case("Run `python -m build` to build the package.", ("run_command",)),
    Case("Install the dependencies with pip install -r requirements.txt.", ("run_command",)),
    Case("Show the git log of the last five commits.", ("run_command",)),
    Case("Run the linter: ruff check .", ("run_command",)),
    Case("What version of Python is installed? Run python --version.", ("run_command",)),
    Case("Create hello.py that prints hi.", ("finish",), (_done(_WRITE, "created hello.py (1 lines)"),)),
    Case(
        "Fix the typo 'teh' in README.md.",
        ("finish",),
        (
            _read("README.md", "# Shop\nteh shop app\n"),
            _done(_EDIT, "edited README.md: edit 1 now at line 2"),
        ),
    ),
)


def messages_for(case: Case, system: str) -> list[Message]:
    """The conversation the model sees for ``case``: system, task, then the earlier calls and results."""
    out = [Message.system(system), Message.user(case.task)]
    for call, result in case.history:
        out += [Message.assistant("", (call,)), Message.tool(result, tool_call_id=call.id, name=call.name)]
    return out


def router_for_bench(folder: Path | str) -> ToolRouter:
    """The full built-in tool set, bound to ``folder`` (the benchmark runs no tool: it may be empty)."""
    return ToolRouter(coding_tools(Workspace(folder)))


# -- schema tokens ---------------------------------------------------------------------------


def schema_tokens(model: Model, router: ToolRouter, cases: Sequence[Case] = CASES) -> dict[str, object]:
    """Tokens the tool descriptions add to a turn, counted with ``model``'s tokenizer.

    All tools at once: the prompt with every schema (the model's own tools template) minus the
    prompt without. Routed (local, grammar-constrained): what the two stages append after the
    history, stage 1's sentence start plus stage 2's schemas of one category, averaged over the
    categories ``cases`` need.
    """
    system = prompts.SYSTEM + "\n" + prompts.NATIVE_RULES
    base = [Message.system(system), Message.user(cases[0].task)]
    plain = model.count_tokens(base)
    everything = model.count_tokens(base, router.specs()) - plain
    stage1 = model.count_tokens([*base, Message.assistant(ROUTE_PREFILL)]) - plain
    routed = {
        c: stage1 + model.count_tokens([*base, Message.user(router.tools_prompt(router.specs(c)))]) - plain
        for c in router.categories
    }
    needed = [router.get(case.expected[0]).category for case in cases]
    routed_mean = sum(routed[c] for c in needed) / len(needed)
    routed_worst = max(routed.values())
    staged = StagedTurns()
    staged_menu = model.count_tokens([Message.system(staged.system_prompt(prompts.SYSTEM, router.specs()))])
    staged_menu -= model.count_tokens([Message.system(prompts.SYSTEM)])
    return {
        "all_tools": everything,
        "stage1": stage1,
        "stage1_menu_unconstrained": model.count_tokens([*base, Message.user(router.menu())]) - plain,
        "routed_by_category": routed,
        "routed_mean": round(routed_mean, 1),
        "routed_worst": routed_worst,
        "routed_mean_ratio": round(routed_mean / everything, 3),
        "routed_worst_ratio": round(routed_worst / everything, 3),
        "staged_menu": staged_menu,
    }


# -- calls -----------------------------------------------------------------------------------


@dataclass
class _Timing:
    mode: str
    constrained: bool
    tokens: int
    decode_tokens: int
    """Tokens after the first: the ones ``decode_seconds`` covers."""
    decode_seconds: float


@dataclass
class TimedModel:
    """Wraps a model and records, per completion, its tokens and the time between first and last token."""

    model: Model
    mode: str = ""
    timings: list[_Timing] = field(default_factory=list)

    @property
    def context_window(self) -> int:
        return self.model.context_window

    def count_tokens(self, messages: Sequence[Message], tools: Sequence[ToolSpec] = ()) -> int:
        return self.model.count_tokens(messages, tools)

    def complete(
        self,
        messages: Sequence[Message],
        *,
        tools: Sequence[ToolSpec] = (),
        grammar: Grammar | None = None,
        sampling: Sampling = Sampling(),  # noqa: B008 - Sampling is frozen
        on_token: TokenCallback | None = None,
    ) -> Completion:
        stamps: list[float] = []

        def seen(piece: str) -> None:
            stamps.append(time.perf_counter())
            if on_token is not None:
                on_token(piece)

        completion = self.model.complete(
            messages, tools=tools, grammar=grammar, sampling=sampling, on_token=seen
        )
        tokens = completion.usage.completion_tokens
        timed = tokens >= 2 and len(stamps) >= 2
        self.timings.append(
            _Timing(
                self.mode,
                grammar is not None,
                tokens,
                tokens - 1 if timed else 0,
                stamps[-1] - stamps[0] if timed else 0.0,
            )
        )
        return completion


@dataclass
class CaseResult:
    task: str
    expected: tuple[str, ...]
    called: str | None
    well_formed: bool
    attempted: bool
    correct: bool
    detail: str = ""


def _judge(router: ToolRouter, case: Case, turn: Turn) -> CaseResult:
    call = turn.call
    if call is None:
        attempted = bool(turn.problems)
        detail = " ".join(turn.problems) if attempted else f"answered: {turn.text[:80]!r}"
        return CaseResult(case.task, case.expected, None, False, attempted, False, detail)
    try:
        router.get(call.name).validate(call.arguments)
        well_formed, detail = True, json.dumps(call.arguments)[:120]
    except ToolError as exc:
        well_formed, detail = False, str(exc)[:160]
    return CaseResult(
        case.task, case.expected, call.name, well_formed, True, call.name in case.expected, detail
    )


def run_mode(
    mode: str,
    model: Model,
    router: ToolRouter,
    cases: Sequence[Case],
    sampling: Sampling,
    *,
    progress: bool = False,
) -> list[CaseResult]:
    staged = StagedTurns()
    strict = ToolRouter(router.tools, speculate=False)
    native_system = RoutedTurns(router).system_prompt(prompts.SYSTEM, router.specs())
    staged_system = staged.system_prompt(prompts.SYSTEM, router.specs())
    results = []
    for number, case in enumerate(cases, start=1):
        if mode in ("routed", "routed-grammar"):
            chosen = router if mode == "routed" else strict
            turn = chosen.route(model, messages_for(case, native_system), sampling=sampling, constrain=True)
        elif mode in ("single", "single-constrained"):
            messages = messages_for(case, native_system)
            turn = router.stage2(model, messages, None, sampling=sampling, constrain=mode != "single")
        else:
            turn = staged.next_turn(model, messages_for(case, staged_system), router.specs(), sampling)
        results.append(_judge(router, case, turn))
        if progress:
            print(f"[{mode} {number}/{len(cases)}] {results[-1].called}", file=sys.stderr, flush=True)
    return results


def _summary(results: Sequence[CaseResult]) -> dict[str, object]:
    attempted = [r for r in results if r.attempted]
    return {
        "prompts": len(results),
        "attempted_calls": len(attempted),
        "answered_in_words": len(results) - len(attempted),
        "well_formed": sum(r.well_formed for r in attempted),
        "well_formed_rate": round(sum(r.well_formed for r in attempted) / len(attempted), 3)
        if attempted
        else 0.0,
        "correct_tool": sum(r.correct for r in results),
        "correct_tool_rate": round(sum(r.correct for r in results) / len(results), 3),
    }


def _speeds(timings: Sequence[_Timing]) -> dict[str, dict[str, float]]:
    """Per mode and sampling kind: completions, tokens, and decode speed after the first token."""
    groups: dict[str, list[_Timing]] = {}
    for timing in timings:
        groups.setdefault(f"{timing.mode} {'grammar' if timing.constrained else 'free'}", []).append(timing)
    out = {}
    for label, items in groups.items():
        decoded = sum(t.decode_tokens for t in items)
        seconds = sum(t.decode_seconds for t in items)
        out[label] = {
            "completions": len(items),
            "tokens": sum(t.tokens for t in items),
            "tok_per_s": round(decoded / seconds, 1) if seconds else 0.0,
        }
    return out


# -- command ---------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--model", default="default", help="default, a registered name, or a .gguf path")
    parser.add_argument("--modes", default=",".join(DEFAULT_MODES), help=f"comma-separated, from {MODES}")
    parser.add_argument("--limit", type=int, default=0, help="run only the first N prompts (0: all)")
    parser.add_argument("--cases", action="store_true", help="also print every prompt's outcome")


def main(args: argparse.Namespace) -> int:
    modes = [m.strip() for m in str(args.modes).split(",") if m.strip()]
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        raise SystemExit(f"unknown modes {unknown}; choose from {MODES}")
    cases = CASES[: args.limit] if args.limit else CASES
    sampling = Sampling(max_tokens=256)
    report: dict[str, object] = {"prompts": len(cases)}
    runtime = open_model(args.model, n_ctx=4096)
    if not isinstance(runtime, Runtime):
        raise SystemExit("bench router needs a local model (a registered name or a .gguf path)")
    with runtime, tempfile.TemporaryDirectory(prefix="smallcode-bench-router-") as folder:
        router = router_for_bench(folder)
        report["model"] = runtime.info().model_name
        report["schema_tokens"] = schema_tokens(runtime, router, cases)
        results: dict[str, list[CaseResult]] = {}
        timed = TimedModel(runtime)
        for mode in modes:
            timed.mode = mode
            started = time.perf_counter()
            results[mode] = run_mode(mode, timed, router, cases, sampling, progress=True)
            report.setdefault("seconds", {})[mode] = round(time.perf_counter() - started, 1)  # type: ignore[index]
        report["modes"] = {mode: _summary(items) for mode, items in results.items()}
        report["decode"] = _speeds(timed.timings)
        if args.cases:
            report["cases"] = {mode: [r.__dict__ for r in items] for mode, items in results.items()}
    if args.json:
        print(json.dumps(report, indent=1, default=list))
    else:
        _print(report, results, show_cases=bool(args.cases))
    return 0


def _print(report: dict[str, object], results: dict[str, list[CaseResult]], *, show_cases: bool) -> None:
    tokens = report["schema_tokens"]
    assert isinstance(tokens, dict)
    print(f"model: {report['model']}   prompts: {report['prompts']}")
    print("\nschema tokens per turn (real tokenizer)")
    print(f"  all built-in tools at once      : {tokens['all_tools']}")
    for label, key in (("mean over prompts", "routed_mean"), ("largest category", "routed_worst")):
        print(f"  routed, {label:<23}: {tokens[key]}  ({tokens[key + '_ratio']:.0%} of all)")
    print(f"    stage 1 adds {tokens['stage1']}; both stages by category: {tokens['routed_by_category']}")
    menu = tokens["stage1_menu_unconstrained"]
    print(f"    (for models without grammars stage 1 sends a menu instead: {menu})")
    print(f"  StagedTurns action menu         : {tokens['staged_menu']}")
    modes = report["modes"]
    assert isinstance(modes, dict)
    print("\ntool calls                          well-formed        correct tool   answered in words")
    for mode, summary in modes.items():
        print(
            f"  {MODE_TITLES[mode]:<34}{summary['well_formed']:>3}/{summary['attempted_calls']:<3}"
            f"({summary['well_formed_rate']:>6.1%})  {summary['correct_tool']:>3}/{summary['prompts']:<3}"
            f"({summary['correct_tool_rate']:>6.1%})  {summary['answered_in_words']:>4}"
        )
    decode = report["decode"]
    assert isinstance(decode, dict)
    print("\ndecode speed, first to last token of each completion (same run, same model)")
    for label, speed in decode.items():
        print(
            f"  {label:<28}{speed['tok_per_s']:>7.1f} tok/s   "
            f"{speed['completions']:>4} completions, {speed['tokens']:>5} tokens"
        )
    if show_cases:
        for mode, items in results.items():
            print(f"\n{mode}:")
            for r in items:
                mark = "ok " if r.correct else ("bad" if r.well_formed else "ERR")
                print(f"  {mark} {r.called or '-':<12} {r.task[:60]:<60} {r.detail[:70]}")
