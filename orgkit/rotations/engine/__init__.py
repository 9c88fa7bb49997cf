"""Pure rotation planning engine: no Django, no database, no clock.

The Django side fetches the facts (pool, history, ledger, leave, existing turns), calls
:func:`plan_rotation`, and persists the plan. See ``docs/rotation-engine.md``.
"""

from .cadence import Cadence, CadenceUnit, TurnSlot, turn_slots
from .checks import rule_violations
from .errors import RotationError, RotationInputError, RotationRuleError
from .fairness import FairnessReport, MemberTally, balance_score, fairness_report
from .overrides import cover, override_turns, swap
from .planner import plan_changes, plan_rotation, plan_rotation_naive
from .types import (
    BlockCause,
    EligibilityHook,
    ExistingTurn,
    KeptPlace,
    Leave,
    MemberId,
    PastTurn,
    Plan,
    PlanInput,
    PlannedTurn,
    PlanningWindow,
    PoolMember,
    Reason,
    ReasonCode,
    RotationRules,
    RuleViolation,
    TurnChange,
    TurnOutcome,
)

__all__ = [
    "BlockCause",
    "Cadence",
    "CadenceUnit",
    "EligibilityHook",
    "ExistingTurn",
    "FairnessReport",
    "KeptPlace",
    "Leave",
    "MemberId",
    "MemberTally",
    "PastTurn",
    "Plan",
    "PlanInput",
    "PlannedTurn",
    "PlanningWindow",
    "PoolMember",
    "Reason",
    "ReasonCode",
    "RotationError",
    "RotationInputError",
    "RotationRuleError",
    "RotationRules",
    "RuleViolation",
    "TurnChange",
    "TurnOutcome",
    "TurnSlot",
    "balance_score",
    "cover",
    "fairness_report",
    "override_turns",
    "plan_changes",
    "plan_rotation",
    "plan_rotation_naive",
    "rule_violations",
    "swap",
    "turn_slots",
]
