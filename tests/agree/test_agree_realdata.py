"""Real double coding through the ingest path: nl-ecosent (many coders, missing data) against the
``krippendorff`` package, the en-rust-unsafe-interviews coding-form rounds against scikit-learn's
kappa, and the ATLAS.ti quotation export.

The rounds' ``irr/N/output.md`` files hold the coded quotations (``## <item> \\- doc:...``
headings), not kappa values, so the kappas are checked against an independent computation
from the raw CSV instead; the Markdown files are checked to give every item its text.
"""
from __future__ import annotations

from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from qualkit.coding.compare import compare
from qualkit.errors import AnalysisError, InputError
from qualkit.agree import read_human
from qualkit.ingest.human import read_texts
from qualkit.stats.agreement import OVERALL, agreement, reliability_matrix

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
ICR = DATA / "nl-ecosent" / "icr_data.csv"
RUST = DATA / "en-rust-unsafe-interviews"
ICR_CODES = ["Economisch", "Toon_Kop", "Posit_Nega", "Hoofd_OW", "CAP_onderw", "Context", "Onzekerhei"]


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"real data not found at {path} (../shared/data beside the checkout)")
    return path


@pytest.fixture(scope="module")
def icr():
    return read_human(need(ICR), id_column="ID", coder_column="Codeur", codes=ICR_CODES, text_column="headline")


