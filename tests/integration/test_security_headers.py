"""Security headers on every kind of response (issue 8, item 6): a Content-Security-Policy that
allows no inline script or style, framing by nobody, forms to ourselves only; nosniff,
Referrer-Policy and a minimal Permissions-Policy — in every settings module, not only prod."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def directives(response) -> dict[str, set[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = set(values)
    return parsed


def assert_site_policy(response) -> None:
    csp = directives(response)
    assert csp["default-src"] == {"'self'"}
    assert csp["script-src"] == {"'self'"} and csp["style-src"] == {"'self'"}
    assert csp["object-src"] == {"'none'"} and csp["frame-ancestors"] == {"'none'"}
    assert csp["form-action"] == {"'self'"} and csp["base-uri"] == {"'self'"}
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


def test_pages_api_and_errors_carry_the_headers(world):
    member = Client()
    member.force_login(world.member.user)
    api = APIClient()
    api.force_authenticate(world.member.user)
    responses = [
        Client().get("/"),
        Client().get("/accounts/login/"),
        Client().post("/accounts/login/", {"username": "max@example.org", "password": "nope"}),
        member.get("/o/tenants/"),
        member.get("/o/tenants/members/?q=max", HTTP_HX_REQUEST="true"),  # an htmx fragment
        member.get("/o/tenants/rotations/"),
        member.get("/o/no-such-org/"),  # 404 page
        api.get("/api/v1/orgs/"),
        APIClient().get("/api/v1/orgs/"),  # 401
        APIClient().post("/api/v1/auth/token/", {}, format="json"),  # 400
        Client().get("/healthz"),
    ]
    for response in responses:
        assert_site_policy(response)


def test_only_the_api_docs_page_allows_inline_styles():
    docs = Client().get("/api/docs/")
    assert docs.status_code == 200
    csp = directives(docs)
    assert "'unsafe-inline'" in csp["style-src"] and "data:" in csp["img-src"]
    assert csp["script-src"] == {"'self'"}  # its start-up script is a file of its own
    html = docs.content.decode()
    assert re.search(r"<script>(?!\s*</script>)", html) is None
    script = (
        re.search(r'<script src="([^"]*\?[^"]*script[^"]*)"', html).group(1).replace("&amp;", "&")
    )
    assert Client().get(script).status_code == 200


def test_templates_have_no_inline_script_handlers_or_style_attributes():
    """The policy forbids them, so a template that reintroduces one breaks in the browser."""
    offenders = []
    for template in sorted((ROOT / "orgkit").rglob("templates/**/*.html")):
        text = template.read_text()
        for pattern in [
            r"<script(?![^>]*\bsrc=)[^>]*>",
            r"\son[a-z]+\s*=",
            r"\sstyle\s*=",
            r"<style",
        ]:
            if re.search(pattern, text, flags=re.IGNORECASE):
                offenders.append(f"{template.relative_to(ROOT)}: {pattern}")
    assert offenders == []


def test_every_settings_module_sets_the_headers():
    for module in ["base", "dev", "test", "prod"]:
        text = (ROOT / "config" / "settings" / f"{module}.py").read_text()
        assert (
            "SECURE_REFERRER_POLICY = None" not in text
            and "SECURE_CONTENT_TYPE_NOSNIFF = False" not in text
        )
    from django.conf import settings

    assert "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE
    assert "orgkit.core.middleware.PermissionsPolicyMiddleware" in settings.MIDDLEWARE
