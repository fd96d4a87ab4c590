"""Learned-coder reliability on realistic cases: a team's coding of last year's wave codes this
year's (the synthetic demo survey, whose planted codes are the truth), a student beside the team
(human alpha beside the model's), and the nl-ecosent headlines coded by many coders."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from qualkit.codebook import load_codebook
from qualkit.coding.compare import compare
from qualkit.coding.learned import code_with_model
from qualkit.coding.learned_store import load_model, save_model
from qualkit.coding.learned_train import train
from qualkit.ingest import read_survey
from qualkit.ingest.human import coder_data_from_codings, combine, read_human
from qualkit.stats.agreement import OVERALL, agreement

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
QUESTIONS = ["Q23", "Q24", "Q25"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    script = ROOT / "corpora" / "make_demo.py"
    if not script.exists():
        pytest.skip("corpora/make_demo.py not found")
    spec = importlib.util.spec_from_file_location("qk_make_demo", script)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["qk_make_demo"] = mod
    spec.loader.exec_module(mod)
    out = tmp_path_factory.mktemp("demo")
    mod.generate(out)
    return out


def test_last_wave_codes_this_wave(demo, nl, tmp_path):
    team = read_human(demo / "ocmw-werkdruk-2026-groundtruth.csv", coder="team")
    survey = read_survey(demo / "ocmw-werkdruk-2026.csv", "respondent", QUESTIONS)
    result = train(team, survey, pipeline=nl, n_boot=100)
    s = result.summary
    assert s["n_units"] == len(team.units) and s["n_model"] == 13 and s["n_rare"] == 0
    assert 0.55 < s["alpha"] < 0.9 and 0.6 < s["micro_f1"] < 0.9 and s["macro_f1"] <= s["micro_f1"] + 0.1
    assert s["alpha_low"] < s["alpha"] < s["alpha_high"]
    assert result.scores.set_index("code").loc["personeel", "f1"] > 0.7       # frequent codes learn well
    save_model(result.model, tmp_path / "model")
    model = load_model(tmp_path / "model")
    assert model.info["data_sha256"] == result.model.info["data_sha256"]
    wave = read_survey(demo / "ocmw-werkdruk-2027.csv", "respondent", QUESTIONS)
    coded = code_with_model(wave, model, pipeline=nl)
    assert set(coded.codings["method"]) == {"model"}
    truth = read_human(demo / "ocmw-werkdruk-2027-groundtruth.csv", coder="truth")
    machine = coder_data_from_codings(coded.codings, wave, coders=["model"], codes=truth.binary_codes)
    cmp = compare(truth, [machine], reference="truth", n_boot=0)
    overall = cmp.result.table.set_index("code").loc[OVERALL]
    assert overall["alpha"] > 0.7 and overall["f1"] > 0.75                    # as good as cross-validation said
    assert overall["alpha"] > s["alpha_low"]


def test_rules_as_features_make_it_reliable(demo, nl):
    team = read_human(demo / "ocmw-werkdruk-2026-groundtruth.csv", coder="team")
    survey = read_survey(demo / "ocmw-werkdruk-2026.csv", "respondent", QUESTIONS)
    cb = load_codebook(ROOT / "codebooks" / "werkdruk.yaml")
    result = train(team, survey, cb, nl, n_boot=0)
    assert result.summary["alpha"] > 0.9
    assert result.model.coder.rule_features_ and result.model.codebook is cb


def test_people_alpha_beside_the_model(demo, nl):
    student = read_human(demo / "ocmw-werkdruk-2026-studentcodering.csv", coder="student")
    team = read_human(demo / "ocmw-werkdruk-2026-groundtruth.csv", coder="team")
    team.long = team.long[team.long["question"].isin(["Q23", "Q24"]) & team.long["code"].ne("uitval")]
    both = combine([student, team])
    survey = read_survey(demo / "ocmw-werkdruk-2026.csv", "respondent", ["Q23", "Q24"])
    result = train(both, survey, pipeline=nl, n_boot=0)
    people = agreement(both.long, n_boot=0).table.set_index("code").loc[OVERALL, "alpha"]
    assert result.summary["human_alpha"] == pytest.approx(people)
    assert 0.8 < people < 1 and result.summary["alpha"] < people
    assert result.scores["human_alpha"].notna().all()


def test_many_coders_categorical_code(nl):
    icr = DATA / "nl-ecosent" / "icr_data.csv"
    if not icr.exists():
        pytest.skip(f"real data not found at {icr}")
    data = read_human(icr, id_column="ID", coder_column="Codeur", codes=["Economisch"], text_column="headline")
    result = train(data, pipeline=nl, n_boot=0, cv=3)
    cats = result.model.categories
    assert {v[0] for v in cats.values()} == {"Economisch"} and len(cats) >= 3
    assert result.model.coder.exclusive == [list(cats)]
    s = result.summary
    assert s["n_units"] == len(data.texts) and s["n_units_without_text"] == len(data.units) - len(data.texts)
    assert 0 < s["alpha"] < 1 and 0.5 < s["human_alpha"] < 1
