"""``runserver`` plus the periodic jobs, for the embedded default (no broker, no beat)."""

import os

from django.conf import settings
from django.core.management.commands.runserver import Command as RunserverCommand

from orgkit.core.scheduler import should_start_scheduler, start_scheduler_thread


def local_base_url(*, addr: str, port: str, ipv6: bool = False) -> str:
    """The address this server answers on, for links in emails and calendar feeds."""
    host = f"[{addr}]" if ipv6 else addr
    if host in ("0.0.0.0", "[::]"):  # listening everywhere: loopback still reaches it
        host = "127.0.0.1" if host == "0.0.0.0" else "[::1]"
    return f"http://{host}:{port}"


class Command(RunserverCommand):
    help = (
        "Serve orgkit for development and run its periodic jobs in-process when no broker is set."
    )

    def inner_run(self, *args, **options):
        # Invitation and calendar links must reach the server that sent them: unless the
        # operator named the public address (ORGKIT_BASE_URL), it is the one we listen on.
        if not os.environ.get("ORGKIT_BASE_URL"):
            settings.ORGKIT_BASE_URL = local_base_url(
                addr=self.addr, port=self.port, ipv6=getattr(self, "use_ipv6", False)
            )
        self.stdout.write(f"Links in emails and feeds point at {settings.ORGKIT_BASE_URL}")
        if should_start_scheduler(
            broker_url=settings.CELERY_BROKER_URL,
            use_reloader=options.get("use_reloader", True),
            environ=os.environ,
        ):
            start_scheduler_thread(settings.CELERY_BEAT_SCHEDULE)
            self.stdout.write("Periodic jobs run in this process (no CELERY_BROKER_URL set).")
        super().inner_run(*args, **options)
