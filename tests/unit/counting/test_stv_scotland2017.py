"""Scottish STV against the official 2017 council result sheets (20 wards).

Every stage total of every candidate must equal the official sheet to 5 decimals. The only
exceptions are listed cell by cell below (tests/golden/stv/PROVENANCE.md explains them):

* ``glasgow_2017_ward1`` stage 3, Alan Digney: the transcription has 393 for 303 (a slip;
  all his other stages match, and 303 is what the stage-3 transfers add up to);
* Glasgow wards 3, 8, 13, 14 and 16: Glasgow's published sheets show some figures with 2 (two
  cells: 4) decimals; each such cell is listed and may differ by at most 0.005.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from orgkit.elections.counting.blt import read_blt
from orgkit.elections.counting.stv import count_stv

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "stv" / "scotland-2017"
SUMMARY = {s["file"]: s for s in json.loads((GOLDEN / "official-summary.json").read_text())}
WARDS = sorted(p.stem for p in GOLDEN.glob("*.blt"))

TRANSCRIPTION_SLIP = {("glasgow_2017_ward1", 3, "Alan DIGNEY (Grn)"): ("393", "303.00000")}

# (ward, stage, candidate): (official figure as published, our figure). Glasgow 2-dp rounding.
GLASGOW_ROUNDED = {
    ("glasgow_2017_ward13", 2, "Chris CUNNINGHAM (SNP)"): ("1233.56", "1233.56400"),
    ("glasgow_2017_ward13", 2, "Eva MURRAY (Lab)"): ("1117.21", "1117.21200"),
    ("glasgow_2017_ward13", 2, "Tariq PARVEZ (C)"): ("1070.75", "1070.74920"),
    ("glasgow_2017_ward13", 3, "Chris CUNNINGHAM (SNP)"): ("1243.59", "1243.58842"),
    ("glasgow_2017_ward13", 3, "Eva MURRAY (Lab)"): ("1117.46", "1117.46428"),
    ("glasgow_2017_ward13", 3, "Tariq PARVEZ (C)"): ("1070.81", "1070.80856"),
    ("glasgow_2017_ward13", 4, "Chris CUNNINGHAM (SNP)"): ("1261.93", "1261.92698"),
    ("glasgow_2017_ward13", 4, "Eva MURRAY (Lab)"): ("1123.61", "1123.61076"),
    ("glasgow_2017_ward13", 4, "Tariq PARVEZ (C)"): ("1072.95", "1072.94816"),
    ("glasgow_2017_ward13", 5, "Chris CUNNINGHAM (SNP)"): ("1269.35", "1269.35320"),
    ("glasgow_2017_ward13", 5, "Gillian MACDONALD (Grn)"): ("478.6821", "478.68214"),
    ("glasgow_2017_ward13", 5, "Eva MURRAY (Lab)"): ("1140.84", "1140.84436"),
    ("glasgow_2017_ward13", 5, "Tariq PARVEZ (C)"): ("1108.09", "1108.08776"),
    ("glasgow_2017_ward13", 5, "David WALKER (LD)"): ("207.6444", "207.64444"),
    ("glasgow_2017_ward13", 6, "Chris CUNNINGHAM (SNP)"): ("1282.35", "1282.35320"),
    ("glasgow_2017_ward13", 6, "Eva MURRAY (Lab)"): ("1183.96", "1183.96116"),
    ("glasgow_2017_ward13", 6, "Tariq PARVEZ (C)"): ("1161.93", "1161.92536"),
    ("glasgow_2017_ward13", 7, "Chris CUNNINGHAM (SNP)"): ("1424.82", "1424.82478"),
    ("glasgow_2017_ward13", 7, "Eva MURRAY (Lab)"): ("1293.36", "1293.35608"),
    ("glasgow_2017_ward13", 7, "Tariq PARVEZ (C)"): ("1191.35", "1191.35158"),
    ("glasgow_2017_ward13", 7, "Roza SALIH (SNP)"): ("1066.92", "1066.91656"),
    ("glasgow_2017_ward13", 8, "Chris CUNNINGHAM (SNP)"): ("2345.48", "2345.47668"),
    ("glasgow_2017_ward13", 8, "Eva MURRAY (Lab)"): ("1340.97", "1340.97384"),
    ("glasgow_2017_ward13", 8, "Tariq PARVEZ (C)"): ("1203.35", "1203.35158"),
    ("glasgow_2017_ward13", 9, "Eva MURRAY (Lab)"): ("1506.30", "1506.30321"),
    ("glasgow_2017_ward13", 9, "Tariq PARVEZ (C)"): ("1217.66", "1217.66305"),
    ("glasgow_2017_ward13", 10, "Eva MURRAY (Lab)"): ("1975.26", "1975.25558"),
    ("glasgow_2017_ward14", 2, "Anne MCTAGGART (Lab)"): ("1177.56", "1177.56064"),
    ("glasgow_2017_ward14", 3, "Elspeth KERR (SNP)"): ("1073.59", "1073.59280"),
    ("glasgow_2017_ward14", 3, "Anne MCTAGGART (Lab)"): ("1189.02", "1189.01782"),
    ("glasgow_2017_ward14", 4, "Elspeth KERR (SNP)"): ("1086.76", "1086.76050"),
    ("glasgow_2017_ward14", 4, "Anne MCTAGGART (Lab)"): ("1194.94", "1194.93786"),
    ("glasgow_2017_ward14", 5, "Elspeth KERR (SNP)"): ("1095.10", "1095.09692"),
    ("glasgow_2017_ward14", 5, "Anne MCTAGGART (Lab)"): ("1213.30", "1213.29964"),
    ("glasgow_2017_ward14", 6, "Elspeth KERR (SNP)"): ("1101.23", "1101.22658"),
    ("glasgow_2017_ward14", 6, "Anne MCTAGGART (Lab)"): ("1228.62", "1228.62144"),
    ("glasgow_2017_ward14", 7, "Elspeth KERR (SNP)"): ("1213.42", "1213.42102"),
    ("glasgow_2017_ward14", 7, "Anne MCTAGGART (Lab)"): ("1308.55", "1308.55074"),
    ("glasgow_2017_ward14", 8, "Elspeth KERR (SNP)"): ("1963.55", "1963.54664"),
    ("glasgow_2017_ward14", 8, "Anne MCTAGGART (Lab)"): ("1327.19", "1327.18600"),
    ("glasgow_2017_ward14", 9, "Anne MCTAGGART (Lab)"): ("1456.52", "1456.51753"),
    ("glasgow_2017_ward14", 10, "Anne MCTAGGART (Lab)"): ("1876.48", "1876.48255"),
    ("glasgow_2017_ward16", 2, "Jacqueline MCLAREN (SNP)"): ("1187.01", "1187.00610"),
    ("glasgow_2017_ward16", 3, "Jacqueline MCLAREN (SNP)"): ("1187.01", "1187.00610"),
    ("glasgow_2017_ward16", 10, "Robert MOONEY (Lab)"): ("1015.33", "1015.33097"),
    ("glasgow_2017_ward16", 11, "Robert MOONEY (Lab)"): ("1195.25", "1195.25250"),
    ("glasgow_2017_ward3", 2, "Rashid HUSSAIN (Lab)"): ("1083.01", "1083.00636"),
    ("glasgow_2017_ward3", 2, "Rory O'BRIEN (C)"): ("1198.65", "1198.64670"),
    ("glasgow_2017_ward3", 2, "Rhiannon SPEAR (SNP)"): ("1565.79", "1565.78636"),
    ("glasgow_2017_ward3", 3, "Rashid HUSSAIN (Lab)"): ("1507.90", "1507.90341"),
    ("glasgow_2017_ward3", 3, "Rory O'BRIEN (C)"): ("1208.06", "1208.05825"),
    ("glasgow_2017_ward3", 3, "Rhiannon SPEAR (SNP)"): ("1575.43", "1575.42746"),
    ("glasgow_2017_ward3", 4, "Rashid HUSSAIN (Lab)"): ("1510.90", "1510.90341"),
    ("glasgow_2017_ward3", 4, "Rory O'BRIEN (C)"): ("1211.41", "1211.41314"),
    ("glasgow_2017_ward3", 4, "Rhiannon SPEAR (SNP)"): ("1579.85", "1579.84702"),
    ("glasgow_2017_ward3", 5, "Rashid HUSSAIN (Lab)"): ("1522.89", "1522.88628"),
    ("glasgow_2017_ward3", 5, "Rory O'BRIEN (C)"): ("1218.12", "1218.12292"),
    ("glasgow_2017_ward3", 5, "Rhiannon SPEAR (SNP)"): ("1597.40", "1597.39592"),
    ("glasgow_2017_ward3", 6, "Rashid HUSSAIN (Lab)"): ("1555.87", "1555.86915"),
    ("glasgow_2017_ward3", 6, "Rory O'BRIEN (C)"): ("1253.05", "1253.04512"),
    ("glasgow_2017_ward3", 6, "Rhiannon SPEAR (SNP)"): ("1607.59", "1607.58993"),
    ("glasgow_2017_ward3", 7, "Rashid HUSSAIN (Lab)"): ("1591.17", "1591.16865"),
    ("glasgow_2017_ward3", 7, "Rory O'BRIEN (C)"): ("1297.21", "1297.21400"),
    ("glasgow_2017_ward3", 7, "Rhiannon SPEAR (SNP)"): ("1635.60", "1635.59793"),
    ("glasgow_2017_ward3", 8, "Rashid HUSSAIN (Lab)"): ("1653.69", "1653.69385"),
    ("glasgow_2017_ward3", 8, "Rory O'BRIEN (C)"): ("1328.80", "1328.79844"),
    ("glasgow_2017_ward3", 8, "Rhiannon SPEAR (SNP)"): ("1746.87", "1746.86620"),
    ("glasgow_2017_ward3", 9, "Rashid HUSSAIN (Lab)"): ("1665.06", "1665.05523"),
    ("glasgow_2017_ward3", 9, "Rory O'BRIEN (C)"): ("1330.24", "1330.23842"),
    ("glasgow_2017_ward3", 10, "Rashid HUSSAIN (Lab)"): ("2106.12", "2106.12212"),
    ("glasgow_2017_ward8", 7, "Alexander BELIC (SNP)"): ("1500.59", "1500.59106"),
    ("glasgow_2017_ward8", 7, "James SCANLON (Lab)"): ("1398.54", "1398.53749"),
    ("glasgow_2017_ward8", 8, "Alexander BELIC (SNP)"): ("1500.59", "1500.59106"),
    ("glasgow_2017_ward8", 8, "James SCANLON (Lab)"): ("1434.44", "1434.44220"),
    ("glasgow_2017_ward8", 9, "Cass MACGREGOR (Grn)"): ("1012.43", "1012.43328"),
    ("glasgow_2017_ward8", 9, "James SCANLON (Lab)"): ("1439.13", "1439.13105"),
    ("glasgow_2017_ward8", 10, "James SCANLON (Lab)"): ("1886.22", "1886.22001"),
}


def official_rows(ward: str) -> list[tuple[int, int, str, str]]:
    rows = []
    for line in (GOLDEN / f"{ward}.official-stages.tsv").read_text().splitlines():
        if line.startswith("#") or line.startswith("stage"):
            continue
        stage, cand, name, total, _transfer, _status = line.split("\t")
        rows.append((int(stage), int(cand), name, total))
    return rows


def test_every_ward_has_its_ballots_its_sheet_and_its_summary():
    # The golden set is the 20 wards listed in PROVENANCE.md; a ward without its stage sheet
    # or its summary would be skipped silently by the tests below, so each is checked here.
    assert len(WARDS) == 20
    assert set(SUMMARY) == {f"{ward}.blt" for ward in WARDS}
    for ward in WARDS:
        rows = official_rows(ward)
        assert rows, ward
        assert max(stage for stage, *_ in rows) == SUMMARY[f"{ward}.blt"]["stages"], ward


@pytest.mark.parametrize("ward", WARDS)
def test_official_winners_quota_and_stage_count(ward):
    result = count_stv(read_blt(GOLDEN / f"{ward}.blt"), rule="scottish")
    summary = SUMMARY[f"{ward}.blt"]
    assert set(result.elected) == {name for name, _stage in summary["elected"]}
    assert result.fmt(result.stages[0].quota) == f"{summary['quota']}.00000"
    assert result.fmt(result.total_votes) == f"{summary['valid_poll']}.00000"
    assert len(result.stages) == summary["stages"]
    # The stage at which each winner was declared matches the sheet.
    declared = {name: st.number for st in result.stages for name in st.elected}
    assert declared == {name: stage for name, stage in summary["elected"]}


@pytest.mark.parametrize("ward", WARDS)
def test_every_official_stage_total(ward):
    result = count_stv(read_blt(GOLDEN / f"{ward}.blt"), rule="scottish")
    checked = 0
    for stage, cand, name, official in official_rows(ward):
        ours = result.fmt(result.stages[stage - 1].votes[cand - 1])
        assert result.candidates[cand - 1] == name
        key = (ward, stage, name)
        if key in TRANSCRIPTION_SLIP:
            assert (official, ours) == TRANSCRIPTION_SLIP[key]
        elif key in GLASGOW_ROUNDED:
            assert (official, ours) == GLASGOW_ROUNDED[key]
            assert abs(Decimal(ours) - Decimal(official)) <= Decimal("0.005")
        else:
            assert Decimal(ours) == Decimal(official), f"{ward} stage {stage} {name}"
        checked += 1
    assert checked == len(result.candidates) * len(result.stages)


def test_exceptions_only_in_named_wards():
    named = {
        "glasgow_2017_ward3",
        "glasgow_2017_ward8",
        "glasgow_2017_ward13",
        "glasgow_2017_ward14",
        "glasgow_2017_ward16",
    }
    assert {w for w, _s, _n in GLASGOW_ROUNDED} == named
    for official, _ours in GLASGOW_ROUNDED.values():
        # only figures the sheet printed with fewer than 5 decimals (2, or in two cells 4)
        assert len(official.partition(".")[2]) < 5
