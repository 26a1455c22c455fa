"""ContextBudget: keeps every prompt inside the model's context window."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence

from ..errors import BudgetExceeded, SmallcodeError
from ..messages import Message, ToolSpec
from ..model import Model
from .capping import DEFAULT_HINT, cap_text
from .counting import (
    MessageCosts,
    MessageKey,
    TokenCounter,
    ToolCosts,
    ToolCounter,
    estimate_tool_counter,
    model_tool_counter,
)
from .history import History, PlanMatcher, Unit, eviction_stub, is_plan, shrink_arguments
from .report import (
    ArgumentsShrunk,
    FitAction,
    FitReport,
    Fitted,
    HistoryCompacted,
    RecentTrimmed,
    ResultEvicted,
)
from .summary import Summarizer, digest

SUMMARY_NAME = "summary"
SUMMARY_PREFIX = "Summary of earlier steps"
SUMMARY_HEADER = SUMMARY_PREFIX + " ({count} messages compacted to fit the context):\n"
_REMEMBERED = 4096  # decisions and summaries kept for re-use across fits


class _Work:
    """A fit in progress: the current version of every message and its cached marginal cost."""

    def __init__(self, history: History, costs: MessageCosts) -> None:
        self.history = history
        self.costs = costs
        self.current = list(history.messages)
        self.cost = [costs.marginal(m) for m in self.current]
        self.changed: set[int] = set()
        self.removed: set[int] = set()
        self.summary: Message | None = None
        self.summary_cost = 0
        self.sum = sum(self.cost)

    def free(self, index: int) -> bool:
        """Not pinned, not compacted and not changed yet."""
        return index not in self.history.pinned and index not in self.removed and index not in self.changed

    def replace(self, index: int, message: Message) -> tuple[int, int]:
        before, after = self.cost[index], self.costs.marginal(message)
        self.current[index], self.cost[index] = message, after
        self.sum += after - before
        self.changed.add(index)
        return before, after

    def compact(self, indices: Iterable[int], summary: Message) -> None:
        for index in indices:
            if index not in self.removed:
                self.removed.add(index)
                self.sum -= self.cost[index]
        self.sum -= self.summary_cost
        self.summary, self.summary_cost = summary, self.costs.marginal(summary)
        self.sum += self.summary_cost

    def messages(self) -> list[Message]:
        at = min(self.removed) if self.removed else -1
        out: list[Message] = []
        for index, message in enumerate(self.current):
            if index == at and self.summary is not None:
                out.append(self.summary)
            if index not in self.removed:
                out.append(message)
        return out

    def total(self) -> int:
        """Estimated tokens: the first message's full cost (template preamble and generation
        prompt) plus the marginal cost of every other message."""
        if not self.current:
            return 0
        first = self.summary if 0 in self.removed and self.summary is not None else self.current[0]
        return self.sum - self.costs.marginal(first) + self.costs.first(first)


class ContextBudget:
    """Caps tool results and fits the history into ``window - reserve_for_output`` tokens.

    ``fit`` runs before every model call. When the messages are over the limit it, in order,
    shrinks long arguments of old tool calls, evicts old tool results to stubs and compacts older
    exchanges into one summary, until the prompt is ``headroom`` below the limit (so the next few
    calls fit unchanged and the model's KV cache keeps the prefix). It never changes the system
    prompt, the first user message (the task), the latest plan or the last ``keep_recent``
    exchanges, unless nothing else is left; it never separates a tool call from its result.

    ``counter`` counts a conversation's prompt tokens; a model's ``count_tokens`` is exact. Costs
    are cached per message and the final prompt is checked once with the full counter.
    One budget belongs to one conversation at a time (it remembers its decisions); not thread-safe.
    """

    def __init__(
        self,
        window: int,
        *,
        counter: TokenCounter,
        reserve_for_output: int = 1024,
        tool_result_limit: int | None = None,
        tool_counter: ToolCounter | None = None,
        summarizer: Summarizer | None = None,
        keep_recent: int = 4,
        headroom: float = 0.25,
        safety_margin: float = 0.0,
        argument_limit: int = 240,
        summary_tokens: int | None = None,
        plan: PlanMatcher = is_plan,
        verify: bool = True,
        on_fit: Callable[[FitReport], None] | None = None,
    ) -> None:
        """``tool_result_limit`` is in characters (default: a quarter of the prompt limit in
        tokens, at 3 characters a token). ``safety_margin`` is a fraction of the window kept free
        for an estimating counter's error. ``summarizer`` writes the summaries of compacted
        history (e.g. ``ModelSummarizer(model)``); without one, or when it fails, a
        deterministic digest is used."""
        if window <= 0:
            raise ValueError("window must be positive")
        if not 0 <= reserve_for_output < window:
            raise ValueError("reserve_for_output must be smaller than the window")
        if keep_recent < 1 or not 0.0 <= headroom < 0.9 or not 0.0 <= safety_margin < 0.5:
            raise ValueError("need keep_recent >= 1, 0 <= headroom < 0.9 and 0 <= safety_margin < 0.5")
        if argument_limit < 80:
            raise ValueError("argument_limit must be at least 80 characters")
        self.window = window
        self.counter = counter
        self.reserve_for_output = reserve_for_output
        self.tool_result_tokens = max(32, self.prompt_limit // 4)
        self.tool_result_limit = tool_result_limit or self.tool_result_tokens * 3
        self.summarizer = summarizer
        self.keep_recent = keep_recent
        self.headroom = headroom
        self.safety_margin = safety_margin
        self.argument_limit = argument_limit
        self.summary_tokens = summary_tokens or max(48, self.prompt_limit // 8)
        self.plan = plan
        self.verify = verify
        self.on_fit = on_fit
        self.last_report: FitReport | None = None
        self.correction = 1.0
        """How much the model's real prompt counts exceeded this counter's (see ``observe``)."""
        self._costs = MessageCosts(counter)
        self._tool_costs = ToolCosts(tool_counter or estimate_tool_counter())
        self._decisions: OrderedDict[MessageKey, Message] = OrderedDict()
        # The last compaction: the indices it covered, their keys, and the summary that replaced them.
        self._compaction: tuple[tuple[int, ...], tuple[MessageKey, ...], Message] | None = None
        self._summaries: OrderedDict[tuple[MessageKey, ...], tuple[str, bool, str | None]] = OrderedDict()

    @classmethod
    def for_model(
        cls,
        model: Model,
        *,
        reserve_for_output: int | None = None,
        tool_result_limit: int | None = None,
        summarizer: Summarizer | None = None,
        keep_recent: int = 4,
        headroom: float = 0.25,
        safety_margin: float | None = None,
        on_fit: Callable[[FitReport], None] | None = None,
    ) -> ContextBudget:
        """A budget for ``model``: its window and its own counter. A local ``Runtime`` counts
        exactly; any other model's count is treated as an estimate and gets a 10% margin."""
        from ..runtime import Runtime

        window = model.context_window
        exact = isinstance(model, Runtime)
        return cls(
            window,
            counter=model.count_tokens,
            reserve_for_output=min(1024, window // 4) if reserve_for_output is None else reserve_for_output,
            tool_result_limit=tool_result_limit,
            tool_counter=model_tool_counter(model.count_tokens),
            summarizer=summarizer,
            keep_recent=keep_recent,
            headroom=headroom,
            safety_margin=(0.0 if exact else 0.1) if safety_margin is None else safety_margin,
            on_fit=on_fit,
        )

    @property
    def prompt_limit(self) -> int:
        return self.window - self.reserve_for_output

    def tokens(self, messages: Sequence[Message]) -> int:
        """The cached per-message estimate of what ``messages`` cost (no full count)."""
        return self._costs.total(messages)

    def observe(
        self, messages: Sequence[Message], prompt_tokens: int, *, tools: Sequence[ToolSpec] = ()
    ) -> float:
        """Calibrate an estimating counter with a count the model reported (``usage.prompt_tokens``
        of a reply to ``messages``, or the size a context-length error named). Later fits aim lower
        by the largest ratio seen; an exact counter stays at 1.0. Returns that correction."""
        counted = self._costs.total(messages) + self._tool_costs(tools)
        if counted > 0:
            self.correction = max(self.correction, prompt_tokens / counted)
        return self.correction

    def reset(self) -> None:
        """Forget the decisions of earlier fits (start of a new conversation)."""
        self._decisions.clear()
        self._compaction = None
        self._summaries.clear()
        self.last_report = None

    # -- capping ------------------------------------------------------------------------------

    def cap(self, text: str, *, hint: str = DEFAULT_HINT) -> str:
        """Keep the head and tail of a long tool result within ``tool_result_limit`` characters
        and ``tool_result_tokens`` tokens, with a marker saying what was cut and how to see it."""
        capped = cap_text(text, self.tool_result_limit, hint=hint)
        for _ in range(3):
            # Every token is at least one byte: short texts need no count.
            if len(capped.encode()) <= self.tool_result_tokens:
                break
            tokens = self._costs.text(capped)
            if tokens <= self.tool_result_tokens:
                break
            capped = cap_text(text, int(len(capped) * self.tool_result_tokens / tokens * 0.9), hint=hint)
        return capped

    # -- fitting ------------------------------------------------------------------------------

    def fit(
        self, messages: Sequence[Message], *, tools: Sequence[ToolSpec] = (), overhead: int = 0
    ) -> list[Message]:
        """``messages`` made to fit; ``tools`` are the schemas the call will send and ``overhead``
        any other prompt tokens the caller adds. The report is kept in ``last_report``."""
        return self.fit_with_report(messages, tools=tools, overhead=overhead).messages

    def fit_with_report(
        self, messages: Sequence[Message], *, tools: Sequence[ToolSpec] = (), overhead: int = 0
    ) -> Fitted:
        """Like ``fit``, with the report of what was done. Raises ``BudgetExceeded`` only when
        even the minimal prompt (pinned messages and the latest exchange, cut down) cannot fit."""
        calls = self._costs.calls
        fixed = self._tool_costs(tools) + overhead
        usable = self.prompt_limit - int(self.window * self.safety_margin)
        limit = int(usable / self.correction) - fixed
        if limit <= 0:
            raise BudgetExceeded(
                f"tools and overhead take {fixed} tokens; nothing is left of the {self.window}-token "
                f"window after reserving {self.reserve_for_output} for output"
            )
        work = _Work(History(messages, self.plan), self._costs)
        before = work.total()
        actions: list[FitAction] = []
        reapplied = self._reapply(work, limit)
        goal = limit
        for _ in range(4):
            if work.total() > goal:
                self._make_room(work, goal, actions)
            fitted = work.messages()
            if not self.verify:
                after, exact = work.total(), False
                break
            after, exact = (self._costs.count(fitted) if fitted else 0), True
            if after <= limit:
                break
            # The per-message sum under-counted this template: aim lower by the difference.
            goal = min(goal - 1, limit - (after - work.total()))
        else:
            raise BudgetExceeded(f"the prompt still counts {after} tokens, over the limit of {limit}")
        report = FitReport(
            window=self.window,
            reserve_for_output=self.reserve_for_output,
            overhead=fixed,
            limit=limit,
            tokens_before=before,
            tokens_after=after,
            exact=exact,
            actions=tuple(actions),
            reapplied=reapplied,
            counter_calls=self._costs.calls - calls,
        )
        self.last_report = report
        if self.on_fit is not None:
            self.on_fit(report)
        return Fitted(fitted, report)

    def _tail_start(self, work: _Work, keep: int, goal: int) -> int:
        """Where the protected recent exchanges begin: the last ``keep`` unpinned units, but no
        more of them than fit in half the goal (the latest one always counts as recent)."""
        free = [unit for unit in work.history.units if not unit.pinned]
        start, used = len(work.current), 0
        for count, unit in enumerate(reversed(free)):
            cost = sum(work.cost[i] for i in unit.indices())
            if count >= keep or (count and used + cost > goal // 2):
                break
            start, used = unit.start, used + cost
        return start

    def _reapply(self, work: _Work, goal: int) -> int:
        """Apply earlier decisions that still concern these messages, outside the recent tail."""
        history = work.history
        tail = self._tail_start(work, self.keep_recent, goal)
        applied = 0
        for index in range(tail):
            if index in history.pinned:
                continue
            replacement = self._decisions.get(self._costs.key(history.messages[index]))
            if replacement is not None:
                work.replace(index, replacement)
                applied += 1
        if self._compaction is not None:
            indices, fingerprint, summary = self._compaction
            covered = set(indices)
            for unit in history.units:
                inside = sum(1 for i in unit.indices() if i in covered)
                if inside and (inside < len(unit.indices()) or unit.pinned or unit.end >= tail):
                    return applied  # the conversation changed under the old compaction
            if indices[-1] < len(history.messages) and fingerprint == tuple(
                self._costs.key(history.messages[i]) for i in indices
            ):
                work.compact(indices, summary)
                applied += 1
        return applied

    def _remember(self, original: Message, replacement: Message) -> None:
        self._decisions[self._costs.key(original)] = replacement
        if len(self._decisions) > _REMEMBERED:
            self._decisions.popitem(last=False)

    def _make_room(self, work: _Work, goal: int, actions: list[FitAction]) -> None:
        target = int(goal * (1.0 - self.headroom))
        for keep in dict.fromkeys((self.keep_recent, 1)):
            tail = self._tail_start(work, keep, goal)
            if self._shrink_arguments(work, tail, target, actions):
                return
            if self._evict_results(work, tail, target, actions):
                return
            self._compact(work, tail, target, actions)
            if work.total() <= goal:
                return
        self._trim_recent(work, goal, actions)
        if work.total() > goal:
            raise BudgetExceeded(
                f"even the minimal prompt (system prompt, task, plan and the latest exchange cut "
                f"down) needs {work.total()} tokens; {goal} fit in the {self.window}-token window "
                f"after reserving {self.reserve_for_output} for output"
            )

    def _shrink_arguments(self, work: _Work, tail: int, target: int, actions: list[FitAction]) -> bool:
        for index in range(tail):
            message = work.current[index]
            if not (message.role == "assistant" and message.tool_calls and work.free(index)):
                continue
            shrunk = shrink_arguments(message, self.argument_limit)
            if shrunk is None:
                continue
            before, after = work.replace(index, shrunk)
            self._remember(work.history.messages[index], shrunk)
            call = message.tool_calls[0]
            actions.append(ArgumentsShrunk(call.id, call.name, before, after))
            if work.total() <= target:
                return True
        return work.total() <= target

    def _evict_results(self, work: _Work, tail: int, target: int, actions: list[FitAction]) -> bool:
        for index in range(tail):
            message = work.current[index]
            if message.role != "tool" or not work.free(index):
                continue
            call = work.history.call_of(message)
            stub = eviction_stub(message, call, work.cost[index])
            if self._costs.marginal(stub) >= work.cost[index]:
                continue
            before, after = work.replace(index, stub)
            self._remember(work.history.messages[index], stub)
            tool = call.name if call is not None else message.name or "tool"
            actions.append(ResultEvicted(message.tool_call_id or "", tool, stub.content, before, after))
            if work.total() <= target:
                return True
        return work.total() <= target

    def _compact(self, work: _Work, tail: int, target: int, actions: list[FitAction]) -> None:
        """Compact every older exchange at once: summaries cost a summarizer call and change the
        prompt prefix, so they should be rare."""
        pending = [
            u for u in work.history.units if u.end < tail and not u.pinned and u.start not in work.removed
        ]
        if pending and work.total() > target:
            self._compact_units(work, pending, actions)

    def _compact_units(self, work: _Work, chosen: list[Unit], actions: list[FitAction]) -> None:
        fresh = [i for unit in chosen for i in unit.indices()]
        indices = tuple(sorted(work.removed.union(fresh)))
        fingerprint = tuple(self._costs.key(work.history.messages[i]) for i in indices)
        previous = None
        if work.summary is not None and work.summary.content.startswith(SUMMARY_PREFIX):
            previous = work.summary.content.split("\n", 1)[-1]
        cached = self._summaries.get(fingerprint)
        if cached is None:
            cached = self._summarize(previous, [work.history.messages[i] for i in fresh])
            self._summaries[fingerprint] = cached
            if len(self._summaries) > 64:
                self._summaries.popitem(last=False)
        text, by_model, error = cached
        summary = Message(
            role="user", name=SUMMARY_NAME, content=SUMMARY_HEADER.format(count=len(indices)) + text
        )
        before = work.total()
        work.compact(indices, summary)
        self._compaction = (indices, fingerprint, summary)
        actions.append(
            HistoryCompacted(len(fresh), before, work.total(), "model" if by_model else "digest", error)
        )

    def _summarize(self, previous: str | None, messages: list[Message]) -> tuple[str, bool, str | None]:
        error: str | None = None
        if self.summarizer is not None:
            try:
                text = self.summarizer(previous, messages, self.summary_tokens).strip()
            except SmallcodeError as exc:
                error = f"{type(exc).__name__}: {exc}"
            else:
                if not text:
                    error = "the summarizer returned nothing"
                elif self._costs.text(text) > self.summary_tokens * 5 // 4:
                    error = "the summarizer's text was longer than summary_tokens"
                else:
                    return text, True, None
        text = digest(previous, messages, self.summary_tokens)
        measured = self._costs.text(text)
        if measured > self.summary_tokens:  # text that tokenizes densely
            text = digest(previous, messages, self.summary_tokens * self.summary_tokens // measured)
        return text, False, error

    def _trim_recent(self, work: _Work, goal: int, actions: list[FitAction]) -> None:
        """The last resort: cut whatever is left (largest first) to head and tail, then the summary."""
        for _ in range(2):
            order = sorted(
                (
                    i
                    for i in range(len(work.current))
                    if i not in work.history.pinned and i not in work.removed
                ),
                key=lambda i: -work.cost[i],
            )
            for index in order:
                excess = work.total() - goal
                if excess <= 0:
                    return
                message = work.current[index]
                if message.tool_calls:
                    shrunk = shrink_arguments(message, self.argument_limit)
                    if shrunk is not None:
                        before, after = work.replace(index, shrunk)
                        actions.append(RecentTrimmed(index, before, after))
                        continue
                if len(message.content) < 200:
                    continue
                keep = max(16, work.cost[index] - excess - 16)
                chars = max(100, len(message.content) * keep // max(1, work.cost[index]))
                cut = message.model_copy(update={"content": cap_text(message.content, chars)})
                if cut.content != message.content:
                    before, after = work.replace(index, cut)
                    actions.append(RecentTrimmed(index, before, after))
        if work.total() > goal and work.summary is not None:
            note = f"[{len(work.removed)} earlier messages were compacted to fit the context]"
            work.compact((), Message(role="user", name=SUMMARY_NAME, content=note))
