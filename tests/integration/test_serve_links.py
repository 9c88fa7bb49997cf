"""The README's server (``manage.py serve``) on a port of its own sends invitation links that
reach it — not port 8000 (a newcomer's report: run on another port, the invitation email
linked to 8000). A real server process, a real API call, the email file it wrote."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from tests.support import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
from orgkit.core.accounts import account_create
from orgkit.organizations import services
user = account_create(email="olga@example.org", full_name="Olga", password="a-long-pass-1922")
services.organization_create(creator=user, name="Port Union", slug="port")
"""


def assert_missing_page_is_orgkits_own(base: str) -> None:
    """A mistyped address on the demo server answers orgkit's 404 page, not Django's debug
    page listing every route; the stylesheet is still served with debugging off."""
    try:
        urllib.request.urlopen(base + "/o/port/no-such-page/", timeout=10)
        raise AssertionError("a missing page answered 200")
    except urllib.error.HTTPError as error:
        assert error.code == 404
        body = error.read().decode()
    assert "URLconf" not in body and "Django tried these URL patterns" not in body, body[:500]
    assert "orgkit" in body
    with urllib.request.urlopen(base + "/", timeout=10) as response:
        home = response.read().decode()
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home)
    assert stylesheet, "the home page links no stylesheet"
    with urllib.request.urlopen(base + stylesheet.group(1), timeout=10) as response:
        assert response.status == 200


def test_invitation_links_point_at_the_port_served(tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "DATABASE_URL"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "ORGKIT_VAR_DIR": str(tmp_path),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }
    env.pop("ORGKIT_BASE_URL", None)
    env.pop("ORGKIT_DEBUG", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, timeout=300, cwd=ROOT)
    subprocess.run([*manage, "shell", "-c", SETUP], env=env, check=True, timeout=120, cwd=ROOT)
    server = subprocess.Popen(
        [*manage, "serve", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"

    def post(path, data, token=None):
        request = urllib.request.Request(
            base + path,
            data=json.dumps(data).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                **({"Authorization": f"Token {token}"} if token else {}),
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def up():
        try:
            return urllib.request.urlopen(base + "/healthz", timeout=2).status == 200
        except OSError:
            return False

    try:
        assert wait_for(up, seconds=60), "the server did not start"
        token = post(
            "/api/v1/auth/token/", {"email": "olga@example.org", "password": "a-long-pass-1922"}
        )["token"]
        post("/api/v1/orgs/port/invitations/", {"email": "new@example.org"}, token)
        mail = wait_for(lambda: list((tmp_path / "mail").glob("*.log")), seconds=30)
        assert mail, "no email was written"
        text = "\n".join(p.read_text() for p in mail)
        assert f"{base}/invite/" in text, text
        assert "127.0.0.1:8000" not in text
        assert_missing_page_is_orgkits_own(base)
    finally:
        server.terminate()
        server.wait(30)
