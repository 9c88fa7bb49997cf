"""Every closed election gets exactly one stored result, whatever dies when (issue: secrecy and
exactly-once). Real processes, real faults:

* a worker killed with ``kill -9`` in the middle of a count (its transaction holds the mixed
  box and the result, blocked on a lock the test holds) — the count is rolled back whole, and
  the periodic sweep, run by a fresh worker, counts once;
* a pool child killed mid-count — the message goes back on the queue and is counted once;
* the broker down at the close — the close answers normally, nothing is queued, and once the
  broker is back the sweep counts it; a count delivered twice more changes nothing.

Each test runs its own Redis (so the broker can really go down) and its own worker against the
test database. They need PostgreSQL (the worker must see the test's rows) and redis-server.
"""

from __future__ import annotations

from datetime import timedelta

import psycopg
import pytest
from django.db import connection, transaction
from django.test import Client

from orgkit.elections import services
from orgkit.elections.lifecycle import transition
from orgkit.elections.models import Ballot, Election, ElectionResult, Receipt
from orgkit.elections.tasks import count_closed_elections, count_election
from tests.integration.elections.conftest import add_voters, make_election, nominate, open_voting
from tests.support import (
    REQUIRE_WORKER,
    OwnWorker,
    ThrowawayRedis,
    require_postgres,
    skip_or_fail,
    wait_for,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

VOTERS = 12


@pytest.fixture
def broker(tmp_path, monkeypatch):
    """A Redis of this test's own, with this process's Celery app publishing to it."""
    require_postgres()
    try:
        import celery  # noqa: F401
    except ImportError:  # pragma: no cover
        skip_or_fail("celery is not installed", required=REQUIRE_WORKER)
    from config.celery import app

    redis = ThrowawayRedis()
    redis.start()
    saved = app.conf.task_always_eager
    point_celery_at(app, redis.url, monkeypatch)
    app.conf.task_always_eager = False
    try:
        yield redis
    finally:
        monkeypatch.undo()  # the environment and settings as they were (CI's broker)
        point_celery_at(app, None, None)
        app.conf.task_always_eager = saved
        redis.stop()


def point_celery_at(app, url: str | None, monkeypatch) -> None:
    """Publish to ``url`` from now on (``None``: drop the cached pools only). Celery reads
    CELERY_BROKER_URL from the environment before its own settings — CI sets it — and caches
    its connection and producer pools (``app.close()`` clears only one of them, and unregisters
    the app), so all three go here."""
    if url is not None:
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        monkeypatch.setattr(app.conf, "broker_url", url)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def workers(broker, tmp_path):
    """Start workers on the test's broker; all are stopped at the end."""
    from config.celery import app

    started = []

    def start(pool: str = "solo") -> OwnWorker:
        worker = OwnWorker(
            broker_url=broker.url,
            queue=app.conf.task_default_queue,
            pool=pool,
            log_path=tmp_path / f"worker-{len(started)}.log",
        )
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def everyone_voted(world) -> Election:
    """A secret ranked election in which everyone on the roll has voted."""
    voters = add_voters(world, VOTERS - 2)  # and Olga and Max: the whole assembly
    election = make_election(world, seats=2, closes_in=timedelta(hours=1))
    candidates = nominate(world, election, voters[:3])
    open_voting(world, election)
    for i, entry in enumerate(election.roll.select_related("member")):
        services.ballot_cast(
            voter=entry.member,
            election=election,
            ranking=[candidates[i % 3].pk, candidates[(i + 1) % 3].pk],
        )
    assert election.roll.count() == VOTERS
    return election


def closed_election(world) -> Election:
    """Everyone voted, and voting is closed with no count queued."""
    election = everyone_voted(world)
    with transaction.atomic():
        transition(election=election, to_state=Election.State.CLOSED, actor=None)
    return election


def raw_connection():
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"] or "root",
        dbname=db["NAME"],
        autocommit=False,
    )


def hold_audit_log_lock():
    """Block every insert into the audit log — the count's last writes — until released."""
    conn = raw_connection()
    conn.execute("LOCK TABLE core_auditevent IN SHARE ROW EXCLUSIVE MODE")
    return conn


