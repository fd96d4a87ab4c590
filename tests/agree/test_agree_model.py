"""``qualkit agree`` with a machine coder on real multi-coder data, and crowd-platform exports.

The learned model is checked as a second coder would be: its alpha against each person (the
machine-person pairs pooled) beside the people's alpha among themselves, in the terminal table,
agreement.csv and the library result; the expected values are computed here with the
``krippendorff`` package. Figure Eight / Appen exports: the platform's own columns are no codes.
"""
from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from qualkit.cli import app
from tests.conftest import shared

runner = CliRunner()


def _run(*args: str) -> str:
    res = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def held_out(tmp_path_factory):
    """A model learned from 200 of the 280 student-coded headlines, the other 80 held back (the
    checker's split), and the model's codes of the held-back headlines (``qualkit code --model``)."""
    d = tmp_path_factory.mktemp("held_out")
    manual = pd.read_csv(shared("nl-ecosent", "manual_coding.csv"))
    meta = pd.read_csv(shared("nl-ecosent", "metadata.csv"))
    ids = sorted(manual["id"].unique())
    train, test = ids[:200], ids[200:]
    manual[manual["id"].isin(train)].to_csv(d / "train.csv", index=False)
    manual[manual["id"].isin(test)].to_csv(d / "test.csv", index=False)
    meta[meta["id"].isin(test)].to_csv(d / "texts.csv", index=False)
    _run("learn", str(d / "train.csv"), "--corpus-input", str(shared("nl-ecosent", "metadata.csv")), "-i", "id",
         "-q", "headline", "--out", str(d / "m"), "--boot", "0", "--cv", "2", "--suggest", "20")
    (d / "code.txt").write_text(_run("code", str(d / "texts.csv"), "--model", str(d / "m"), "-i", "id", "-q",
                                     "headline", "--out", str(d / "c")))
    return d, manual[manual["id"].isin(test)]


def _model_codes(d) -> pd.Series:
    """The model's category per headline, from ``segments.csv`` (one row per code given: ``value=-1``)."""
    seg = pd.read_csv(d / "c" / "segments.csv", dtype=str)
    seg = seg[seg["code"].str.startswith("value=", na=False)]
    assert seg["unit_id"].is_unique                        # one category per headline
    return seg.set_index("unit_id")["code"].str.split("=").str[1].astype(float)


def test_model_vs_each_person_beside_people_among_themselves(held_out):
    d, people = held_out
    out = _run("agree", str(d / "test.csv"), "--qualkit-run", str(d / "texts.csv"), "--model", str(d / "m"),
               "-i", "id", "-q", "headline", "--overlap", "pairs", "--boot", "200", "--out", str(d / "a"))
    # expected, outside qualkit: people x units, and the (model, person) pairs pooled
    wide = people.pivot(index="coder", columns="id", values="value").astype(float)
    expect_people = krippendorff.alpha(reliability_data=wide.to_numpy(), level_of_measurement="nominal")
    model = _model_codes(d)
    pairs = [(float(model[str(u)]), v) for u, v in zip(people["id"], people["value"])]
    expect_model = krippendorff.alpha(reliability_data=np.array(pairs, dtype=float).T,
                                      level_of_measurement="nominal")
    assert expect_model + 0.2 < expect_people, (expect_model, expect_people)   # the checker: -.026 against .654
    table = pd.read_csv(d / "a" / "agreement.csv")
    row = table.set_index("code").iloc[0]
    assert row["people_alpha"] == pytest.approx(expect_people, abs=1e-9)
    assert row["model_vs_people_alpha"] == pytest.approx(expect_model, abs=1e-9)
    assert row["model_vs_people_alpha_low"] < row["model_vs_people_alpha"] < row["model_vs_people_alpha_high"]
    assert row["people_alpha_low"] < row["people_alpha"] < row["people_alpha_high"]
    assert row["model_vs_people"] == "below people"
    # the one alpha over everyone stays (people and model together) and differs from both
    assert not np.isclose(row["alpha"], expect_people) and not np.isclose(row["alpha"], expect_model)
    # terminal: one table, 80 columns, the two alphas and the reading
    block = out[out.index("'model' beside the people"):]
    lines = block.splitlines()[:8]
    assert max(map(len, out[:out.index("Wrote")].splitlines())) <= 80
    assert any(f"{expect_people:.2f}".replace("0.", ".") in ln and "below people" in ln for ln in lines), block


