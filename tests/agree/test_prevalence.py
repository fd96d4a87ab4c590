"""Shares corrected for coder error: the Rogan-Gladen arithmetic, its interval on real human-coded
data (nl-ecosent: expert gold vs the crowd's majority), and ``qualkit code --validate`` end to end."""
from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import shared
from qualkit.cli import app
from qualkit.errors import InputError
from qualkit.stats.prevalence import COLUMNS, corrected_share, prevalence_table, rogan_gladen

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def test_rogan_gladen_formula():
    # Rogan & Gladen (1978): p = (p_raw + sp - 1) / (se + sp - 1)
    assert rogan_gladen(0.3, 0.8, 0.9) == pytest.approx((0.3 + 0.9 - 1) / (0.8 + 0.9 - 1))
    assert rogan_gladen(0.05, 0.9, 0.9) == 0.0                         # clipped at 0
    assert np.isnan(rogan_gladen(0.3, 0.4, 0.5))                       # no better than chance
    assert rogan_gladen(0.2, 1.0, 1.0) == pytest.approx(0.2)                         # a perfect coder needs no correction


def test_validation_units_keep_their_human_codes():
    # 100 units, the machine coded 30; the person coded 20 of them: 10 positives (machine found 8), 10 negatives
    r = corrected_share(30, 100, tp=8, fn=2, tn=9, fp=1, n_boot=2000)
    rest = (30 - 9) / 80
    assert r["corrected"] == pytest.approx((10 + 80 * rogan_gladen(rest, 0.8, 0.9)) / 100)
    assert r["low"] < r["corrected"] < r["high"]
    plain = corrected_share(30, 100, tp=8, fn=2, tn=9, fp=1, within=False, n_boot=2000)
    assert plain["corrected"] == pytest.approx(rogan_gladen(0.3, 0.8, 0.9))
    empty = corrected_share(30, 100, tp=0, fn=0, tn=9, fp=1)
    assert np.isnan(empty["corrected"]) and np.isnan(empty["sensitivity"])


def test_prevalence_table_notes():
    m = pd.DataFrame({"a": [1, 0, 0, 1, 0, 0], "b": [0, 0, 0, 0, 0, 0]}, index=list("uvwxyz"))
    h = pd.DataFrame({"a": [1, 0, 0], "b": [0, 0, 0]}, index=list("uvw"))
    t = prevalence_table(m, h, n_boot=200)
    assert list(t.columns) == COLUMNS
    assert t.set_index("code").at["b", "note"] == "no_positives"
    assert t.set_index("code").at["a", "sensitivity"] == 1.0 and t.set_index("code").at["a", "raw_n"] == 2


@pytest.fixture(scope="module")
def gold_and_crowd():
    """Expert gold sentiment of 284 headlines and the majority of five crowd coders on the same headlines."""
    gold = pd.read_csv(shared("nl-ecosent", "gold.csv"), dtype=str).set_index("id")["value"].astype(int)
    crowd = pd.read_csv(shared("nl-ecosent", "crowdcodings.csv"), dtype=str)
    crowd["v"] = crowd["value"].astype(int)
    major = crowd.groupby("id")["v"].agg(lambda v: v.mode().iloc[0] if len(v.mode()) == 1 else 0)
    major = major.reindex(gold.index).fillna(0).astype(int)
    return ((gold == 1).astype(int).to_frame("positief"), (major == 1).astype(int).to_frame("positief"))


def test_sensitivity_and_specificity_are_counted_on_the_sample(gold_and_crowd):
    human, machine = gold_and_crowd
    sample = human.sample(80, random_state=3)
    t = prevalence_table(machine, sample, n_boot=500).iloc[0]
    h, m = sample["positief"], machine.loc[sample.index, "positief"]
    assert t["sensitivity"] == ((h == 1) & (m == 1)).sum() / (h == 1).sum()
    assert t["specificity"] == ((h == 0) & (m == 0)).sum() / (h == 0).sum()
    assert t["raw_pct"] == pytest.approx(100 * machine["positief"].mean()) and t["n"] == 284


