"""API tokens (issue 8, item 6): stored as a digest only, expiring, revoked by logout and by any
password change or reset, and never a 500 on a strange header."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from orgkit.core.models import ApiTokenPassword

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"


def get_token(email="max@example.org", password="pw-for-tests-1", **body_keys) -> dict:
    body = {"email": email, "password": password, **body_keys}
    response = APIClient().post(TOKEN, body, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def with_token(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def works(token: str) -> bool:
    return with_token(token).get("/api/v1/orgs/").status_code == 200


def test_token_has_an_expiry_and_the_old_username_field_still_works(world, settings):
    data = get_token()
    expiry = datetime.fromisoformat(data["expiry"])
    assert timedelta(days=29, hours=23) < expiry - timezone.now() <= timedelta(days=30)
    legacy = APIClient().post(
        TOKEN, {"username": "max@example.org", "password": "pw-for-tests-1"}, format="json"
    )
    assert legacy.status_code == 200 and works(legacy.json()["token"])


def test_the_database_holds_no_usable_token(world):
    token = get_token()["token"]
    rows = []
    with connection.cursor() as cursor:
        for table in ["knox_authtoken", "core_apitokenpassword"]:
            cursor.execute(f"SELECT * FROM {table}")  # every column
            rows += cursor.fetchall()
    assert len(rows) == 2
    dumped = " ".join(str(value) for row in rows for value in row)
    assert token not in dumped
    # What is there is the digest (and the first 15 characters to find the row): try them all.
    row = AuthToken.objects.get()
    assert row.digest == hashlib.sha512(token.encode()).hexdigest()
    for candidate in {str(value) for row in rows for value in row}:
        assert not works(candidate)
    assert works(token)


def test_an_expired_token_is_refused(world):
    token = get_token()["token"]
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    assert with_token(token).get("/api/v1/orgs/").status_code == 401
    assert not AuthToken.objects.exists()  # and cleaned up


def test_logout_revokes_only_the_token_in_use(world):
    first, second = get_token()["token"], get_token()["token"]
    assert with_token(first).post("/api/v1/auth/logout/").status_code == 204
    assert not works(first)
    assert works(second)


def test_logout_all_revokes_every_token_of_the_caller(world):
    mine = [get_token()["token"] for _ in range(3)]
    theirs = get_token("olga@example.org")["token"]
    response = with_token(mine[0]).post("/api/v1/auth/logout-all/")
    assert response.status_code == 200 and response.json() == {"revoked": 3}
    assert not any(works(token) for token in mine)
    assert works(theirs)


def test_logout_with_a_session_explains_what_to_send(world):
    client = APIClient()
    client.force_login(world.member.user)
    response = client.post("/api/v1/auth/logout/")
    assert response.status_code == 400 and "Authorization" in response.json()["detail"]


def test_changing_the_password_on_the_page_revokes_tokens(world):
    token = get_token()["token"]
    assert works(token)
    client = Client()
    client.force_login(world.member.user)
    new = "another-long-pass-77"
    response = client.post(
        "/accounts/password/change/",
        {"old_password": "pw-for-tests-1", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert not works(token)
    assert not AuthToken.objects.filter(user=world.member.user).exists()
    assert works(get_token(password=new)["token"])


def test_a_password_reset_revokes_tokens(world, mailoutbox, django_capture_on_commit_callbacks):
    token = get_token()["token"]
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/accounts/password/reset/", {"email": "max@example.org"})
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/accounts/reset/" in line)
    client = Client()
    form_page = client.get(link[link.index("/accounts/reset/") :], follow=True)
    new = "brand-new-pass-2026"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert not works(token)


def test_a_password_changed_any_other_way_also_kills_the_token(world):
    """The admin, `manage.py changepassword` or a shell set the password without orgkit's
    forms: the token carries a fingerprint of the password it was made under."""
    token = get_token()["token"]
    user = world.member.user
    user.set_password("changed-behind-our-back-1")
    user.save()
    assert not works(token)


def test_a_token_without_its_password_fingerprint_is_refused(world):
    token = get_token()["token"]
    ApiTokenPassword.objects.all().delete()
    assert not works(token)


def test_a_deactivated_account_cannot_use_or_get_a_token(world):
    token = get_token()["token"]
    user = world.member.user
    user.is_active = False
    user.save()
    assert not works(token)
    response = APIClient().post(
        TOKEN, {"email": "max@example.org", "password": "pw-for-tests-1"}, format="json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "header",
    [
        "Token",
        "Token a b",
        "Token " + "f" * 64,
        "Token \u00e9\u00e9\u00e9",
        "Token \x00",
        "Bearer xyz",
    ],
)
def test_odd_authorization_headers_are_refused_not_500(world, header):
    response = APIClient().get("/api/v1/orgs/", HTTP_AUTHORIZATION=header)
    assert response.status_code in (401, 403)
