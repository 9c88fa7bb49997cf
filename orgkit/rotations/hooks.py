"""Registries through which apps above rotations take part in its planning and hear about its
turns, without rotations importing them (docs/architecture.md, "Layers").

* A **planning provider** is asked, at every replan, for advice about a rotation's pool:
  which members may hold a turn (given to the pure engine as its eligibility hook) and which
  are preferred (they go first in the pool's order, the engine's last tie-break). The skills
  app uses it for rotations that require or prefer a skill level.
* A **shadow listener** hears that a turn with a shadow is over (at the next handover): the
  skills app logs it as a teaching session.

Providers and listeners are registered in their app's ``AppConfig.ready()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlanningAdvice:
    """``eligible``: the only members who may hold a turn (``None``: no restriction).
    ``preferred``: members who go first when the rules leave a tie."""

    eligible: frozenset | None = None
    preferred: frozenset = frozenset()


PlanningProvider = Callable[[object, list], "PlanningAdvice | None"]
ShadowListener = Callable[[object], None]

_PROVIDERS: dict[str, PlanningProvider] = {}
_SHADOW_LISTENERS: dict[str, ShadowListener] = {}


def register_planning_provider(key: str, provider: PlanningProvider) -> None:
    """``provider(rotation, member_ids)`` → :class:`PlanningAdvice` or ``None``."""
    _PROVIDERS[key] = provider


def register_shadow_listener(key: str, listener: ShadowListener) -> None:
    """``listener(turn)`` is called once a turn that had a shadow is over."""
    _SHADOW_LISTENERS[key] = listener


def planning_advice(rotation, member_ids: Iterable) -> PlanningAdvice:
    """Every provider's advice combined: eligible by all of them, preferred by any."""
    member_ids = list(member_ids)
    eligible: frozenset | None = None
    preferred: set = set()
    for key in sorted(_PROVIDERS):
        advice = _PROVIDERS[key](rotation, member_ids)
        if advice is None:
            continue
        if advice.eligible is not None:
            eligible = advice.eligible if eligible is None else eligible & advice.eligible
        preferred |= advice.preferred
    return PlanningAdvice(eligible=eligible, preferred=frozenset(preferred))


def shadow_turn_done(turn) -> None:
    """Tell every listener that ``turn`` (which had a shadow) is over. A listener that fails
    is logged and skipped: it must never stop a handover."""
    for key in sorted(_SHADOW_LISTENERS):
        try:
            with transaction.atomic():
                _SHADOW_LISTENERS[key](turn)
        except Exception:  # isolate: another app's bookkeeping must not stop the handover
            logger.exception("shadow listener %s failed for turn %s", key, turn.pk)
