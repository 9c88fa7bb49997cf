"""Glue between forms and services."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import PermissionDenied

from orgkit.core.errors import NotAllowed, ServiceError

T = TypeVar("T")


def call_service(form: forms.Form, service: Callable[..., T], **kwargs) -> T | None:
    """Run a service for a bound, valid form. A ServiceError becomes a form error beside the
    field it names (or at the top), so the user sees why and nothing was written."""
    try:
        return service(**kwargs)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from None
    except ServiceError as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, exc.message)
        return None


def run_and_flash(
    request, service: Callable[..., T], *, success: str | Callable[[T], str], **kwargs
) -> T | None:
    """For one-button actions (no form): run the service and flash the outcome — the success
    message (or ``success(result)`` when the outcome decides what to say), or the service's
    reason for refusing. NotAllowed becomes a 403."""
    from django.contrib import messages

    try:
        result = service(**kwargs)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from None
    except ServiceError as exc:
        # str(): a lazy message would otherwise be translated only when the messages are
        # stored, after the view has left the member's language.
        messages.error(request, str(exc.message))
        return None
    messages.success(request, str(success(result) if callable(success) else success))
    return result
