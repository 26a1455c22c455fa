"""One exception hierarchy: every failure the public API raises is a ``SmallcodeError``."""

from __future__ import annotations

from pathlib import Path


class SmallcodeError(Exception):
    """Base class of every error smallcode raises on purpose."""


class ModelLoadError(SmallcodeError):
    """A model file could not be loaded: missing, not GGUF, truncated, or rejected by llama.cpp."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"cannot load model {self.path}: {reason}")


class ModelNotInstalledError(SmallcodeError):
    """A registered model's packages are not installed, or its assembled bytes do not match the pin."""


class ChecksumMismatchError(ModelNotInstalledError):
    """Assembled model bytes did not hash to the pinned sha256; the file is not used."""


class GenerationError(SmallcodeError):
    """The model failed while generating (llama.cpp error, closed runtime, remote failure)."""


class ContextOverflowError(GenerationError):
    """The prompt plus the requested output does not fit the model's context window."""

    def __init__(self, prompt_tokens: int, max_tokens: int, window: int) -> None:
        self.prompt_tokens = prompt_tokens
        self.max_tokens = max_tokens
        self.window = window
        super().__init__(
            f"prompt of {prompt_tokens} tokens + {max_tokens} output tokens exceeds the {window}-token window"
        )


class ParseError(SmallcodeError):
    """Text could not be turned into a tool call (the parser normally reports issues instead)."""


class ToolError(SmallcodeError):
    """A tool was called wrongly or failed; the message is written for the model to act on."""


class UnknownToolError(ToolError):
    """The model named a tool that does not exist."""


class SandboxViolation(ToolError):
    """A path or command tried to leave the workspace or break its policy."""


class BudgetExceeded(SmallcodeError):
    """A hard limit (context, steps, tokens, time) cannot be honoured."""


class ScriptExhausted(SmallcodeError):
    """A ScriptedModel was asked for more replies than it was given."""


__all__ = [
    "BudgetExceeded",
    "ChecksumMismatchError",
    "ContextOverflowError",
    "GenerationError",
    "ModelLoadError",
    "ModelNotInstalledError",
    "ParseError",
    "SandboxViolation",
    "ScriptExhausted",
    "SmallcodeError",
    "ToolError",
    "UnknownToolError",
]
