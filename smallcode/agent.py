"""Agent: the loop of model -> parse -> tool -> result, with typed events and a result object."""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from . import prompts
from .context import ContextBudget
from .errors import SmallcodeError, ToolError
from .events import Event, Finished, ModelReplied, ParseProblem, ToolFinished, ToolStarted
from .messages import Message, ToolCall, Usage
from .model import Model, Sampling
from .parsing import LenientParser
from .routing import ToolRouter
from .runtime import Runtime
from .tools import FINISH, Tool, file_tools, finish_tool
from .turns import NativeTurns, StagedTurns, Steering, TurnProtocol
from .workspace import Workspace

StopReason = Literal["answered", "max_steps", "no_progress"]

# A reply that repeats a call already tried is sampled again, hotter each time, before it is used.
REPEAT_TEMPERATURES = (0.7, 1.0)


# "src/app.py", "README.md" in a task; not "e.g" or "1.5".
_FILE_NAME = re.compile(r"(?<![\w/.-])((?:[\w-]+/)*[\w-]{2,}\.[A-Za-z][A-Za-z0-9]{0,5})\b")


def _call_key(call: ToolCall) -> str:
    return call.name + json.dumps(call.arguments, sort_keys=True, default=str)


@dataclass
class RunResult:
    ok: bool
    answer: str
    stop_reason: StopReason
    steps: int
    usage: Usage
    messages: list[Message]
    events: list[Event] = field(default_factory=list)
    files_changed: list[str] = field(default_factory=list)


class Agent:
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
        sampling: Sampling | None = None,
        protocol: TurnProtocol | None = None,
    ) -> None:
        """``protocol`` decides how a turn asks for the next action: ``StagedTurns`` for a local
        ``Runtime`` (menu, JSON arguments, fenced payloads), ``NativeTurns`` for other models."""
        self.model = model
        self.workspace = workspace
        self.router = router or ToolRouter(
            tools if tools is not None else [*file_tools(workspace), finish_tool()]
        )
        self.parser = parser or LenientParser(self.router.specs())
        self.budget = budget or ContextBudget(
            model.context_window,
            counter=model.count_tokens,
            reserve_for_output=min(1024, model.context_window // 4),
        )
        self.system_prompt = system_prompt
        self.max_steps = max_steps
        self.sampling = sampling or Sampling(max_tokens=self.budget.reserve_for_output)
        if protocol is None:
            protocol = StagedTurns() if isinstance(model, Runtime) else NativeTurns(parser=self.parser)
        self.protocol = protocol

    def run(self, task: str) -> RunResult:
        loop = self._loop(task)
        while True:
            try:
                next(loop)
            except StopIteration as done:
                result: RunResult = done.value
                return result

    def stream(self, task: str) -> Iterator[Event]:
        """The run's events as they happen; the last one is ``Finished``."""
        yield from self._loop(task)

    def _loop(self, task: str) -> Generator[Event, None, RunResult]:
        specs = self.router.specs()
        messages = [
            Message.system(self.protocol.system_prompt(self.system_prompt, specs)),
            Message.user(task),
        ]
        usage = Usage()
        changed: list[str] = []
        events: list[Event] = []
        stop: StopReason = "max_steps"
        answer = ""
        idle_replies = 0
        named_files = tuple(dict.fromkeys(_FILE_NAME.findall(task)))
        # Calls made since the workspace last changed: repeating one cannot help.
        tried: set[str] = set()

        def emit(event: Event) -> Event:
            events.append(event)
            return event

        for step in range(1, self.max_steps + 1):
            prompt = self.budget.fit(messages)
            steering: Steering | None = None
            for temperature in (None, *REPEAT_TEMPERATURES):
                sampling = self.sampling if temperature is None else self._hotter(temperature, step)
                turn = self.protocol.next_turn(self.model, prompt, specs, sampling, steering)
                for completion in turn.completions:
                    usage = usage + completion.usage
                    yield emit(ModelReplied(step, completion))
                if turn.call is None or _call_key(turn.call) not in tried:
                    break
                avoid = (*(steering.avoid if steering else ()), turn.call)
                steering = Steering(avoid=avoid, paths=named_files)
            call, text, problems = turn.call, turn.text, turn.problems
            if call is not None:  # one tool per turn: small models plan better that way
                messages.append(Message.assistant(text, (call,)))
                if call.name == FINISH and FINISH in self.router.names:
                    stop, answer = "answered", str(call.arguments.get("summary", text)).strip()
                    break
                yield emit(ToolStarted(step, call))
                output, ok = self._execute(call)
                if ok and call.name == "write_file":
                    changed.append(str(call.arguments.get("path", "")))
                    tried.clear()
                tried.add(_call_key(call))
                if changed:
                    output += "\n" + self._progress(task, changed)
                messages.append(Message.tool(self.budget.cap(output), tool_call_id=call.id, name=call.name))
                yield emit(ToolFinished(step, call, output, ok))
                idle_replies = 0
                continue
            messages.append(Message.assistant(text))
            if problems:
                yield emit(ParseProblem(step, tuple(problems)))
                messages.append(Message.user(prompts.PARSE_PROBLEM.format(problems=" ".join(problems))))
                idle_replies += 1
            elif text.strip():
                stop, answer = "answered", text.strip()
                break
            else:
                messages.append(Message.user(prompts.NO_TOOL_CALL))
                idle_replies += 1
            if idle_replies >= 3:
                stop = "no_progress"
                break
        else:
            step = self.max_steps
        yield emit(Finished(step, stop, answer))
        return RunResult(
            ok=stop == "answered",
            answer=answer,
            stop_reason=stop,
            steps=step,
            usage=usage,
            messages=messages,
            events=events,
            files_changed=sorted(set(changed)),
        )

    def _progress(self, task: str, changed: list[str]) -> str:
        """A reminder of what is done and which files the task names: small models lose track."""
        named = list(dict.fromkeys(_FILE_NAME.findall(task)))
        checklist = ""
        if named:
            status = [f"{name} ({'exists' if self._exists(name) else 'missing'})" for name in named]
            checklist = prompts.CHECKLIST.format(files=", ".join(status))
        return prompts.PROGRESS.format(changed=", ".join(sorted(set(changed))), checklist=checklist)

    def _exists(self, path: str) -> bool:
        try:
            return self.workspace.exists(path)
        except SmallcodeError:
            return False

    def _hotter(self, temperature: float, step: int) -> Sampling:
        return self.sampling.with_(temperature=temperature, seed=(self.sampling.seed or 0) + step)

    def _execute(self, call: ToolCall) -> tuple[str, bool]:
        try:
            return self.router.get(call.name)(call.arguments), True
        except ToolError as exc:
            return f"Error: {exc}", False
