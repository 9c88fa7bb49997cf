"""The per-voter ballot order: a permutation, repeatable, different between voters, and even."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from orgkit.elections.ballot_order import shuffled_for_voter


@given(
    ids=st.lists(st.integers(1, 10**9), unique=True, max_size=30),
    seed=st.text(max_size=32),
    voter=st.text(max_size=12),
)
def test_every_voter_gets_a_repeatable_permutation_of_the_same_names(ids, seed, voter):
    order = shuffled_for_voter(ids, election_seed=seed, voter_key=voter)
    assert sorted(order) == sorted(ids)
    assert order == shuffled_for_voter(list(reversed(ids)), election_seed=seed, voter_key=voter)


def test_each_name_comes_first_about_equally_often_across_voters():
    ids = [11, 22, 33, 44]
    firsts = Counter(
        shuffled_for_voter(ids, election_seed="f00d", voter_key=str(v))[0] for v in range(4000)
    )
    assert set(firsts) == set(ids)
    # 1,000 expected each; a fair shuffle stays within ±15 % here with overwhelming probability.
    assert all(850 <= n <= 1150 for n in firsts.values()), firsts