def test_corrected_share_is_closer_and_covers_on_real_data(gold_and_crowd):
    """The crowd over-codes 'positief' (31.7% vs the experts' 25.7%). Over 40 random validation
    samples of 100 headlines the corrected share is closer to the experts' share than the raw
    one, and the 95% interval covers it in (nearly) every sample."""
    human, machine = gold_and_crowd
    truth, raw = human["positief"].mean(), machine["positief"].mean()
    covered, err = 0, []
    for seed in range(40):
        t = prevalence_table(machine, human.sample(100, random_state=seed), n_boot=1000, random_state=seed).iloc[0]
        covered += t["corrected_low"] <= 100 * truth <= t["corrected_high"]
        err.append(abs(t["corrected_pct"] / 100 - truth))
    assert covered >= 37                                    # >= 92.5% of 40
    assert np.mean(err) < 0.6 * abs(raw - truth)


runner = CliRunner()


def test_code_validate_end_to_end(tmp_path):
    truth = (ROOT / "corpora" / "ocmw-werkdruk-2026-groundtruth.csv").read_text(encoding="utf-8-sig").splitlines()
    rows = random.Random(7).sample(truth[1:], 60)
    (tmp_path / "steekproef.csv").write_text("\n".join([truth[0], *rows]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    res = runner.invoke(app, ["code", str(ROOT / "corpora" / "ocmw-werkdruk-2026.csv"), "-c",
                              str(ROOT / "codebooks" / "werkdruk.yaml"), "-i", "respondent", "-q", "Q23", "-q", "Q24",
                              "--validate", str(tmp_path / "steekproef.csv"), "--out", str(out),
                              "--report", str(out / "report.html")])
    assert res.exit_code == 0, res.output
    assert "Q23: Shares corrected for coder error" in res.output
    prev = pd.read_csv(out / "prevalence.csv").set_index(["question", "code"])
    # independent count: the sampled answers to Q23 that are not blank in the survey, and their human codes
    sample = pd.read_csv(tmp_path / "steekproef.csv", sep=";", dtype=str)
    survey = pd.read_csv(ROOT / "corpora" / "ocmw-werkdruk-2026.csv", sep=";", dtype=str, encoding="utf-8-sig")
    answered = set(survey.loc[survey["Q23"].fillna("").str.strip() != "", "respondent"])
    s = sample[(sample["vraag"] == "Q23") & sample["respondent"].isin(answered)]
    row = prev.loc[("Q23", "personeel")]
    assert row["n_validation"] == len(s) and row["human_pos"] == (s["personeel"] == "1").sum()
    assert 0 <= row["corrected_low"] <= row["corrected_pct"] <= row["corrected_high"] <= 100
    page = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="prevalence"' in page and "Rogan-Gladen" in page


def test_validate_without_common_answers(tmp_path):
    from qualkit.agree import read_human, validate_coding
    from qualkit.codebook import load_codebook
    from qualkit import code_corpus
    from qualkit.ingest import ReadOptions, read_inputs

    corpus = read_inputs([ROOT / "corpora" / "ocmw-werkdruk-2026.csv"], ReadOptions(id_column="respondent", questions=["Q23"]))
    result = code_corpus(corpus, load_codebook(ROOT / "codebooks" / "werkdruk.yaml"))
    (tmp_path / "s.csv").write_text("id;personeel\nX1;1\nX2;0\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        validate_coding(result, read_human(tmp_path / "s.csv"))
    assert e.value.code == 195 and "'X1', 'X2'" in str(e.value)


def test_project_wave_with_a_validation_sample(tmp_path):
    from qualkit.project import load_project, run_project

    truth = (ROOT / "corpora" / "ocmw-werkdruk-2026-groundtruth.csv").read_text(encoding="utf-8-sig").splitlines()
    (tmp_path / "steekproef.csv").write_text("\n".join([truth[0], *random.Random(3).sample(truth[1:], 50)]) + "\n",
                                             encoding="utf-8")
    (tmp_path / "qualkit.yaml").write_text(
        f"name: t\ncodebook: {ROOT / 'codebooks' / 'werkdruk.yaml'}\nquestions: [Q23, Q24]\n"
        f"waves:\n  - name: '2026'\n    inputs: [{ROOT / 'corpora' / 'ocmw-werkdruk-2026.csv'}]\n"
        "    id_column: respondent\n    validate: steekproef.csv\n", encoding="utf-8")
    run_project(load_project(tmp_path / "qualkit.yaml"))
    prev = pd.read_csv(tmp_path / "out" / "2026" / "prevalence.csv")
    assert set(prev["question"]) == {"Q23", "Q24"} and prev["n_validation"].max() > 10
