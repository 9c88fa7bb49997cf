"""Helpers for race tests, which only mean something on PostgreSQL with real connections."""

from __future__ import annotations

import os
import threading

import pytest
from django.db import connection

from tests.conftest import skip_or_fail


def require_postgres() -> None:
    """Skip on SQLite (it serialises writers, so a race cannot happen) — or fail, in CI."""
    if connection.vendor != "postgresql":
        skip_or_fail(
            "concurrency tests need PostgreSQL (set DATABASE_URL)",
            required=os.environ.get("ORGKIT_REQUIRE_POSTGRES") == "1",
        )


@pytest.fixture
def postgres_only():
    require_postgres()


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
