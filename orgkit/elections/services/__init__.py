"""Writes for elections. Import services from here: ``services.ballot_cast(...)``."""

from orgkit.elections.services.apportionment import (
    apportionment_create,
    branch_membership,
    election_seat_delegates,
)
from orgkit.elections.services.elections import (
    EDITABLE_IN_DRAFT,
    election_cancel,
    election_close,
    election_create,
    election_open_nominations,
    election_open_voting,
    election_remind_non_voters,
    election_send_notice,
    election_update,
)
from orgkit.elections.services.imports import (
    election_import,
    election_import_preview,
    election_import_recount,
)
from orgkit.elections.services.nominations import (
    candidate_consent,
    candidate_nominate,
    candidate_second,
    candidate_withdraw,
)
from orgkit.elections.services.protests import (
    observer_name,
    protest_answer,
    protest_deadline,
    protest_lodge,
)
from orgkit.elections.services.results import (
    election_count,
    election_recount,
    elections_count_closed,
)
from orgkit.elections.services.schedule import (
    elections_close_due,
    elections_open_due,
    elections_remind_due,
)
from orgkit.elections.services.voting import (
    ballot_cast,
    ballot_choices,
    ballot_paper,
    new_receipt_code,
)

__all__ = [
    "election_cancel",
    "apportionment_create",
    "branch_membership",
    "election_seat_delegates",
    "ballot_cast",
    "ballot_choices",
    "ballot_paper",
    "candidate_consent",
    "candidate_nominate",
    "candidate_second",
    "candidate_withdraw",
    "election_close",
    "election_count",
    "election_create",
    "election_import",
    "election_import_preview",
    "election_import_recount",
    "EDITABLE_IN_DRAFT",
    "election_update",
    "election_open_nominations",
    "election_open_voting",
    "election_recount",
    "election_remind_non_voters",
    "election_send_notice",
    "elections_remind_due",
    "elections_close_due",
    "elections_count_closed",
    "elections_open_due",
    "new_receipt_code",
    "observer_name",
    "protest_answer",
    "protest_deadline",
    "protest_lodge",
]
