"""Accounts: the one way a person's account is made (sign-up, accepting an invitation, an
organizer adding a member, the demo seed all come through here)."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from orgkit.core.errors import ServiceError
from orgkit.core.models import User


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def account_check_password(*, email: str, full_name: str, password: str) -> None:
    """Django's password validators, as a ServiceError on the ``password`` field."""
    try:
        validate_password(password, User(email=normalise_email(email), full_name=full_name))
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages), field="password") from None


def account_create(*, email: str, full_name: str, password: str | None) -> User:
    """Make an account. ``password=None`` makes one without a usable password (an organizer
    adding a member): its owner claims it with "forgot password".

    Raises ServiceError for an empty name, an address that is not an email, a weak password,
    or an address that already has an account — and writes nothing.
    """
    email = normalise_email(email)
    full_name = (full_name or "").strip()
    if "@" not in email or len(email) > 254:
        raise ServiceError(_("Enter a valid email address."), field="email")
    if not full_name:
        raise ServiceError(_("Tell us your name."), field="full_name")
    if password is not None:
        account_check_password(email=email, full_name=full_name, password=password)
    try:
        with transaction.atomic():
            return User.objects.create_user(email, password, full_name=full_name)
    except IntegrityError:
        raise ServiceError(
            _("An account with this email exists. Sign in instead."),
            field="email",
            code="account_exists",
        ) from None
