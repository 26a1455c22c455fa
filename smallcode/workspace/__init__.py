"""Workspace: a directory tools may use and cannot leave, with commands, policy and undo.

``from smallcode.workspace import Workspace, CommandResult, CommandPolicy``
"""

from .commands import CommandResult, sandbox_abi
from .core import Workspace
from .discovery import discover_test_command
from .examples import assertions_command, docstring_assertions, examples_command, task_assertions
from .policy import Approver, CommandPolicy, Decision, Verdict

__all__ = [
    "Approver",
    "CommandPolicy",
    "CommandResult",
    "Decision",
    "Verdict",
    "Workspace",
    "assertions_command",
    "discover_test_command",
    "docstring_assertions",
    "examples_command",
    "sandbox_abi",
    "task_assertions",
]
