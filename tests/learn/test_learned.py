"""The learned coder: estimator contract, rare codes, categories, the model folder, coding a corpus."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from qualkit.codebook import loads
from qualkit.coding.learned import CodingModel, LearnedCoder
from qualkit.coding.learned_store import load_model, save_model
from qualkit.coding.learned_use import code_with_model, suggest, unit_features
from qualkit.errors import ModelError, NotFittedError
from qualkit.types import CODING_COLUMNS, Corpus, Segment

SECRET = "GEHEIM-antwoord-Jansen"
CODEBOOK = """
name: t
version: "1.0"
codes:
  - id: personeel
    label: Meer personeel
    include: [{lemma: personeel, compound: true}]
  - id: admin
    label: Minder administratie
    include: [{lemma: administratie, compound: true}]
  - id: loon
    label: Loon
    include: [{lemma: loon}]
"""
TEXTS = ["meer personeel", "minder administratie", "personeel tekort", "veel administratie", "geen idee",
         "meer collega", "papierwerk administratie", "personeel en administratie"]
CODES = [("personeel",), ("admin",), ("personeel",), ("admin",), (), ("personeel",), ("admin",),
         ("personeel", "admin")]


def xy(repeat: int = 4):
    X = pd.DataFrame({"text": TEXTS * repeat})
    Y = pd.DataFrame({c: [int(c in cs) for cs in CODES] * repeat for c in ("personeel", "admin")})
    return X, Y


def corpus_of(texts, question="Q1") -> Corpus:
    segs = [Segment(t, f"R{i}/{question}", 0, len(t), f"R{i}", question, "s.csv") for i, t in enumerate(texts)]
    return Corpus(segs, {s.doc_id: s.text for s in segs}, pd.DataFrame(index=[s.unit_id for s in segs]),
                  [question], "survey")


def test_estimator_contract():
    est = LearnedCoder(C=2.0, random_state=3)
    assert est.get_params()["C"] == 2.0 and clone(est).get_params() == est.get_params()
    assert not [a for a in vars(est) if a.endswith("_")]            # __init__ only stores parameters
    X, Y = xy()
    assert est.fit(X, Y) is est
    assert est.get_params() == clone(est).get_params()                # fit changes no parameter
    assert est.codes_ == ["personeel", "admin"] and est.status_ == {"personeel": "model", "admin": "model"}
    again = LearnedCoder(C=2.0, random_state=3).fit(X, Y)
    assert np.array_equal(est.coef_, again.coef_) and est.threshold_ == again.threshold_
    assert est.predict(X).to_numpy().tolist() == Y.to_numpy().tolist()
    proba = est.predict_proba(X)
    assert ((proba >= 0) & (proba <= 1)).all().all()
    assert est.decision_function(X).shape == (len(X), 2)
    assert est.explain(pd.DataFrame({"text": ["meer personeel"]}))[0]["personeel"][0][0] == "personeel"
    assert any(f.startswith("char:") for f in est.feature_names_)      # character n-grams are features


def test_sklearn_check_estimator_parts():
    """The scikit-learn conventions that apply to a multi-label text estimator: cloning,
    parameters round-trip, fit returns self, no fitted attribute before fit."""
    from sklearn.utils.estimator_checks import check_get_params_invariance, check_no_attributes_set_in_init

    check_no_attributes_set_in_init("LearnedCoder", LearnedCoder())
    check_get_params_invariance("LearnedCoder", LearnedCoder())


def test_character_ngrams_learn_unseen_word_forms():
    """Compounds and inflections never seen in training are still coded (char_wb n-grams)."""
    X = pd.DataFrame({"text": ["personeelstekort", "meer personeelsleden", "administratielast", "minder papierwerk",
                               "personeelsbeleid", "administratief werk", "geen idee", "niets"] * 3})
    Y = pd.DataFrame({"personeel": [1, 1, 0, 0, 1, 0, 0, 0] * 3, "admin": [0, 0, 1, 1, 0, 1, 0, 0] * 3})
    est = LearnedCoder(min_positives=3).fit(X, Y)
    pred = est.predict(pd.DataFrame({"text": ["personeelsgebrek", "administratieve rompslomp"]}))
    assert pred.to_dict("records") == [{"personeel": 1, "admin": 0}, {"personeel": 0, "admin": 1}]
    assert LearnedCoder(min_positives=3, char_ngrams=None).fit(X, Y).feature_names_ == est.word_vocabulary_


def test_not_fitted_and_bad_input():
    with pytest.raises(NotFittedError, match=r"\[QK349\] this LearnedCoder is not fitted yet"):
        LearnedCoder().predict(pd.DataFrame({"text": ["x"]}))
    X, Y = xy()
    with pytest.raises(ModelError, match=r"\[QK363\] X must be a DataFrame with a 'text' column"):
        LearnedCoder().fit(pd.DataFrame({"tekst": ["x"]}), Y.head(1))
    with pytest.raises(ModelError, match=r"\[QK365\] Y column\(s\) \['admin'\] hold values other than 0, 1"):
        LearnedCoder().fit(X, Y.assign(admin=2))
    with pytest.raises(ModelError, match=r"\[QK369\] invalid LearnedCoder parameter\(s\): min_positives=0 "):
        LearnedCoder(min_positives=0).fit(X, Y)
    with pytest.raises(ModelError, match=r"threshold=1.5 \('auto' or a number between 0 and 1\)"):
        LearnedCoder(threshold=1.5).fit(X, Y)


def test_rare_codes_fall_back_to_rules_or_are_flagged(nl):
    cb = loads(CODEBOOK)
    texts = TEXTS * 4 + ["beter loon"]
    X, _ = unit_features(texts, nl, cb)
    Y = pd.DataFrame({"personeel": [int("personeel" in c) for c in CODES] * 4 + [0],
                      "loon": [0] * 32 + [1], "uitval": [0] * 32 + [1]})
    est = LearnedCoder().fit(X, Y)
    assert est.status_ == {"personeel": "model", "loon": "rules", "uitval": "rare"}
    pred = est.predict(X)
    assert pred["loon"].iloc[-1] == 1 and pred["uitval"].sum() == 0


def test_missing_targets_and_auto_threshold():
    X, Y = xy(6)
    Y = Y.astype(float)
    Y.loc[:7, "admin"] = np.nan                                       # not coded for admin
    est = LearnedCoder(threshold="auto").fit(X, Y)
    assert est.n_positives_["admin"] == int(Y["admin"].sum())
    assert all(0.05 <= t <= 0.95 for t in est.threshold_.values())
    fixed = LearnedCoder(threshold=0.7).fit(X, Y)
    assert set(fixed.threshold_.values()) == {0.7} and fixed.platt_.tolist() == [[1.0, 0.0]] * 2


def test_calibration_from_out_of_fold_scores():
    from qualkit.coding.learned_svm import best_cutoff, platt

    s = np.array([-2.0, -1.0, -0.5, 0.2, 0.5, 1.0, 2.0, 3.0])
    y = np.array([0, 0, 1, 0, 1, 1, 1, 1])
    a, b = platt(s, y)
    assert a[0] > 0 and platt(s, np.zeros(8, dtype=int)) == (1.0, 0.0)
    from sklearn.linear_model import LogisticRegression

    t = np.where(y == 1, 6 / 7, 1 / 5)           # Platt's smoothed targets (5 positives, 3 negatives) as weights
    lr = LogisticRegression(C=1e9, tol=1e-10).fit(np.r_[s, s][:, None], np.r_[np.ones(8), np.zeros(8)],
                                                   sample_weight=np.r_[t, 1 - t])
    assert np.allclose([a[0], b[0]], [lr.coef_[0, 0], lr.intercept_[0]], atol=1e-3)
    cut = best_cutoff(1 / (1 + np.exp(-(a[0] * s + b[0]))), y)
    assert 0.05 <= cut <= 0.95
    assert best_cutoff(np.array([0.2, 0.9]), np.array([0, 0])) == 0.5


def test_exclusive_categories():
    X = pd.DataFrame({"text": ["beurs stijgt", "beurs daalt", "beurs vergadert"] * 6})
    Y = pd.DataFrame({"s=1": [1, 0, 0] * 6, "s=-1": [0, 1, 0] * 6, "s=0": [0, 0, 1] * 6})
    est = LearnedCoder(exclusive=[["s=1", "s=-1", "s=0"]]).fit(X, Y)
    pred = est.predict(pd.DataFrame({"text": ["stijgt", "daalt", "iets anders"]}))
    assert pred.sum(axis=1).tolist() == [1, 1, 1]
    assert pred["s=1"].iloc[0] == 1 and pred["s=-1"].iloc[1] == 1
    proba = est.predict_proba(X)
    assert np.allclose(proba.sum(axis=1), 1.0)                        # one decision: probabilities add up
    two = LearnedCoder(min_positives=3, exclusive=[["s=1", "s=-1"]]).fit(X.head(12), Y.head(12)[["s=1", "s=-1"]].where(
        Y.head(12)["s=0"] == 0))                                      # two categories: one mirrored SVM
    assert two.predict(pd.DataFrame({"text": ["daalt"]})).to_dict("records") == [{"s=1": 0, "s=-1": 1}]


@pytest.fixture
def model(nl):
    cb = loads(CODEBOOK)
    texts = TEXTS * 4 + ["beter loon"]
    X, _ = unit_features(texts, nl, cb)
    Y = pd.DataFrame({"personeel": [int("personeel" in c) for c in CODES] * 4 + [0],
                      "admin": [int("admin" in c) for c in CODES] * 4 + [0], "loon": [0] * 32 + [1]})
    return CodingModel(LearnedCoder().fit(X, Y), language="nl", codebook=cb, info={"scores": [{"code": "x"}]})


def test_save_load_round_trip(tmp_path, model, nl):
    save_model(model, tmp_path / "m")
    assert sorted(p.name for p in (tmp_path / "m").iterdir() if p.name != ".qualkit-output") == [
        "codebook.yaml", "model.json", "scores.csv", "vocabulary.json", "weights.npz"]
    back = load_model(tmp_path / "m")
    X, _ = unit_features(["meer personeel", "beter loon", "administratie"], nl, back.codebook)
    assert back.coder.predict_proba(X).equals(model.coder.predict_proba(X))
    assert back.coder.status_ == model.coder.status_ and back.codebook.sha256 == model.codebook.sha256
    assert back.coder.get_params() == model.coder.get_params()
    save_model(back, tmp_path / "m")                                   # replacing a model folder is fine


def test_same_data_and_seed_give_byte_identical_files(tmp_path, nl):
    cb = loads(CODEBOOK)
    X, _ = unit_features(TEXTS * 4, nl, cb)
    Y = pd.DataFrame({c: [int(c in cs) for cs in CODES] * 4 for c in ("personeel", "admin")})
    for name in ("a", "b"):
        save_model(CodingModel(LearnedCoder(random_state=7).fit(X, Y), codebook=cb), tmp_path / name)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir())
    for f in files:
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f


def test_code_with_model(model, nl):
    corpus = corpus_of(["Meer personeel aub.", "Een beter loon.", f"Niets. {SECRET}", "Administratie!"])
    res = code_with_model(corpus, model, pipeline=nl)
    c = res.codings
    assert list(c.columns) == CODING_COLUMNS
    assert set(zip(c.unit_id, c.code)) == {("R0", "personeel"), ("R1", "loon"), ("R3", "admin")}
    row = c.set_index("code").loc["personeel"]
    assert row.method == "model" and 0.5 <= row.confidence <= 1 and row.rule.startswith("model: ")
    assert corpus.documents[row.doc_id][row.match_start:row.match_end] == "personeel"   # the strongest reason
    loon = c.set_index("code").loc["loon"]
    assert loon.method == "rule" and loon.confidence == 1.0 and loon.rule == "loon include[0] lemma:loon"
    assert (c.coder == "model").all()
    assert {"personeel", "admin", "loon"} <= set(res.codebook.ids)


def test_code_with_model_checks(model, nl, en):
    other = loads(CODEBOOK.replace('version: "1.0"', 'version: "2.0"'))
    with pytest.raises(ModelError, match=r"\[QK345\] the model was trained with codebook 't' 1.0 but codebook 't' 2.0"):
        code_with_model(corpus_of(["x"]), model, other, pipeline=nl)
    with pytest.raises(ModelError, match=r"\[QK346\] the model is for language 'nl' but the spaCy pipeline is for 'en'"):
        code_with_model(corpus_of(["x"]), model, pipeline=en)
    bare = CodingModel(model.coder, language="nl")
    with pytest.raises(ModelError, match=r"\[QK362\] the model uses codebook rule hits but holds no codebook"):
        code_with_model(corpus_of(["x"]), bare, pipeline=nl)


def test_suggest(model, nl):
    corpus = corpus_of(["Meer personeel aub.", "Een beter loon.", "Niets te melden.", "Administratie en personeel"])
    sheet = suggest(model, corpus, n=2, exclude=["R0"], pipeline=nl)
    assert len(sheet) == 2 and "R0" not in set(sheet["id"])
    assert sheet.columns.tolist() == ["id", "question", "text", "personeel", "admin", "loon", "uncertainty",
                                      "uncertain_codes"]
    assert sheet["uncertainty"].is_monotonic_decreasing
    with pytest.raises(ModelError, match=r"\[QK368\] every segment of the corpus is already coded"):
        suggest(model, corpus, exclude=["R0", "R1", "R2", "R3"], pipeline=nl)


def test_load_errors(tmp_path, model):
    with pytest.raises(ModelError, match=r"\[QK340\] .*nergens: does not exist, so it is not a qualkit model"):
        load_model(tmp_path / "nergens")
    save_model(model, tmp_path / "m")
    d = tmp_path / "m"
    meta = json.loads((d / "model.json").read_text())
    vocab = json.loads((d / "vocabulary.json").read_text())

    def broken(edit) -> ModelError:
        save_model(model, d)
        edit()
        with pytest.raises(ModelError) as e:
            load_model(d)
        return e.value

    assert broken(lambda: (d / "model.json").write_text("{nope")).code == 341
    assert broken(lambda: (d / "model.json").write_text(json.dumps({**meta, "format": "pickle"}))).code == 342
    assert "format version 9" in broken(lambda: (d / "model.json").write_text(
        json.dumps({**meta, "format_version": 9}))).message
    obj = np.array([{"os": "system"}], dtype=object)
    e = broken(lambda: np.savez(d / "weights.npz", coef=obj, intercept=obj, idf=obj))
    assert e.code in (360, 361) and "only float arrays are trusted" in e.message
    assert broken(lambda: (d / "weights.npz").write_bytes(b"not a zip")).code == 360
    assert broken(lambda: (d / "vocabulary.json").write_text(json.dumps(["een"]))).code == 344
    e = broken(lambda: (d / "vocabulary.json").write_text(json.dumps({**vocab, "word": vocab["word"][:1] * 2
                                                                       + vocab["word"][2:]})))
    assert e.code == 355 and "lists a term twice (entry 1)" in e.message
    e = broken(lambda: (d / "codebook.yaml").write_text(CODEBOOK.replace("loon}", "salaris}")))
    assert e.code == 358 and "changed after training" in e.message
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "thesis.docx").write_text("x")
    with pytest.raises(ModelError, match=r"\[QK353\] .*docs: exists and is not a qualkit model folder"):
        save_model(model, tmp_path / "docs")
    assert (tmp_path / "docs" / "thesis.docx").exists()


def test_is_model_dir(tmp_path, model):
    from qualkit.coding.learned_store import is_model_dir

    assert not is_model_dir(tmp_path / "m") and not is_model_dir("nl_core_news_md")
    save_model(model, tmp_path / "m")
    assert is_model_dir(tmp_path / "m") and is_model_dir(str(tmp_path / "m"))


def test_folds_learn_the_codes_the_model_learns():
    """A code with exactly ``min_positives`` coded units is learned by the model, so the
    cross-validation learns it too (a fold trains on (k-1)/k of the units): the scores
    reported are those of the model that codes, not of one that leaves the code out."""
    from sklearn.model_selection import KFold

    from qualkit.coding.learned_train import cross_validate

    X, Y = xy(4)
    Y["loon"] = 0
    Y.loc[[0, 5, 10, 20, 30], "loon"] = 1
    est = LearnedCoder(min_positives=5)
    assert est.fit(X, Y).status_["loon"] == "model" and est.fold_minimum(5) == 4 and est.fold_minimum(3) == 4
    scores, _ = cross_validate(est, X, Y, 5)
    train_positives = []
    for tr, te in KFold(5, shuffle=True, random_state=0).split(X):
        train_positives.append(int(Y["loon"].iloc[tr].sum()))
        assert scores["loon"].iloc[te].notna().all() == (train_positives[-1] >= 4)
    assert 4 in train_positives                   # a fold the old rule (5 in the fold) left without the code
