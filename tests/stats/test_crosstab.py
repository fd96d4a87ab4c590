"""Crosstabs of codes by a respondent variable, with chi-square / Fisher tests."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2_contingency, fisher_exact

from qualkit.codebook.model import Code, Codebook
from qualkit.errors import AnalysisError
from qualkit.stats.crosstab import LOW_EXPECTED, holm
from qualkit.stats import Crosstab, crosstab, frequency_table
from qualkit.types import Corpus, Segment

CODEBOOK = Codebook("werk", "1.0", [
    Code("zorg", "Zorg"),
    Code("personeel", "Meer personeel", parent="zorg"),
    Code("loon", "Hoger loon"),
])


def make_corpus(groups, question="Q1", extra_unanswered=0):
    """groups: list of variable values, one respondent each (None = missing)."""
    units = [f"R{i}" for i in range(len(groups))]
    segs = [Segment("tekst", f"{u}/{question}", 0, 5, u, question, "t.csv") for u in units]
    units_all = units + [f"X{i}" for i in range(extra_unanswered)]
    resp = pd.DataFrame({"regio": list(groups) + ["Noord"] * extra_unanswered,
                         "leeftijd": [30] * len(units_all)}, index=pd.Index(units_all, name="unit_id"))
    return Corpus(segs, {s.doc_id: "tekst" for s in segs}, resp, [question], "survey")


def codings(pairs, question="Q1"):
    return pd.DataFrame({"unit_id": [u for u, _ in pairs], "question": question,
                         "code": [c for _, c in pairs]})


def big_case(seed=1):
    rng = np.random.default_rng(seed)
    groups = ["Noord"] * 40 + ["Oost"] * 35 + ["Zuid"] * 45
    rate = {"Noord": 0.6, "Oost": 0.3, "Zuid": 0.45}
    pairs = [(f"R{i}", "personeel") for i, g in enumerate(groups) if rng.random() < rate[g]]
    pairs += [(f"R{i}", "loon") for i, g in enumerate(groups) if rng.random() < 0.5]
    return make_corpus(groups), codings(pairs)


def test_counts_bases_and_chi2_match_scipy():
    corpus, cod = big_case()
    ct = crosstab(cod, corpus, CODEBOOK, "Q1", "regio")
    assert isinstance(ct, Crosstab)
    assert ct.counts.columns.tolist() == ["Noord", "Oost", "Zuid"]
    assert ct.counts.index.tolist() == ["zorg", "personeel", "loon", "uncoded"]
    assert ct.bases.tolist() == [40, 35, 45] and ct.missing == 0 and ct.note == ""
    freq = frequency_table(cod, corpus, CODEBOOK, "Q1").set_index("code")
    assert (ct.counts.sum(axis=1) == freq["n"]).all()
    assert (ct.counts.loc["zorg"] == ct.counts.loc["personeel"]).all()
    for code in ["personeel", "loon"]:
        table = np.vstack([ct.counts.loc[code], ct.bases - ct.counts.loc[code]])
        ref = chi2_contingency(table, correction=False)
        row = ct.tests.loc[code]
        assert row["test"] == "chi2" and row["note"] == ""
        assert row["statistic"] == pytest.approx(ref.statistic)
        assert row["p"] == pytest.approx(ref.pvalue) and row["df"] == ref.dof == 2
        assert row["min_expected"] == pytest.approx(ref.expected_freq.min())
    assert ct.pct.loc["loon", "Oost"] == pytest.approx(ct.counts.loc["loon", "Oost"] / 35 * 100)


def test_yates_correction_on_request():
    groups = ["A"] * 30 + ["B"] * 30
    pairs = [(f"R{i}", "loon") for i in range(0, 18)] + [(f"R{i}", "loon") for i in range(30, 40)]
    corpus, cod = make_corpus(groups), codings(pairs)
    ct = crosstab(cod, corpus, CODEBOOK, "Q1", "regio", correction=True)
    table = [[18, 10], [12, 20]]
    assert ct.tests.loc["loon", "statistic"] == pytest.approx(chi2_contingency(table).statistic)
    plain = crosstab(cod, corpus, CODEBOOK, "Q1", "regio")
    assert plain.tests.loc["loon", "statistic"] == pytest.approx(
        chi2_contingency(table, correction=False).statistic)


def test_fisher_when_two_groups_and_low_expected_counts():
    groups = ["A"] * 8 + ["B"] * 6
    pairs = [(f"R{i}", "loon") for i in (0, 1, 2, 3, 4, 5, 8)]
    ct = crosstab(codings(pairs), make_corpus(groups), CODEBOOK, "Q1", "regio")
    row = ct.tests.loc["loon"]
    ref = fisher_exact([[6, 1], [2, 5]])
    assert row["test"] == "fisher" and np.isnan(row["df"])
    assert row["p"] == pytest.approx(ref.pvalue) and row["statistic"] == pytest.approx(ref.statistic)
    assert ct.tests.loc["zorg", "test"] == "none" and ct.tests.loc["zorg", "note"] == "no variation"


def test_low_expected_counts_flagged_with_more_groups():
    groups = ["A"] * 5 + ["B"] * 5 + ["C"] * 5
    pairs = [(f"R{i}", "loon") for i in (0, 1, 2, 5, 12)]
    ct = crosstab(codings(pairs), make_corpus(groups), CODEBOOK, "Q1", "regio")
    row = ct.tests.loc["loon"]
    ref = chi2_contingency([[3, 1, 1], [2, 4, 4]], correction=False)
    assert row["test"] == "chi2" and row["note"] == LOW_EXPECTED
    assert row["statistic"] == pytest.approx(ref.statistic) and row["p"] == pytest.approx(ref.pvalue)


def test_missing_values_are_their_own_column_not_tested():
    groups = ["A", "B", None, "A", np.nan]
    pairs = [("R0", "loon"), ("R2", "loon"), ("R4", "personeel")]
    corpus = make_corpus(groups, extra_unanswered=3)
    ct = crosstab(codings(pairs), corpus, CODEBOOK, "Q1", "regio")
    assert ct.missing == 2 and ct.missing_group == "geen antwoord" and ct.groups == ["A", "B"]
    assert ct.note == "2 respondents without a value for 'regio': column 'geen antwoord', not in the tests"
    assert ct.bases.to_dict() == {"A": 2, "B": 1, "geen antwoord": 2}   # unanswered respondents are in no base
    assert ct.counts.loc["loon"].tolist() == [1, 0, 1] and ct.counts.loc["personeel"].tolist() == [0, 0, 1]
    assert ct.counts.loc["uncoded"].tolist() == [1, 1, 0]
    assert ct.pct.loc["loon", "geen antwoord"] == 50.0
    freq = frequency_table(codings(pairs), corpus, CODEBOOK, "Q1").set_index("code")
    assert (ct.counts.sum(axis=1) == freq["n"]).all() and ct.bases.sum() == freq["base"].iloc[0]
    # the test is over the groups A and B only
    ref = fisher_exact([[1, 0], [1, 1]])
    assert ct.tests.loc["loon", "test"] == "fisher" and ct.tests.loc["loon", "p"] == pytest.approx(ref.pvalue)
    long = ct.to_frame()
    assert long[long.group == "geen antwoord"][["code", "n", "base"]].values.tolist() == [
        ["zorg", 1, 2], ["personeel", 1, 2], ["loon", 1, 2], ["uncoded", 0, 2]]


def test_missing_column_named_apart_from_a_real_group_and_in_english():
    groups = ["geen antwoord", "A", None]
    ct = crosstab(codings([("R0", "loon")]), make_corpus(groups), CODEBOOK, "Q1", "regio")
    assert ct.counts.columns.tolist() == ["A", "geen antwoord", "(geen antwoord)"]
    assert ct.missing_group == "(geen antwoord)" and ct.groups == ["A", "geen antwoord"]
    cb = Codebook("werk", "1.0", CODEBOOK.codes, language="en")
    ct = crosstab(codings([("R0", "loon")]), make_corpus(["A", "B", None]), cb, "Q1", "regio")
    assert ct.missing_group == "no answer" and ct.note.endswith("column 'no answer', not in the tests")


def test_no_missing_column_when_every_respondent_has_a_value():
    ct = crosstab(codings([("R0", "loon")]), make_corpus(["A", "B"], extra_unanswered=2), CODEBOOK, "Q1", "regio")
    assert ct.missing == 0 and ct.missing_group is None and ct.note == ""
    assert ct.counts.columns.tolist() == ct.groups == ["A", "B"]


def test_categorical_order_and_to_frame():
    groups = pd.Categorical(["laag", "hoog", "midden", "laag"], categories=["laag", "midden", "hoog", "leeg"])
    corpus = make_corpus(list(groups))
    corpus.respondents["regio"] = pd.Categorical(corpus.respondents["regio"], categories=groups.categories)
    ct = crosstab(codings([("R0", "loon"), ("R1", "loon")]), corpus, CODEBOOK, "Q1", "regio")
    assert ct.counts.columns.tolist() == ["laag", "midden", "hoog"]   # empty category left out
    long = ct.to_frame()
    assert list(long.columns) == ["code", "label", "group", "n", "base", "pct"]
    assert len(long) == 4 * 3
    row = long[(long.code == "loon") & (long.group == "laag")].iloc[0]
    assert (row["label"], row["n"], row["base"], row["pct"]) == ("Hoger loon", 1, 2, 50.0)
    assert long[long.code == "uncoded"]["label"].iloc[0] == "geen code"


def test_one_group_has_no_test():
    ct = crosstab(codings([("R0", "loon")]), make_corpus(["A", "A"]), CODEBOOK, "Q1", "regio")
    assert (ct.tests["test"] == "none").all() and (ct.tests["note"] == "fewer than two groups").all()


def test_holm():
    p = pd.Series([0.01, 0.04, 0.03, np.nan], index=list("abcd"))
    adj = holm(p)
    assert adj[["a", "b", "c"]].tolist() == pytest.approx([0.03, 0.06, 0.06])
    assert np.isnan(adj["d"])


def test_errors_list_what_is_available():
    corpus, cod = big_case()
    with pytest.raises(AnalysisError, match=r"^\[QK402\] breakdown variable 'geslacht' .*'regio', 'leeftijd'"):
        crosstab(cod, corpus, CODEBOOK, "Q1", "geslacht")
    with pytest.raises(AnalysisError, match=r"^\[QK401\] question 'Q2' .*'Q1'"):
        crosstab(cod, corpus, CODEBOOK, "Q2", "regio")


def test_unknown_variable_suggests_the_name_meant_and_lists_all():
    corpus, cod = big_case()
    names = [f"v{i:02d}" for i in range(45)] + ["rol", "regio_oud"]
    corpus.respondents = pd.DataFrame({n: "x" for n in names}, index=corpus.respondents.index)
    with pytest.raises(AnalysisError) as err:
        crosstab(cod, corpus, CODEBOOK, "Q1", "Rol")
    msg = str(err.value)
    assert msg.startswith("[QK402] breakdown variable 'Rol' is not a respondent variable. Did you mean 'rol'?")
    assert "47 variable(s)" in msg and "'v44'" in msg and "'regio_oud'" in msg and "more)" not in msg
    with pytest.raises(AnalysisError, match=r"Did you mean 'regio_oud'\?"):
        crosstab(cod, corpus, CODEBOOK, "Q1", "regio-oud")


def test_counts_chunk_by_chunk_equal_one_pass():
    """The counter gives the same tables whether it sees the corpus whole or in chunks of respondents."""
    from qualkit.stats import Counts

    corpus, cod = big_case()
    whole = Counts(CODEBOOK, ["Q1"], ["regio"]).add(corpus, cod)
    chunked = Counts(CODEBOOK, ["Q1"], ["regio"])
    for start in range(0, len(corpus.segments), 25):
        segs = corpus.segments[start:start + 25]
        units = [s.unit_id for s in segs]
        part = Corpus(segs, {}, corpus.respondents.loc[units], corpus.questions, corpus.kind)
        chunked.add(part, cod[cod.unit_id.isin(units)])
    pd.testing.assert_frame_equal(chunked.frequency_table("Q1"), whole.frequency_table("Q1"))
    a, b = chunked.crosstab("Q1", "regio"), whole.crosstab("Q1", "regio")
    pd.testing.assert_frame_equal(a.counts, b.counts)
    pd.testing.assert_frame_equal(a.tests, b.tests)
    with pytest.raises(AnalysisError, match=r"^\[QK420\] variable 'rol' was not counted \(counted: regio\)"):
        whole.crosstab("Q1", "rol")


def test_too_many_groups_is_not_a_table(caplog):
    """An id or a free-text column as breakdown: QK440, and Counts.crosstabs() leaves it out with one warning."""
    from qualkit.stats import Counts

    corpus, cod = big_case()
    corpus.respondents["id"] = [f"x{i}" for i in range(len(corpus.respondents))]      # 120 groups of one
    corpus.respondents["vrij"] = [f"t{i // 2}" if i < 14 else None for i in range(120)]  # 7 groups of two: fine
    counts = Counts(CODEBOOK, ["Q1"], ["regio", "id", "vrij"]).add(corpus, cod)
    assert counts.groups[("Q1", "id")].too_many and not counts.groups[("Q1", "id")].counts  # memory kept flat
    with pytest.raises(AnalysisError) as err:
        counts.crosstab("Q1", "id")
    assert str(err.value) == (
        "[QK440] breakdown variable 'id' has more than 20 groups for the 120 respondents with a value who answered "
        "Q1: too many to read, so no table. Break down by a variable with at most 20 groups of several respondents "
        "each, or group its values first (for example ages in bands).")
    with caplog.at_level("WARNING", logger="qualkit"):
        tables = counts.crosstabs()
    assert list(tables) == [("Q1", "regio"), ("Q1", "vrij")]
    assert [r.getMessage()[:44] for r in caplog.records] == ["[QK440] breakdown variable 'id' has more tha"]
    assert tables[("Q1", "vrij")].missing == 106
    small = make_corpus(["a", "b", "c", "d", "e", "f", "f", "g", "h", None])      # 8 groups for 9 respondents
    with pytest.raises(AnalysisError, match=r"^\[QK440\] breakdown variable 'regio' has 8 groups for the 9 "):
        crosstab(codings([("R0", "loon")]), small, CODEBOOK, "Q1", "regio")
    five = make_corpus(["a", "b", "c", "d", "e"])                                   # 5 groups of one: still a table
    assert crosstab(codings([("R0", "loon")]), five, CODEBOOK, "Q1", "regio").groups == list("abcde")


def test_holm_published_example():
    """Holm (1979) step-down: the adjusted p of the i-th smallest is max over j <= i of (m - j + 1) p_(j)."""
    p = pd.Series([0.01, 0.02, 0.03, 0.04, 0.05])
    assert holm(p).tolist() == pytest.approx([0.05, 0.08, 0.09, 0.09, 0.09])
    assert holm(pd.Series([np.nan, np.nan])).isna().all()


def test_group_values_without_surrounding_space_and_blank_is_missing():
    ct = crosstab(codings([("R0", "loon")]), make_corpus(["Unity ", "Unity", " ", "B"]), CODEBOOK, "Q1", "regio")
    assert ct.bases.to_dict() == {"B": 1, "Unity": 2, "geen antwoord": 1}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.floats(0, 1), st.none()), max_size=30))
def test_holm_equals_statsmodels(ps):
    from statsmodels.stats.multitest import multipletests

    import gc

    p = pd.Series([np.nan if x is None else x for x in ps], dtype=float)
    got = holm(p)
    assert got.isna().tolist() == p.isna().tolist()
    if p.notna().any():
        gc.freeze()  # multipletests runs gc.collect() on every call: seconds each with the whole suite's heap
        try:
            expected = multipletests(p.dropna().to_numpy(), method="holm")[1]
        finally:
            gc.unfreeze()
        assert got.dropna().to_numpy() == pytest.approx(expected)
