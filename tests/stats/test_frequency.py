"""Frequency tables, the code matrix, Wilson intervals and the segments table."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualkit.codebook.model import Code, Codebook
from qualkit.errors import AnalysisError
from qualkit.stats import SEGMENT_COLUMNS, UNCODED, code_matrix, frequency_table, segments_table, wilson
from qualkit.types import CODING_COLUMNS, Corpus, Segment


def make_corpus(answers, respondents=None, uncoded=()):
    """answers: {(unit, question): text}; uncoded: (unit, question) pairs of interviewer turns."""
    segs, docs = [], {}
    for (unit, q), text in answers.items():
        doc = f"{unit}/{q}"
        docs[doc] = text
        segs.append(Segment(text, doc, 0, len(text), unit, q, "test.csv", coded=(unit, q) not in uncoded))
    units = list(dict.fromkeys(u for u, _ in answers))
    resp = respondents if respondents is not None else pd.DataFrame(index=pd.Index(units, name="unit_id"))
    questions = list(dict.fromkeys(q for _, q in answers))
    return Corpus(segs, docs, resp, questions, "survey", labels={"Q1": "Wat moet beter?"})


def codings_frame(rows):
    """rows: (unit, question, code) triples -> a full codings frame."""
    data = [{"unit_id": u, "question": q, "speaker": "", "doc_id": f"{u}/{q}", "segment": 0,
             "unit_start": 0, "unit_end": 4, "match_start": 0, "match_end": 4, "matched": "x",
             "code": c, "rule": f"{c} include[1] lemma:x", "method": "rule", "confidence": 1.0, "coder": ""}
            for u, q, c in rows]
    return pd.DataFrame(data, columns=CODING_COLUMNS)


CODEBOOK = Codebook("werk", "1.0", [
    Code("zorg", "Zorg"),
    Code("personeel", "Meer personeel", parent="zorg"),
    Code("loon", "Hoger loon", parent="zorg"),
    Code("werkdruk", "Werkdruk", questions=["Q1"]),
    Code("q2only", "Alleen Q2", questions=["Q2"]),
])


@pytest.fixture
def corpus():
    answers = {(f"R{i}", "Q1"): "Meer personeel en loon." for i in range(1, 6)}
    answers[("R6", "Q2")] = "Niets."
    answers[("R7", "Q1")] = "Vraag van interviewer."
    return make_corpus(answers, uncoded={("R7", "Q1")})


# Wilson ---------------------------------------------------------------------------------

@pytest.mark.parametrize("k, n, low, high", [
    (45, 100, 0.3561, 0.5476),      # the formula worked by hand (z = 1.959964)
    (81, 263, 0.2553, 0.3662),      # Newcombe (1998), Statistics in Medicine 17, table I
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_known_values(k, n, low, high):
    lo, hi = wilson(k, n)
    assert lo == pytest.approx(low, abs=5e-5)
    assert hi == pytest.approx(high, abs=5e-5)


def test_wilson_formula_and_vectorised():
    z = 1.959963984540054
    k, n = 45, 100
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert wilson(k, n) == pytest.approx((centre - half, centre + half), abs=1e-12)
    lo, hi = wilson(np.array([45, 0, 10]), np.array([100, 10, 10]))
    assert lo[0] == pytest.approx(centre - half) and lo[1] == 0.0 and hi[2] == 1.0
    assert wilson(5, 10, confidence=0.99)[0] < wilson(5, 10)[0]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 5000), st.data(), st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_wilson_equals_statsmodels(n, data, confidence):
    """The frequency tables' Wilson interval is statsmodels' (kept as a formula: statsmodels
    imports scipy.stats, ~0.6 s that 'qualkit code' without breakdowns does not spend)."""
    from statsmodels.stats.proportion import proportion_confint

    k = data.draw(st.integers(0, n))
    assert wilson(k, n, confidence) == pytest.approx(
        proportion_confint(k, n, alpha=1 - confidence, method="wilson"), abs=1e-12)


def test_wilson_empty_and_errors():
    assert all(math.isnan(x) for x in wilson(0, 0))
    with pytest.raises(AnalysisError, match=r"^\[QK404\]"):
        wilson(5, 4)
    with pytest.raises(AnalysisError, match=r"^\[QK405\]"):
        wilson(1, 2, confidence=95)


# Frequency table -------------------------------------------------------------------------

def test_frequency_table_counts_respondents(corpus):
    codings = codings_frame([
        ("R1", "Q1", "personeel"), ("R1", "Q1", "personeel"),   # twice: one respondent
        ("R1", "Q1", "loon"),
        ("R2", "Q1", "loon"),
        ("R3", "Q1", "zorg"),
        ("R4", "Q1", "werkdruk"),
        ("R7", "Q1", "werkdruk"),   # an uncoded (interviewer) segment: not in the base
        ("R6", "Q2", "q2only"),     # another question
    ])
    t = frequency_table(codings, corpus, CODEBOOK, "Q1")
    assert list(t.columns) == ["code", "label", "parent", "n", "pct", "ci_low", "ci_high", "base"]
    assert t["code"].tolist() == ["zorg", "personeel", "loon", "werkdruk", UNCODED]
    assert t["n"].tolist() == [3, 1, 2, 1, 1]
    assert t["label"].iloc[-1] == "geen code"
    assert pd.isna(t["parent"].iloc[0]) and t["parent"].tolist()[1:3] == ["zorg", "zorg"]
    assert (t["base"] == 5).all() and t.attrs["base"] == 5 and t.attrs["question"] == "Q1"
    assert t.attrs["question_label"] == "Wat moet beter?"
    assert t["pct"].tolist() == pytest.approx([60.0, 20.0, 40.0, 20.0, 20.0])
    lo, hi = wilson(3, 5)
    assert t.loc[0, "ci_low"] == pytest.approx(lo * 100) and t.loc[0, "ci_high"] == pytest.approx(hi * 100)
    assert t["n"].dtype == np.int64 and t["pct"].dtype == float


def test_frequency_table_empty_codings_and_english_label(corpus):
    cb = Codebook("werk", "1.0", CODEBOOK.codes, language="en")
    codings = pd.DataFrame(columns=CODING_COLUMNS)
    t = frequency_table(codings, corpus, cb, "Q2")
    assert t["code"].tolist() == ["zorg", "personeel", "loon", "q2only", UNCODED]
    assert t["n"].tolist() == [0, 0, 0, 0, 1] and t["label"].iloc[-1] == "uncoded"


def test_frequency_table_zero_base():
    corpus = make_corpus({("R1", "Q1"): "Vraag."}, uncoded={("R1", "Q1")})
    t = frequency_table(codings_frame([]), corpus, CODEBOOK, "Q1")
    assert (t["base"] == 0).all() and (t["n"] == 0).all()
    assert t["pct"].isna().all() and t["ci_low"].isna().all()


def test_errors_name_the_problem(corpus):
    with pytest.raises(AnalysisError, match=r"^\[QK401\] question 'Q9' .* 'Q1', 'Q2'"):
        frequency_table(codings_frame([]), corpus, CODEBOOK, "Q9")
    with pytest.raises(AnalysisError, match=r"^\[QK403\] codings: missing column\(s\) 'code'"):
        frequency_table(pd.DataFrame({"unit_id": [], "question": []}), corpus, CODEBOOK, "Q1")
    with pytest.raises(AnalysisError, match=r"^\[QK406\] .*'onbekend'") as err:
        frequency_table(codings_frame([("R1", "Q1", "onbekend")]), corpus, CODEBOOK, "Q1")
    assert isinstance(err.value, ValueError)


def test_code_matrix_all_questions(corpus):
    codings = codings_frame([("R1", "Q1", "loon"), ("R6", "Q2", "q2only"), ("R7", "Q1", "loon")])
    m = code_matrix(codings, corpus, CODEBOOK)
    assert m.index.tolist() == ["R1", "R2", "R3", "R4", "R5", "R6"]
    assert m.columns.tolist() == CODEBOOK.ids
    assert m.loc["R1"].tolist() == [1, 0, 1, 0, 0] and m.loc["R6", "q2only"] == 1
    assert m.to_numpy().dtype == np.int64 and set(np.unique(m.to_numpy())) <= {0, 1}
    # R1's Q1 coding does not count if only Q2 were answered
    m2 = code_matrix(codings_frame([("R6", "Q1", "loon")]), corpus, CODEBOOK)
    assert m2.loc["R6"].sum() == 0


# Hypothesis invariants ---------------------------------------------------------------------

@st.composite
def scenarios(draw):
    n_codes = draw(st.integers(1, 6))
    codes = []
    for i in range(n_codes):
        parent = draw(st.sampled_from([None] + [f"c{j}" for j in range(i)]))
        qs = draw(st.sampled_from([[], ["Q1"], ["Q2"]]))
        codes.append(Code(f"c{i}", f"Code {i}", parent=parent, questions=qs))
    units = [f"R{i}" for i in range(draw(st.integers(1, 12)))]
    answers, uncoded = {}, set()
    for u in units:
        for q in ("Q1", "Q2"):
            state = draw(st.sampled_from(["none", "coded", "uncoded"]))
            if state != "none":
                answers[(u, q)] = "tekst"
                if state == "uncoded":
                    uncoded.add((u, q))
    if not answers:
        answers[(units[0], "Q1")] = "tekst"
    rows = draw(st.lists(st.tuples(st.sampled_from(units), st.sampled_from(["Q1", "Q2"]),
                                   st.sampled_from([c.id for c in codes])), max_size=40))
    return Codebook("h", "1", codes), make_corpus(answers, uncoded=uncoded), rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.sampled_from(["Q1", "Q2"]))
def test_frequency_invariants(scenario, question):
    cb, corpus, rows = scenario
    if question not in corpus.questions:
        return
    t = frequency_table(codings_frame(rows), corpus, cb, question)
    base = len(corpus.answered(question))
    answered = set(corpus.answered(question))
    coded = {(u, c) for u, q, c in rows if q == question and u in answered}
    expected = {}
    for code in cb.codes:
        members = {code.id, *cb.children(code.id)}
        expected[code.id] = {u for u, c in coded if c in members}
    body = t[t["code"] != UNCODED].set_index("code")
    assert (t["base"] == base).all()
    assert ((t["n"] >= 0) & (t["n"] <= base)).all()
    assert body.index.tolist() == [c.id for c in cb.codes if c.applies_to(question)]
    for code, row in body.iterrows():
        assert row["n"] == len(expected[code])
    any_code = set().union(*(expected[c] for c in body.index)) if len(body) else set()
    assert t.set_index("code").at[UNCODED, "n"] + len(any_code) == base
    for code in cb.codes:
        if code.parent in body.index and code.id in body.index:
            assert body.at[code.parent, "n"] >= body.at[code.id, "n"]
    if base:
        assert ((t["ci_low"] <= t["pct"] + 1e-9) & (t["pct"] <= t["ci_high"] + 1e-9)).all()


# Segments table ---------------------------------------------------------------------------

def test_segments_table_slices_the_coded_unit():
    text = "Meer personeel. Hoger loon."
    corpus = make_corpus({("R1", "Q1"): text})
    codings = codings_frame([("R1", "Q1", "loon"), ("R1", "Q1", "personeel")])
    codings.loc[0, ["unit_start", "unit_end"]] = [16, 27]
    codings.loc[1, ["unit_start", "unit_end"]] = [0, 15]
    out = segments_table(codings, corpus)
    assert list(out.columns) == SEGMENT_COLUMNS
    assert out["text"].tolist() == ["Hoger loon.", "Meer personeel."]
    assert out["code"].tolist() == ["loon", "personeel"]
    assert len(segments_table(codings.iloc[:0], corpus)) == 0


def test_segments_table_errors_name_ids_not_text():
    corpus = make_corpus({("R1", "Q1"): "Geheim antwoord."})
    codings = codings_frame([("R1", "Q1", "loon")])
    codings.loc[0, "unit_end"] = 99
    with pytest.raises(AnalysisError, match=r"^\[QK408\] codings row 0: unit 0\.\.99") as err:
        segments_table(codings, corpus)
    assert "Geheim" not in str(err.value)
    codings.loc[0, "doc_id"] = "R9/Q1"
    with pytest.raises(AnalysisError, match=r"^\[QK407\] codings row 0: doc_id 'R9/Q1'"):
        segments_table(codings, corpus)
    with pytest.raises(AnalysisError, match=r"^\[QK403\]"):
        segments_table(codings.drop(columns=["matched"]), corpus)
