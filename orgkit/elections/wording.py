"""The counting engine's words, in the reader's language.

The engine (``counting/``) and the pure helpers beside it (``result_sheet.py``,
``presentation.py``) import no Django, so they speak English: a stored result holds the
engine's own words (stage actions such as ``"surplus"``, system names such as ``"block vote"``
or ``"STV (scottish)"``, method titles). Those words are data — a stored result never
changes — so the pages translate them here, on the way out. A word this module does not know
is shown as stored.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from orgkit.elections.counting.apportion import METHOD_TITLES
from orgkit.elections.presentation import ChartWords

#: What each stage of an STV count did (``Stage.action``).
STAGE_ACTIONS = {
    "first preferences": _("first preferences"),
    "surplus": _("surplus"),
    "exclusion": _("exclusion"),
    "election": _("election"),
}

#: Apportionment and list-PR methods by their engine key (the engine's ``METHOD_TITLES``).
METHOD_TITLE_WORDS = {
    "dhondt": _("D'Hondt (Jefferson)"),
    "sainte-lague": _("Sainte-Laguë (Webster)"),
    "modified-sainte-lague": _("modified Sainte-Laguë (first divisor 1.4)"),
    "huntington-hill": _("Huntington–Hill (equal proportions)"),
    "adams": _("Adams (smallest divisors)"),
    "hare": _("largest remainder, Hare quota (Hamilton)"),
    "droop": _("largest remainder, Droop quota"),
}

#: Systems compared on the results page, by the name the engine and result_sheet give them.
SYSTEM_NAMES = {
    "block vote": _("block vote"),
    "block vote (winner-take-all)": _("block vote (winner-take-all)"),
    "slate winner-take-all": _("slate winner-take-all"),
    "proportional (STV)": _("proportional (STV)"),
    **{METHOD_TITLES[key]: words for key, words in METHOD_TITLE_WORDS.items()},
}

STV_SYSTEM = re.compile(r"STV \((?P<rule>[\w-]+)\)")
INDEPENDENT = " (independent)"
NO_BRANCH = "no branch"


def stage_action(action: str) -> str:
    return str(STAGE_ACTIONS.get(action, action))


def method_title(method: str, stored: str = "") -> str:
    """A method's name by its key (``stored``: the title the result recorded, shown when
    the key is unknown)."""
    words = METHOD_TITLE_WORDS.get(method)
    return str(words) if words is not None else stored or method


def system_name(name: str) -> str:
    """The name of a counting system as a result stored it, e.g. ``"STV (meek)"``."""
    words = SYSTEM_NAMES.get(name)
    if words is not None:
        return str(words)
    stv = STV_SYSTEM.fullmatch(name)
    if stv:
        return gettext("STV (%(rule)s)") % {"rule": stv["rule"]}
    return name


def slate_name(name: str) -> str:
    """A slate's name; a candidate on no slate is stored as ``"<name> (independent)"``."""
    if name.endswith(INDEPENDENT):
        return gettext("%(name)s (independent)") % {"name": name[: -len(INDEPENDENT)]}
    return name


def branch_name(name: str) -> str:
    """A branch in the stored turnout (voters in no branch are stored as ``"no branch"``)."""
    return gettext("no branch") if name == NO_BRANCH else name


def chart_words() -> ChartWords:
    """The rounds chart's words in the active language."""
    return ChartWords(
        title=gettext("Votes per candidate at each stage, with the quota"),
        # Translators: {number} is the stage's number; keep the braces.
        stage=gettext("Stage {number}"),
        # Translators: {name} is a candidate, {number} a stage, {votes} their votes; keep the braces.
        bar=gettext("{name}, stage {number}: {votes}"),
        # Translators: {quota} is the number of votes that elects; keep the braces.
        quota=gettext("quota {quota}"),
    )


#: Why a tie had to be settled (``TieBreak.purpose``).
TIE_PURPOSES = {
    "exclusion": _("who is excluded"),
    "order of surplus transfer": _("whose surplus is transferred first"),
    "order of election": _("the order of election"),
}


def translate_stage_table(table: dict) -> dict:
    """``presentation.stage_table``'s output with each stage's action and tie in words."""
    return {
        **table,
        "stages": [{**st, "action": stage_action(st["action"])} for st in table["stages"]],
        "ties": [
            {**tie, "purpose": str(TIE_PURPOSES.get(tie["purpose"], tie["purpose"]))}
            for tie in table.get("ties", [])
        ],
    }


def translate_systems(rows: list[dict]) -> list[dict]:
    """Comparison rows (``presentation.ranked_comparison`` or ``slate_rows``) with each
    system's name in words."""
    return [{**row, "system": system_name(row["system"])} for row in rows]
