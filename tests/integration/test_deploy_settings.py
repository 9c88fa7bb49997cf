"""Production settings pass Django's deployment checks with real values, and refuse to start
without a secret key."""

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
    dropped = {"SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update({"DJANGO_SETTINGS_MODULE": "config.settings.prod", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_real_values():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env={
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "orgkit.example.org",
            "DATABASE_URL": "postgres://orgkit@127.0.0.1:5432/orgkit",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_prod_refuses_to_start_without_secret_key():
    result = run_manage("check", env={})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
