"""API tokens and passwords: the writes, and the token authentication the API uses.

Tokens are django-rest-knox tokens (``knox.models.AuthToken``): only a digest is stored, each
expires (``REST_KNOX["TOKEN_TTL"]``, ``ORGKIT_API_TOKEN_DAYS``), ``POST
/api/v1/auth/logout/`` revokes the one in use and ``/logout-all/`` every one of the caller's.
A token also dies with the password it was made under: the services here delete a user's
tokens when the password is set through orgkit, and :class:`ApiTokenAuthentication` refuses a
token whose password fingerprint (:class:`orgkit.core.models.ApiTokenPassword`) no longer
matches, whatever changed the password.
"""

from __future__ import annotations

import hashlib
import re

from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from knox.settings import knox_settings
from rest_framework import exceptions

from orgkit.core.errors import ServiceError
from orgkit.core.models import ApiTokenPassword, User

# Tokens are hex (knox), possibly after a short prefix; allow a little more, never bytes that
# are not printable ASCII.
TOKEN_SHAPE = re.compile(rb"[A-Za-z0-9_\-]{1,200}")


def password_fingerprint(user: User) -> str:
    """A digest of the user's current password hash: it changes whenever the password does.
    Not a secret (the hash it is made from sits in the same database)."""
    return hashlib.sha256(f"orgkit api token v1:{user.password}".encode()).hexdigest()


def api_token_create(*, user: User) -> tuple[AuthToken, str]:
    """Make an API token for ``user``; return the row and the token, which is never stored and
    cannot be shown again."""
    if not user.is_active:
        raise ServiceError(gettext("This account is disabled."), code="inactive")
    with transaction.atomic():
        instance, token = AuthToken.objects.create(user=user, expiry=knox_settings.TOKEN_TTL)
        ApiTokenPassword.objects.create(token=instance, fingerprint=password_fingerprint(user))
    return instance, token


def api_token_revoke(*, token: AuthToken) -> None:
    """Revoke one token (signing out of the API with it)."""
    AuthToken.objects.filter(pk=token.pk).delete()


def api_tokens_revoke_all(*, user: User) -> int:
    """Revoke every API token of ``user``; return how many there were."""
    _total, per_model = AuthToken.objects.filter(user=user).delete()
    return per_model.get(AuthToken._meta.label, 0)


def account_password_set(*, user: User, password: str, via_reset: bool = False) -> User:
    """Set a new password (already validated by the form) and revoke the user's API tokens.

    After a reset through the emailed link — which proves the person reads that mailbox — the
    account's sign-in lockout is lifted too, so the new password works at once.
    """
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        api_tokens_revoke_all(user=user)
    if via_reset:
        from axes.handlers.proxy import AxesProxyHandler

        AxesProxyHandler.reset_attempts(username=user.get_username())
    return user


class ApiTokenAuthentication(TokenAuthentication):
    """knox's token authentication, plus: a token made under an older password is refused (and
    deleted), and a header that is not UTF-8 is a 401, not a 500."""

    def authenticate_credentials(self, token: bytes):
        # knox looks the token up by its first characters: anything but a token's own
        # characters (a NUL byte, say, which PostgreSQL rejects) is refused before that.
        if not TOKEN_SHAPE.fullmatch(token):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return super().authenticate_credentials(token)

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        binding = ApiTokenPassword.objects.filter(token=token).first()
        if binding is None or not constant_time_compare(
            binding.fingerprint, password_fingerprint(user)
        ):
            AuthToken.objects.filter(pk=token.pk).delete()
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return user, token


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the token: ``Authorization: Token <token>``."""

    target_class = "orgkit.core.tokens.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=knox_settings.AUTH_HEADER_PREFIX
        )
