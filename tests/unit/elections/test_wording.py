"""The engine's words on the pages: every word a count can store has a translatable entry
(a new engine word with none would show untranslated), and the English stays as it was."""

from __future__ import annotations

import pytest
from django.utils import translation

from orgkit.elections import wording
from orgkit.elections.counting.apportion import METHOD_TITLES
from orgkit.elections.result_sheet import CandidateInfo, tally_ranked, tally_slates
from tests.support import write_catalogue

CANDIDATES = [
    CandidateInfo(1, "Ada", "Red"),
    CandidateInfo(2, "Bo", "Red"),
    CandidateInfo(3, "Cy", "Blue"),
    CandidateInfo(4, "Di"),
    CandidateInfo(5, "Ed", "Blue", withdrawn=True),
]
# Enough shape for surpluses, exclusions and (Meek) elections by quota.
GROUPED = [([1, 2], 9), ([2, 1], 2), ([3, 4], 5), ([4, 3], 3), ([3], 1), ([5, 4], 1)]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("rule", ["scottish", "meek", "wigm"])
def test_every_stage_action_and_system_a_ranked_count_stores_has_words(rule):
    data = tally_ranked(candidates=CANDIDATES, seats=2, grouped=GROUPED, rule=rule, seed="s")
    actions = {st["action"] for st in data["stv"]["stages"]}
    assert actions <= set(wording.STAGE_ACTIONS), actions - set(wording.STAGE_ACTIONS)
    assert {"first preferences", "exclusion"} <= actions
    systems = [row["system"] for row in data["slates"]["systems"]]
    assert systems == [f"STV ({rule})", "block vote", "slate winner-take-all"]
    assert [wording.system_name(name) for name in systems] == systems  # English unchanged
    assert wording.system_name("block vote (winner-take-all)") == "block vote (winner-take-all)"


def test_every_method_title_the_engine_knows_has_words_that_read_the_same_in_english():
    assert set(wording.METHOD_TITLE_WORDS) == set(METHOD_TITLES)
    for key, title in METHOD_TITLES.items():
        assert wording.method_title(key) == title
        assert wording.system_name(title) == title


def test_every_system_a_slate_count_stores_has_words():
    slates = {10: "Red", 11: "Blue"}
    cands = [CandidateInfo(1, "Ada", "Red"), CandidateInfo(2, "Cy", "Blue")]
    data = tally_slates(
        candidates=cands,
        slates=slates,
        seats=3,
        grouped=[([10], 7), ([11], 4)],
        rule="sainte-lague",
        seed="s",
    )
    for row in data["systems"]:
        assert row["system"] in wording.SYSTEM_NAMES


def test_words_the_module_does_not_know_are_shown_as_stored():
    assert wording.stage_action("recount of the moon") == "recount of the moon"
    assert wording.system_name("Borda count") == "Borda count"
    assert wording.method_title("borda", "Borda (as stored)") == "Borda (as stored)"
    assert wording.slate_name("Di (independent)") == "Di (independent)"
    assert wording.slate_name("Red") == "Red"
    assert wording.branch_name("no branch") == "no branch"
    assert wording.branch_name("North Block") == "North Block"


def test_the_stored_words_are_looked_up_in_the_reader_s_language(settings, tmp_path):
    """A stand-in catalogue (orgkit's Spanish one comes later): the words a result stored in
    English come out in the language active when the page is drawn."""
    write_catalogue(
        tmp_path,
        "es",
        {
            "surplus": "excedente",
            "block vote": "voto en bloque",
            "STV (%(rule)s)": "VUT (%(rule)s)",
            "no branch": "sin sección",
            "%(name)s (independent)": "%(name)s (independiente)",
            "Stage {number}": "Etapa {number}",
            "D'Hondt (Jefferson)": "D'Hondt (Jefferson, es)",
        },
    )
    settings.LOCALE_PATHS = [tmp_path]
    with translation.override("es"):
        table = wording.translate_stage_table({"stages": [{"action": "surplus", "number": 2}]})
        assert table["stages"][0]["action"] == "excedente"
        assert wording.translate_systems([{"system": "block vote"}, {"system": "STV (meek)"}]) == [
            {"system": "voto en bloque"},
            {"system": "VUT (meek)"},
        ]
        assert wording.system_name(METHOD_TITLES["dhondt"]) == "D'Hondt (Jefferson, es)"
        assert wording.method_title("dhondt") == "D'Hondt (Jefferson, es)"
        assert wording.slate_name("Di (independent)") == "Di (independiente)"
        assert wording.branch_name("no branch") == "sin sección"
        assert wording.chart_words().stage == "Etapa {number}"
    assert wording.stage_action("surplus") == "surplus"
