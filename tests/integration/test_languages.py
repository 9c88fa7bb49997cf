"""Language plumbing: a member's pages, API answers and emails are in their language, else
their organization's; pages outside an organization follow the browser; the choice is the
member's own, checked and audited.

The Spanish catalogue comes later, so these tests install a small one of their own (a few
real msgids of orgkit) to make the active language observable in what is rendered.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from orgkit.core.audit import describe_event
from orgkit.core.errors import NotAllowed, ServiceError
from orgkit.core.models import AuditEvent, OutboundEmail
from orgkit.organizations import services
from orgkit.organizations.events import OrganizationEvent
from orgkit.organizations.models import Member
from orgkit.organizations.tenancy import member_language, organization_language
from tests.support import write_mo

SPANISH = {
    "Skip to content": "Saltar al contenido",
    "Only organizers can do this.": "Solo quienes organizan pueden hacer esto.",
    "Language saved.": "Idioma guardado.",
    "You are invited to join %(organization)s on orgkit": "Te invitan a %(organization)s en orgkit",
    "Hello,": "Hola:",
    "Reset your orgkit password": "Restablece tu contraseña de orgkit",
}


@pytest.fixture
def spanish(settings, tmp_path):
    """A Spanish catalogue with a few of orgkit's strings, found before the real ones."""
    write_mo(tmp_path / "es" / "LC_MESSAGES" / "django.mo", SPANISH)
    settings.LOCALE_PATHS = [tmp_path]  # resets Django's translation caches
    yield
    translation.trans_real._translations = {}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def set_language(member: Member, code: str) -> Member:
    return services.member_set_language(actor=member, member=member, language=code)


def html_lang(response) -> str:
    page = response.content.decode()
    start = page.index('<html lang="') + len('<html lang="')
    return page[start : page.index('"', start)]


# --- which language ------------------------------------------------------------------------


def test_the_organizations_language_is_its_members_default(world):
    assert member_language(world.member) == "en"
    world.org.language = "es"
    world.org.save()
    world.member.refresh_from_db()
    assert member_language(world.member) == organization_language(world.org) == "es"
    set_language(world.member, "en")
    assert member_language(world.member) == "en"  # the member's own choice wins
    set_language(world.member, "")
    assert member_language(world.member) == "es"  # blank: back to the organization's


def test_a_language_orgkit_does_not_speak_falls_back_to_the_default(world):
    Member.objects.filter(pk=world.member.pk).update(language="xx")
    world.org.language = "yy"  # written around the service, e.g. by an old import
    world.member.refresh_from_db()
    world.member.organization = world.org
    assert member_language(world.member) == "en"


def test_a_member_choosing_spanish_gets_spanish_organization_pages(world, spanish):
    set_language(world.member, "es")
    response = client_for(world.member.user).get(f"/o/{world.org.slug}/")
    assert response.status_code == 200
    assert html_lang(response) == "es"
    assert response["Content-Language"] == "es"
    assert "Saltar al contenido" in response.content.decode()
    # The organizer, who chose nothing, still reads the organization's language.
    other = client_for(world.organizer.user).get(f"/o/{world.org.slug}/")
    assert html_lang(other) == "en" and other["Content-Language"] == "en"
    assert "Skip to content" in other.content.decode()


def test_the_organizations_language_reaches_members_who_chose_none(world, spanish):
    services.organization_update(
        actor=world.organizer,
        name=world.org.name,
        timezone_name="UTC",
        language="es",
        description="",
    )
    response = client_for(world.member.user).get(f"/o/{world.org.slug}/members/")
    assert html_lang(response) == "es" and response["Content-Language"] == "es"


def test_the_language_does_not_outlive_the_request(world, spanish):
    set_language(world.member, "es")
    with translation.override("en"):
        client_for(world.member.user).get(f"/o/{world.org.slug}/")
        assert translation.get_language() == "en"
        client_for(world.member.user).get(f"/api/v1/orgs/{world.org.slug}/")
        assert translation.get_language() == "en"


