"""The pure helpers of the elections app: tally (engine + winner-take-all) and presentation."""

from __future__ import annotations

from orgkit.elections.presentation import rounds_chart, stage_table
from orgkit.elections.result_sheet import CandidateInfo, tally_ranked, tally_slates, unique_names


def test_1922_shape_stv_gives_the_minority_its_seats_block_vote_gives_none():
    # 99 vote the majority slate in order, 84 the minority slate: 5 seats.
    cands = [
        CandidateInfo(i + 1, n, slate)
        for i, (n, slate) in enumerate(
            [
                ("M1", "Majority"),
                ("M2", "Majority"),
                ("M3", "Majority"),
                ("M4", "Majority"),
                ("M5", "Majority"),
                ("O1", "Opposition"),
                ("O2", "Opposition"),
                ("O3", "Opposition"),
                ("O4", "Opposition"),
                ("O5", "Opposition"),
            ]
        )
    ]
    grouped = [([1, 2, 3, 4, 5], 99), ([6, 7, 8, 9, 10], 84)]
    data = tally_ranked(candidates=cands, seats=5, grouped=grouped, rule="scottish", seed="s")
    seats = {row["system"]: row["seats"] for row in data["slates"]["systems"]}
    assert seats["STV (scottish)"] == {"Majority": 3, "Opposition": 2}
    assert seats["block vote"] == {"Majority": 5, "Opposition": 0}
    assert seats["slate winner-take-all"] == {"Majority": 5, "Opposition": 0}
    assert data["first_choice"]["block_vote"]["share"] == "54.1%"
    assert data["first_choice"]["stv"]["share"] == "100.0%"


def test_withdrawn_candidates_are_skipped_and_names_made_unique():
    cands = [
        CandidateInfo(1, "Ana"),
        CandidateInfo(2, "Ana"),
        CandidateInfo(3, "Bo", withdrawn=True),
    ]
    assert unique_names(cands) == ["Ana (#1)", "Ana (#2)", "Bo"]
    data = tally_ranked(
        candidates=cands, seats=1, grouped=[([3, 2], 3), ([1], 2)], rule="wigm", seed="x"
    )
    assert data["elected"] == ["Ana (#2)"]
    assert data["block_vote"]["elected"] == ["Ana (#2)"]


def test_slate_tally_fills_seats_in_list_order():
    cands = [
        CandidateInfo(1, "R1", "Red"),
        CandidateInfo(2, "R2", "Red"),
        CandidateInfo(3, "G1", "Green"),
    ]
    data = tally_slates(
        candidates=cands,
        slates={10: "Red", 11: "Green"},
        seats=2,
        grouped=[([10], 7), ([11], 5)],
        rule="sainte-lague",
        seed="z",
    )
    assert data["elected"] == ["R1", "G1"]
    assert [s["system"] for s in data["systems"]][-1] == "slate winner-take-all"


def test_stage_table_and_chart_say_the_same():
    cands = [CandidateInfo(i, n) for i, n in enumerate(["A", "B", "C"], start=1)]
    data = tally_ranked(
        candidates=cands,
        seats=1,
        grouped=[([1], 4), ([2], 3), ([3, 2], 2)],
        rule="scottish",
        seed="",
    )
    table = stage_table(data["stv"])
    assert [r["name"] for r in table["rows"]] == ["A", "B", "C"]
    assert len(table["stages"]) == len(data["stv"]["stages"]) >= 2
    assert table["rows"][1]["order"] == 1  # B wins on C's transfer
    svg = rounds_chart(data["stv"])
    assert svg.startswith("<svg") and svg.count("<rect") >= 3 * len(table["stages"])
    assert "quota" in svg


def test_the_chart_speaks_the_words_it_is_given_and_survives_a_broken_translation():
    from orgkit.elections.presentation import ChartWords

    cands = [CandidateInfo(i, n) for i, n in enumerate(["A", "B", "C"], start=1)]
    data = tally_ranked(
        candidates=cands,
        seats=1,
        grouped=[([1], 4), ([2], 3), ([3, 2], 2)],
        rule="scottish",
        seed="",
    )
    words = ChartWords(
        title="Stimmen <je> Stufe",
        stage="Stufe {number}",
        bar="{name} – {votes} ({number})",
        quota="Quote {quota}",
    )
    svg = rounds_chart(data["stv"], words=words)
    assert (
        "Stimmen &lt;je&gt; Stufe" in svg
        and "Stufe 1" in svg
        and "Quote " in svg
        and "A – 4" in svg
    )
    assert "Stage 1" not in svg and "quota" not in svg
    broken = ChartWords(stage="Stufe {nummer}", bar="{", quota="{0}")
    svg = rounds_chart(data["stv"], words=broken)
    assert "Stage 1" in svg and "quota" in svg and "A, stage 1: 4" in svg


def test_every_bar_stays_inside_the_chart_below_the_quota_key_and_no_two_share_a_colour():
    import re

    names = [f"C{i:02d}" for i in range(1, 15)]  # more candidates than the palette has colours
    cands = [CandidateInfo(i, n) for i, n in enumerate(names, start=1)]
    data = tally_ranked(
        candidates=cands,
        seats=2,
        # One candidate far above the quota: the tallest bar is the one that used to overflow.
        grouped=[([1], 90), *[([i], 2) for i in range(2, 15)]],
        rule="scottish",
        seed="s",
    )
    svg = rounds_chart(data["stv"])
    bars = re.findall(
        r'<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" fill="([^"]+)"><title>',
        svg,
    )
    assert bars
    key_text_y = float(
        re.search(r'<text x="[\d.]+" y="([\d.]+)" font-size="12">quota', svg).group(1)
    )
    assert min(float(y) for y, _h, _f in bars) > key_text_y  # below the quota's label
    assert all(float(y) >= 0 for y, _h, _f in bars)
    first_stage_colours = [fill for _y, _h, fill in bars[: len(names)]]
    assert len(set(first_stage_colours)) == len(names)
