"""Production settings pass Django's deployment checks with real values, and refuse to start
without a secret key or without a real email configuration (issue 8, item 5)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # Start from this environment minus what a deployment would not have (the browser tests
    # set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; production must never).
    dropped = {
        "SECRET_KEY",
        "DATABASE_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "DEFAULT_FROM_EMAIL",
        "ORGKIT_EMAIL_DISABLED",
    }
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update({"DJANGO_SETTINGS_MODULE": "config.settings.prod", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


BASE_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "orgkit.example.org",
    "DATABASE_URL": "postgres://orgkit@127.0.0.1:5432/orgkit",
}
SMTP = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "orgkit <noreply@example.org>",
}
PRINT_BACKEND = "from django.conf import settings; print('BACKEND=' + settings.EMAIL_BACKEND)"
SEND_ONE = (
    "from django.core.mail import send_mail; "
    "send_mail('Reset', 'http://x/accounts/reset/MQ/SECRET-LINK-TOKEN/', 'a@example.org', ['b@example.org'])"
)


def test_check_deploy_passes_with_real_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env={**BASE_ENV, **SMTP})
    assert result.returncode == 0, result.stdout + result.stderr


def test_prod_refuses_to_start_without_an_email_configuration():
    result = run_manage("check", env=BASE_ENV)
    assert result.returncode != 0
    assert "Production needs a real email configuration" in result.stderr


def test_prod_refuses_backends_that_print_or_keep_bodies():
    for backend in ["console", "filebased", "locmem"]:
        env = {
            **BASE_ENV,
            **SMTP,
            "EMAIL_BACKEND": f"django.core.mail.backends.{backend}.EmailBackend",
        }
        result = run_manage("check", env=env)
        assert result.returncode != 0 and "production needs a real transport" in result.stderr, (
            backend
        )


def test_prod_smtp_needs_a_host_and_a_sender():
    result = run_manage("check", env={**BASE_ENV, "EMAIL_BACKEND": SMTP["EMAIL_BACKEND"]})
    assert result.returncode != 0
    assert "DEFAULT_FROM_EMAIL and EMAIL_HOST must be set" in result.stderr


def test_prod_with_smtp_uses_it():
    result = run_manage("shell", "-c", PRINT_BACKEND, env={**BASE_ENV, **SMTP})
    assert result.returncode == 0, result.stderr
    assert "BACKEND=django.core.mail.backends.smtp.EmailBackend" in result.stdout


def test_prod_without_email_on_purpose_says_so_loudly_and_prints_no_body():
    result = run_manage(
        "shell",
        "-c",
        f"{PRINT_BACKEND}; {SEND_ONE}",
        env={**BASE_ENV, "ORGKIT_EMAIL_DISABLED": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "BACKEND=django.core.mail.backends.dummy.EmailBackend" in result.stdout
    assert "email is DISABLED" in result.stderr
    assert "SECRET-LINK-TOKEN" not in result.stdout + result.stderr


def test_prod_refuses_to_start_without_secret_key():
    result = run_manage("check", env={})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