def test_refusals_on_organization_pages_are_in_the_members_language(world, spanish):
    set_language(world.member, "es")
    response = client_for(world.member.user).get(f"/o/{world.org.slug}/settings/")
    assert response.status_code == 403
    assert html_lang(response) == "es" and response["Content-Language"] == "es"
    assert "Solo quienes organizan pueden hacer esto." in response.content.decode()
    missing = client_for(world.member.user).get(f"/o/{world.org.slug}/bodies/no-such-body/")
    assert missing.status_code == 404 and html_lang(missing) == "es"


def test_pages_outside_an_organization_follow_the_browser(world, spanish):
    set_language(world.member, "en")
    client = client_for(world.member.user)
    spanish_browser = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert html_lang(spanish_browser) == "es" and spanish_browser["Content-Language"] == "es"
    english_browser = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(english_browser) == "en"
    # An organization page ignores the browser: the member chose English.
    inside = client.get(f"/o/{world.org.slug}/", HTTP_ACCEPT_LANGUAGE="es")
    assert html_lang(inside) == "en" and inside["Content-Language"] == "en"


def test_api_answers_are_in_the_members_language(world, spanish):
    set_language(world.member, "es")
    client = client_for(world.member.user)
    response = client.get(f"/api/v1/orgs/{world.org.slug}/")
    assert response.status_code == 200 and response["Content-Language"] == "es"
    refused = client.post(
        f"/api/v1/orgs/{world.org.slug}/branches/",
        {"name": "South"},
        content_type="application/json",
    )
    assert refused.status_code == 403 and refused["Content-Language"] == "es"
    assert refused.json()["detail"] == "Solo quienes organizan pueden hacer esto."
    organizer = client_for(world.organizer.user).get(f"/api/v1/orgs/{world.org.slug}/")
    assert organizer["Content-Language"] == "en"


# --- choosing it ---------------------------------------------------------------------------


def test_a_member_sets_their_language_on_their_page_and_it_is_audited(world, spanish):
    client = client_for(world.member.user)
    page = client.get(f"/o/{world.org.slug}/members/{world.member.pk}/")
    assert 'name="language"' in page.content.decode()
    response = client.post(
        f"/o/{world.org.slug}/members/{world.member.pk}/language/", {"language": "es"}, follow=True
    )
    assert response.status_code == 200
    world.member.refresh_from_db()
    assert world.member.language == "es"
    # The confirmation is already in the language just chosen, and so is the next page.
    assert "Idioma guardado." in response.content.decode()
    assert html_lang(response) == "es"
    event = AuditEvent.objects.get(verb=OrganizationEvent.MEMBER_LANGUAGE_SET)
    assert event.actor == world.member.user and event.target_id == str(world.member.pk)
    assert event.data == {"language": "es", "previous": "default"}
    assert describe_event(event) == "set Max Member's language to Español"


def test_a_bad_language_code_is_a_form_error_and_nothing_changes(world):
    client = client_for(world.member.user)
    for bad in ["xx", "es-ES", "e" * 50, "\x00"]:
        response = client.post(
            f"/o/{world.org.slug}/members/{world.member.pk}/language/", {"language": bad}
        )
        assert response.status_code == 400, bad
        assert 'class="error"' in response.content.decode()
    world.member.refresh_from_db()
    assert world.member.language == ""
    assert not AuditEvent.objects.filter(verb=OrganizationEvent.MEMBER_LANGUAGE_SET).exists()


def test_the_service_refuses_unknown_codes_and_other_peoples_languages(world):
    with pytest.raises(ServiceError) as refused:
        services.member_set_language(actor=world.member, member=world.member, language="xx")
    assert refused.value.field == "language"
    with pytest.raises(NotAllowed):
        services.member_set_language(actor=world.organizer, member=world.member, language="es")
    world.member.refresh_from_db()
    assert world.member.language == ""


