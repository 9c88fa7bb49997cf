"""Errors that services raise and views translate into clear messages (never a 500)."""

from __future__ import annotations


class ServiceError(Exception):
    """A request that cannot be carried out, with a message fit to show the user.

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

    def __init__(self, message: str = "You are not allowed to do that.") -> None:
        super().__init__(message, code="not_allowed")
