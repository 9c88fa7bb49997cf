"""Secrets in URLs stay out of the logs (issue 8, item 5): invitation, password-reset and
calendar-feed tokens are redacted by every handler of settings.LOGGING and by gunicorn's access
and error logs (config/gunicorn.conf.py)."""

from __future__ import annotations

import io
import logging
import logging.config
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

from config.settings import base as base_settings
from orgkit.core.log_redaction import RedactSecretsFilter, redact

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "Zq3" + secrets.token_urlsafe(24)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            f'127.0.0.1 - - [x] "GET /invite/{TOKEN}/ HTTP/1.1" 200 512 "-" "curl"',
            '"GET /invite/[redacted]/ HTTP/1.1" 200',
        ),
        (
            f"Not Found: /o/tenants/rotations/feed/{TOKEN}.ics",
            "Not Found: /o/tenants/rotations/feed/[redacted].ics",
        ),
        (
            f'"POST /accounts/reset/MQ/{TOKEN}/ HTTP/1.1" 302 0 "https://h/accounts/reset/MQ/{TOKEN}/"',
            '"POST /accounts/reset/[redacted]/[redacted]/ HTTP/1.1" 302 0 "https://h/accounts/reset/[redacted]/[redacted]/"',
        ),
        (
            f'"GET /api/v1/x/?a=1&token={TOKEN}&b=2 HTTP/1.1"',
            '"GET /api/v1/x/?a=1&token=[redacted]&b=2 HTTP/1.1"',
        ),
    ],
    # Named, not derived from the random token: parallel runs must collect the same ids.
    ids=["invitation", "calendar-feed", "password-reset", "api-token-query"],
)
def test_secret_segments_are_redacted(line, expected):
    assert expected in redact(line) and TOKEN not in redact(line)


@pytest.mark.parametrize(
    "line",
    [
        '"GET /accounts/reset/done/ HTTP/1.1" 200',
        '"GET /o/tenants/rotations/ HTTP/1.1" 200',
        '"POST /api/v1/invitations/accept/ HTTP/1.1" 400',
    ],
)
def test_ordinary_paths_are_left_alone(line):
    assert redact(line) == line


def test_the_filter_rewrites_message_arguments_and_tracebacks():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /invite/{TOKEN}/ HTTP/1.1", "200", "12"),
        None,
    )
    assert RedactSecretsFilter().filter(record) is True
    assert TOKEN not in record.getMessage() and "/invite/[redacted]/" in record.getMessage()
    try:
        raise ValueError(f"no invitation for /invite/{TOKEN}/")
    except ValueError:
        failing = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "boom", (), sys.exc_info()
        )
    RedactSecretsFilter().filter(failing)
    assert TOKEN not in logging.Formatter().format(failing)


@pytest.fixture
def settings_logging():
    """Apply config/settings/base.py's LOGGING, with its handlers writing to one buffer; put
    the test run's logging back afterwards."""
    names = ["", "django", "django.server", "django.request"]
    saved = {
        n: (lg.handlers[:], lg.level, lg.propagate, lg.disabled)
        for n in names
        for lg in [logging.getLogger(n)]
    }
    logging.config.dictConfig(base_settings.LOGGING)
    buffer = io.StringIO()
    for name in names:
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, logging.StreamHandler):
                handler.setStream(buffer)
    yield buffer
    for name, (handlers, level, propagate, disabled) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers[:] = handlers
        logger.setLevel(level)
        logger.propagate, logger.disabled = propagate, disabled


@pytest.mark.django_db
def test_django_logs_configured_by_settings_hold_no_token(settings_logging):
    # A 404 for an unknown feed token: django.request warns with the path.
    assert Client().get(f"/o/tenants/rotations/feed/{TOKEN}.ics").status_code == 404
    # runserver's access log line.
    logging.getLogger("django.server").info(
        '"%s" %s %s', f"GET /invite/{TOKEN}/ HTTP/1.1", "200", "512"
    )
    written = settings_logging.getvalue()
    assert "feed/[redacted].ics" in written and "/invite/[redacted]/" in written
    assert TOKEN not in written


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_access_and_error_logs_hold_no_token(tmp_path):
    """A real gunicorn with config/gunicorn.conf.py and production settings: the requests carry
    tokens in the path, the query and the Referer."""
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "CELERY_BROKER_URL"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
            "ORGKIT_EMAIL_DISABLED": "1",
            "SECURE_SSL_REDIRECT": "0",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "1",
        }
    )
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "config/gunicorn.conf.py",
                "--control-socket",
                str(tmp_path / "gunicorn.ctl"),
                "config.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                pytest.fail("gunicorn did not start:\n" + log_path.read_text())
            for path in [
                f"/invite/{TOKEN}/",
                f"/o/x/rotations/feed/{TOKEN}.ics",
                f"/accounts/reset/MQ/{TOKEN}/",
                f"/healthz?token={TOKEN}",
            ]:
                request = urllib.request.Request(
                    base + path, headers={"Referer": f"{base}/invite/{TOKEN}/"}
                )
                try:
                    urllib.request.urlopen(request, timeout=10)
                except urllib.error.HTTPError:
                    pass  # a 404 or 500 (the database is empty) is logged all the same
        finally:
            server.terminate()
            server.wait(timeout=20)
    written = log_path.read_text()
    assert "/invite/[redacted]/" in written and "feed/[redacted].ics" in written
    assert "token=[redacted]" in written and "/accounts/reset/[redacted]/[redacted]/" in written
    assert TOKEN not in written, written
