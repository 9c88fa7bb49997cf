"""The case studies' replays, run through orgkit's own counting engine.

Registered with ``orgkit.casestudies.replays`` (this app may use the engine; the case-study app
sits below it and may not). Each builds its table with ``orgkit.elections.counting.apportion`` —
the function behind ``python -m orgkit.elections.counting apportion`` — so a reader can check
every figure with the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from orgkit.casestudies.replays import Replay
from orgkit.core.bounds import int_param
from orgkit.elections.counting.apportion import METHODS, apportion
from orgkit.elections.counting.indices import gallagher

#: The draw seed for any tie, so that the page and the command line agree (``--seed``).
SEED = "orgkit-case-study"
MINORITY = "minority"
#: The engine's methods, named in the reader's language.
METHOD_TITLES = {
    "dhondt": _("D'Hondt"),
    "sainte-lague": _("Sainte-Laguë"),
    "modified-sainte-lague": _("modified Sainte-Laguë"),
    "huntington-hill": _("Huntington–Hill"),
    "adams": _("Adams"),
    "hare": _("largest remainder, Hare quota"),
    "droop": _("largest remainder, Droop quota"),
}
MAJORITY = "majority"


@dataclass(frozen=True)
class Row:
    seats: int
    minority: dict[str, int]  # method → the minority's seats
    winner_take_all: int  # the minority's seats when the larger side takes all


def seats_table(*, minority: int, majority: int, house_sizes: range) -> list[Row]:
    """The minority's seats under every method of the engine, for each house size."""
    votes = {MINORITY: minority, MAJORITY: majority}
    rows = []
    for seats in house_sizes:
        won = {
            method: apportion(votes=votes, seats=seats, method=method, seed=SEED).seats[MINORITY]
            for method in METHODS
        }
        rows.append(
            Row(seats=seats, minority=won, winner_take_all=seats if minority > majority else 0)
        )
    return rows


def _context(minority: int, majority: int, house_sizes: range, chosen: int) -> dict:
    rows = seats_table(minority=minority, majority=majority, house_sizes=house_sizes)
    chosen_row = next(r for r in rows if r.seats == chosen)
    votes = {MINORITY: minority, MAJORITY: majority}
    wta = {MINORITY: chosen_row.winner_take_all, MAJORITY: chosen - chosen_row.winner_take_all}
    dhondt = {
        MINORITY: chosen_row.minority["dhondt"],
        MAJORITY: chosen - chosen_row.minority["dhondt"],
    }
    return {
        "minority": minority,
        "majority": majority,
        "methods": [(m, METHOD_TITLES[m]) for m in METHODS],
        "rows": [
            {"seats": r.seats, "won": [r.minority[m] for m in METHODS], "wta": r.winner_take_all}
            for r in rows
        ],
        "chosen": chosen,
        "chosen_pairs": [(METHOD_TITLES[m], chosen_row.minority[m]) for m in METHODS],
        "share": round(100 * minority / (minority + majority), 1),
        "gallagher_wta": gallagher(votes=votes, seats=wta, places=1),
        "gallagher_dhondt": gallagher(votes=votes, seats=dhondt, places=1),
        "dhondt_seats": dhondt[MINORITY],
        "seed": SEED,
    }


def metalworkers_context(params: Mapping[str, str]) -> dict:
    """84 against 99 (March 1922), committees of 3 to 15 seats."""
    chosen = int_param(params.get("seats"), default=10, minimum=3, maximum=15)
    return _context(84, 99, range(3, 16), chosen)


def minority_share_context(params: Mapping[str, str]) -> dict:
    """Moscow 1921: the article gives no split, so the reader picks the minority's share."""
    share = int_param(params.get("share"), default=40, minimum=5, maximum=49)
    chosen = int_param(params.get("seats"), default=10, minimum=1, maximum=30)
    context = _context(share, 100 - share, range(chosen, chosen + 1), chosen)
    context["share_param"] = share
    return context


REPLAYS = [
    Replay("metalworkers-1922", "health/replay_seats.html", metalworkers_context),
    Replay("minority-share", "health/replay_share.html", minority_share_context),
]
