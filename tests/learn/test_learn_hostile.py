"""Hostile inputs to the learned coder (learn-check): texts without n-grams, bad parameters and
targets, tampered model folders, and the command's messages. Each case is a [QK] error or a
working model, never a traceback."""
from __future__ import annotations

import json
import os
import shutil

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from qualkit.cli import app
from qualkit.coding.learned import CodingModel, LearnedCoder
from qualkit.coding.learned_store import load_model, save_model
from qualkit.errors import ModelError

TEXTS = ["meer personeel", "minder administratie", "personeel tekort", "veel administratie", "geen idee",
         "meer collega", "papierwerk administratie", "personeel en administratie"] * 4
X = pd.DataFrame({"text": TEXTS})
Y = pd.DataFrame({"personeel": [int("personeel" in t) for t in TEXTS]})


def test_texts_without_words_or_ngrams():
    # emoji only: no word n-grams, but character n-grams: a model
    emoji = pd.DataFrame({"text": ["😀🎉 " * (i % 5 + 1) + "🙂" * (i % 2) for i in range(len(X))]})
    LearnedCoder(min_positives=2).fit(emoji, Y)
    # nothing at all to learn from: a QK error, not scikit-learn's ValueError
    for empty in (pd.DataFrame({"text": [""] * len(X)}), pd.DataFrame({"text": [" \n\t"] * len(X)})):
        with pytest.raises(ModelError, match=r"\[QK371\] the texts of the 32 coded units hold no words"):
            LearnedCoder(min_positives=2).fit(empty, Y)
    with pytest.raises(ModelError, match=r"\[QK371\]"):
        LearnedCoder(min_positives=2, max_features=0).fit(X, Y)
    # one or two units: a model (every unit coded alike or the code rare), predictions of the right shape
    assert LearnedCoder(min_positives=1).fit(X.head(2), Y.head(2)).predict(X).shape == (len(X), 1)
    # predicting nothing gives nothing
    est = LearnedCoder(min_positives=2).fit(X, Y)
    assert est.predict(X.head(0)).shape == (0, 1) and est.predict_proba(X.head(0)).shape == (0, 1)
    assert est.decision_function(X.head(0)).shape == (0, 1) and est.explain(X.head(0)) == []


def test_bad_parameters_and_targets_are_qk_errors():
    with pytest.raises(ModelError, match=r"\[QK369\] .*C=inf"):
        LearnedCoder(C=float("inf")).fit(X, Y)
    with pytest.raises(ModelError, match=r"\[QK369\] .*rule_weight=nan"):
        LearnedCoder(rule_weight=float("nan")).fit(X, Y)
    with pytest.raises(ModelError, match=r"\[QK374\] Y has the code\(s\) \['personeel'\] more than once"):
        LearnedCoder(min_positives=2).fit(X, pd.concat([Y, Y], axis=1))
    with pytest.raises(ModelError, match=r"\[QK374\] .*\['1'\]"):
        LearnedCoder(min_positives=2).fit(X, pd.DataFrame({"1": Y.personeel, 1: 1 - Y.personeel}))
    both = pd.DataFrame({"a": Y.personeel, "b": 1 - Y.personeel})
    both.loc[:2, "b"] = 1
    with pytest.raises(ModelError, match=r"\[QK375\] exclusive group \['a', 'b'\]: 2 rows have more than one"):
        LearnedCoder(min_positives=2, exclusive=[["a", "b"]]).fit(X, both)


@pytest.fixture
def folder(tmp_path):
    save_model(CodingModel(LearnedCoder(min_positives=2).fit(X, Y)), tmp_path / "m")
    return tmp_path / "m"


@pytest.mark.parametrize("name", ["vocabulary.json", "weights.npz", "model.json"])
def test_model_parts_that_are_links_or_pipes_are_refused(folder, tmp_path, name):
    """A part that links outside the folder is not followed (even to a valid file); a pipe would block for ever."""
    outside = tmp_path / ("outside-" + name)
    shutil.move(folder / name, outside)
    (folder / name).symlink_to(outside)
    with pytest.raises(ModelError, match=rf"\[QK376\] .*{name}: not a regular file"):
        load_model(folder)
    (folder / name).unlink()
    os.mkfifo(folder / name)
    with pytest.raises(ModelError, match=r"\[QK340\]" if name == "model.json" else r"\[QK376\]"):
        load_model(folder)


def test_huge_json_is_refused_before_reading(folder, monkeypatch):
    import qualkit.coding.learned_store as store

    monkeypatch.setattr(store, "MAX_JSON", 1000)      # the limit, not a 500 MB file
    with pytest.raises(ModelError, match=r"\[QK377\] .*vocabulary.json: [\d,]+ bytes, more than the 1,000"):
        load_model(folder)


@pytest.mark.parametrize("edit", [
    lambda m: m["info"].update(scores=[1, 2]),
    lambda m: m["info"].update(scores="x"),
    lambda m: m["codes"].append(m["codes"][0]),
    lambda m: m["params"].update(exclusive=[["nope", "personeel"]]),
    lambda m: m["params"].update(C=float("inf")),
    lambda m: m["params"].update(rule_weight=float("nan")),
    lambda m: m["params"].update(random_state=10 ** 30),
], ids=["scores-ints", "scores-str", "duplicate-code", "exclusive-unknown", "C-inf", "rule-weight-nan", "seed-huge"])
def test_tampered_model_json_is_an_error_at_load(folder, edit):
    meta = json.loads((folder / "model.json").read_text())
    edit(meta)
    (folder / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match=r"\[QK344\]"):
        load_model(folder)


def test_learn_command_messages(tmp_path):
    runner = CliRunner()
    n = 24
    sheet = pd.DataFrame({"id": [f"R{i:02d}" for i in range(n)], "text": TEXTS[:n],
                          "personeel": Y.personeel[:n], "overal": 1})
    pd.concat([sheet, sheet.head(2).assign(personeel=1)]).to_csv(tmp_path / "c.csv", index=False)
    args = ["learn", str(tmp_path / "c.csv"), "--text-column", "text", "--id-column", "id", "--boot", "0", "--cv", "3",
            "--out", str(tmp_path / "m")]
    res = runner.invoke(app, args)
    assert res.exit_code == 1 and "[QK190]" in res.output and "--merge-duplicates" in res.output
    res = runner.invoke(app, args + ["--merge-duplicates"])               # the option the message names exists
    assert res.exit_code == 0, res.output
