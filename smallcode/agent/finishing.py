"""When a run may end: a finish is taken only when the edits pass their checks (or the model has been
told what fails often enough), and a stuck run climbs a ladder of remedies before it stops."""

from __future__ import annotations

from collections.abc import Generator
from typing import TypeVar

from .. import prompts
from ..context import ContextBudget
from ..escalation import Escalation
from ..events import AgentEvent, Escalated, Remedy, Stuck, Validated
from ..messages import Message, ToolCall
from ..routing import ToolRouter
from ..stuck import StuckSignal
from ..tools import WRITE_FILE
from ..turns import StagedTurns, TurnProtocol
from .progress import lost_definitions, untouched, why_follow
from .state import Limits, RunState, StopReason
from .task import asks_for_change
from .workbench import Workbench

E = TypeVar("E", bound=AgentEvent)

# After a stuck signal has had its corrective message: the next turns are sampled at these temperatures.
STUCK_TEMPERATURES = (0.7, 1.0)


class FinishRules:
    """The part of ``Agent`` that decides whether a finish is taken and what a stuck run does next."""

    protocol: TurnProtocol
    router: ToolRouter
    budget: ContextBudget
    limits: Limits
    validate: bool
    escalation: Escalation | None
    _bench: Workbench

    def _try_finish(
        self, state: RunState, answer: str, call: ToolCall | None = None, *, remind: bool = True
    ) -> Generator[AgentEvent, None, tuple[StopReason, str, bool] | None]:
        """Finish when every check passes; otherwise say what fails, until the model has been told
        ``Limits.check_refusals`` times that a file fails its own check, or ``Limits.finish_refusals``
        times that the tests fail.
        ``remind``: first point out named files the run has not changed (off when the run is stopping)."""
        left = untouched(state, self._bench.exists) if remind else []
        if left and not state.reminded and not state.unsaved:
            # Not a refusal: one round over those files, after which a finish is judged on its checks.
            state.reminded = True
            if isinstance(self.protocol, StagedTurns) and WRITE_FILE in self.router.names:
                # Small models ignore a reminder and finish again: ask for each file in turn.
                state.follow = [(path, why_follow(state, path, self._bench.exists)) for path in left]
                text = prompts.FOLLOW.format(files=", ".join(left))
            else:
                text = prompts.UNTOUCHED.format(files=", ".join(left))
            self._answer_finish(state, text, call)
            return None
        failures: list[str] = [state.unsaved] if state.unsaved else []
        writes = any(tool.category == "write" for tool in self.router.tools)
        if writes and not state.changed and asks_for_change(state.task):
            # Said once, and not counted among the refusals, which are for work that fails its checks.
            if state.urged:
                return "finished", answer, False
            state.urged = state.finish_blocked = True
            state.feedback = "\n".join([*failures, prompts.NOTHING_CHANGED])
            self._answer_finish(state, prompts.NOT_DONE.format(problems=state.feedback), call)
            return None
        invalid: list[tuple[str, str]] = []
        if self.validate:
            for path in sorted(set(state.changed)):
                if not self._bench.exists(path):
                    continue
                check = self._bench.checks.file(path, state.originals.get(path.removeprefix("./")))
                if not check.ok:
                    yield self._emit(state, Validated(state.step, path, False, check.message, check.checker))
                    invalid.append((path, prompts.FILE_INVALID.format(path=path, problem=check.message)))
            failures += [problem for _, problem in invalid]
            tests = yield from self._run_tests(state)
            if tests is not None:
                failures.append(prompts.TESTS_FAIL.format(summary=tests))
        lost = [] if failures or not remind or state.noted_lost else lost_definitions(state, self._bench.text)
        if lost:
            state.noted_lost = True  # not a refusal either: said once, when the checks pass
            if isinstance(self.protocol, StagedTurns) and WRITE_FILE in self.router.names:
                state.follow = lost
            self._answer_finish(state, prompts.LOST.format(notes="\n".join(note for _, note in lost)), call)
            return None
        if not failures:
            return "finished", answer, True
        if invalid:
            state.invalid_finishes += 1
            refused, limit = state.invalid_finishes, self.limits.check_refusals
        else:
            state.finish_attempts += 1
            refused, limit = state.finish_attempts, self.limits.finish_refusals
        if refused > limit:
            return "finished", answer, False  # the model was told what fails and finished anyway
        state.finish_blocked = True
        state.feedback = "\n".join(failures)
        if invalid and isinstance(self.protocol, StagedTurns) and WRITE_FILE in self.router.names:
            # Told that a file fails its check, small models claim a fix and finish: ask for it.
            state.follow, state.to_fix = invalid, {path for path, _ in invalid}
        self._answer_finish(state, prompts.NOT_DONE.format(problems=state.feedback), call)
        return None

    def _answer_finish(self, state: RunState, text: str, call: ToolCall | None) -> None:
        """Why a finish was not taken: the finish call's result, or a message when it was implied."""
        if call is not None:
            self._append(state, Message.tool(self.budget.cap(text), tool_call_id=call.id, name=call.name))
        else:
            self._append(state, Message.user(text))

    def _remedy(
        self, state: RunState, signal: StuckSignal
    ) -> Generator[AgentEvent, None, tuple[StopReason, str, bool] | None]:
        """The ladder: a corrective message, then hotter sampling, then escalation, then stop."""
        state.stuck_level += 1
        remedy: Remedy
        if state.stuck_level == 1:
            remedy = "message"
        elif state.stuck_level == 2:
            remedy = "temperature"
            state.hot_turns = list(STUCK_TEMPERATURES)
        elif self._escalate(state, f"stuck: {signal.kind}"):
            remedy = "escalate"
        else:
            remedy = "stop"
        yield self._emit(state, Stuck(state.step, signal.kind, signal.detail, remedy))
        if remedy == "escalate":
            yield self._emit(state, Escalated(state.step, f"stuck: {signal.kind}", True))
        if remedy == "stop":
            if state.changed and not state.checks_failing:
                # Stuck after the work is done (e.g. it keeps trying to finish some other way):
                # the checks decide.
                outcome = yield from self._try_finish(state, prompts.STOPPED_DONE, remind=False)
                if outcome is not None:
                    return outcome
            return "stuck", "", False
        self._append(state, Message.user(prompts.STUCK[signal.kind].format(path=signal.path or "the file")))
        return None

    def _escalate(self, state: RunState, reason: str) -> bool:
        if self.escalation is None or not self.escalation.grant(reason, state.step):
            return False
        state.escalated_turns = self.escalation.turns
        state.stuck_level = 0
        return True

    def _emit(self, state: RunState, event: E) -> E:
        raise NotImplementedError

    def _append(self, state: RunState, message: Message) -> None:
        raise NotImplementedError

    def _run_tests(self, state: RunState) -> Generator[AgentEvent, None, str | None]:
        raise NotImplementedError
