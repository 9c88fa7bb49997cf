"""Election benchmarks against a real PostgreSQL (and, for the tally, a real Celery worker).

    createdb orgkit_bench
    export DATABASE_URL=postgres://root@127.0.0.1:5432/orgkit_bench
    .venv/bin/python benchmarks/bench_elections.py tally --ballots 1000000
    .venv/bin/python benchmarks/bench_elections.py cast --voters 200

tally: fills an election with N synthetic ballots (manage.py fill_ballots), closes it, and times
       the count from enqueueing to the stored result. With CELERY_BROKER_URL set the script
       starts a worker itself and the count runs there; otherwise it runs in this process.
       Target (issue 5): ≤ 5 s end to end for 1M ballots.
cast:  starts gunicorn on 127.0.0.1 (prod settings, loopback only), gives V voters a session,
       and has them all submit their ranked ballot at once over HTTP; then measures a trivial
       view (/healthz) with the same client and concurrency. Reports ballots/s, the ratio to the
       trivial view (target ≥ 10 %), and checks that no ballot was lost or doubled.
Each run makes its own organization, so runs do not disturb each other or real data.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
# The sessions this script makes must verify in the gunicorn it starts: one key for both.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(60))
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")


def setup_django():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(
            "Set DATABASE_URL to a PostgreSQL database made for benchmarking (see the docstring)."
        )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_election(*, voters: int, candidates: int, run: str):
    """An organization-wide ranked election, voting open now, with the given roll."""
    from django.utils import timezone

    from orgkit.core.models import User
    from orgkit.elections import services
    from orgkit.organizations import services as org_services
    from orgkit.organizations.models import Member

    founder = User.objects.create_user(f"bench-{run}@example.org", "x", full_name="Bench Organizer")
    org = org_services.organization_create(
        creator=founder, name=f"Bench {run}", slug=f"bench-{run}"
    )
    organizer = Member.objects.get(organization=org)
    password = "bench-password-" + run
    members = []
    for i in range(voters):
        member = org_services.member_add(
            actor=organizer, email=f"v{i}-{run}@example.org", full_name=f"Voter {i:04d}"
        )
        member.user.set_password(password)
        member.user.save(update_fields=["password"])
        members.append(member)
    body = org_services.body_create(
        actor=organizer, name="Assembly", kind="assembly", membership="organization"
    )
    now = timezone.now()
    election = services.election_create(
        actor=organizer,
        body=body,
        title="Benchmark election",
        seats=5,
        ballot_kind="ranked",
        rule="scottish",
        secrecy="secret",
        requires_seconder=False,
        notice_days=0,
        nominations_open_at=now - timedelta(hours=3),
        nominations_close_at=now - timedelta(hours=1),
        voting_opens_at=now - timedelta(hours=1),
        voting_closes_at=now + timedelta(hours=2),
        at=now - timedelta(hours=4),
    )
    services.election_open_nominations(
        actor=organizer, election=election, at=now - timedelta(hours=3)
    )
    election.refresh_from_db()
    for member in members[:candidates]:
        services.candidate_nominate(
            actor=member,
            election=election,
            member=member,
            statement="",
            slate_name="",
            at=now - timedelta(hours=2),
        )
    services.election_open_voting(
        actor=organizer, election=election, at=now - timedelta(minutes=59)
    )
    election.refresh_from_db()
    return org, organizer, election, members, password


def tally(args) -> None:
    from django.core.management import call_command

    from config.celery import app
    from orgkit.elections import services
    from orgkit.elections.models import ElectionResult
    from orgkit.elections.selectors import grouped_ballots

    run = secrets.token_hex(3)
    org, organizer, election, _members, _ = make_election(
        voters=max(12, args.candidates), candidates=args.candidates, run=run
    )
    started = time.perf_counter()
    call_command(
        "fill_ballots", election.pk, "--ballots", str(args.ballots), "--synthetic", "--seed", run
    )
    fill = time.perf_counter() - started
    worker = None
    if os.environ.get("CELERY_BROKER_URL"):
        app.conf.task_always_eager = False
        queue = f"bench-{run}"
        os.environ["CELERY_TASK_DEFAULT_QUEUE"] = queue
        app.conf.task_default_queue = queue
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "-Q",
                queue,
                "-n",
                f"bench-{run}@%h",
                "--loglevel=WARNING",
            ],
            cwd=ROOT,
            env={**os.environ},
        )
        deadline = time.monotonic() + 30
        while not app.control.ping(timeout=1) and time.monotonic() < deadline:
            pass
    where = "a Celery worker" if worker else "this process (no CELERY_BROKER_URL)"
    # The voting window is still open; end it now, as if its close time had just come.
    from django.utils import timezone

    from orgkit.elections.models import Election

    Election.objects.filter(pk=election.pk).update(voting_closes_at=timezone.now())
    election.refresh_from_db()
    try:
        started = time.perf_counter()
        services.election_close(actor=organizer, election=election)  # enqueues the count on commit
        while not ElectionResult.objects.filter(election=election).exists():
            if time.perf_counter() - started > 600:
                sys.exit("no result after 600 s")
            time.sleep(0.02)
        end_to_end = time.perf_counter() - started
    finally:
        if worker:
            worker.terminate()
            worker.wait(30)
    distinct = len(grouped_ballots(election=election))
    print(
        f"tally: {args.ballots:,} ballots, {args.candidates} candidates, {distinct:,} distinct rankings"
    )
    print(f"  fill (bulk insert, not part of the target): {fill:.1f} s")
    print(
        f"  close → count → stored result in {where}: {end_to_end:.2f} s   (target ≤ 5 s: "
        f"{'met' if end_to_end <= 5 else 'MISSED'}; {5 / end_to_end:.1f}× inside it)"
    )


class Client:
    """A minimal HTTP client with cookies; a new connection per request, as a voter's browser
    returning to the page after a while would make."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Host": "127.0.0.1",
        }
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1{path}"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        text = response.read().decode(errors="replace")
        conn.close()
        return response.status, text


