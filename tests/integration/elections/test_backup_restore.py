"""bin/backup and bin/restore, run as an operator would: an organization with a counted
election, a decision vote's trail and its audit log is dumped, restored into a fresh database,
and every ballot, receipt, roll entry, result and audit row is found there unchanged. A restore
refuses a database that already holds tables, and a damaged backup leaves the new database
empty (all or nothing). PostgreSQL only: SQLite is backed up by copying its file."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from orgkit.elections import services
from tests.support import require_postgres

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[3]
# What the organization's history is made of; each must come back row for row.
TABLES = [
    "elections_ballot",
    "elections_receipt",
    "elections_voterrollentry",
    "elections_electionresult",
    "elections_electionevent",
    "core_auditevent",
    "organizations_member",
]


def url_for(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def rows(url: str, table: str) -> list[str]:
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
        return [r[0] for r in db.execute(f"SELECT t::text FROM {table} AS t ORDER BY 1")]


def run(script: str, *args: str, url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / "bin" / script), *args],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def fresh_database():
    """An empty database of its own, dropped afterwards."""
    require_postgres()
    name = f"orgkit_restore_{uuid.uuid4().hex[:10]}"
    admin = url_for("postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url_for(name)
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def counted(world, running, commit):
    require_postgres()
    election, candidates, voters = running
    for i, entry in enumerate(election.roll.select_related("member")):
        ranking = [candidates[i % 3].pk, candidates[(i + 1) % 3].pk]
        services.ballot_cast(voter=entry.member, election=election, ranking=ranking)
    with commit(execute=True):
        services.election_close(actor=world.organizer, election=election)
    election.refresh_from_db()
    assert election.state == "published", election.state
    return election


def test_a_backup_restores_every_ballot_receipt_and_audit_row(counted, fresh_database, tmp_path):
    source = url_for(connection.settings_dict["NAME"])
    backup = tmp_path / "orgkit.dump"
    made = run("backup", str(backup), url=source)
    assert made.returncode == 0, made.stderr
    assert backup.stat().st_size > 0 and not (tmp_path / "orgkit.dump.partial").exists()

    restored = run("restore", str(backup), url=fresh_database)
    assert restored.returncode == 0, restored.stderr
    for table in TABLES:
        before = rows(source, table)
        assert before, f"the test made no {table} rows to compare"
        assert rows(fresh_database, table) == before, f"{table} differs after the restore"

    # The code finds nothing to migrate: the restored schema is the one it expects.
    check = subprocess.run(
        [os.sys.executable, str(ROOT / "manage.py"), "migrate", "--check", "--no-input"],
        env={**os.environ, "DATABASE_URL": fresh_database},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_restore_refuses_a_database_that_is_not_empty(counted, tmp_path):
    source = url_for(connection.settings_dict["NAME"])
    backup = tmp_path / "orgkit.dump"
    assert run("backup", str(backup), url=source).returncode == 0
    ballots = rows(source, "elections_ballot")
    refused = run("restore", str(backup), url=source)
    assert refused.returncode == 1
    assert "restore into an empty one" in refused.stderr
    assert rows(source, "elections_ballot") == ballots


def test_a_damaged_backup_leaves_the_new_database_empty(counted, fresh_database, tmp_path):
    source = url_for(connection.settings_dict["NAME"])
    backup = tmp_path / "orgkit.dump"
    assert run("backup", str(backup), url=source).returncode == 0
    damaged = tmp_path / "damaged.dump"
    data = backup.read_bytes()
    damaged.write_bytes(data[: len(data) * 2 // 3])  # cut off, as a full disk or a bad copy would
    failed = run("restore", str(damaged), url=fresh_database)
    assert failed.returncode != 0
    with psycopg.connect(fresh_database.replace("postgres://", "postgresql://", 1)) as db:
        (tables,) = db.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()
    assert tables == 0, "a failed restore left part of the backup behind"


def test_backup_explains_a_missing_database_url():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(
        [str(ROOT / "bin" / "backup")], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "set DATABASE_URL" in done.stderr