@pytest.fixture(scope="module")
def icr_raw():
    wide = pd.read_csv(need(ICR), sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return wide


def test_icr_loads_every_coder_and_headline(icr, icr_raw):
    assert icr.shape == "matrix" and icr.absent == "missing"
    assert len(icr.coders) == icr_raw["Codeur"].nunique() == 26
    assert len(icr.units) == icr_raw["ID"].nunique() == 492
    assert len(icr.texts) == icr_raw.loc[icr_raw["headline"].str.strip() != "", "ID"].nunique()


@pytest.mark.parametrize("code", ICR_CODES)
@pytest.mark.parametrize("level", ["nominal", "interval"])
def test_icr_alpha_matches_krippendorff_package(icr, icr_raw, code, level):
    raw = icr_raw.assign(v=pd.to_numeric(icr_raw[code].str.strip().replace("", np.nan)))
    mat = raw.pivot(index="Codeur", columns="ID", values="v")
    expected = krippendorff.alpha(mat.to_numpy(dtype=float), level_of_measurement=level)
    ours = agreement(icr.long, codes=[code], level=level, n_boot=0, absent=icr.absent, overlap="pairs").table
    assert ours.loc[0, "alpha"] == pytest.approx(expected, abs=1e-9)
    rm = reliability_matrix(icr.long, code, absent=icr.absent)
    assert int(rm.notna().to_numpy().sum()) == int(mat.notna().to_numpy().sum())


def test_icr_comparison_with_interval_and_disagreements(icr):
    cmp = compare(icr, unit="segment", n_boot=100, random_state=1, overlap="pairs")   # 3-14 of 26 coders
    t = cmp.result.table.set_index("code")
    assert list(t.index) == ICR_CODES + [OVERALL]
    assert t["kappa"].isna().all()                                   # more than two coders
    assert (t["alpha_low"] <= t["alpha"]).all() and (t["alpha"] <= t["alpha_high"]).all()
    assert len(cmp.disagreements) and (cmp.disagreements["text"] != "").mean() > 0.8
    cov = cmp.result.coverage
    assert len(cov.per_coder) == 26 and cov.overlap == 492 and cov.mode == "pairs"
    with pytest.raises(AnalysisError, match=r"^\[QK430\] no unit was coded by all 26 coders .* --overlap pairs"):
        compare(icr, n_boot=0)


# Independent implementation: irrCAC 0.4.4 (Gwet's formulas) printed these on the same data
# (CAC(units x coders).gwet() / .bp(), 5 decimals).
IRRCAC_ICR = {"Posit_Nega": (0.69823, 0.67089), "Toon_Kop": (0.56137, 0.55614), "Economisch": (0.83142, 0.81351)}


@pytest.mark.parametrize("code", list(IRRCAC_ICR))
def test_ac1_and_bp_match_irrcac_with_many_coders_and_missing_data(icr, code):
    t = agreement(icr.long, codes=[code], n_boot=0, absent=icr.absent, overlap="pairs").table
    ac1, bp = IRRCAC_ICR[code]
    assert t.loc[0, "ac1"] == pytest.approx(ac1, abs=5e-6) and t.loc[0, "bp"] == pytest.approx(bp, abs=5e-6)


def naive_codes(df: pd.DataFrame) -> dict[tuple[str, str], set[str]]:
    """Independent reading of a coding-form CSV: (coder, item) -> {"question: choice"}; a cell
    splits on ", " when every piece is an answer seen alone in its column (NA is a choice)."""
    out = {}
    skip = {"Timestamp", "Author", "Which item is this?"}
    rows = df[df["Author"] != ""]
    alone = {q: {v.strip() for v in rows[q] if "," not in v} for q in df.columns}
    for _, r in rows.iterrows():
        chosen = set()
        for q in df.columns:
            cell = r[q].strip()
            if q in skip or not cell:
                continue
            pieces = [c.strip() for c in cell.split(", ")]
            pieces = pieces if all(p in alone[q] for p in pieces) else [cell]
            chosen |= {f"{q.rstrip(': ')}: {c}" for c in pieces}
        out[r["Author"], r["Which item is this?"]] = chosen
    return out


@pytest.mark.parametrize("round_", range(1, 8))
def test_form_rounds_kappa_and_alpha(round_):
    path = need(RUST / "irr" / str(round_) / "data.csv")
    data = read_human(path)
    assert data.shape == "form" and sorted(data.coders) == ["author1", "author2"]
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    items = sorted(set(raw.loc[raw["Author"] != "", "Which item is this?"]), key=int)
    assert sorted(data.units, key=int) == items
    cmp = compare(data, n_boot=0)
    t = cmp.result.table.set_index("code")
    naive = naive_codes(raw)
    checked = 0
    for code in data.codes:
        if ", " in code.split(": ", 1)[1]:
            continue                                                  # a choice with a comma in it
        a = [int(code in naive[("author1", i)]) for i in items]
        b = [int(code in naive[("author2", i)]) for i in items]
        if len(set(a) | set(b)) < 2:
            continue
        assert t.at[code, "kappa"] == pytest.approx(cohen_kappa_score(a, b), abs=1e-9)
        assert t.at[code, "alpha"] == pytest.approx(krippendorff.alpha([a, b], level_of_measurement="nominal"),
                                                    abs=1e-9)
        checked += 1
    assert checked >= 5
    assert -1 <= t.at[OVERALL, "alpha"] <= 1 and t.at[OVERALL, "n_units"] == len(items)
    assert cmp.result.coverage.per_coder == {"author1": len(items), "author2": len(items)}
    texts = read_texts(RUST / "irr" / str(round_) / "output.md")
    assert set(items) <= set(texts)


def test_form_round_known_choices_keep_commas():
    path = need(RUST / "irr" / "6" / "data.csv")
    choices = pd.read_csv(RUST / "irr" / "6" / "survey.csv")["response_text"].dropna().tolist()
    data = read_human(path, codes=choices)
    assert "Found a bug?: From-Raw, Wrong Pointer" in data.codes
    assert "Found a bug?: Wrong Pointer" not in data.codes


def test_seven_rounds_together_keep_each_rounds_units():
    """Given together, the 7 rounds read as the sum of each round's own units. Counted here
    from the raw CSVs: (round, item) pairs with an author. Round 4 has 60 lines of which 20
    are empty (no author, no item): they are no units, so the sum is 220 (60 / 2 = 30 for
    round 4 would give 230)."""
    paths = [need(RUST / "irr" / str(r) / "data.csv") for r in range(1, 8)]
    own = []
    for p in paths:
        raw = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        own.append(raw.loc[raw["Author"] != "", "Which item is this?"].nunique())
    assert own == [20, 20, 20, 20, 20, 60, 60]
    data = read_human(paths)
    assert len(data.units) == sum(own) == 220
    assert ("note_files", {"n": 7, "labels": "1, 2, 3, 4, 5, 6, 7"}) in data.notes
    assert {u.split(":")[0] for u in data.units} == {str(r) for r in range(1, 8)}
    cmp = compare(data, n_boot=0)
    assert cmp.result.coverage.overlap == 220 and cmp.result.n_units == 220


def test_seven_rounds_output_says_rows_blank_rows_and_units_per_file():
    """A user who counts rows / 2 gets 230; the output shows where the 10 went: per file the
    rows in it, the empty rows skipped, the rows read and the units they make."""
    from typer.testing import CliRunner

    from qualkit.cli import app

    paths = [str(need(RUST / "irr" / str(r) / "data.csv")) for r in range(1, 8)]
    res = CliRunner().invoke(app, ["agree", *paths, "--boot", "0"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    out = " ".join(res.stdout.split())
    assert "1/data.csv: 40 rows read as 20 units (units per coder: author1: 20, author2: 20)." in out
    assert "4/data.csv: 60 rows: 20 empty (skipped), 40 read as 20 units (units per coder: author2: 20, " \
           "author1: 20)." in out
    assert "7 files: 460 rows: 20 empty (skipped), 440 read as 220 units." in out
    nl = CliRunner().invoke(app, ["agree", *paths, "--boot", "0", "--lang", "nl"], env={"COLUMNS": "200"})
    assert "7 bestanden: 460 rijen: 20 leeg (overgeslagen), 440 gelezen als 220 eenheden." \
           in " ".join(nl.stdout.split())


def test_rounds_na_codes_and_options_with_commas():
    r7 = read_human(need(RUST / "irr" / "7" / "data.csv"))
    assert "Why unsafe?: NA" in r7.codes                         # NA is a choice the coders wrote
    assert not any(c.endswith(": NA") for c in read_human(RUST / "irr" / "7" / "data.csv", missing=["NA"]).codes)
    r2 = read_human(need(RUST / "irr" / "2" / "data.csv"))
    option = "Why unsafe?: To interact with hardware, the operating system, or other low-level external interfaces"
    assert option in r2.codes and not any("Why unsafe?: the operating system" in c for c in r2.codes)


# irrCAC 0.4.4 on round 6 (two coders, every item coded by both)
IRRCAC_R6 = {"Why unsafe?: NA": (0.76923, 0.66667), "Domain: N/A": (0.89671, 0.83333)}


@pytest.mark.parametrize("code", list(IRRCAC_R6))
def test_ac1_bp_match_irrcac_on_a_round(code):
    data = read_human(need(RUST / "irr" / "6" / "data.csv"))
    t = agreement(data.long, codes=[code], n_boot=0).table
    assert (t.loc[0, "ac1"], t.loc[0, "bp"]) == pytest.approx(IRRCAC_R6[code], abs=5e-6)


def test_duplicate_unit_ids_are_an_error_or_merged_when_asked(tmp_path):
    lines = need(RUST / "irr" / "1" / "data.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "dup.csv").write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_human(tmp_path / "dup.csv")
    assert e.value.code == 190 and f"line {len(lines) + 1}" in str(e.value) and "(first at line 2)" in str(e.value)
    merged = read_human(tmp_path / "dup.csv", duplicates="merge")
    assert ("note_merged", {"n": 1}) in merged.notes and len(merged.units) == 20


def test_atlas_export():
    data = read_human(need(RUST / "interviews" / "coding" / "decisions.csv"))
    assert data.shape == "atlas" and data.coders == ["Author 1", "Author 2"]
    raw = pd.read_csv(RUST / "interviews" / "coding" / "decisions.csv", dtype=str, keep_default_na=False)
    assert "Local, Minimal Unsafe" in data.codes and "Allocation in Rust" in data.codes
    per_row = data.long.dropna(subset=["code"]).drop_duplicates(["unit", "coder", "code"])
    assert len(per_row) >= int(pd.to_numeric(raw["Number of Codes"]).sum()) - 60   # same code twice in a paragraph
    cmp = compare(data, n_boot=0)
    cov = cmp.result.coverage
    # the two authors mostly coded different passages: 69 paragraphs by both (ATLAS.ti counts
    # 68 of 573 quotations); the output says so instead of a silent "unreliable"
    assert cov.per_coder == {"Author 1": 452, "Author 2": 209} and cov.overlap == 69
    assert "apart" in cov.warnings and "small" not in cov.warnings
    overall = cmp.result.table.set_index("code").loc[OVERALL]
    assert overall["n_units"] == 69 and overall["ac1"] > 0.9 and overall["pos_agree"] < 0.5
    # --coverage all: every paragraph of a document an author coded counts as coded by them
    every = compare(read_human(RUST / "interviews" / "coding" / "decisions.csv", coverage="all"), n_boot=0)
    assert every.result.coverage.overlap > 200
