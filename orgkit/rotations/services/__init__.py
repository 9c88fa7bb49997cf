"""Writes for rotations: set-up, the pool, leave, skips, covers, swaps, feeds, handovers.

Every action that changes who holds which turn ends by replanning, so the calendar, the
reasons and the "your turn moved" emails always follow from the same engine.
"""

from orgkit.rotations.services.handovers import (
    turn_reminders_send,
    turns_hand_over,
)
from orgkit.rotations.services.pool import (
    leave_add,
    leave_delete,
    pool_join,
    pool_leave,
)
from orgkit.rotations.services.setup import (
    EDITABLE_RULES,
    rotation_create,
    rotation_deactivate,
    rotation_import_history,
    rotation_update,
)
from orgkit.rotations.services.subscriptions import (
    feed_create,
    feed_revoke,
    feed_token_hash,
    reminder_preference_set,
)
from orgkit.rotations.services.turns import (
    swap_accept,
    swap_arrange,
    swap_cancel,
    swap_decline,
    swap_request,
    swap_undo,
    turn_accept,
    turn_cover,
    turn_skip,
)

__all__ = [
    "EDITABLE_RULES",
    "feed_create",
    "feed_revoke",
    "feed_token_hash",
    "leave_add",
    "leave_delete",
    "pool_join",
    "pool_leave",
    "reminder_preference_set",
    "rotation_create",
    "rotation_deactivate",
    "rotation_import_history",
    "rotation_update",
    "swap_accept",
    "swap_arrange",
    "swap_cancel",
    "swap_decline",
    "swap_request",
    "swap_undo",
    "turn_accept",
    "turn_cover",
    "turn_reminders_send",
    "turn_skip",
    "turns_hand_over",
]
