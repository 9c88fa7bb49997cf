"""The planner's reasons are worded on the Django side, in the reader's language, from the codes
and facts the pure engine returns: in English the sentence is exactly the engine's own, for every
kind of reason; in another language the words and dates follow it."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import translation

from orgkit.rotations import engine
from orgkit.rotations.explanations import reason_text
from orgkit.rotations.planning import RotationFacts, _reason_rows

MONDAY = date(2026, 1, 5)
NAMES = {1: "Ana", 2: "Bo", 3: "Cy", 4: "Dee", 5: "Eve", 6: "Fay"}


def week(n: int) -> date:
    return MONDAY + timedelta(weeks=n)


def members(*ids: int, joined: dict[int, date] | None = None) -> list[engine.PoolMember]:
    joined = joined or {}
    return [engine.PoolMember(i, joined=joined.get(i), name=NAMES[i]) for i in ids]


def plan(pool, *, turns: int = 6, **kwargs) -> engine.PlanInput:
    rule_names = {
        "term_length",
        "max_consecutive_terms",
        "cooldown_turns",
        "shadow_turns",
        "confirmation_horizon",
        "max_terms_per_12_months",
    }
    rules = engine.RotationRules(
        engine.Cadence("weeks", 1, MONDAY),
        **{
            "confirmation_horizon": 0,
            **{k: kwargs.pop(k) for k in list(kwargs) if k in rule_names},
        },
    )
    return engine.PlanInput(rules, engine.PlanningWindow(MONDAY, turns=turns), pool, **kwargs)


def never_ana_in_week_1(member, slot) -> bool:
    return not (member == 1 and slot.start == week(1))


# Between them these plans give every kind of reason the engine has.
SCENARIOS = {
    "fair order with shadows": plan(members(1, 2, 3), shadow_turns=True),
    "leave: skipped, then a kept place": plan(
        members(1, 2, 3), leave=[engine.Leave(1, week(0), week(0) + timedelta(days=6))]
    ),
    "more than three skipped": plan(
        members(1, 2, 3, 4, 5, 6),
        leave=[engine.Leave(i, week(0), week(0) + timedelta(days=3)) for i in (1, 2, 3, 4, 5)],
    ),
    "terms of three, one cut short by leave": plan(
        members(1, 2), term_length=3, leave=[engine.Leave(1, week(1), week(1) + timedelta(days=2))]
    ),
    "a term cut short by eligibility": plan(
        members(1, 2), term_length=3, eligible=never_ana_in_week_1
    ),
    "another term in a row": plan(
        members(1, 2),
        max_consecutive_terms=2,
        leave=[engine.Leave(2, week(0), week(2) + timedelta(days=6))],
    ),
    "the previous plan kept": plan(
        members(1, 2), existing=[engine.ExistingTurn(week(0), 2), engine.ExistingTurn(week(1), 1)]
    ),
    "confirmed turns, one holder away, one gone": plan(
        members(1, 2),
        existing=[
            engine.ExistingTurn(week(0), 1, confirmed=True),
            engine.ExistingTurn(week(1), 2, confirmed=True),
            engine.ExistingTurn(week(2), 1, confirmed=True),
        ],
        leave=[engine.Leave(2, week(1), week(1) + timedelta(days=2))],
    ),
    "a holder who left the pool": plan(
        members(1), existing=[engine.ExistingTurn(week(0), 9, confirmed=True)]
    ),
    "an empty pool": plan([]),
    "everyone away": plan(
        members(1, 2), leave=[engine.Leave(i, week(0), week(0) + timedelta(days=3)) for i in (1, 2)]
    ),
    "everyone away or resting": plan(
        members(1, 2, 3),
        cooldown_turns=5,
        leave=[engine.Leave(3, week(0), week(8))],
    ),
    "shadows who cannot": plan(
        members(1, 2, 3, joined={3: week(2) + timedelta(days=1)}),
        shadow_turns=True,
        leave=[engine.Leave(2, week(0), week(0) + timedelta(days=2))],
    ),
    "a skip a year back": plan(
        members(1, 2),
        ledger=[engine.KeptPlace(1, date(2025, 12, 29))],
        history=[engine.PastTurn(date(2025, 12, 29), 1, engine.TurnOutcome.SKIPPED)],
    ),
}


def worded(inputs: engine.PlanInput):
    """(engine reason, stored row, the row worded in the active language, turn start)."""
    result = engine.plan_rotation(inputs)
    facts = RotationFacts(inputs=inputs, names=NAMES, skips=frozenset())
    for turn in result.turns:
        for reason, row in zip(turn.reasons, _reason_rows(turn, facts), strict=True):
            yield reason, row, reason_text(row, turn_start=turn.start), turn.start


def test_in_english_every_reason_reads_exactly_as_the_engine_wrote_it():
    seen = set()
    for name, inputs in SCENARIOS.items():
        for reason, _row, text, _start in worded(inputs):
            seen.add(reason.code)
            expected = reason.text
            if reason.member is not None and reason.member not in NAMES:
                # The engine names a member it has no name for by their id; the page says who.
                expected = expected.replace(str(reason.member), "A member")
            assert text == expected, (name, reason)
    assert seen == set(engine.ReasonCode), f"no scenario gives {set(engine.ReasonCode) - seen}"


def test_in_another_language_the_dates_and_words_follow_it():
    reasons = list(worded(SCENARIOS["leave: skipped, then a kept place"]))
    with translation.override("de"):
        texts = [reason_text(row, turn_start=start) for _r, row, _t, start in reasons]
    assert any("Januar" in text for text in texts), texts  # "11 Januar", not "11 January"
    assert not any("January" in text for text in texts), texts


def test_a_stored_reason_it_cannot_word_shows_the_stored_text():
    row = {"code": "continuing_term", "text": "continues their term (turn 2 of 3)", "on": None}
    assert reason_text(row) == "continues their term (turn 2 of 3)"  # stored before the facts
    assert reason_text({"code": "something new", "text": "as stored"}) == "as stored"
