"""Errors that services raise and views translate into clear messages (never a 500)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy


class ServiceError(Exception):
    """A request that cannot be carried out, with a message fit to show the user.

    The message is translated where it is raised (``gettext``: services run with the member's
    language active, see orgkit/organizations/tenancy.py).

    ``field`` names the form field at fault, when there is one, so a form can show the message
    beside it.
    """

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class NotAllowed(ServiceError):
    """The actor may not do this (an organizer-only action, say). Maps to 403."""

    def __init__(self, message: str | None = None) -> None:
        # Lazy, so it reads in the language active when it is shown, not when it was defined.
        message = message or gettext_lazy("You are not allowed to do that.")
        super().__init__(message, code="not_allowed")
