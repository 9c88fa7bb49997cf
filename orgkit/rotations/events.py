"""The rotations app's audit verbs, and the phrase the log shows for each.

The log shows the actor's name and then the phrase, so phrases are predicates ("accepted the
turn …"); the one verb the system writes on its own (``PLAN_CHANGED``) names its target first.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class RotationEvent(StrEnum):
    ROTATION_CREATED = "rotations.rotation.created"
    ROTATION_UPDATED = "rotations.rotation.updated"
    ROTATION_STOPPED = "rotations.rotation.stopped"
    HISTORY_IMPORTED = "rotations.history.imported"
    PLAN_CHANGED = "rotations.plan.changed"
    POOL_JOINED = "rotations.pool.joined"
    POOL_LEFT = "rotations.pool.left"
    LEAVE_ADDED = "rotations.leave.added"
    LEAVE_REMOVED = "rotations.leave.removed"
    TURN_ACCEPTED = "rotations.turn.accepted"
    TURN_SKIPPED = "rotations.turn.skipped"
    TURN_COVERED = "rotations.turn.covered"
    TURN_TAKEN = "rotations.turn.taken"
    SWAP_REQUESTED = "rotations.swap.requested"
    SWAP_ACCEPTED = "rotations.swap.accepted"
    SWAP_DECLINED = "rotations.swap.declined"
    SWAP_CANCELLED = "rotations.swap.cancelled"
    SWAP_UNDONE = "rotations.swap.undone"
    SWAP_ARRANGED = "rotations.swap.arranged"
    SWAP_LAPSED = "rotations.swap.lapsed"
    FEED_CREATED = "rotations.feed.created"
    FEED_REVOKED = "rotations.feed.revoked"


E = RotationEvent

_COVERED = _("covered the turn {target} for {for}, who keeps their place")
_TAKEN = _("took the open turn {target}")


class _CoverText(str):
    """The cover phrase, as ``describe_event`` formats it. Covers logged before taking an open
    turn had a verb of its own stored ``for: None``; they read as taking the open turn, not as
    "covered … for None"."""

    def format(self, *args, **kwargs) -> str:
        if kwargs.get("for") is None:
            return str(_TAKEN).format(*args, **kwargs)
        return str.format(str(self), *args, **kwargs)


class _CoverPhrase:
    def __str__(self) -> str:
        return _CoverText(str(_COVERED))


PHRASES = {
    E.ROTATION_CREATED: _("made {target} rotate ({pool} in the pool)"),
    E.ROTATION_UPDATED: _("changed the rotation rules of {target}"),
    E.ROTATION_STOPPED: _("stopped rotating {target}"),
    E.HISTORY_IMPORTED: _("recorded {turns} past turns of {target} from the role's history"),
    E.PLAN_CHANGED: _("{target}: the plan changed, and members whose turns moved were told"),
    E.POOL_JOINED: _("added {name} to the rotation pool of {target}"),
    E.POOL_LEFT: _("took {name} out of the rotation pool of {target}"),
    E.LEAVE_ADDED: _("recorded leave for {name} from {start} to {end}"),
    E.LEAVE_REMOVED: _("removed leave recorded for {target}"),
    E.TURN_ACCEPTED: _("accepted the turn {target}"),
    E.TURN_SKIPPED: _("recorded that {name} skips the turn {target} and keeps their place"),
    E.TURN_COVERED: _CoverPhrase(),
    E.TURN_TAKEN: _TAKEN,
    E.SWAP_REQUESTED: _("asked for a swap of turns between {from} and {to} ({target})"),
    E.SWAP_ACCEPTED: _("accepted a swap of turns ({target})"),
    E.SWAP_DECLINED: _("declined a swap of turns ({target})"),
    E.SWAP_CANCELLED: _("withdrew a request to swap turns ({target})"),
    E.SWAP_UNDONE: _("undid a swap of turns ({target})"),
    E.SWAP_ARRANGED: _("arranged a swap of one turn each between {from} and {to} ({target})"),
    E.SWAP_LAPSED: _(
        "swap request {target}: closed on its own, as a turn it named was given away, "
        "skipped or has started"
    ),
    E.FEED_CREATED: _("made a calendar address"),
    E.FEED_REVOKED: _("revoked a calendar address"),
}
