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


def wait_for(predicate, *, seconds: float = 30.0, every: float = 0.2):
    """Poll ``predicate`` until it returns something truthy or time runs out; return its last
    answer (so a failed wait asserts on what was actually there)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(every)
    return predicate()


# --- processes the fault tests start and kill themselves -------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayRedis:
    """A Redis server of the test's own on a free port, which the test can stop and start
    again: a broker that really goes down, without touching the one CI shares."""

    def __init__(self) -> None:
        import shutil

        self.binary = shutil.which("redis-server")
        if self.binary is None:
            skip_or_fail("redis-server is not installed", required=REQUIRE_WORKER)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        import subprocess

        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_for(self._answers, seconds=10), "the throwaway Redis did not start"

    def _answers(self) -> bool:
        import socket

        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None


class OwnWorker:
    """A real Celery worker process of the test's own, on a broker of the test's choosing,
    against the test database (which it can only see in ``transaction=True`` tests)."""

    def __init__(self, *, broker_url: str, queue: str, pool: str = "solo", log_path) -> None:
        import subprocess
        import sys

        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"postgres://{db['USER'] or 'root'}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
        }
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                f"--pool={pool}",
                "--concurrency=1",
                "--loglevel=INFO",
                "-Q",
                queue,
                "-n",
                f"{queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        ready = wait_for(
            lambda: "ready." in self.read_log() or self.process.poll() is not None, seconds=60
        )
        assert ready and self.process.poll() is None, f"worker did not start:\n{self.read_log()}"

    def read_log(self) -> str:
        self.log.flush()
        return open(self.log_path, encoding="utf-8", errors="replace").read()

    def children(self) -> list[int]:
        path = f"/proc/{self.process.pid}/task/{self.process.pid}/children"
        try:
            return [int(pid) for pid in open(path).read().split()]
        except OSError:
            return []

    def kill_9(self, pid: int | None = None) -> None:
        import signal

        os.kill(pid or self.process.pid, signal.SIGKILL)
        if pid is None:
            self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.log.close()


# --- query discipline (DESIGN.md rule 6) ------------------------------------------------------


def queries_of(client, url: str, *, contains: str = "", status: int = 200, **get_kwargs) -> int:
    """How many queries one GET of ``url`` costs; also checks the answer is ``status`` and holds
    ``contains`` (so a count of an error page cannot pass for a count of the real one)."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **get_kwargs)
    assert response.status_code == status, (url, response.status_code)
    if contains:
        assert contains in response.content.decode(), (url, contains)
    return len(ctx.captured_queries)


def assert_queries_constant(measure, grow, *, at_most: int):
    """N rows vs N+20: ``measure()`` (a query count, or a tuple of them) must give the same
    answer before and after ``grow()`` adds rows, and stay at or under ``at_most`` — a fixed
    budget, so a page cannot drift from 8 queries to 80 and still pass for being "constant"."""
    before = measure()
    grow()
    after = measure()
    assert after == before, f"query count grew with the data: {before} → {after}"
    counts = after if isinstance(after, tuple) else (after,)
    assert max(counts) <= at_most, f"{counts} exceeds the budget of {at_most} queries"
    return after


# --- translation (DESIGN.md rule 10) ---------------------------------------------------------


def _mo_bytes(messages: dict[str, str]) -> bytes:
    """A compiled gettext catalogue (``.mo``) holding ``messages`` (msgid → msgstr). A plural
    entry is written as ``"singular\x00plural" → "form0\x00form1"``."""
    import struct

    header = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
    entries = sorted({"": header, **messages}.items())
    ids = [k.encode() for k, _ in entries]
    strs = [v.encode() for _, v in entries]
    start = 7 * 4 + 16 * len(entries)  # header, then the two tables of (length, offset)
    id_table, str_table, blob = [], [], b""
    for encoded, table in [(s, id_table) for s in ids] + [(s, str_table) for s in strs]:
        table.append((len(encoded), start + len(blob)))
        blob += encoded + b"\x00"
    data = struct.pack("<7I", 0x950412DE, 0, len(entries), 28, 28 + 8 * len(entries), 0, 0)
    return data + b"".join(struct.pack("<2I", *pair) for pair in id_table + str_table) + blob


def write_mo(path, messages: dict[str, str]) -> None:
    """Write a compiled catalogue to ``path``, without GNU gettext: tests use it to make a
    language observable before its real catalogue exists."""
    from pathlib import Path

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_mo_bytes(messages))


def write_catalogue(root, language: str, messages: dict[str, str]) -> None:
    """Compile ``messages`` to ``root/<language>/LC_MESSAGES/django.mo`` — a stand-in until the
    real catalogues exist, to prove a text is looked up in the reader's language. Point
    ``settings.LOCALE_PATHS`` at ``root`` (Django then drops its cached catalogues)."""
    from pathlib import Path

    write_mo(Path(root) / language / "LC_MESSAGES" / "django.mo", messages)
