"""Brute force against the sign-in page and the API token endpoint (issue 8, item 4).

The attacker's test: many wrong passwords, then the right one — which must be refused while the
lock holds, with a message that says why. An account locks after AXES_FAILURE_LIMIT failures
from anywhere; an address after ORGKIT_LOGIN_ADDRESS_FAILURE_LIMIT failures on any accounts;
both lift after AXES_COOLOFF_TIME.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from orgkit.core.lockout import client_ip_address, normalized_username
from tests.support import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"
RIGHT = "pw-for-tests-1"


@pytest.fixture
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.ORGKIT_LOGIN_ADDRESS_FAILURE_LIMIT = 12
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    return settings


@pytest.fixture
def max_user(db):
    return make_user("max@example.org", "Max Member")


def page_login(
    email: str, password: str, *, address: str = "10.0.0.1", client: Client | None = None
):
    client = client or Client()
    response = client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)
    return client, response


def api_token(email: str, password: str, *, address: str = "10.0.0.1"):
    return APIClient().post(
        TOKEN, {"email": email, "password": password}, format="json", REMOTE_ADDR=address
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def age_failures(minutes: int) -> None:
    """Move every recorded failure ``minutes`` into the past (as waiting would)."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


# --- the sign-in page ----------------------------------------------------------------------


def test_page_refuses_the_right_password_after_repeated_failures(limits, max_user):
    for _ in range(4):
        _client, response = page_login("max@example.org", "wrong-guess")
        assert response.status_code == 200  # the form again, "please enter a correct email…"
    _client, response = page_login("max@example.org", "wrong-guess")
    assert response.status_code == 429  # the fifth failure locks
    client, response = page_login("max@example.org", RIGHT)
    assert response.status_code == 429
    assert not signed_in(client)
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page and "15 minutes" in page
    assert '<form method="post"' in page  # the sign-in page, not a bare error
    assert response["Retry-After"] == str(15 * 60)


def test_page_lockout_lifts_after_the_cool_off(limits, max_user):
    for _ in range(5):
        page_login("max@example.org", "wrong-guess")
    age_failures(14)
    client, response = page_login("max@example.org", RIGHT)
    assert response.status_code == 429 and not signed_in(client)
    age_failures(2)  # 16 minutes since the last failure
    client, response = page_login("max@example.org", RIGHT)
    assert response.status_code == 302 and signed_in(client)


def test_tries_during_a_lockout_do_not_extend_it(limits, max_user):
    for _ in range(5):
        page_login("max@example.org", "wrong-guess")
    age_failures(10)
    for _ in range(3):
        assert page_login("max@example.org", "wrong-guess")[1].status_code == 429
    age_failures(6)
    client, response = page_login("max@example.org", RIGHT)
    assert response.status_code == 302 and signed_in(client)


def test_the_account_lock_holds_from_every_address(limits, max_user):
    for number in range(5):
        page_login("max@example.org", "wrong-guess", address=f"10.0.1.{number + 1}")
    client, response = page_login("max@example.org", RIGHT, address="192.0.2.77")
    assert response.status_code == 429 and not signed_in(client)


def test_another_account_from_the_same_address_is_not_locked(limits, max_user):
    make_user("ana@example.org", "Ana Alder")
    for _ in range(5):
        page_login("max@example.org", "wrong-guess", address="10.0.0.9")
    client, response = page_login("ana@example.org", RIGHT, address="10.0.0.9")
    assert response.status_code == 302 and signed_in(client)


def test_an_address_that_sprays_many_accounts_is_locked(limits, max_user):
    # 12 failures spread over 6 accounts (2 each, far below the account limit) lock the address.
    for number in range(6):
        for _ in range(2):
            page_login(f"user{number}@example.org", "Winter2026!", address="10.0.0.66")
    client, response = page_login("max@example.org", RIGHT, address="10.0.0.66")
    assert response.status_code == 429 and not signed_in(client)
    # The same account from elsewhere is fine: it was never attacked itself.
    client, response = page_login("max@example.org", RIGHT, address="10.0.0.67")
    assert response.status_code == 302 and signed_in(client)


def test_changing_the_case_of_the_email_does_not_reset_the_count(limits, max_user):
    for email in ["max@example.org", "MAX@example.org", "Max@Example.org ", "max@EXAMPLE.org"]:
        page_login(email, "wrong-guess")
    _client, response = page_login("mAx@example.org", "wrong-guess")
    assert response.status_code == 429
    assert page_login("max@example.org", RIGHT)[1].status_code == 429


def test_signing_in_clears_the_accounts_failures(limits, max_user):
    for _ in range(4):
        page_login("max@example.org", "wrong-guess")
    assert page_login("max@example.org", RIGHT)[1].status_code == 302
    for _ in range(4):
        page_login("max@example.org", "wrong-guess")
    assert page_login("max@example.org", RIGHT)[1].status_code == 302


def test_a_password_reset_lifts_the_accounts_lock(
    limits, max_user, mailoutbox, django_capture_on_commit_callbacks
):
    for _ in range(5):
        page_login("max@example.org", "wrong-guess")
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/accounts/password/reset/", {"email": "max@example.org"})
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/accounts/reset/" in line)
    client = Client()
    form_page = client.get(link[link.index("/accounts/reset/") :], follow=True)
    new = "brand-new-pass-2026"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    client, response = page_login("max@example.org", new)
    assert response.status_code == 302 and signed_in(client)


