"""The election pages in another language: with a catalogue for it, every part of a page —
template words, form labels, flash messages, the engine's stored words and the chart — comes
out translated. (A stand-in Spanish catalogue; orgkit's real one comes later.)"""

from __future__ import annotations

import pytest
from django.test import Client

from orgkit.elections import services
from tests.support import write_catalogue

pytestmark = pytest.mark.django_db

SPANISH = {
    "Round by round": "Ronda a ronda",
    "Stage %(number)s": "Etapa %(number)s",
    "Stage {number}": "Etapa {number}",
    "surplus": "excedente",
    "exclusion": "exclusión",
    "first preferences": "primeras preferencias",
    "block vote (winner-take-all)": "voto en bloque (el ganador se lo lleva todo)",
    "Results": "Resultados",
    "%(seats)s seat\x00%(seats)s seats": "%(seats)s escaño\x00%(seats)s escaños",
    '<span class="visually-hidden">Rank for </span>%(name)s': '<span class="visually-hidden">Orden para </span>%(name)s',
    "Rank next": "Siguiente",
    "Cast my ballot": "Emitir mi voto",
    "Review my ballot": "Revisar mi voto",
    "Rank at least one candidate: put 1 beside your first choice.": "Ordene al menos a una persona: ponga 1 junto a su primera opción.",
    "results published": "resultados publicados",
}


@pytest.fixture
def spanish(settings, tmp_path):
    write_catalogue(tmp_path, "es", SPANISH)
    settings.LOCALE_PATHS = [tmp_path]
    settings.LANGUAGES = [("en", "English"), ("es", "Español")]


def client_for(member) -> Client:
    """A member who chose Spanish (organization pages speak the member's language)."""
    member.language = "es"
    member.save(update_fields=["language"])
    client = Client()
    client.force_login(member.user)
    return client


def test_the_results_page_speaks_the_readers_language(world, running, commit, spanish):
    election, _candidates, _voters = running
    with commit(execute=True):
        services.election_close(actor=None, election=election, at=election.voting_closes_at)
    url = f"/o/{world.org.slug}/elections/{election.pk}/results/"
    html = client_for(world.organizer).get(url).content.decode()
    assert "Ronda a ronda" in html and "Etapa 1" in html and "primeras preferencias" in html
    assert "voto en bloque (el ganador se lo lleva todo)" in html
    assert "2 escaños" in html and "resultados publicados" in html
    assert (
        "Round by round" not in html and "Stage 1" not in html and "block vote (winner" not in html
    )


def test_the_ballot_and_its_refusal_speak_the_readers_language(world, running, spanish):
    election, candidates, voters = running
    client = client_for(voters[0])
    url = f"/o/{world.org.slug}/elections/{election.pk}/vote/"
    html = client.get(url).content.decode()
    name = candidates[0].member.display_name
    assert "Revisar mi voto" in html and f"Orden para </span>{name}</label>" in html
    assert 'data-rank-next="Siguiente"' in html  # the script's words come from the page
    refused = client.post(url, {f"rank_{c.pk}": "" for c in candidates})
    assert refused.status_code == 400
    assert "Ordene al menos a una persona" in refused.content.decode()
