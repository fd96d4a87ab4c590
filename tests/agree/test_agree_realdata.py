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
from qualkit.ingest.human import read_human, read_texts
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
    ours = agreement(icr.long, codes=[code], level=level, n_boot=0, absent=icr.absent).table
    assert ours.loc[0, "alpha"] == pytest.approx(expected, abs=1e-9)
    rm = reliability_matrix(icr.long, code, absent=icr.absent)
    assert int(rm.notna().to_numpy().sum()) == int(mat.notna().to_numpy().sum())


def test_icr_comparison_with_interval_and_disagreements(icr):
    cmp = compare(icr, unit="segment", n_boot=100, random_state=1)
    t = cmp.result.table.set_index("code")
    assert list(t.index) == ICR_CODES + [OVERALL]
    assert t["kappa"].isna().all()                                   # more than two coders
    assert (t["alpha_low"] <= t["alpha"]).all() and (t["alpha"] <= t["alpha_high"]).all()
    assert len(cmp.disagreements) and (cmp.disagreements["text"] != "").mean() > 0.8


def naive_codes(df: pd.DataFrame) -> dict[tuple[str, str], set[str]]:
    """Independent reading of a coding-form CSV: (coder, item) -> {"question: choice"}."""
    out = {}
    skip = {"Timestamp", "Author", "Which item is this?"}
    for _, r in df[df["Author"] != ""].iterrows():
        chosen = set()
        for q in df.columns:
            if q in skip or r[q].strip().lower() in ("", "n/a"):
                continue
            chosen |= {f"{q.rstrip(': ')}: {c.strip()}" for c in r[q].split(", ")}
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
    texts = read_texts(RUST / "irr" / str(round_) / "output.md")
    assert set(items) <= set(texts)


def test_form_round_known_choices_keep_commas():
    path = need(RUST / "irr" / "6" / "data.csv")
    choices = pd.read_csv(RUST / "irr" / "6" / "survey.csv")["response_text"].dropna().tolist()
    data = read_human(path, codes=choices)
    assert "Found a bug?: From-Raw, Wrong Pointer" in data.codes
    assert "Found a bug?: Wrong Pointer" not in data.codes


def test_atlas_export():
    data = read_human(need(RUST / "interviews" / "coding" / "decisions.csv"))
    assert data.shape == "atlas" and data.coders == ["Author 1", "Author 2"]
    raw = pd.read_csv(RUST / "interviews" / "coding" / "decisions.csv", dtype=str, keep_default_na=False)
    assert "Local, Minimal Unsafe" in data.codes and "Allocation in Rust" in data.codes
    per_row = data.long.dropna(subset=["code"]).drop_duplicates(["unit", "coder", "code"])
    assert len(per_row) >= int(pd.to_numeric(raw["Number of Codes"]).sum()) - 60   # same code twice in a paragraph
    cmp = compare(data, n_boot=0)
    overall = cmp.result.table.set_index("code").loc[OVERALL]
    assert overall["n_units"] > 200                      # paragraphs of P8-P15, coded by both authors
    assert -0.2 < overall["alpha"] < 0.5
