"""Who taught the most, and who has never taught or never been taught."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .matrix import MemberId, SkillId


@dataclass(frozen=True, slots=True)
class SessionFact:
    """One teaching session as the tallies see it. ``confirmed`` are the learners who signed
    off; learners who disputed or have not answered yet are not counted as taught."""

    on: date
    skill: SkillId
    teachers: tuple[MemberId, ...]
    confirmed: tuple[MemberId, ...]


@dataclass(frozen=True, slots=True)
class TeachingTally:
    """Per member: sessions taught and learners taught (confirmed), sessions learned in.

    ``ranking`` lists teachers by learners taught, then sessions, most first (ties by the
    members' order); ``never_taught`` and ``never_taught_by_anyone`` keep the members' order."""

    taught_sessions: dict[MemberId, int]
    learners_taught: dict[MemberId, int]
    learned_sessions: dict[MemberId, int]
    ranking: tuple[MemberId, ...]
    never_taught: tuple[MemberId, ...]
    never_taught_by_anyone: tuple[MemberId, ...]


def teaching_tallies(
    members: Sequence[MemberId],
    sessions: Iterable[SessionFact],
    *,
    since: date | None = None,
    until: date | None = None,
) -> TeachingTally:
    """Tally ``sessions`` (those ``since``…``until``, both included, when given) for
    ``members``. A session counts for a teacher only if at least one learner signed off; a
    learner counts as taught only when they signed off. Teaching yourself does not count."""
    order = {m: i for i, m in enumerate(dict.fromkeys(members))}
    taught = dict.fromkeys(order, 0)
    learners: dict[MemberId, set[MemberId]] = {m: set() for m in order}
    learned = dict.fromkeys(order, 0)
    for session in sessions:
        if (since and session.on < since) or (until and session.on > until):
            continue
        teachers = set(session.teachers)
        confirmed = [m for m in dict.fromkeys(session.confirmed) if m not in teachers]
        if not confirmed:
            continue
        for teacher in teachers & order.keys():
            taught[teacher] += 1
            learners[teacher].update(confirmed)
        for learner in confirmed:
            if learner in order:
                learned[learner] += 1
    counts = {m: len(learners[m]) for m in order}
    ranking = tuple(
        sorted(
            (m for m in order if taught[m]),
            key=lambda m: (-counts[m], -taught[m], order[m]),
        )
    )
    return TeachingTally(
        taught_sessions=taught,
        learners_taught=counts,
        learned_sessions=learned,
        ranking=ranking,
        never_taught=tuple(m for m in order if not taught[m]),
        never_taught_by_anyone=tuple(m for m in order if not learned[m]),
    )
