"""Inviting many people at once, from a pasted list or an uploaded CSV (name, email, branch).

The same list goes through two steps: :func:`invitations_bulk_check` reads it and says, row by
row, what is wrong (nothing is written); :func:`invitations_bulk_create` checks it again and
invites everyone in **one transaction** — all or nobody. A list with bad rows is refused as a
whole (:class:`BulkInvitationRefused`, carrying the checked rows) unless the organizer
explicitly drops the bad rows. Emails are queued in the outbox inside that transaction and
sent only after it commits, as with a single invitation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orgkit.core.errors import ServiceError
from orgkit.organizations.invite_csv import ListProblem, ListRow, decode, parse
from orgkit.organizations.models import Branch, Invitation, Member
from orgkit.organizations.services.checks import require_organizer
from orgkit.organizations.services.invitations import invitation_write

# What each row problem says, beside the row.
ROW_PROBLEMS = {
    "bad_email": gettext_lazy("not a valid email address"),
    "unknown_branch": gettext_lazy("no branch of this name"),
    "duplicate": gettext_lazy("the same address is on an earlier row"),
    "already_member": gettext_lazy("already a member"),
}


def _list_problem_message(problem: ListProblem) -> str:
    messages = {
        "too_big": _("The list is larger than %(limit)s kB. Split it into several smaller lists."),
        "too_many": _(
            "The list has more than %(limit)s rows. Split it into several smaller lists."
        ),
        "empty": _("The list is empty: give one person per line (name, email, branch)."),
        "unreadable": _(
            "This file cannot be read as a CSV. In your spreadsheet choose “Save as…” and "
            "“CSV UTF-8 (comma delimited)”, or paste the rows instead."
        ),
    }
    return messages.get(problem.code, messages["unreadable"]) % problem.facts


def invitation_list_text(*, data: bytes) -> str:
    """The text of an uploaded list, or a ServiceError (field ``file``) saying why not."""
    try:
        return decode(data)
    except ListProblem as problem:
        raise ServiceError(_list_problem_message(problem), field="file") from None


@dataclass
class BulkInvitationPlan:
    """A checked list: every row with its problems, and the branches matched by row line."""

    rows: list[ListRow]
    branches: dict[int, Branch]

    @property
    def good(self) -> list[ListRow]:
        return [row for row in self.rows if row.ok]

    @property
    def bad(self) -> list[ListRow]:
        return [row for row in self.rows if not row.ok]


def row_problem_words(row: ListRow) -> list[str]:
    """The row's problems in words, in the active language."""
    return [str(ROW_PROBLEMS[code]) for code in row.problems]


class BulkInvitationRefused(ServiceError):
    """The list has bad rows and they were not dropped: nobody was invited."""

    def __init__(self, plan: BulkInvitationPlan) -> None:
        bad = len(plan.bad)
        super().__init__(
            _(
                "Nobody was invited: %(bad)s of %(total)s rows need fixing. Correct them, or "
                "drop them and invite the others."
            )
            % {"bad": bad, "total": len(plan.rows)},
            field="text",
            code="bad_rows",
        )
        self.plan = plan


def _branch_lookup(organization) -> dict[str, Branch]:
    lookup: dict[str, Branch] = {}
    for branch in Branch.objects.filter(organization=organization):
        lookup[branch.slug] = branch
        lookup[branch.name.strip().casefold()] = branch
    return lookup


def _email_ok(email: str) -> bool:
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def invitations_bulk_check(*, actor: Member, text: str) -> BulkInvitationPlan:
    """Read a list of people (pasted or decoded CSV) and mark each row's problems: a bad email
    address, an unknown branch, an address on an earlier row, someone already a member.

    Writes nothing. A list that cannot be read at all raises ServiceError (field ``text``).
    Three queries, whatever the length of the list.
    """
    require_organizer(actor)
    try:
        rows = parse(text or "")
    except ListProblem as problem:
        raise ServiceError(_list_problem_message(problem), field="text") from None
    org = actor.organization
    for row in rows:
        row.email = row.email.strip().strip("<>").lower()
    members = set(
        Member.objects.active()
        .filter(organization=org, user__email__in=[r.email for r in rows])
        .values_list("user__email", flat=True)
    )
    branch_by_name = _branch_lookup(org)
    branches: dict[int, Branch] = {}
    seen: set[str] = set()
    for row in rows:
        if not _email_ok(row.email):
            row.problems.append("bad_email")
        elif row.email in seen:
            row.problems.append("duplicate")
        elif row.email in members:
            row.problems.append("already_member")
        seen.add(row.email)
        if row.branch:
            branch = branch_by_name.get(row.branch.casefold()) or branch_by_name.get(
                slugify(row.branch)
            )
            if branch is None:
                row.problems.append("unknown_branch")
            else:
                branches[row.line] = branch
    return BulkInvitationPlan(rows=rows, branches=branches)


def invitations_bulk_create(
    *, actor: Member, text: str, drop_bad_rows: bool = False, at: datetime | None = None
) -> tuple[BulkInvitationPlan, list[Invitation]]:
    """Invite everyone on a list in one transaction; return the checked list and the
    invitations.

    The list is checked again inside the transaction (a row may have joined since the
    preview). If any row has a problem, nobody is invited (:class:`BulkInvitationRefused`)
    — unless ``drop_bad_rows``, when only the good rows are invited. An address with a
    pending invitation gets a fresh one (the old link stops working), as with one invitation.
    """
    at = at or timezone.now()
    try:
        with transaction.atomic():
            plan = invitations_bulk_check(actor=actor, text=text)
            if plan.bad and not drop_bad_rows:
                raise BulkInvitationRefused(plan)
            if not plan.good:
                raise ServiceError(_("No row is left to invite."), field="text", code="no_rows")
            return plan, [
                invitation_write(
                    actor=actor,
                    email=row.email,
                    full_name=row.name,
                    branch=plan.branches.get(row.line),
                    at=at,
                )[0]
                for row in plan.good
            ]
    except IntegrityError:
        # The same address invited at the same moment by another request (a double click):
        # one pending invitation per address, so this whole list rolls back.
        raise ServiceError(
            _(
                "Someone invited some of these people at the same moment, so nobody on this "
                "list was invited. Check the invitations, then try again."
            ),
            field="text",
            code="invited_meanwhile",
        ) from None
