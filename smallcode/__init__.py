"""smallcode: coding agents that work on small local models.

The five composable pieces are ``Runtime`` (a GGUF model in-process), ``LenientParser``,
``ToolRouter``, ``ContextBudget`` and ``Agent``; each is usable alone.
"""

from .agent import Agent, RunResult
from .context import ContextBudget
from .errors import (
    BudgetExceeded,
    ChecksumMismatchError,
    ContextOverflowError,
    GenerationError,
    ModelLoadError,
    ModelNotInstalledError,
    ParseError,
    SandboxViolation,
    ScriptExhausted,
    SmallcodeError,
    ToolError,
    UnknownToolError,
)
from .events import Event, Finished, ModelReplied, ParseProblem, ToolFinished, ToolStarted
from .messages import Completion, Message, TokenLogprob, ToolCall, ToolSpec, Usage
from .model import Grammar, Model, Sampling
from .parsing import LenientParser, ParseIssue, ParseResult
from .routing import ToolRouter
from .runtime import Runtime, RuntimeInfo
from .testing import ScriptedModel
from .tools import Tool, tool
from .workspace import Workspace

__version__ = "0.1.0"

__all__ = [
    "Agent",
    "BudgetExceeded",
    "ChecksumMismatchError",
    "Completion",
    "ContextBudget",
    "ContextOverflowError",
    "Event",
    "Finished",
    "GenerationError",
    "Grammar",
    "LenientParser",
    "Message",
    "Model",
    "ModelLoadError",
    "ModelNotInstalledError",
    "ModelReplied",
    "ParseError",
    "ParseIssue",
    "ParseProblem",
    "ParseResult",
    "RunResult",
    "Runtime",
    "RuntimeInfo",
    "Sampling",
    "SandboxViolation",
    "ScriptExhausted",
    "ScriptedModel",
    "SmallcodeError",
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
    "Workspace",
    "__version__",
    "tool",
]
