"""Absolute links for messages read outside the site (emails, calendar entries).

A page builds links with ``reverse``/``{% url %}`` and the request's host; an email is written
by a service or a worker with no request, so its links start from ``ORGKIT_BASE_URL``.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute_url(viewname: str, **kwargs) -> str:
    """``reverse(viewname, kwargs=kwargs)`` prefixed with the site's public address."""
    return settings.ORGKIT_BASE_URL.rstrip("/") + reverse(viewname, kwargs=kwargs or None)
