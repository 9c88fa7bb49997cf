"""Helpers shared by the test modules (fixtures live in conftest.py; plain functions here,
so that no test module imports another)."""

from __future__ import annotations

import os
import threading

import pytest
from django.db import connection

# Browser and worker tests skip locally when they cannot run, but fail in CI, where .ci/run
# sets these: a CI that silently skipped them would prove nothing.
REQUIRE_BROWSER = os.environ.get("ORGKIT_REQUIRE_BROWSER") == "1"
REQUIRE_WORKER = os.environ.get("ORGKIT_REQUIRE_WORKER") == "1"


def skip_or_fail(reason: str, *, required: bool) -> None:
    if required:
        pytest.fail(f"{reason} (required in this run)", pytrace=False)
    pytest.skip(reason)


def make_user(email: str, name: str = "", password: str = "pw-for-tests-1"):
    from orgkit.core.models import User

    return User.objects.create_user(email, password, full_name=name or email.split("@")[0].title())


def require_postgres() -> None:
    """Skip on SQLite (it serialises writers, so a race cannot happen) — or fail, in CI."""
    if connection.vendor != "postgresql":
        skip_or_fail(
            "concurrency tests need PostgreSQL (set DATABASE_URL)",
            required=os.environ.get("ORGKIT_REQUIRE_POSTGRES") == "1",
        )


def race(*actions):
    """Run the actions at the same moment in separate threads (separate connections); return
    each one's result or the exception it raised."""
    barrier = threading.Barrier(len(actions))
    outcomes: list = [None] * len(actions)

    def run(index, action):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            outcomes[index] = action()
        except Exception as exc:  # the outcome we assert on
            outcomes[index] = exc
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


def log_in(client, email: str, password: str) -> bool:
    """``Client.login`` with a request, as django-axes (first in AUTHENTICATION_BACKENDS) needs
    one to count failures; ``client.login(username=…, password=…)`` alone would raise."""
    from django.http import HttpRequest

    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "127.0.0.1"
    return client.login(request=request, username=email, password=password)


def sign_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
