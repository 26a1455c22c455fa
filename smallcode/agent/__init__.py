"""Agent: the loop of model -> action -> tool -> result, with an improvement loop around it.

Every edit is validated, tests run when the project has them, stuck patterns get a remedy ladder
(a corrective message, then hotter sampling, then escalation), and finishing requires the checks to
pass (or a second, explained finish).
"""

from .core import Agent
from .state import Limits, RunResult, StopReason

__all__ = ["Agent", "Limits", "RunResult", "StopReason"]
