"""Who may end someone else's elected post or membership: a registry the apps above fill.

The organizations app knows no decisions. An app above it (the decisions app) registers a
guard here; organizations calls :func:`check_removal` before an organizer ends an elected
holder's post or records that another member left, and the guard refuses unless a recorded
decision is being carried out. A holder resigning, or a member leaving, is never checked:
anyone may step down at any time. With no guard registered nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable

_GUARDS: list[Callable[..., None]] = []

ELECTED_ROLE = "elected_role"
MEMBERSHIP = "membership"


def register_removal_guard(guard: Callable[..., None]) -> None:
    """``guard(actor=, member=, kind=, role=)`` raises a ServiceError to refuse."""
    if guard not in _GUARDS:
        _GUARDS.append(guard)


def check_removal(*, actor, member, kind: str, role=None) -> None:
    """Ask every registered guard whether ``actor`` may remove ``member`` (``kind`` is
    :data:`ELECTED_ROLE` or :data:`MEMBERSHIP`); a guard that refuses raises."""
    for guard in _GUARDS:
        guard(actor=actor, member=member, kind=kind, role=role)