def concurrently(workers: list, action) -> tuple[float, list]:
    barrier = threading.Barrier(len(workers) + 1)
    results: list = [None] * len(workers)

    def run(i, worker):
        barrier.wait()
        try:
            results[i] = action(worker)
        except Exception as exc:  # reported, not hidden
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(workers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, results


def cast(args) -> None:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from orgkit.elections.models import Ballot, Candidate, Receipt, VoterRollEntry

    run = secrets.token_hex(3)
    org, _organizer, election, members, _password = make_election(
        voters=args.voters, candidates=8, run=run
    )
    candidate_ids = list(
        Candidate.objects.filter(election=election, on_ballot=True).values_list("pk", flat=True)
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "CELERY_BROKER_URL": "",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = args.port
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.gunicorn_workers),
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                if Client(port).request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        clients = []
        for member in members:
            session = SessionStore()
            session[SESSION_KEY] = str(member.user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = member.user.get_session_auth_hash()
            session.create()
            client = Client(port)
            client.cookies["sessionid"] = session.session_key
            status, page = client.request("GET", f"/o/{org.slug}/elections/{election.pk}/vote/")
            assert status == 200, (status, page[:300])
            client.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            clients.append(client)
        vote_path = f"/o/{org.slug}/elections/{election.pk}/vote/"

        def vote(client):
            order = candidate_ids[:]
            secrets.SystemRandom().shuffle(order)
            form = {
                "csrfmiddlewaretoken": client.token,
                **{f"rank_{pk}": str(i + 1) for i, pk in enumerate(order[:4])},
            }
            status, page = client.request("POST", vote_path, form)
            return status == 200 and "receipt" in page.lower()

        elapsed, outcomes = concurrently(clients, vote)
        ok = sum(o is True for o in outcomes)
        errors = [o for o in outcomes if o is not True]
        trivial_elapsed, trivial = concurrently(
            clients, lambda c: c.request("GET", "/healthz")[0] == 200
        )
        ballots = Ballot.objects.filter(election=election).count()
        marked = VoterRollEntry.objects.filter(election=election, voted=True).count()
        receipts = Receipt.objects.filter(election=election).count()
    finally:
        server.terminate()
        server.wait(30)
    voters = len(members)
    print(
        f"cast: {voters} voters at once against gunicorn ({args.gunicorn_workers} workers × 4 threads), PostgreSQL"
    )
    print(
        f"  ballots: {ok} accepted in {elapsed:.2f} s = {ok / elapsed:.0f} ballots/s; errors: {len(errors)}"
    )
    for error in errors[:3]:
        print(f"    e.g. {error!r}")
    print(
        f"  trivial view: {sum(t is True for t in trivial)} requests in {trivial_elapsed:.2f} s "
        f"= {voters / trivial_elapsed:.0f} req/s"
    )
    ratio = (ok / elapsed) / (voters / trivial_elapsed)
    print(
        f"  ratio ballots/s ÷ trivial req/s = {ratio:.0%} (target ≥ 10 %: {'met' if ratio >= 0.10 else 'MISSED'})"
    )
    print(
        f"  stored: {ballots} ballots, {marked} marked on the roll, {receipts} receipts "
        f"→ {'none lost or doubled' if ballots == marked == receipts == ok == voters else 'MISMATCH'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("tally")
    t.add_argument("--ballots", type=int, default=1_000_000)
    t.add_argument("--candidates", type=int, default=30)
    c = sub.add_parser("cast")
    c.add_argument("--voters", type=int, default=200)
    c.add_argument("--port", type=int, default=8765)
    c.add_argument("--gunicorn-workers", type=int, default=2)
    args = parser.parse_args()
    setup_django()
    {"tally": tally, "cast": cast}[args.command](args)


if __name__ == "__main__":
    main()
