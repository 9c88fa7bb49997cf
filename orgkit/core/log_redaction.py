"""Keep secrets that travel in URLs out of the logs.

Some URLs are themselves credentials: an invitation (``/invite/<token>/``), a password reset
(``/accounts/reset/<uidb64>/<token>/``), a calendar feed (``…/rotations/feed/<token>.ics``).
Access logs (gunicorn's, ``runserver``'s ``django.server``) and Django's ``django.request``
warnings write the path, and a ``Referer`` can carry it too. :class:`RedactSecretsFilter`
rewrites every record that passes a handler so those segments read ``[redacted]``; settings
``LOGGING`` and ``config/gunicorn.conf.py`` attach it to every handler.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
_SEGMENT = r"[^/\s?#\"'|]+"

PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(/invite/){_SEGMENT}"), rf"\g<1>{REDACTED}"),
    # The reset link, and the set-password step Django redirects it to (its uidb64 too).
    (
        re.compile(rf"(/accounts/reset/)(?!done/){_SEGMENT}/{_SEGMENT}"),
        rf"\g<1>{REDACTED}/{REDACTED}",
    ),
    (re.compile(rf"(/rotations/feed/){_SEGMENT}?(\.ics)"), rf"\g<1>{REDACTED}\g<2>"),
    # Anything that sends a token as a query parameter.
    (re.compile(r"([?&](?:token|key|uid|uidb64)=)[^&\s\"'#]+"), rf"\g<1>{REDACTED}"),
]


def redact(text: str) -> str:
    """``text`` with every secret URL segment replaced by ``[redacted]``."""
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecretsFilter(logging.Filter):
    """A handler filter: formats the record's message, redacts it, and stores the result so
    that every formatter after it sees only the redacted text. Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let the handler report it as usual
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        # A traceback is formatted after the filters run; format it now so it is redacted too
        # (formatters reuse ``exc_text`` when it is set).
        if record.exc_info and not record.exc_text:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


_FORMATTER = logging.Formatter()
