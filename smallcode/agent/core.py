"""The Agent: asks the model for the next action, runs it and checks the result (when a run may end
is decided in ``finishing``)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Generator, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar, cast

from .. import prompts
from ..context import ContextBudget
from ..errors import ToolError
from ..escalation import ApproveEscalation, Escalation
from ..events import (
    AgentEvent,
    ContextFitted,
    Escalated,
    Finished,
    ModelReplied,
    ModelToken,
    ParseProblem,
    Retried,
    ToolFinished,
    ToolStarted,
)
from ..messages import Message, ToolCall
from ..model import Model, Sampling
from ..parsing import LenientParser
from ..repomap import RepoMap, should_map, text_counter
from ..routing import ToolRouter
from ..runtime import Runtime
from ..session import SessionTrace, load_session
from ..stuck import StuckSignal
from ..tools import FINISH, READ_FILE, WRITE_FILE, Tool, file_tools, finish_tool
from ..turns import WHOLE_FILE, Focus, NativeTurns, StagedTurns, Steering, Turn, TurnProtocol
from ..workspace import Workspace, docstring_assertions
from ..workspace.discovery import is_test_file
from .finishing import FinishRules
from .progress import (
    dropped,
    dropped_note,
    note_dependents,
    progress_note,
)
from .repeats import afresh, as_is, copied_from, examples_of, missing_examples, settled
from .state import Limits, RunResult, RunState, StopReason, call_key
from .task import kept_as_is, named_files
from .workbench import Workbench

E = TypeVar("E", bound=AgentEvent)

# A reply that repeats a call already tried is sampled again, hotter each time, before it is used.
REPEAT_TEMPERATURES = (0.7, 1.0)
# The turn after a reply cut off at the length limit penalizes tokens it has just written (llama.cpp's
# repeat penalty): a small model caught in a loop of its own words loops again at any temperature.
LOOP_PENALTY = 1.15


def _trimmed_path(call: ToolCall | None) -> ToolCall | None:
    """The call with its ``path`` as the file tools take it (``WorkspacePath``), so the run's own
    record of the files it touched names the file that was written."""
    path = call.arguments.get("path") if call is not None else None
    if call is None or not isinstance(path, str) or path == path.strip():
        return call
    return call.model_copy(update={"arguments": {**call.arguments, "path": path.strip()}})


class Agent(FinishRules):
    """Runs a task against a workspace. Every collaborator has a sensible default."""

    def __init__(
        self,
        model: Model,
        workspace: Workspace,
        *,
        tools: Sequence[Tool] | None = None,
        router: ToolRouter | None = None,
        parser: LenientParser | None = None,
        budget: ContextBudget | None = None,
        system_prompt: str = prompts.SYSTEM,
        max_steps: int = 20,
        limits: Limits | None = None,
        sampling: Sampling | None = None,
        protocol: TurnProtocol | None = None,
        escalate_to: Model | Escalation | None = None,
        approve_escalation: ApproveEscalation | None = None,
        validate: bool = True,
        run_tests: bool = True,
        trace: Path | str | None = None,
        preload_files: int = 3,
        repo_map: bool = True,
        map_share: float = 0.125,
    ) -> None:
        """``protocol`` decides how a turn asks for the next action: ``StagedTurns`` for a local
        ``Runtime`` (menu, JSON arguments, fenced payloads), ``NativeTurns`` for other models.
        ``escalate_to`` is a bigger model (or an ``Escalation`` policy) used when the agent is stuck.
        ``preload_files``: how many existing files named in the task are read into the prompt up front.
        ``repo_map``: put a ranked outline of the project in the system prompt when it has several
        source files, in at most ``map_share`` of the context window."""
        self.model = model
        self.workspace = workspace
        self.router = router or ToolRouter(
            tools if tools is not None else [*file_tools(workspace), finish_tool()]
        )
        self.parser = parser or LenientParser(self.router.specs())
        self.budget = budget or ContextBudget.for_model(model)
        self.system_prompt = system_prompt
        self.limits = limits or Limits(max_steps=max_steps)
        self.sampling = sampling or Sampling(max_tokens=self.budget.reserve_for_output)
        self.protocol = protocol or self._protocol_for(model)
        if isinstance(escalate_to, Escalation) or escalate_to is None:
            self.escalation = escalate_to
        else:
            self.escalation = Escalation(escalate_to, approve=approve_escalation)
        self.validate = validate
        self.run_tests = run_tests
        self._bench = Workbench(workspace, self.router, self._emit)
        self.preload_files = preload_files
        self.repo_map = repo_map
        if not 0 < map_share < 1:
            raise ValueError(f"map_share must be between 0 and 1, got {map_share}")
        self.map_share = map_share
        self.trace_path = Path(trace) if trace is not None else None
        self._trace: SessionTrace | None = None
        self._observers: list[tuple[type[AgentEvent], Callable[[AgentEvent], None]]] = []

    def _protocol_for(self, model: Model) -> TurnProtocol:
        return StagedTurns() if isinstance(model, Runtime) else NativeTurns(parser=self.parser)

    # -- public API ------------------------------------------------------------------------------

    def on(self, event_type: type[E], callback: Callable[[E], None]) -> None:
        """Call ``callback`` with every event of ``event_type`` as it happens (tokens included)."""
        self._observers.append((event_type, cast(Callable[[AgentEvent], None], callback)))

    def run(self, task: str) -> RunResult:
        return _drain(self._loop(self._start(task)))

    def stream(self, task: str) -> Iterator[AgentEvent]:
        """The run's events as they happen; the last one is ``Finished``."""
        yield from self._loop(self._start(task))

    def resume(self, trace: Path | str) -> RunResult:
        """Continue a run recorded in ``trace`` (written by ``Agent(trace=...)``) where it stopped."""
        session = load_session(trace)
        state = RunState(
            task=session.task,
            messages=list(session.messages),
            named_files=named_files(session.task, self._bench.exists),
            step=session.steps,
        )
        for message in state.messages:
            for call in message.tool_calls:
                tool = self._tool(call.name)
                if (
                    tool is not None
                    and tool.category == "write"
                    and isinstance(call.arguments.get("path"), str)
                ):
                    state.changed.append(str(call.arguments["path"]))
        self.trace_path = Path(trace)
        return _drain(self._loop(state, resumed=True))

    async def arun(self, task: str) -> RunResult:
        """``run`` in a worker thread, so the event loop is never blocked."""
        return await asyncio.to_thread(self.run, task)

    async def astream(self, task: str) -> AsyncIterator[AgentEvent]:
        """``stream`` with each step computed in a worker thread."""
        events = self.stream(task)
        done = object()
        while True:
            event = await asyncio.to_thread(next, events, done)
            if event is done:
                return
            yield event  # type: ignore[misc]

    # -- the loop ----------------------------------------------------------------------------------

    def _start(self, task: str) -> RunState:
        specs = self.router.specs()
        prompt = self.protocol.system_prompt(self.system_prompt, specs)
        repo = RepoMap(self.workspace) if self.repo_map and should_map(self.workspace) else None
        if repo is not None:
            # In the system message: counted by the budget, and a stable prefix for the KV cache.
            outline = repo.render(
                int(self.model.context_window * self.map_share), mentions=task, count=text_counter(self.model)
            )
            if outline:
                prompt += "\n\n" + prompts.REPO_MAP.format(outline=outline)
        named = named_files(task, self._bench.exists)
        stated = [docstring_assertions(self._bench.text(p) or "") for p in named if p.endswith(".py")]
        return RunState(
            task=task,
            messages=[Message.system(prompt), Message.user(task)],
            named_files=named,
            protected=kept_as_is(task, named),
            repo=repo,
            stated_examples=tuple(dict.fromkeys(line for lines in stated for line in lines)),
        )

    def _preload(self, state: RunState) -> Generator[AgentEvent, None, None]:
        """Read the existing files the task names up front, as if the model had asked, and show
        the failing tests. Small models often edit a file they have never seen; showing it first
        costs one tool result and saves the steps (and the wrong guesses) of finding it."""
        if self.preload_files <= 0:
            return
        failing = yield from self._run_tests(state)
        if failing is not None:
            state.messages.append(Message.user(prompts.TESTS_AT_START.format(summary=failing)))
            state.feedback = prompts.TESTS_FAIL.format(summary=failing)
            state.finish_blocked = True
            # The failing tests are the specification: the fix belongs in the code they test.
            tests = {p for p in self.workspace.list_files(limit=2000) if is_test_file(p)}
            state.protected |= tests
            if not tests:  # the failing tests are the examples in the code's docstrings
                state.examples = examples_of(state.named_files, self._bench.text)
        if READ_FILE not in self.router.names:
            return
        room = self.budget.prompt_limit // 3
        for path in state.named_files[: self.preload_files]:
            read = self._read_for_model(state, path, room) if self._bench.exists(path) else None
            if read is not None:
                room -= self.model.count_tokens(read)
                state.messages += read  # traced with the rest of the start

    def _read_for_model(self, state: RunState, path: str, room: int | None = None) -> list[Message] | None:
        """Read ``path`` as if the model had asked: the call and its result, or None when the
        read fails or takes more than ``room`` tokens."""
        call = ToolCall(name=READ_FILE, arguments={"path": path})
        output, ok = self._bench.execute(call)
        if not ok or (room is not None and self.model.count_tokens([Message.user(output)]) > room):
            return None
        state.seen.append(path)
        # Small models like to write back what they were shown: that rewrite is a repeat too.
        unchanged = ToolCall(
            name=WRITE_FILE, arguments={"path": path, "content": self.workspace.read_text(path)}
        )
        state.tried.update((call_key(unchanged), call_key(call)))
        return [
            Message.assistant("", (call,)),
            Message.tool(self.budget.cap(output), tool_call_id=call.id, name=READ_FILE),
        ]

    def _loop(self, state: RunState, *, resumed: bool = False) -> Generator[AgentEvent, None, RunResult]:
        self.budget.reset()  # one budget per conversation: it remembers what it evicted
        trace = SessionTrace(self.trace_path) if self.trace_path is not None else None
        self._trace = trace
        if trace is not None:
            if resumed:
                trace.write("resume", {"step": state.step})
            else:
                trace.start(state.task, {"protocol": type(self.protocol).__name__})
        stop: StopReason = "max_steps"
        answer, ok = "", False
        try:
            if not resumed:
                yield from self._preload(state)
                if trace is not None:
                    for message in state.messages:
                        trace.message(message)
            escalation = self.escalation
            many = escalation is not None and escalation.max_files is not None
            if not resumed and many and len(state.named_files) > (escalation.max_files or 0):  # type: ignore[union-attr]
                reason = f"the task names {len(state.named_files)} files"
                yield self._emit(state, Escalated(state.step, reason, self._escalate(state, reason)))
            while state.step < self.limits.max_steps:
                limit = self._limit_reached(state)
                if limit is not None:
                    stop = limit
                    break
                state.step += 1
                outcome = yield from self._step(state)
                if outcome is not None:
                    stop, answer, ok = outcome
                    break
            if not ok and self.validate:
                yield from self._bench.keep_best(state)
            yield self._emit(state, Finished(state.step, stop, answer, ok))
        finally:
            if trace is not None:
                trace.close()
        return RunResult(
            ok=ok,
            answer=answer,
            stop_reason=stop,
            steps=state.step,
            usage=state.usage,
            messages=state.messages,
            events=state.events,
            files_changed=sorted(set(state.changed)),
            escalations=self.escalation.used if self.escalation else 0,
            diff=self.workspace.diff(),
        )

    def _limit_reached(self, state: RunState) -> StopReason | None:
        if self.limits.max_tokens is not None and state.usage.total_tokens >= self.limits.max_tokens:
            return "max_tokens"
        if (
            self.limits.max_seconds is not None
            and time.monotonic() - state.started >= self.limits.max_seconds
        ):
            return "time_limit"
        return None

    def _step(self, state: RunState) -> Generator[AgentEvent, None, tuple[StopReason, str, bool] | None]:
        turn = yield from self._ask(state)
        call = _trimmed_path(turn.call)
        directed, state.directed = state.directed, None
        answered = directed is not None and directed not in state.to_fix
        if answered and call is not None and as_is(call, self._bench.text):
            # Asked for a file it did not choose, the model wrote it as it is: it needs no change.
            self._append(state, Message.assistant(turn.text, (call,)))
            note = prompts.KEPT_AS_IS.format(path=directed)
            self._append(state, Message.tool(note, tool_call_id=call.id, name=call.name))
            return None
        detector_signal = state.detector.observe_reply(turn.text, call is not None)
        if call is None:
            self._append(state, Message.assistant(turn.text))
            if turn.problems:
                yield self._emit(state, ParseProblem(state.step, tuple(turn.problems)))
                self._append(
                    state, Message.user(prompts.PARSE_PROBLEM.format(problems=" ".join(turn.problems)))
                )
                cut = any(c.finish_reason in ("length", "repetition") for c in turn.completions)
                if not state.hot_turns and cut:
                    # Cut off at the length limit or stopped in a loop of its own words, greedy
                    # decoding would write the same again: the next turn samples hotter, with a
                    # penalty on repeats.
                    state.hot_turns = [REPEAT_TEMPERATURES[0]]
                    state.looped = True
            elif turn.text.strip() and detector_signal is None:
                return (yield from self._try_finish(state, turn.text.strip()))
            else:
                self._append(state, Message.user(prompts.NO_TOOL_CALL))
            if detector_signal is not None:
                return (yield from self._remedy(state, detector_signal))
            return None
        self._append(state, Message.assistant(turn.text, (call,)))
        if settled(state, call, self._bench.text, self._bench.exists):
            return (yield from self._try_finish(state, prompts.SETTLED))
        if call.name == FINISH and FINISH in self.router.names:
            summary = str(call.arguments.get("summary", turn.text)).strip()
            return (yield from self._try_finish(state, summary, call))
        signal = yield from self._act(state, call)
        signal = signal or detector_signal
        if signal is not None:
            return (yield from self._remedy(state, signal))
        return None

    def _ask(self, state: RunState) -> Generator[AgentEvent, None, Turn]:
        """One turn of the model (or the escalation target), retried hotter when it repeats itself."""
        escalated = state.escalated_turns > 0 and self.escalation is not None
        model, protocol = self.model, self.protocol
        if escalated and self.escalation is not None:
            state.escalated_turns -= 1
            model = self.escalation.target
            protocol = self._protocol_for(model)
        prompt = yield from self._fit(state)
        base = self._hotter(state.hot_turns.pop(0), state.step) if state.hot_turns else self.sampling
        if state.looped:
            state.looped = False
            base = base.with_(repeat_penalty=LOOP_PENALTY)
        if not escalated and self.escalation is not None and self.escalation.min_mean_logprob is not None:
            base = base.with_(logprobs=True)
        temperatures = (None, *REPEAT_TEMPERATURES)
        # While checks fail and nothing has changed since, finishing is off the menu.
        exclude = (FINISH,) if state.finish_blocked else ()
        candidates = tuple(path for path in state.named_files if path not in state.protected)
        protected = tuple(sorted(state.protected))
        writers = tuple(t.name for t in self.router.tools if t.category == "write")
        directed = None
        if state.follow and not escalated:
            state.directed, state.feedback = state.follow.pop(0)
            directed = ToolCall(name=WRITE_FILE, arguments={"path": state.directed})
            if state.directed not in state.seen and READ_FILE in self.router.names:
                # The write tool wants a file read before it is replaced; the focus shows it anyway.
                for message in self._read_for_model(state, state.directed) or ():
                    self._append(state, message)
        steering = Steering(
            paths=candidates,
            exclude=exclude,
            protected=protected,
            writers=writers,
            # Before its first write, the 0.5B often names a file of its own ("woodball.txt", holding
            # its own name) when the file the task asks for does not exist yet.
            named_only=not state.changed and any(not self._bench.exists(path) for path in candidates),
            focus=self._focus(state),
            directed=directed,
        )
        turn = Turn(call=None)
        for attempt, temperature in enumerate(temperatures):
            sampling = base if temperature is None else self._hotter(temperature, state.step)
            sampling = sampling.with_(logprobs=base.logprobs)
            turn = protocol.next_turn(
                model, prompt, self.router.specs(), sampling, steering, self._token_sink(state)
            )
            for completion in turn.completions:
                state.usage = state.usage + completion.usage
                if self._trace is not None:
                    self._trace.completion(completion)
                yield self._emit(state, ModelReplied(state.step, completion, escalated))
            if (
                turn.call is None
                # the same content is an answer (no change needed), unless the file fails its check
                or (directed is not None and state.directed not in state.to_fix)
                or not self._repeats(state, turn.call)
                or settled(state, turn.call, self._bench.text, self._bench.exists)
                or attempt + 1 == len(temperatures)
            ):
                break
            yield self._emit(state, Retried(state.step, turn.call, REPEAT_TEMPERATURES[attempt]))
            focus = afresh(state, steering.focus, turn.call)
            steering = replace(steering, avoid=(*steering.avoid, turn.call), focus=focus)
        if not escalated and self._low_confidence(turn) and self._escalate(state, "low confidence"):
            yield self._emit(state, Escalated(state.step, "low confidence", True))
            if state.directed is not None:  # the bigger model chooses for itself; the file waits
                state.follow.insert(0, (state.directed, state.feedback))
                state.directed = None
            return (yield from self._ask(state))
        return turn

    def _repeats(self, state: RunState, call: ToolCall) -> bool:
        """A call that cannot help: tried since the workspace last changed, or a whole-file write
        of what the file already holds (small models copy the file they were shown)."""
        return call_key(call) in state.tried or as_is(call, self._bench.text)

    def _focus(self, state: RunState) -> Focus:
        recent = tuple(dict.fromkeys(reversed([*state.named_files, *state.seen])))
        return Focus(
            task=state.task,
            read=self._bench.text,
            files=recent,
            feedback=state.feedback,
            max_chars=self.budget.prompt_limit * 2,
            starts=state.originals,
        )

    def _fit(self, state: RunState) -> Generator[AgentEvent, None, list[Message]]:
        """The prompt for this turn; ``state.messages`` itself stays append-only."""
        tools = self.router.specs() if isinstance(self.protocol, NativeTurns) else ()
        fitted = self.budget.fit_with_report(state.messages, tools=tools)
        report = fitted.report
        if report.changed:
            yield self._emit(
                state,
                ContextFitted(state.step, report.tokens_before, report.tokens_after, len(report.actions)),
            )
        return fitted.messages

    def _act(self, state: RunState, call: ToolCall) -> Generator[AgentEvent, None, StuckSignal | None]:
        """Run one tool call, then the improvement loop: validate edits, run tests, watch for loops."""
        yield self._emit(state, ToolStarted(state.step, call))
        repeated = call_key(call) in state.tried
        tool = self._tool(call.name)
        category = tool.category if tool is not None else "general"
        path = call.arguments.get("path")
        path = path if isinstance(path, str) else None
        mutating = category == "write"
        before = self._bench.text(path) if mutating and path else None
        if mutating and path is not None and state.best is not None:
            state.best[1].setdefault(path.removeprefix("./"), before)  # unchanged since the best run
        if path is not None and before is not None and path.removeprefix("./") not in state.created:
            state.originals.setdefault(path.removeprefix("./"), before)
        content = call.arguments.get(WHOLE_FILE)
        copied = copied_from(state, path, content, self._bench.text) if mutating else None
        if mutating and path is not None and path.removeprefix("./") in state.protected:
            refusal = prompts.PROTECTED_TEST if is_test_file(path) else prompts.KEEP_AS_IS
            output, ok = refusal.format(path=path), False
        elif copied is not None:
            copy = prompts.COPIED if is_test_file(copied) else prompts.COPIED_CODE
            output, ok = copy.format(path=path, other=copied), False
        elif mutating and (missing := missing_examples(state, path, content)):
            output, ok = prompts.KEEP_EXAMPLES.format(path=path, missing=missing), False
        else:
            output, ok = self._bench.execute(call)
        if ok and path is not None:
            state.seen.append(path.removeprefix("./"))
        unchanged = mutating and not ok and "nothing changed" in output
        if ok and mutating:
            state.finish_blocked = False
            state.tried.clear()
            if path is not None:
                state.changed.append(path)
                state.to_fix.discard(path)
                if before is None:
                    state.created.add(path.removeprefix("./"))
        state.tried.add(call_key(call))
        valid = True
        if ok and mutating and path is not None and self.validate:
            check = yield from self._bench.validate(state, path, run_tests=self.run_tests)
            valid = check.ok
            if state.tidied:
                output, state.tidied = f"{output}\n{state.tidied}", ""
            # A file that no longer parses goes back; one that parses keeps the edit to build on.
            if not check.parses and before is not None and self._bench.restore(path, before):
                output = state.unsaved = prompts.NOT_KEPT.format(path=path, problem=state.checks_failing)
                state.finish_blocked = True
            elif state.checks_failing:
                output += "\n" + state.checks_failing
        if ok and mutating and valid:
            state.unsaved = ""
            state.stuck_level = 0  # progress: the ladder starts again
            if path is not None and before is not None:
                if state.repo is not None:
                    note_dependents(state, state.repo, path, before)
                gone = dropped(state, path, self._bench.text(path) or "", before=before)
                if gone:
                    output += "\n" + dropped_note(path, gone)
        yield self._emit(state, ToolFinished(state.step, call, output, ok))
        if state.changed:
            output += "\n" + progress_note(state, self._bench.exists)
        self._append(state, Message.tool(self.budget.cap(output), tool_call_id=call.id, name=call.name))
        detector = state.detector
        edit_key = call_key(call) if mutating else None
        signal = detector.observe_tool(
            category=category, edit_key=edit_key, path=path, ok=ok and valid, unchanged=unchanged
        )
        if signal is None and repeated and not mutating:
            signal = detector.observe_repeat(call.name)
        return signal

    # -- helpers ------------------------------------------------------------------------------------

    def _low_confidence(self, turn: Turn) -> bool:
        if self.escalation is None or self.escalation.min_mean_logprob is None or self.escalation.exhausted:
            return False
        values = [lp.logprob for c in turn.completions for lp in (c.logprobs or ())]
        return bool(values) and sum(values) / len(values) < self.escalation.min_mean_logprob

    def _tool(self, name: str) -> Tool | None:
        try:
            return self.router.get(name)
        except ToolError:
            return None

    def _run_tests(self, state: RunState) -> Generator[AgentEvent, None, str | None]:
        """Run the tests, unless told not to: the failure summary, or None."""
        return (yield from self._bench.tests(state)) if self.run_tests else None

    def _hotter(self, temperature: float, step: int) -> Sampling:
        return self.sampling.with_(temperature=temperature, seed=(self.sampling.seed or 0) + step)

    def _append(self, state: RunState, message: Message) -> None:
        state.messages.append(message)
        if self._trace is not None:
            self._trace.message(message)

    def _emit(self, state: RunState, event: E) -> E:
        state.events.append(event)
        if self._trace is not None and not isinstance(event, ModelToken):
            self._trace.event(event)
        for event_type, callback in self._observers:
            if isinstance(event, event_type):
                callback(event)
        return event

    def _token_sink(self, state: RunState) -> Callable[[str], None] | None:
        if not any(issubclass(ModelToken, t) for t, _ in self._observers):
            return None

        def sink(text: str) -> None:
            event = ModelToken(state.step, text)
            for event_type, callback in self._observers:
                if isinstance(event, event_type):
                    callback(event)

        return sink


def _drain(loop: Generator[AgentEvent, None, RunResult]) -> RunResult:
    while True:
        try:
            next(loop)
        except StopIteration as done:
            result: RunResult = done.value
            return result
