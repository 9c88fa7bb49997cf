"""The elections app's emails: each rendered from a template in ``orgkit/templates/emails/``,
in the recipient's language and the organization's time, with absolute links.

A mail client has no page to resolve a relative link against, so every link is built from
``settings.ORGKIT_BASE_URL`` and ``reverse``. An email to many members is rendered once per
language among them, not once per member.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from orgkit.core.emails import email_enqueue
from orgkit.elections.models import Election
from orgkit.organizations.models import Member
from orgkit.organizations.tenancy import member_language, organization_zone


@dataclass(frozen=True)
class ElectionEmail:
    """One kind of email: its outbox kind, its body template and its subject (a translatable
    text with ``%(title)s`` for the election's title)."""

    kind: str
    template: str
    subject: Promise


NOTICE = ElectionEmail(
    "elections.notice", "emails/elections_notice.txt", _("Election notice: %(title)s")
)
VOTING_OPEN = ElectionEmail(
    "elections.voting_open", "emails/elections_voting_open.txt", _("Voting is open: %(title)s")
)
REMINDER = ElectionEmail(
    "elections.reminder",
    "emails/elections_reminder.txt",
    _("Reminder: voting closes soon in %(title)s"),
)
RESULTS = ElectionEmail(
    "elections.results", "emails/elections_results.txt", _("Results: %(title)s")
)
OBSERVER = ElectionEmail(
    "elections.observer",
    "emails/elections_observer.txt",
    _("Voting closed, counting now: %(title)s"),
)


def _recipient_language(member: Member) -> str:
    """The language an email to ``member`` is written in: the member's own, else their
    organization's."""
    return member_language(member)


def election_url(election: Election, view: str) -> str:
    """An absolute link to one of ``election``'s pages (``view``: a name in the elections
    namespace, e.g. ``"vote"``)."""
    path = reverse(
        f"elections:{view}",
        kwargs={"org_slug": election.organization.slug, "election_id": election.pk},
    )
    return settings.ORGKIT_BASE_URL.rstrip("/") + path


def render_email(
    *, election: Election, email: ElectionEmail, context: dict, language: str
) -> tuple[str, str]:
    """``(subject, body)`` of ``email`` in ``language``, with times in the organization's zone."""
    with (
        translation.override(language),
        timezone.override(organization_zone(election.organization)),
    ):
        subject = str(email.subject) % {"title": election.title}
        body = render_to_string(email.template, {"election": election, **context})
    # Template files end in a newline after their last tag: one line ending, not two.
    return subject, body.rstrip("\n") + "\n"


def email_members(
    *, election: Election, members: Iterable[Member], email: ElectionEmail, context: dict
) -> int:
    """Queue ``email`` to each of ``members``, rendered once per language among them.
    Returns how many were queued. Call inside the service's transaction."""
    by_language: dict[str, list[Member]] = defaultdict(list)
    for member in members:
        if member.organization_id == election.organization_id:
            # The election's organization is loaded already: no query per member for it.
            member.organization = election.organization
        by_language[_recipient_language(member)].append(member)
    for language, group in by_language.items():
        subject, body = render_email(
            election=election, email=email, context=context, language=language
        )
        for member in group:
            email_enqueue(
                organization=election.organization,
                to=member.user.email,
                subject=subject,
                body=body,
                kind=email.kind,
            )
    return sum(len(group) for group in by_language.values())