def test_library_versus_is_none_without_several_people():
    """Two coders, no machine: the result (and agreement.csv) as before."""
    from qualkit.agree import read_human
    from qualkit.coding.compare import compare

    irr = read_human([shared("en-rust-unsafe-interviews", "irr", "1", "data.csv")])
    cmp = compare(irr, n_boot=0)
    assert cmp.result.versus is None
    assert not any("people" in c for c in cmp.result.to_frame().columns)


@pytest.mark.parametrize("name", ["f1345162.csv", "f1386488.csv"])
def test_crowd_platform_columns_are_not_codes(name, tmp_path):
    from qualkit.agree import read_human

    path = shared("nl-ecosent", name)
    data = read_human([path], codes=["sentiment"], duplicates="merge")
    assert data.codes == ["sentiment"]
    notes = dict(data.notes)
    shown = notes["note_platform"]["columns"]
    for col in ("_golden", "_tainted", "_missed", "_trust"):
        assert f"'{col}'" in shown
    assert not {"_golden", "_tainted", "_missed", "sentiment_gold"} & set(data.long["code"].dropna())
    out = " ".join(_run("agree", str(path), "--code", "sentiment", "--overlap", "pairs", "--boot", "0",
                        "--merge-duplicates").split())
    listed = out.split("platform columns not read as codes: ")[1].split(". To use one")[0]
    assert "'_golden'" in listed and "'_tainted'" in listed and "'sentiment'" not in listed
    table = out[out.index("Agreement per code"):]
    assert "sentiment" in table and "_golden" not in table and "_tainted" not in table
    # without --code no platform column is a code: the 0/1 flags _golden/_tainted/_missed were read as codes
    res = runner.invoke(app, ["agree", str(path), "--boot", "0", "--merge-duplicates"])
    assert res.exit_code == 1 and "[QK199]" in res.output and "--code 'sentiment'" in res.output, res.output
    # learn says the same
    out = " ".join(_run("learn", str(path), "--text-column", "headline", "--code", "sentiment", "--boot", "0",
                        "--cv", "2", "--merge-duplicates", "--out", str(tmp_path / "m")).split())
    assert "'_golden'" in out.split("platform columns not read as codes: ")[1].split(". To use one")[0]
    assert "_golden" not in out.split("To use one, name it with --code.")[1]


def test_code_with_a_model_labels_uncoded_in_the_output_language(held_out):
    """A model's codes have no labels in a language: the uncoded row is 'uncoded', not the Dutch 'geen code'."""
    d, _ = held_out
    assert "geen code" not in (d / "code.txt").read_text()
    freq = pd.read_csv(d / "c" / "frequencies.csv")
    assert freq.loc[freq["code"] == "uncoded", "label"].tolist() == ["uncoded"]


def test_codebook_keeps_its_language_for_uncoded():
    from pathlib import Path

    from qualkit.codebook import load_codebook
    from qualkit.stats._common import uncoded_label

    root = Path(__file__).resolve().parents[2]
    assert uncoded_label(load_codebook(root / "codebooks" / "werkdruk.yaml")) == "geen code"


def test_suggestions_tell_their_uncertainty_apart(held_out):
    """The 20 picks out of thousands of headlines are near-ties at the cut-off: 3 decimals showed 1.0 for all."""
    d, _ = held_out
    unc = pd.read_csv(d / "m-suggestions.csv")["uncertainty"]
    assert len(unc) == 20 and unc.is_monotonic_decreasing
    assert unc.nunique() == 20, unc.tolist()
