"""Brute-force protection for the sign-in page and the API token endpoint (django-axes).

Every failed sign-in is counted twice: against the **account** (whatever address it came from)
and against the **address** (whatever account it tried). An account is locked after
``AXES_FAILURE_LIMIT`` failures (default 5), an address after ``ORGKIT_LOGIN_ADDRESS_FAILURE_LIMIT``
(default 20, higher because an office or a union hall may share one address); either lock lifts
``AXES_COOLOFF_TIME`` (default 15 minutes) after the last failure that counted. While locked,
the right password is refused too, with a message that says why and for how long: the sign-in
page answers 429 and shows it, the API answers 429 with ``{"detail": …}``.

Axes itself compares the largest count with one limit; :class:`AccountAndAddressHandler` gives
each parameter its own. The client address comes from ``REMOTE_ADDR``, or, behind a proxy,
from the header named by ``ORGKIT_CLIENT_IP_HEADER`` (see :func:`client_ip_address`).
"""

from __future__ import annotations

import ipaddress
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_lockout_parameters
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext, ngettext

USERNAME_FIELDS = ("username", "email")


def normalized_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The account a sign-in attempt was for, as the login matches it: emails are stored
    lower-cased, so ``Max@Example.org`` and ``max@example.org`` count as one account."""
    value = None
    for source in (credentials or {}, getattr(request, "data", None) or {}, request.POST):
        for field in USERNAME_FIELDS:
            try:
                candidate = source.get(field)
            except AttributeError:  # a JSON body that is a list, say
                candidate = None
            if isinstance(candidate, str) and candidate.strip():
                value = candidate
                break
        if value:
            break
    return value.strip().lower()[:255] if value else None


def _valid_ip(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip_address(request: HttpRequest) -> str | None:
    """The address a request came from.

    Without ``ORGKIT_CLIENT_IP_HEADER`` it is ``REMOTE_ADDR``: right when clients connect to
    gunicorn directly, wrong behind a proxy (every client would share the proxy's address).
    Behind a proxy, set ``ORGKIT_CLIENT_IP_HEADER`` to the header the proxy sets —
    ``X-Real-IP`` (one address) or ``X-Forwarded-For`` (a list, each proxy appending the
    address it saw). For a list, ``ORGKIT_TRUSTED_PROXY_COUNT`` (default 1) says how many
    proxies of yours append to it: the address is taken that many places from the right, so a
    client cannot choose its own address by sending the header itself. A missing or malformed
    header falls back to ``REMOTE_ADDR``. gunicorn must then be reachable only through the
    proxy (bind it to 127.0.0.1 or a private socket), or a client could send the header itself.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR"))
    header = getattr(settings, "ORGKIT_CLIENT_IP_HEADER", "")
    if not header:
        return remote
    key = "HTTP_" + header.upper().replace("-", "_")
    raw = request.META.get(key, "")
    entries = [entry.strip() for entry in raw.split(",") if entry.strip()]
    if not entries:
        return remote
    count = max(1, int(getattr(settings, "ORGKIT_TRUSTED_PROXY_COUNT", 1)))
    # Fewer entries than proxies: every entry was written by a proxy, the first is the client.
    return _valid_ip(entries[max(0, len(entries) - count)]) or remote


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler with one limit per lockout parameter.

    Axes locks when ``get_failures()`` reaches ``AXES_FAILURE_LIMIT``. Here each parameter's
    count is scaled to that limit: ``failures × AXES_FAILURE_LIMIT // own_limit`` reaches
    ``AXES_FAILURE_LIMIT`` exactly when ``failures`` reaches the parameter's own limit. The
    username keeps ``AXES_FAILURE_LIMIT``; the address has ``ORGKIT_LOGIN_ADDRESS_FAILURE_LIMIT``.

    A successful sign-in clears the failures recorded against that account only (axes'
    ``AXES_RESET_ON_SUCCESS`` would also clear the address's count, so an attacker could reset
    it by signing in to an account of their own between guesses).
    """

    @staticmethod
    def _limit_for(parameter) -> int:
        base = int(settings.AXES_FAILURE_LIMIT)
        if parameter == "ip_address":
            return max(1, int(getattr(settings, "ORGKIT_LOGIN_ADDRESS_FAILURE_LIMIT", base)))
        return max(1, base)

    def get_failures(self, request, credentials: dict | None = None) -> int:
        base = max(1, int(settings.AXES_FAILURE_LIMIT))
        parameters = get_lockout_parameters(request, credentials)
        scaled = [0]
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            scaled.append(failures * base // self._limit_for(parameter))
        return max(scaled)

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        self.reset_attempts(username=user.get_username())


def lockout_message(request: HttpRequest | None = None) -> str:
    cool_off = get_cool_off(request)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else 0
    if not minutes:
        return gettext(
            "Too many failed sign-in attempts. Signing in is paused; ask an operator to unlock it."
        )
    return ngettext(
        "Too many failed sign-in attempts. For safety, signing in to this account or from this "
        "address is paused for %(minutes)d minute. Try again after that, or reset your password.",
        "Too many failed sign-in attempts. For safety, signing in to this account or from this "
        "address is paused for %(minutes)d minutes. Try again after that, or reset your password.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """What a locked-out sign-in gets (``AXES_LOCKOUT_CALLABLE``): the API a JSON error, a page
    the sign-in form again with the reason; both 429 with ``Retry-After``."""
    message = lockout_message(request)
    cool_off = get_cool_off(request)
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message, "code": "locked_out"}, status=429)
    else:
        username = normalized_username(request, credentials) or ""
        form = AuthenticationForm(request, initial={"username": username})
        response = render(
            request,
            "registration/login.html",
            {"form": form, "lockout_message": message, "next": request.POST.get("next", "")},
            status=429,
        )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
