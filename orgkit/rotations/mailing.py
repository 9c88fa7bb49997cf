"""Emails to members about their turns, written from templates in the recipient's language.

Each email is two templates under ``orgkit/templates/emails/rotations/``: ``<name>_subject.txt``
(one line) and ``<name>.txt`` (the body). Both are rendered inside
``translation.override(recipient_language(member))`` so the words, the month names and the
date formats are the member's, whoever or whatever (a periodic job) sent the email.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from orgkit.core.emails import email_enqueue
from orgkit.core.links import absolute_url
from orgkit.organizations.models import Member
from orgkit.organizations.tenancy import member_language
from orgkit.rotations.models import Rotation


def recipient_language(member: Member) -> str:
    """The language to write to ``member`` in: their own choice, else their organization's."""
    return member_language(member)


def rotation_link(rotation: Rotation) -> str:
    """The rotation's page, as an absolute address for an email."""
    return absolute_url(
        "rotations:detail", org_slug=rotation.organization.slug, rotation_id=rotation.pk
    )


def email_member(*, member: Member, template: str, kind: str, context: dict) -> None:
    """Queue the email ``template`` to ``member`` (after the caller's transaction commits),
    rendered in their language. ``context`` gets ``member`` added."""
    context = {**context, "member": member}
    with translation.override(recipient_language(member)):
        subject = render_to_string(f"emails/rotations/{template}_subject.txt", context)
        body = render_to_string(f"emails/rotations/{template}.txt", context)
    email_enqueue(
        organization=member.organization,
        to=member.user.email,
        subject=" ".join(subject.split()),
        body=body.strip() + "\n",
        kind=kind,
    )
