"""Property tests (hypothesis) for every STV preset on small random elections."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgkit.elections.counting.ballots import Ballot, Election
from orgkit.elections.counting.blt import parse_blt, write_blt
from orgkit.elections.counting.stv import RULES, count_stv

PROFILE = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def elections(draw, max_candidates: int = 7):
    n = draw(st.integers(min_value=2, max_value=max_candidates))
    seats = draw(st.integers(min_value=1, max_value=n + 1))
    names = tuple(f"C{i}" for i in range(n))
    groups = draw(st.integers(min_value=0, max_value=25))
    ballots = []
    for _ in range(groups):
        perm = draw(st.permutations(range(n)))
        length = draw(st.integers(min_value=1, max_value=n))
        weight = draw(st.integers(min_value=1, max_value=30))
        ballots.append(Ballot(weight, tuple(perm[:length])))
    withdrawn = frozenset(draw(st.sets(st.integers(min_value=0, max_value=n - 1), max_size=1)))
    return Election(candidates=names, seats=seats, ballots=tuple(ballots), withdrawn=withdrawn)


def reached(result, stage, name) -> bool:
    i = result.candidates.index(name)
    if result.rule == "scottish":
        return stage.votes[i] >= stage.quota
    return stage.votes[i] > stage.quota


@PROFILE
@given(elections(), st.sampled_from(RULES))
def test_seats_filled_and_every_winner_reached_quota_or_remained(election, rule):
    result = count_stv(election, rule=rule, seed="p")
    standing = len(election.candidates) - len(election.withdrawn)
    assert len(result.elected) == min(election.seats, standing)
    assert len(set(result.elected)) == len(result.elected)
    assert not set(result.elected) & set(result.withdrawn)
    last = result.stages[-1]
    for stage in result.stages:
        for name in stage.elected:
            if not reached(result, stage, name):
                # elected because the continuing candidates no longer outnumbered the seats
                assert stage is last
                assert "hopeful" not in last.status
    assert [s.number for s in result.stages] == list(range(1, len(result.stages) + 1))


@PROFILE
@given(elections(), st.sampled_from(["scottish", "wigm"]))
def test_gregory_conserves_votes_exactly(election, rule):
    result = count_stv(election, rule=rule, seed="p")
    papers = sum(int(b.weight) for b in election.ballots)
    for k, stage in enumerate(result.stages):
        # candidate totals + non-transferable (which includes truncation loss) = valid poll
        assert sum(stage.votes) + stage.non_transferable == result.total_votes
        # truncating a transfer value loses less than one unit of the last decimal per paper
        assert 0 <= stage.rounding <= k * papers
        assert all(v >= 0 for v in stage.votes)


@PROFILE
@given(elections())
def test_meek_conserves_votes_to_truncation(election):
    result = count_stv(election, rule="meek", seed="p")
    papers = sum(int(b.weight) for b in election.ballots)
    n = len(election.candidates)
    for stage in result.stages:
        assert sum(stage.votes) + stage.non_transferable + stage.rounding == result.total_votes
        # each floor() along a ballot path loses < 1 unit per paper per candidate passed
        assert 0 <= stage.rounding <= papers * (n + 1) + n + 1


@PROFILE
@given(elections(), st.sampled_from(["scottish", "meek"]), st.randoms(use_true_random=False))
def test_ballot_order_and_grouping_never_change_the_result(election, rule, rnd: random.Random):
    baseline = count_stv(election, rule=rule, seed="p")
    # split every group into single papers, shuffle, and count again
    papers = [Ballot(1, b.ranking) for b in election.ballots for _ in range(int(b.weight))]
    rnd.shuffle(papers)
    shuffled = Election(
        candidates=election.candidates,
        seats=election.seats,
        ballots=tuple(papers),
        withdrawn=election.withdrawn,
    )
    assert count_stv(shuffled, rule=rule, seed="p").to_json() == baseline.to_json()
    # and through the .blt writer/reader
    assert (
        count_stv(parse_blt(write_blt(shuffled)), rule=rule, seed="p").to_json()
        == baseline.to_json()
    )


@settings(max_examples=25, deadline=None)
@given(elections(max_candidates=5))
def test_same_seed_same_count_and_seed_recorded(election):
    a = count_stv(election, rule="scottish", seed="fixed-at-open")
    b = count_stv(election, rule="scottish", seed="fixed-at-open")
    assert a == b and a.seed == "fixed-at-open"
    for tie in a.ties:
        if tie.method == "lot":
            assert "fixed-at-open" in tie.detail
