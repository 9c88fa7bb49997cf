"""The decisions app's pure cores: rules (notice, window, tally), the hash chain, minutes."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from orgkit.decisions import chain, minutes, rules

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def test_notice():
    assert rules.within_notice(now=T0, starts_at=T0 + timedelta(days=6), notice_days=7)
    assert not rules.within_notice(now=T0, starts_at=T0 + timedelta(days=7), notice_days=7)


@given(st.lists(st.sampled_from(["for", "against", "abstain"]), max_size=60))
def test_tally_counts_every_vote_and_a_majority_of_those_cast_carries(choices):
    t = rules.tally(choices)
    assert t.votes_for + t.votes_against + t.abstentions == len(choices)
    assert t.carried == (choices.count("for") > choices.count("against"))


@given(st.integers(0, 40), st.integers(0, 40))
def test_extensions_never_pass_the_cap(already, more):
    if rules.extension_allowed(already=already, more=more):
        assert 1 <= more and already + more <= rules.MAX_EXTENSION_DAYS


def test_window_and_due():
    closes = rules.window_closes(decided_at=T0, window_days=7, extension_days=3)
    assert closes == T0 + timedelta(days=10)
    assert not rules.is_due(window_closes_at=closes, now=closes - timedelta(seconds=1))
    assert rules.is_due(window_closes_at=closes, now=closes)


def _links(contents):
    links, previous = [], chain.GENESIS
    for seq, content in enumerate(contents, start=1):
        text = chain.canonical(content)
        digest = chain.link_digest(previous, text)
        links.append(chain.Link(seq, text, previous, digest))
        previous = digest
    return links


contents = st.lists(st.dictionaries(st.text(max_size=5), st.text(max_size=20)), max_size=8)


@given(contents)
def test_an_untouched_chain_holds(items):
    assert chain.first_break(_links(items)) is None


@given(contents.filter(len), st.data())
def test_any_changed_content_is_the_first_break(items, data):
    links = _links(items)
    at = data.draw(st.integers(0, len(links) - 1))
    changed = links[at].content + " "
    links[at] = chain.Link(links[at].seq, changed, links[at].previous_digest, links[at].digest)
    assert chain.first_break(links) == chain.Break(seq=at + 1, reason="content")


def test_a_deleted_link_is_a_gap_and_a_relinked_one_is_named():
    links = _links([{"a": "1"}, {"b": "2"}, {"c": "3"}])
    assert chain.first_break([links[0], links[2]]) == chain.Break(seq=2, reason="gap")
    relinked = chain.Link(2, links[1].content, chain.GENESIS, links[1].digest)
    assert chain.first_break([links[0], relinked, links[2]]).reason == "previous"


def test_canonical_is_stable_and_keeps_unicode():
    assert chain.canonical({"b": 1, "a": "Ω"}) == '{"a":"Ω","b":1}'


def test_minutes_put_the_minority_report_right_after_the_decision():
    content = {
        "title": "Sign",
        "text": "We sign.",
        "outcome": "carried",
        "votes_for": 9,
        "votes_against": 6,
        "abstentions": 0,
        "proposer": "Ana",
        "seconder": "Bo",
        "votes": [{"member": "Cy", "choice": "against", "reason": "Wages"}],
        "reports": [
            {
                "title": "Against",
                "text": "No.",
                "author": "Cy",
                "signatories": ["Di", "Ed"],
                "rejoinders": [{"kind": "response", "author": "Ana", "text": "Yes."}],
            }
        ],
        "appeals": [],
        "corrections": [],
    }
    blocks = minutes.minutes_blocks(
        title="Council",
        records=[(content, 1, "ab" * 32)],
        labels=minutes.Labels(),
        words={},
    )
    text = minutes.to_markdown(blocks)
    assert text.index("## Decision: Sign") < text.index("## Minority report: Against")
    assert text.index("## Minority report: Against") < text.index("### Votes")
    assert "Signed by Cy, Di, Ed" in text and "carried: 9 for, 6 against" in text
    assert "Cy: against — Wages" in text
