"""Production: PostgreSQL, Redis broker, SMTP, HTTPS. Every secret comes from the environment."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Only a loopback benchmark over plain HTTP turns these off (benchmarks/bench_elections.py).
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The header only signals consent; submitting the domain to browser preload lists is manual.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# nosniff, Referrer-Policy, X-Frame-Options, Permissions-Policy and the Content-Security-Policy
# are set in base.py, for every environment.

# --- email ----------------------------------------------------------------------------------
# Production never falls back to printing emails: a body can carry an invitation or password
# reset link, and the console backend would write it into the logs. Either configure a real
# transport, or say explicitly that this instance sends no email.
_DUMMY_EMAIL = "django.core.mail.backends.dummy.EmailBackend"
_REFUSED_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend": "prints every email, links and all, to the logs",
    "django.core.mail.backends.filebased.EmailBackend": "writes every email, links and all, to files",
    "django.core.mail.backends.locmem.EmailBackend": "keeps emails in memory and sends nothing",
}
_email_backend = os.environ.get("EMAIL_BACKEND", "").strip()
if env_bool("ORGKIT_EMAIL_DISABLED") or _email_backend == _DUMMY_EMAIL:
    EMAIL_BACKEND = _DUMMY_EMAIL
    ORGKIT_EMAIL_DISABLED = True
    print(
        "orgkit WARNING: email is DISABLED (ORGKIT_EMAIL_DISABLED=1): no email is sent. "
        "Invitations, password resets, election notices and reminders are discarded "
        "(recorded as sent, their one-time links removed). Configure EMAIL_BACKEND and "
        "EMAIL_HOST to send them.",
        file=sys.stderr,
    )
elif not _email_backend:
    raise ImproperlyConfigured(
        "Production needs a real email configuration: set EMAIL_BACKEND (e.g. "
        "django.core.mail.backends.smtp.EmailBackend), EMAIL_HOST and DEFAULT_FROM_EMAIL "
        "(docs/deployment.md), or ORGKIT_EMAIL_DISABLED=1 to run without email."
    )
elif _email_backend in _REFUSED_EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        f"EMAIL_BACKEND={_email_backend} {_REFUSED_EMAIL_BACKENDS[_email_backend]}; production "
        "needs a real transport (e.g. django.core.mail.backends.smtp.EmailBackend), or "
        "ORGKIT_EMAIL_DISABLED=1 to run without email."
    )
else:
    ORGKIT_EMAIL_DISABLED = False
    missing = [
        name
        for name in ("DEFAULT_FROM_EMAIL",)
        + (("EMAIL_HOST",) if _email_backend.endswith("smtp.EmailBackend") else ())
        if not os.environ.get(name, "").strip()
    ]
    if missing:
        raise ImproperlyConfigured(
            f"{' and '.join(missing)} must be set in the environment for production email "
            "(docs/deployment.md), or set ORGKIT_EMAIL_DISABLED=1 to run without email."
        )