# --- the API token endpoint ----------------------------------------------------------------


def test_token_endpoint_refuses_the_right_password_after_repeated_failures(limits, max_user):
    for _ in range(4):
        response = api_token("max@example.org", "wrong-guess")
        assert response.status_code == 400
    assert api_token("max@example.org", "wrong-guess").status_code == 429
    response = api_token("max@example.org", RIGHT)
    assert response.status_code == 429
    body = response.json()
    assert "token" not in body
    assert body["code"] == "locked_out" and "Too many failed sign-in attempts" in body["detail"]
    assert response["Content-Type"] == "application/json"


def test_token_endpoint_and_page_share_one_count(limits, max_user):
    for _ in range(3):
        api_token("max@example.org", "wrong-guess")
    for _ in range(2):
        page_login("max@example.org", "wrong-guess")
    assert api_token("max@example.org", RIGHT).status_code == 429
    assert page_login("max@example.org", RIGHT)[1].status_code == 429


def test_token_endpoint_lockout_lifts_after_the_cool_off(limits, max_user):
    for _ in range(5):
        api_token("max@example.org", "wrong-guess")
    age_failures(16)
    response = api_token("max@example.org", RIGHT)
    assert response.status_code == 200 and response.json()["token"]


def test_token_endpoint_other_account_same_address_and_same_account_other_address(limits, max_user):
    make_user("ana@example.org", "Ana Alder")
    for _ in range(5):
        api_token("max@example.org", "wrong-guess", address="10.0.0.5")
    assert api_token("ana@example.org", RIGHT, address="10.0.0.5").status_code == 200
    assert api_token("max@example.org", RIGHT, address="10.0.0.6").status_code == 429


def test_malformed_token_requests_are_400_not_500(limits, max_user):
    client = APIClient()
    assert client.post(TOKEN, {}, format="json").status_code == 400
    assert client.post(TOKEN, [1, 2], format="json").status_code == 400
    assert (
        client.post(TOKEN, {"email": "x" * 300, "password": "p"}, format="json").status_code == 400
    )
    assert (
        client.post(TOKEN, {"email": ["a"], "password": {"b": 1}}, format="json").status_code == 400
    )
    # A NUL byte is a DataError on PostgreSQL if it ever reaches a query.
    assert (
        client.post(
            TOKEN, {"email": "max\x00@example.org", "password": "p\x00"}, format="json"
        ).status_code
        == 400
    )
    _client, response = page_login("max\x00@example.org", "p\x00")
    assert response.status_code == 200


# --- the client's address behind a proxy ----------------------------------------------------


def request_from(remote: str, **headers):
    return RequestFactory().post(LOGIN, REMOTE_ADDR=remote, **headers)


def test_client_address_is_remote_addr_without_a_configured_header(settings):
    settings.ORGKIT_CLIENT_IP_HEADER = ""
    # A client cannot pick its address by sending the header when none is trusted.
    assert (
        client_ip_address(request_from("203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4"))
        == "203.0.113.9"
    )


def test_client_address_comes_from_the_trusted_header(settings):
    settings.ORGKIT_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.ORGKIT_TRUSTED_PROXY_COUNT = 1
    # The proxy appends the address it saw; anything to its left came from the client.
    spoofed = request_from("127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip_address(spoofed) == "198.51.100.7"
    settings.ORGKIT_TRUSTED_PROXY_COUNT = 2
    assert client_ip_address(spoofed) == "1.2.3.4"
    settings.ORGKIT_CLIENT_IP_HEADER = "X-Real-IP"
    assert (
        client_ip_address(request_from("127.0.0.1", HTTP_X_REAL_IP="2001:db8::1")) == "2001:db8::1"
    )
    # Missing or malformed: fall back to the connection's address.
    assert client_ip_address(request_from("127.0.0.1", HTTP_X_REAL_IP="not-an-ip")) == "127.0.0.1"
    assert client_ip_address(request_from("127.0.0.1")) == "127.0.0.1"


def test_lockout_counts_per_client_behind_a_proxy(limits, max_user):
    limits.ORGKIT_CLIENT_IP_HEADER = "X-Forwarded-For"
    make_user("ana@example.org", "Ana Alder")
    proxy = "127.0.0.1"
    for number in range(6):
        for _ in range(2):
            Client().post(
                LOGIN,
                {"username": f"user{number}@example.org", "password": "guess"},
                REMOTE_ADDR=proxy,
                HTTP_X_FORWARDED_FOR="198.51.100.66",
            )
    locked = Client()
    response = locked.post(
        LOGIN,
        {"username": "ana@example.org", "password": RIGHT},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.66",
    )
    assert response.status_code == 429
    # Another client behind the same proxy is a different address.
    other = Client()
    response = other.post(
        LOGIN,
        {"username": "ana@example.org", "password": RIGHT},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.67",
    )
    assert response.status_code == 302 and signed_in(other)


def test_normalized_username_reads_credentials_form_and_json():
    factory = RequestFactory()
    assert (
        normalized_username(factory.post("/"), {"username": " Max@Example.ORG "})
        == "max@example.org"
    )
    assert normalized_username(factory.post("/", {"username": "A@B.org"})) == "a@b.org"
    assert normalized_username(factory.post("/", {})) is None
