"""Escalation: hand a stuck task to a bigger model, within a budget and with consent."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

from .model import Model
from .runtime import Runtime
from .testing import ScriptedModel


@dataclass(frozen=True)
class EscalationRequest:
    reason: str
    step: int
    leaves_machine: bool
    """True when the target is a model served from another machine (a cloud API, say)."""


ApproveEscalation = Callable[[EscalationRequest], bool]


def leaves_machine(model: Model) -> bool:
    """Whether prompts sent to ``model`` leave this machine. Unknown kinds of model count as leaving."""
    base_url = getattr(model, "base_url", None)
    if not isinstance(base_url, str):
        return not isinstance(model, Runtime | ScriptedModel)
    host = urlparse(base_url if "//" in base_url else f"http://{base_url}").hostname or ""
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


class Escalation:
    """When and whether the agent may use ``target`` instead of its own model.

    Local targets are used without asking. A target that leaves the machine needs ``approve`` to
    say yes; with no ``approve`` callback (non-interactive use) such an escalation is refused.
    """

    def __init__(
        self,
        target: Model,
        *,
        approve: ApproveEscalation | None = None,
        max_escalations: int = 2,
        turns: int = 3,
        min_mean_logprob: float | None = -1.0,
        max_files: int | None = 4,
    ) -> None:
        self.target = target
        self.approve = approve
        self.max_escalations = max_escalations
        self.turns = turns
        self.min_mean_logprob = min_mean_logprob
        self.max_files = max_files
        self.used = 0
        self.refused = 0
        self.remote = leaves_machine(target)

    @property
    def exhausted(self) -> bool:
        return self.used >= self.max_escalations

    def grant(self, reason: str, step: int) -> bool:
        """Ask for one escalation; True when it may go ahead (and counts against the budget)."""
        if self.exhausted:
            return False
        if self.remote:
            if self.refused:
                return False  # asked once and told no: do not ask again this session
            request = EscalationRequest(reason=reason, step=step, leaves_machine=True)
            if self.approve is None or not self.approve(request):
                self.refused += 1
                return False
        self.used += 1
        return True
