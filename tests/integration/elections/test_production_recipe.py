"""The production recipe, run rather than only written: the Procfile's processes — release,
web (gunicorn), worker and beat (Celery) — started as an operator would, on loopback, with the
production settings against PostgreSQL and a Redis of the test's own; then one vote through
them. A member casts a ballot over HTTP with an API token; nobody closes the election: beat
closes it when its window ends, the worker counts it, and the result is read back over HTTP.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import signal
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from orgkit.core.tokens import api_token_create
from orgkit.elections.models import Election
from orgkit.organizations.models import Member
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting
from tests.support import ThrowawayRedis, free_port, require_postgres, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[3]


def procfile() -> dict[str, str]:
    """The Procfile's process types and their commands."""
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(":", 1) for line in lines if line.strip() and ":" in line)


def production_env(tmp_path: Path, *, port: int, broker: str, sealing_key: str) -> dict[str, str]:
    db = connection.settings_dict
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "ORGKIT_"))},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(48),
        # As deployment.md advises: a sealing key of its own, so the ballot box this test
        # sealed opens in the production processes whatever their SECRET_KEY.
        "ORGKIT_SEALING_KEY": sealing_key,
        "DATABASE_URL": f"postgres://{db['USER'] or 'root'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "ORGKIT_BASE_URL": f"http://127.0.0.1:{port}",
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_DEFAULT_QUEUE": f"orgkit-recipe-{uuid.uuid4().hex[:8]}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "STATIC_ROOT": str(tmp_path / "static"),
        # Plain HTTP on loopback: no TLS proxy in front of this test.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "ORGKIT_EMAIL_DISABLED": "1",
    }


class Processes:
    """The Procfile's long-running processes, each in its own process group, logged to files."""

    def __init__(self, commands: dict[str, str], env: dict[str, str], logs: Path) -> None:
        self.running = {}
        for name in ("web", "worker", "beat"):
            log = open(logs / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
            self.running[name] = (
                subprocess.Popen(
                    commands[name],
                    shell=True,
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                ),
                log,
            )
        self.logs = logs

    def alive(self) -> dict[str, bool]:
        return {name: p.poll() is None for name, (p, _) in self.running.items()}

    def tails(self) -> str:
        return "\n".join(
            f"--- {name}\n" + (self.logs / f"{name}.log").read_text()[-1500:]
            for name in self.running
        )

    def stop(self) -> None:
        for process, _ in self.running.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process, log in self.running.values():
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
            log.close()


def call(base: str, path: str, *, token: str | None = None, data: dict | None = None):
    request = urllib.request.Request(
        base + path,
        data=json.dumps(data).encode() if data is not None else None,
        method="POST" if data is not None else "GET",
        headers={
            "Content-Type": "application/json",
            **({"Authorization": f"Token {token}"} if token else {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        raise AssertionError(f"{path}: {error.code} {error.read()[:500]!r}") from None


def token_for(member: Member) -> str:
    # Made here rather than by signing in: the test settings hash passwords with a fast hasher
    # that the production settings rightly do not accept.
    return api_token_create(user=member.user)[1]


@pytest.fixture
def redis():
    server = ThrowawayRedis()
    server.start()
    yield server
    server.stop()


def test_the_procfile_runs_a_vote_from_ballot_to_published_result(
    world, redis, tmp_path, monkeypatch
):
    require_postgres()
    sealing_key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    monkeypatch.setenv("ORGKIT_SEALING_KEY", sealing_key)
    voters = add_voters(world, 3)
    election = make_election(world, seats=1, closes_in=timedelta(hours=1))
    candidates = nominate(world, election, voters[:2])
    open_voting(world, election)

    port = free_port()
    env = production_env(tmp_path, port=port, broker=redis.url, sealing_key=sealing_key)
    commands = procfile()
    assert set(commands) >= {"release", "web", "worker", "beat"}
    release = subprocess.run(
        commands["release"],
        shell=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert release.returncode == 0, release.stdout[-2000:] + release.stderr[-2000:]

    processes = Processes(commands, env, tmp_path)
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return urllib.request.urlopen(base + "/healthz", timeout=2).status == 200
        except OSError:
            return False

    try:
        assert wait_for(up, seconds=60), "gunicorn did not answer\n" + processes.tails()
        # A page with its collected, fingerprinted stylesheet: what a browser would get.
        with urllib.request.urlopen(base + "/accounts/login/", timeout=10) as response:
            page = response.read().decode()
        assert "/static/" in page and response.status == 200

        voter = token_for(voters[2])
        status, receipt = call(
            base,
            f"/api/v1/orgs/{world.org.slug}/elections/{election.pk}/vote/",
            token=voter,
            data={"ranking": [candidates[1].pk, candidates[0].pk]},
        )
        assert status == 201 and receipt["receipt"]

        # The clock reaches the end of the voting window (moved, not waited for: a release on a
        # busy machine can take longer than any window short enough for a test).
        Election.objects.filter(pk=election.pk).update(
            voting_closes_at=timezone.now() - timedelta(seconds=1)
        )
        organizer = token_for(world.organizer)
        results = f"/api/v1/orgs/{world.org.slug}/elections/{election.pk}/results/"

        def published():
            answer = call(base, results, token=organizer)[1]
            return answer if answer["state"] == "published" else None

        # Beat's close job runs every minute, then the worker counts: allow a few ticks.
        answer = wait_for(published, seconds=240, every=2)
        assert answer, f"not published; alive: {processes.alive()}\n" + processes.tails()
        assert answer["result"]["elected"] == [candidates[1].member.display_name]
        assert all(processes.alive().values()), processes.tails()
    finally:
        processes.stop()
