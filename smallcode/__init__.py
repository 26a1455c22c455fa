"""smallcode: coding agents that work on small local models.

The five composable pieces are ``Runtime`` (a GGUF model in-process), ``LenientParser``,
``ToolRouter``, ``ContextBudget`` and ``Agent``; each is usable alone.
"""

from .agent import Agent, Limits, RunResult
from .context import ContextBudget, FitReport, ModelSummarizer
from .errors import (
    BudgetExceeded,
    ChecksumMismatchError,
    ContextOverflowError,
    GenerationError,
    ModelLoadError,
    ModelNotInstalledError,
    ModelOptionsError,
    ParseError,
    RemoteContextOverflowError,
    RemoteModelError,
    SandboxViolation,
    ScriptExhausted,
    SmallcodeError,
    ToolError,
    UnknownToolError,
)
from .escalation import Escalation, EscalationRequest
from .events import (
    AgentEvent,
    ContextFitted,
    Escalated,
    Event,
    Finished,
    KeptBest,
    ModelReplied,
    ModelToken,
    ParseProblem,
    Retried,
    Stuck,
    TestsRan,
    ToolFinished,
    ToolStarted,
    Validated,
)
from .messages import Completion, Message, TokenLogprob, ToolCall, ToolSpec, Usage
from .model import Grammar, KeepsState, Model, Sampling
from .parsing import LenientParser, ParseIssue, ParseResult
from .repomap import RepoMap, should_map
from .routing import ToolRouter
from .runtime import RemoteModel, RetryPolicy, Runtime, RuntimeInfo
from .testing import ScriptedModel
from .tools import Tool, tool
from .workspace import CommandPolicy, CommandResult, Workspace

__version__ = "0.1.0"

__all__ = [
    "Agent",
    "AgentEvent",
    "BudgetExceeded",
    "ChecksumMismatchError",
    "CommandPolicy",
    "CommandResult",
    "Completion",
    "ContextBudget",
    "ContextFitted",
    "ContextOverflowError",
    "Escalated",
    "Escalation",
    "EscalationRequest",
    "Event",
    "Finished",
    "FitReport",
    "GenerationError",
    "Grammar",
    "KeepsState",
    "KeptBest",
    "LenientParser",
    "Limits",
    "Message",
    "Model",
    "ModelLoadError",
    "ModelNotInstalledError",
    "ModelOptionsError",
    "ModelReplied",
    "ModelSummarizer",
    "ModelToken",
    "ParseError",
    "ParseIssue",
    "ParseProblem",
    "ParseResult",
    "RemoteContextOverflowError",
    "RemoteModel",
    "RemoteModelError",
    "RepoMap",
    "Retried",
    "RetryPolicy",
    "RunResult",
    "Runtime",
    "RuntimeInfo",
    "Sampling",
    "SandboxViolation",
    "ScriptExhausted",
    "ScriptedModel",
    "SmallcodeError",
    "Stuck",
    "TestsRan",
    "TokenLogprob",
    "Tool",
    "ToolCall",
    "ToolError",
    "ToolFinished",
    "ToolRouter",
    "ToolSpec",
    "ToolStarted",
    "UnknownToolError",
    "Usage",
    "Validated",
    "Workspace",
    "__version__",
    "should_map",
    "tool",
]
