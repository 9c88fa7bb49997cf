"""Writes for decisions. Import services from here: ``services.report_file(...)``."""

from orgkit.decisions.services.appeals import appeal_file, appeal_list, appeal_move
from orgkit.decisions.services.meetings import (
    agenda_item_propose,
    meeting_move,
    meeting_schedule,
    meeting_set_state,
    policy_set,
)
from orgkit.decisions.services.motions import (
    is_minority,
    motion_close_voting,
    motion_open_voting,
    motion_propose,
    motion_record_room_vote,
    motion_second,
    motions_close_due,
    vote_cast,
    window_extend,
)
from orgkit.decisions.services.publishing import (
    motion_publish,
    motion_publish_early,
    motions_publish_due,
)
from orgkit.decisions.services.record import record_content, record_correct, record_verify
from orgkit.decisions.services.reports import rejoinder_write, report_cosign, report_file

__all__ = [
    "agenda_item_propose",
    "appeal_file",
    "appeal_list",
    "appeal_move",
    "is_minority",
    "meeting_move",
    "meeting_schedule",
    "meeting_set_state",
    "motion_close_voting",
    "motion_open_voting",
    "motion_propose",
    "motion_publish",
    "motion_publish_early",
    "motion_record_room_vote",
    "motion_second",
    "motions_close_due",
    "motions_publish_due",
    "policy_set",
    "record_content",
    "record_correct",
    "record_verify",
    "rejoinder_write",
    "report_cosign",
    "report_file",
    "vote_cast",
    "window_extend",
]