def test_an_organizer_cannot_choose_a_members_language(world):
    response = client_for(world.organizer.user).post(
        f"/o/{world.org.slug}/members/{world.member.pk}/language/", {"language": "es"}
    )
    assert response.status_code == 403
    api = client_for(world.organizer.user).put(
        f"/api/v1/orgs/{world.org.slug}/members/{world.member.pk}/language/",
        {"language": "es"},
        content_type="application/json",
    )
    assert api.status_code == 403
    world.member.refresh_from_db()
    assert world.member.language == ""


def test_the_api_reads_and_sets_the_language(world):
    url = f"/api/v1/orgs/{world.org.slug}/members/{world.member.pk}/language/"
    client = client_for(world.member.user)
    assert client.get(url).json() == {"language": "", "effective_language": "en"}
    response = client.put(url, {"language": "es"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"language": "es", "effective_language": "es"}
    assert response["Content-Language"] == "en"  # this answer was begun in the old language
    assert client.get(url)["Content-Language"] == "es"
    assert AuditEvent.objects.filter(verb=OrganizationEvent.MEMBER_LANGUAGE_SET).count() == 1
    back = client.put(url, {"language": ""}, content_type="application/json")
    assert back.json() == {"language": "", "effective_language": "en"}


@pytest.mark.parametrize("bad", ["xx", "ES", 7, None, ["es"], "e" * 500])
def test_the_api_answers_a_bad_language_with_400(world, bad):
    url = f"/api/v1/orgs/{world.org.slug}/members/{world.member.pk}/language/"
    response = client_for(world.member.user).put(
        url, {"language": bad}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "language" in response.json()
    world.member.refresh_from_db()
    assert world.member.language == ""


def test_an_organizations_language_must_be_one_orgkit_speaks(world):
    response = client_for(world.organizer.user).post(
        f"/o/{world.org.slug}/settings/",
        {"name": "Tenants United", "timezone_name": "UTC", "language": "xx", "description": ""},
    )
    assert response.status_code == 400
    with pytest.raises(ServiceError):
        services.organization_update(
            actor=world.organizer, name="T", timezone_name="UTC", language="xx", description=""
        )
    api = client_for(world.organizer.user).post(
        "/api/v1/orgs/",
        {"name": "New", "slug": "new-one", "language": "xx"},
        content_type="application/json",
    )
    assert api.status_code == 400
    world.org.refresh_from_db()
    assert world.org.language == "en"


# --- emails ---------------------------------------------------------------------------------


def test_the_invitation_goes_out_in_the_organizations_language(
    world, spanish, mailoutbox, django_capture_on_commit_callbacks
):
    world.org.language = "es"
    world.org.save()
    world.organizer.refresh_from_db()
    set_language(world.organizer, "en")  # the inviter's own language does not matter
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(actor=world.organizer, email="nueva@example.org")
    sent = mailoutbox[-1]
    assert sent.subject == "Te invitan a Tenants United en orgkit"
    assert sent.body.startswith("Hola:\n")
    assert "/invite/" in sent.body
    assert OutboundEmail.objects.get(to="nueva@example.org").status == "sent"


def test_the_invitation_in_english_reads_as_before(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(actor=world.organizer, email="ada@example.org", full_name="Ada")
    sent = mailoutbox[-1]
    assert sent.subject == "You are invited to join Tenants United on orgkit"
    assert sent.body.startswith("Hello Ada,\n\nOlga Organizer invited you to join Tenants United")
    assert "the link works once, until" in sent.body


def test_the_password_reset_email_follows_the_browser(
    world, spanish, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(
            "/accounts/password/reset/", {"email": "max@example.org"}, HTTP_ACCEPT_LANGUAGE="es"
        )
    assert mailoutbox[-1].subject == "Restablece tu contraseña de orgkit"
    assert "/accounts/reset/" in mailoutbox[-1].body
