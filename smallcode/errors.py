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


class ModelOptionsError(SmallcodeError):
    """Options were given for a model that cannot take them (a local model's options for a server)."""


class VocabularyMismatchError(ModelLoadError):
    """A draft model for speculative decoding does not share the target model's vocabulary."""


class InvalidArgumentsError(ToolError):
    """A tool call's arguments do not match the tool's schema; the message says how to fix them."""


class BenchmarkError(SmallcodeError):
    """A benchmark could not run: a missing dataset file, an unusable model spec or results file."""


class TaskFormatError(BenchmarkError):
    """A benchmark task directory or ``task.toml`` does not follow the task format."""


class RemoteModelError(GenerationError):
    """An OpenAI-compatible server failed or refused a request (after the last retry, if retried)."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        body: str = "",
        attempts: int = 1,
        retry_after: float | None = None,
        partial_text: str = "",
    ) -> None:
        self.status = status
        self.body = body
        """The start of the server's answer (at most 500 characters)."""
        self.attempts = attempts
        self.retry_after = retry_after
        self.partial_text = partial_text
        """Text that arrived before a streamed reply broke off."""
        super().__init__(message)


class RemoteContextOverflowError(ContextOverflowError):
    """A server said the prompt plus the requested output does not fit its context window."""

    def __init__(
        self, prompt_tokens: int, max_tokens: int, window: int, *, status: int | None = None, body: str = ""
    ) -> None:
        self.status = status
        self.body = body
        super().__init__(prompt_tokens, max_tokens, window)


__all__ = [
    "BenchmarkError",
    "BudgetExceeded",
    "ChecksumMismatchError",
    "ContextOverflowError",
    "GenerationError",
    "InvalidArgumentsError",
    "ModelLoadError",
    "ModelNotInstalledError",
    "ParseError",
    "RemoteContextOverflowError",
    "RemoteModelError",
    "SandboxViolation",
    "ScriptExhausted",
    "SmallcodeError",
    "TaskFormatError",
    "ToolError",
    "UnknownToolError",
    "VocabularyMismatchError",
]
