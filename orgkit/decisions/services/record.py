"""The published record: its content, the hash chain of its versions, and the check of it.

A motion's record is written as canonical JSON (``chain.canonical``) when it is published and
again, as a new version, whenever something joins it later (a late minority report, a
response, a reply, an appeal's progress, a correction). Versions of every record in an
organization form one SHA-256 chain (``chain.py``), appended under a lock on the organization
row so that two appends never take the same place.
"""

from __future__ import annotations

import json
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orgkit.core.audit import audit_record
from orgkit.core.errors import ServiceError
from orgkit.decisions import chain
from orgkit.decisions.events import DecisionEvent
from orgkit.decisions.models import Appeal, MinorityReport, Motion, RecordVersion, Vote
from orgkit.decisions.services._common import clean_text, require_organizer
from orgkit.organizations.models import Member, Organization

#: Why a version was added (stored as these codes; shown through :func:`reason_label`).
REASONS = {
    "published": gettext_lazy("published"),
    "minority report attached": gettext_lazy("a minority report attached"),
    "co-signature added": gettext_lazy("a co-signature added"),
    "response added": gettext_lazy("the majority's response added"),
    "reply added": gettext_lazy("the minority's reply added"),
    "appeal filed": gettext_lazy("an appeal filed"),
    "appeal listed": gettext_lazy("the appeal listed for a meeting"),
    "appeal heard": gettext_lazy("the appeal heard"),
    "appeal upheld": gettext_lazy("the appeal decided: upheld"),
    "appeal overturned": gettext_lazy("the appeal decided: overturned"),
    "appeal referred_back": gettext_lazy("the appeal decided: referred back"),
    "correction": gettext_lazy("a correction"),
}


def reason_label(code: str) -> str:
    """A version's reason in the reader's language (the code itself if unknown)."""
    return str(REASONS.get(code, code))


def _name(member: Member | None) -> str:
    return member.display_name if member is not None else ""


def record_content(*, motion: Motion, corrections: list | None = None) -> dict:
    """The record of ``motion`` as plain data: the decision, every vote with its reason, every
    minority report with its signatories, response and reply, and the appeals."""
    reports = (
        MinorityReport.objects.filter(motion=motion)
        .select_related("author__user")
        .prefetch_related("signatures__member__user", "rejoinders__author__user")
    )
    votes = Vote.objects.filter(motion=motion).select_related("member__user")
    appeals = Appeal.objects.filter(motion=motion).select_related("to_body", "appellant__user")
    previous = motion.versions.order_by("-number").values_list("content", flat=True).first()
    if corrections is None:
        corrections = chain_content(previous).get("corrections", []) if previous else []
    return {
        "motion": motion.pk,
        "organization": motion.organization.slug,
        "body": motion.body.name,
        "meeting": motion.meeting.title if motion.meeting_id else "",
        "title": motion.title,
        "text": motion.text,
        "proposer": _name(motion.proposer),
        "seconder": _name(motion.seconder),
        "vote_mode": motion.vote_mode,
        "roll_call": motion.roll_call,
        "votes_for": motion.votes_for,
        "votes_against": motion.votes_against,
        "abstentions": motion.abstentions,
        "outcome": motion.outcome,
        "decided_at": motion.decided_at.isoformat() if motion.decided_at else "",
        "window_closes_at": (
            motion.window_closes_at.isoformat() if motion.window_closes_at else ""
        ),
        "published_at": motion.published_at.isoformat() if motion.published_at else "",
        "votes": [
            {"member": _name(v.member), "choice": v.choice, "reason": v.reason} for v in votes
        ],
        "reports": [
            {
                "id": r.pk,
                "title": r.title,
                "text": r.text,
                "author": _name(r.author),
                "filed_at": r.filed_at.isoformat(),
                "signatories": [_name(s.member) for s in r.signatures.all()],
                "rejoinders": [
                    {"kind": j.kind, "author": _name(j.author), "text": j.text}
                    for j in r.rejoinders.all()
                ],
            }
            for r in reports
        ],
        "appeals": [
            {
                "id": a.pk,
                "to_body": a.to_body.name,
                "appellant": _name(a.appellant),
                "grounds": a.grounds,
                "state": a.state,
                "hear_by": a.hear_by.isoformat(),
                "finding": a.finding,
                "record_digest": a.record_digest,
            }
            for a in appeals
        ],
        "corrections": corrections,
    }


def chain_content(text: str) -> dict:
    """A stored version's content as data ({} if it does not parse: a damaged row is for
    ``record_verify`` to report, not for the next version to inherit)."""
    try:
        return json.loads(text)
    except ValueError:
        return {}


def record_append(
    *, motion: Motion, reason: str, at: datetime | None = None, corrections: list | None = None
) -> RecordVersion:
    """Append a new version of ``motion``'s record to the organization's chain. Call inside
    the service's transaction."""
    at = at or timezone.now()
    content = record_content(motion=motion, corrections=corrections)
    text = chain.canonical(content)
    # The organization row is the chain's lock: appends in one organization take turns.
    Organization.objects.select_for_update().filter(pk=motion.organization_id).first()
    last = (
        RecordVersion.objects.filter(organization_id=motion.organization_id)
        .order_by("-seq")
        .values("seq", "digest")
        .first()
    )
    previous = last["digest"] if last else chain.GENESIS
    number = (
        RecordVersion.objects.filter(motion=motion)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    version = RecordVersion.objects.create(
        organization_id=motion.organization_id,
        motion=motion,
        seq=(last["seq"] if last else 0) + 1,
        number=number,
        reason=reason[:300],
        content=text,
        previous_digest=previous,
        digest=chain.link_digest(previous, text),
        created_at=at,
    )
    if number > 1:
        audit_record(
            organization=motion.organization,
            actor=None,
            verb=DecisionEvent.RECORD_VERSIONED,
            target=motion,
            data={"number": number, "reason": reason[:300]},
            at=at,
        )
    return version


def record_amend_if_published(*, motion: Motion, reason: str, at: datetime) -> None:
    """After a change that belongs in the record: a new version, if it is published already
    (before publication, the first version will include the change)."""
    if Motion.objects.filter(pk=motion.pk, state=Motion.State.PUBLISHED).exists():
        record_append(motion=motion, reason=reason, at=at)


def record_correct(
    *, actor: Member, motion: Motion, correction: str, at: datetime | None = None
) -> RecordVersion:
    """Correct a published record: a new version carrying the correction; the old versions
    stay as they were, visible (organizers)."""
    require_organizer(actor)
    at = at or timezone.now()
    correction = clean_text(
        correction, field="correction", empty=_("Say what the correction is."), most=5000
    )
    if motion.state != Motion.State.PUBLISHED or motion.organization_id != actor.organization_id:
        raise ServiceError(_("Only a published record is corrected; change the motion instead."))
    with transaction.atomic():
        latest = motion.versions.order_by("-number").values_list("content", flat=True).first()
        corrections = list(chain_content(latest or "{}").get("corrections", []))
        corrections.append({"by": actor.display_name, "at": at.isoformat(), "text": correction})
        return record_append(motion=motion, reason="correction", at=at, corrections=corrections)


def record_verify(*, organization: Organization) -> chain.Break | None:
    """Check the organization's whole chain; return the first broken link, or None."""
    rows = RecordVersion.objects.filter(organization=organization).order_by("seq")
    links = (
        chain.Link(seq=r.seq, content=r.content, previous_digest=r.previous_digest, digest=r.digest)
        for r in rows.only("seq", "content", "previous_digest", "digest").iterator()
    )
    return chain.first_break(links)
