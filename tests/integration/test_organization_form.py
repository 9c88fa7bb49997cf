"""Creating an organization in plain words (issue 13, item 14): the web address made from the
name, and a time zone picker grouped by region with the likely zones first."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from orgkit.organizations.models import Organization
from orgkit.organizations.timezones import LIKELY, timezone_choices, zone_label
from tests.support import make_user

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_time_zones_come_grouped_with_the_likely_ones_first():
    groups = timezone_choices()
    labels = [str(label) for label, _options in groups]
    assert labels[0] == "Likely" and [v for v, _l in groups[0][1]] == LIKELY
    assert {"Europe", "Americas", "Asia", "Africa", "Pacific"} <= set(labels)
    values = {value for _g, options in groups for value, _l in options}
    # No legacy aliases or fixed offsets among the ~600 names.
    assert not values & {"US/Eastern", "GB", "Etc/GMT+5", "EST5EDT", "Cuba"}
    assert zone_label("America/Argentina/Buenos_Aires") == "Argentina / Buenos Aires"


def test_an_organizations_legacy_zone_stays_selectable_in_its_settings():
    assert ("US/Eastern", "US/Eastern") in timezone_choices("US/Eastern")


def test_create_page_offers_plain_words_and_grouped_zones():
    page = signed_in(make_user("a@example.org")).get("/orgs/new/").content.decode()
    assert "Web address" in page and "Slug" not in page
    assert re.search(r'<optgroup label="Likely">\s*<option value="UTC"', page)
    assert "http://testserver/o/&lt;address&gt;/" in page  # the help shows the resulting URL
    assert 'data-guess-browser-zone="true"' in page
    assert "js/organization-form.js" in page


def test_create_with_a_blank_address_makes_it_from_the_name():
    client = signed_in(make_user("a@example.org"))
    response = client.post(
        "/orgs/new/",
        {"name": "Río Tenants", "slug": "", "timezone_name": "Europe/Madrid", "language": "es"},
    )
    assert response.status_code == 302 and response["Location"] == "/o/rio-tenants/"
    assert Organization.objects.get(slug="rio-tenants").timezone == "Europe/Madrid"


def test_settings_form_keeps_a_legacy_zone(world):
    world.org.timezone = "US/Eastern"
    world.org.save()
    client = signed_in(world.organizer.user)
    page = client.get(f"/o/{world.org.slug}/settings/").content.decode()
    assert '<option value="US/Eastern" selected>' in page
    response = client.post(
        f"/o/{world.org.slug}/settings/",
        {"name": "Tenants United", "timezone_name": "US/Eastern", "language": "en"},
    )
    assert response.status_code == 302


def test_a_bad_address_is_explained_without_the_word_slug():
    client = signed_in(make_user("a@example.org"))
    response = client.post(
        "/orgs/new/", {"name": "X", "slug": "no spaces!", "timezone_name": "UTC", "language": "en"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "web address" in page and "slug" not in page.replace('name="slug"', "").replace(
        "id_slug", ""
    )
