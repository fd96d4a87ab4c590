"""On real coded headlines the learned coder codes about as many units as the people did.

nl-ecosent gold.csv: 284 Dutch news headlines with the experts' sentiment (26% positive, 35%
negative). The model is weak there (alpha about .2), which is where a cut-off chosen for F1
went wrong: it coded 80% of the headlines 'positief' (specificity .23), so every share a
researcher reports from it was three times the people's. Checked on units no model saw, by
the library (``LearnedCoder.fit``/``predict``, as bench/bench_prevalence.py uses it) and by the
path of ``qualkit learn`` (``train`` on a coding file: its cross-validated codings).
"""
from __future__ import annotations

import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import KFold

from qualkit.agree import read_human
from qualkit.coding.learned import LearnedCoder
from qualkit.coding.learned_train import train
from qualkit.coding.learned_use import unit_features

from conftest import shared

CODES = ["positief", "negatief"]
FACTOR = 1.4
"""The coded share may be at most this many times the people's, or this many times smaller."""


@pytest.fixture(scope="module")
def gold() -> tuple[list[str], pd.DataFrame]:
    meta = pd.read_csv(shared("nl-ecosent", "metadata.csv"), dtype=str, keep_default_na=False)
    text = dict(zip(meta["id"], meta["headline"]))
    gold = pd.read_csv(shared("nl-ecosent", "gold.csv"), dtype=str)
    gold = gold[gold["id"].map(lambda i: bool(text.get(i, "").strip()))]
    truth = pd.DataFrame({"positief": (gold["value"] == "1").astype(int).to_numpy(),
                          "negatief": (gold["value"] == "-1").astype(int).to_numpy()}, index=gold["id"])
    return [text[i] for i in gold["id"]], truth


def _near(machine: float, human: float) -> bool:
    return human / FACTOR <= machine <= human * FACTOR


def test_held_out_shares_are_near_the_peoples(gold, nl, tmp_path):
    texts, truth = gold
    X, _ = unit_features(texts, nl, None)
    oof = pd.DataFrame(0, index=truth.index, columns=CODES)
    est = LearnedCoder(random_state=0)
    for tr, te in KFold(5, shuffle=True, random_state=0).split(X):
        oof.iloc[te] = clone(est).fit(X.iloc[tr], truth.iloc[tr]).predict(X.iloc[te])[CODES].to_numpy()

    sheet = truth.assign(text=texts).rename_axis("id").reset_index()
    sheet.to_csv(tmp_path / "gold.csv", index=False)
    data = read_human(tmp_path / "gold.csv", id_column="id", codes=CODES, text_column="text", coder="experts")
    cli = train(data, pipeline=nl, n_boot=0, cv=5).predictions.reindex(index=truth.index, columns=CODES)

    for code in CODES:
        human = truth[code].mean()
        assert _near(oof[code].mean(), human), (code, oof[code].mean(), human)
        assert _near(cli[code].mean(), human), (code, cli[code].mean(), human)
        for coded in (oof[code], cli[code]):                       # and the coded units are mostly right
            spec = (coded[truth[code] == 0] == 0).mean()
            sens = (coded[truth[code] == 1] == 1).mean()
            assert spec >= 0.6 and sens + spec > 1.05, (code, sens, spec)
    # the library and `qualkit learn` choose their cut-offs alike (inner 3-fold vs 5-fold scores): mostly the same codes
    assert (oof.to_numpy() == cli.to_numpy()).mean() >= 0.75