def count_blocked_on_lock(conn) -> int | None:
    """The backend pid of a count waiting on the audit-log lock, if one is."""
    # Inside a transaction pg_stat_activity is read once and cached: drop the cache first.
    conn.execute("SELECT pg_stat_clear_snapshot()")
    row = conn.execute(
        """SELECT pid FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'
             AND query ILIKE 'INSERT INTO "core_auditevent"%%'"""
    ).fetchone()
    return row[0] if row else None


def backend_gone(conn, pid: int) -> bool:
    conn.commit()  # a fresh snapshot of pg_stat_activity
    return conn.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone() is None


def assert_counted_once(election: Election) -> None:
    election.refresh_from_db()
    assert election.state == Election.State.PUBLISHED
    assert ElectionResult.objects.filter(election=election).count() == 1
    assert ElectionResult.objects.get(election=election).data["ballots"] == VOTERS
    assert Ballot.objects.filter(election=election, ranking__isnull=False).count() == VOTERS
    assert Receipt.objects.filter(election=election, code__isnull=False).count() == VOTERS


def assert_untouched(election: Election) -> None:
    """Nothing of a dead count survives: still closed, still sealed, key still there."""
    election.refresh_from_db()
    assert election.state == Election.State.CLOSED
    assert not ElectionResult.objects.filter(election=election).exists()
    assert Ballot.objects.filter(election=election, sealed__isnull=False).count() == VOTERS
    assert bytes(election.ballot_key) and election.mixed_at is None


def test_a_worker_killed_mid_count_leaves_nothing_and_the_sweep_counts_once(world, workers):
    election = closed_election(world)
    first = workers("solo")
    lock = hold_audit_log_lock()
    try:
        count_election.apply_async(args=[election.pk])
        backend = wait_for(lambda: count_blocked_on_lock(lock), seconds=30)
        assert backend, f"the count never reached the audit log:\n{first.read_log()}"
        first.kill_9()
    finally:
        lock.rollback()
    assert wait_for(lambda: backend_gone(lock, backend), seconds=30)
    lock.close()
    assert_untouched(election)

    second = workers("solo")
    count_closed_elections.apply_async()
    assert wait_for(
        lambda: Election.objects.filter(pk=election.pk, state="published").exists(), seconds=60
    ), second.read_log()
    assert_counted_once(election)


def test_a_pool_child_killed_mid_count_is_counted_once_by_redelivery(world, workers):
    election = closed_election(world)
    worker = workers("prefork")
    lock = hold_audit_log_lock()
    try:
        count_election.apply_async(args=[election.pk])
        backend = wait_for(lambda: count_blocked_on_lock(lock), seconds=30)
        assert backend, f"the count never reached the audit log:\n{worker.read_log()}"
        children = worker.children()
        assert len(children) == 1, children
        worker.kill_9(children[0])
        assert wait_for(lambda: backend_gone(lock, backend), seconds=30)
    finally:
        lock.rollback()
        lock.close()
    # No sweep: reject-on-worker-lost puts the message back, and a new child counts it.
    assert wait_for(
        lambda: Election.objects.filter(pk=election.pk, state="published").exists(), seconds=60
    ), worker.read_log()
    assert_counted_once(election)


def test_broker_down_at_close_answers_normally_and_counts_once_it_is_back(world, broker, workers):
    election = everyone_voted(world)
    broker.stop()

    client = Client()
    client.force_login(world.organizer.user)
    response = client.post(
        f"/o/{world.org.slug}/elections/{election.pk}/move/", {"to": "closed"}, follow=True
    )
    assert response.status_code == 200
    assert "now voting closed" in response.content.decode()
    assert_untouched(election)

    broker.start()
    worker = workers("solo")
    count_closed_elections.apply_async()
    assert wait_for(
        lambda: Election.objects.filter(pk=election.pk, state="published").exists(), seconds=60
    ), worker.read_log()
    assert_counted_once(election)
    # A late redelivery, a second one and another sweep change nothing.
    done = worker.read_log().count(" succeeded in ")
    count_election.apply_async(args=[election.pk])
    count_election.apply_async(args=[election.pk])
    count_closed_elections.apply_async()
    assert wait_for(lambda: worker.read_log().count(" succeeded in ") >= done + 3, seconds=60)
    assert_counted_once(election)
