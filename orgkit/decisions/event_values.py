"""How the log names the codes decisions' audit events store (core/audit.py)."""

from __future__ import annotations

from orgkit.decisions.events import DecisionEvent as E
from orgkit.decisions.models import Appeal, Motion
from orgkit.decisions.services.record import REASONS

VALUES = {
    E.MOTION_DECIDED: {"outcome": dict(Motion.Outcome.choices)},
    E.RECORD_VERSIONED: {"reason": REASONS},
    E.APPEAL_MOVED: {"to": dict(Appeal.State.choices)},
}
