"""Agreement math against the krippendorff package, scikit-learn and Krippendorff's own example."""
from __future__ import annotations

import math

import krippendorff
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score, precision_recall_fscore_support

from qualkit.errors import AnalysisError
from qualkit.stats.agreement import (
    OVERALL, agreement, bootstrap_alpha, cohen_kappa, disagreements, from_codings, interpret,
    krippendorff_alpha, percent_agreement, precision_recall_f1, reliability_matrix,
)

NAN = float("nan")
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section E: 4 observers x 12 units.
K2011 = [[1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
         [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN]]


@pytest.mark.parametrize("level, expected", [
    ("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)])
def test_krippendorff_2011_worked_example(level, expected):
    ours = krippendorff_alpha(K2011, level)
    assert round(ours, 3) == expected
    assert ours == pytest.approx(krippendorff.alpha(K2011, level_of_measurement=level), abs=1e-12)


def test_string_categories_and_value_domain():
    names = {1: "zeer laag", 2: "laag", 3: "midden", 4: "hoog", 5: "zeer hoog"}
    data = [[names.get(v) for v in row] for row in K2011]
    assert round(krippendorff_alpha(data), 3) == 0.743
    assert round(krippendorff_alpha(data, "ordinal", value_domain=list(names.values())), 3) == 0.815
    with pytest.raises(AnalysisError, match=r"^\[QK412\]"):
        krippendorff_alpha(data, "interval")
    with pytest.raises(AnalysisError, match=r"^\[QK419\]"):
        krippendorff_alpha(K2011, "ordinal", value_domain=[1, 2, 3])
    with pytest.raises(AnalysisError, match=r"^\[QK409\] unknown level of measurement 'nominaal'"):
        krippendorff_alpha(K2011, "nominaal")


def test_alpha_undefined_cases():
    assert math.isnan(krippendorff_alpha([[1, 1, 1], [1, 1, 1]]))           # no variation
    assert math.isnan(krippendorff_alpha([[1, NAN, 2], [NAN, 2, NAN]]))     # no unit coded twice
    assert krippendorff_alpha([[1, 2, 1, 2], [1, 2, 1, 2]]) == 1.0


@st.composite
def reliability_data(draw, max_value=4):
    coders = draw(st.integers(2, 5))
    units = draw(st.integers(2, 25))
    cell = st.one_of(st.integers(0, max_value).map(float), st.just(NAN))
    data = np.array(draw(st.lists(st.lists(cell, min_size=units, max_size=units),
                                  min_size=coders, max_size=coders)))
    return data


def _package(data, level):
    values = np.unique(data[~np.isnan(data)])
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    if len(values) < 2 or not pairable.any():
        return None
    with np.errstate(all="ignore"):
        return krippendorff.alpha(data, level_of_measurement=level)


@settings(max_examples=200, deadline=None)
@given(reliability_data(), st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_alpha_matches_krippendorff_package(data, level):
    ref = _package(data, level)
    ours = krippendorff_alpha(data, level)
    if ref is None or np.isnan(ref):
        assert np.isnan(ours)
    else:
        assert ours == pytest.approx(float(ref), abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0, 1, 2, None]), st.sampled_from([0, 1, 2, None])),
                min_size=1, max_size=40))
def test_kappa_and_percent_match_sklearn(pairs):
    a = [x for x, _ in pairs]
    b = [y for _, y in pairs]
    keep = [(x, y) for x, y in pairs if x is not None and y is not None]
    ours = cohen_kappa(a, b)
    if not keep:
        assert math.isnan(ours) and math.isnan(percent_agreement([a, b]))
        return
    xs, ys = zip(*keep)
    ref = cohen_kappa_score(xs, ys, replace_undefined_by=np.nan) if len(set(xs) | set(ys)) > 1 else np.nan
    if np.isnan(ref):
        assert np.isnan(ours)
    else:
        assert ours == pytest.approx(ref, abs=1e-12)
    assert percent_agreement([a, b]) == pytest.approx(100 * np.mean(np.array(xs) == np.array(ys)))


def test_percent_agreement_is_pairwise_for_more_coders():
    # unit 1: three alike (3 of 3 pairs agree); unit 2: 2 vs 1 (1 of 3); unit 3: one coder only
    assert percent_agreement([[1, 1, 1], [1, 1, NAN], [1, 0, NAN]]) == pytest.approx(100 * 4 / 6)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1)), min_size=1, max_size=40))
def test_precision_recall_f1_match_sklearn(pairs):
    ref, oth = [x for x, _ in pairs], [y for _, y in pairs]
    ours = precision_recall_f1(ref, oth)
    p, r, f, _ = precision_recall_fscore_support(ref, oth, labels=[1], zero_division=np.nan)
    for a, b in zip(ours[:3], (p[0], r[0], f[0])):
        assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)
    assert ours.n == len(pairs)


def test_macro_precision_for_categories():
    ref, oth = ["pos", "neg", "neu", "pos"], ["pos", "neu", "neu", "neg"]
    p, r, f, _ = precision_recall_fscore_support(ref, oth, average="macro", zero_division=np.nan)
    ours = precision_recall_f1(ref, oth, positive=None)
    assert (ours.precision, ours.recall) == pytest.approx((p, r))
    with pytest.raises(AnalysisError, match=r"^\[QK416\]"):
        precision_recall_f1([1, 0], [1])


def test_bootstrap_equals_naive_unit_resampling():
    rng = np.random.default_rng(5)
    data = rng.integers(0, 3, size=(3, 30)).astype(float)
    data[rng.random(data.shape) < 0.2] = np.nan
    low, high = bootstrap_alpha(data, n_boot=300, random_state=7)
    pairable = data[:, (~np.isnan(data)).sum(axis=0) >= 2]
    draws = np.random.default_rng(7).integers(0, pairable.shape[1], size=(300, pairable.shape[1]))
    with np.errstate(all="ignore"):
        boot = np.array([krippendorff.alpha(pairable[:, d], level_of_measurement="nominal") for d in draws])
    boot = boot[~np.isnan(boot)]
    assert (low, high) == pytest.approx(tuple(np.percentile(boot, [2.5, 97.5])), abs=1e-9)
    assert low < krippendorff_alpha(data) < high
    assert bootstrap_alpha(data, n_boot=300, random_state=7) == (low, high)
    lo_i, hi_i = bootstrap_alpha(K2011, n_boot=500, level="ordinal")
    assert lo_i < krippendorff_alpha(K2011, "ordinal") <= hi_i
    with pytest.raises(AnalysisError, match=r"^\[QK432\]"):
        bootstrap_alpha(data, n_boot=0)


def test_interpret_thresholds():
    assert interpret(0.80) == "reliable" and interpret(0.7999) == "tentative conclusions only"
    assert interpret(0.667) == "tentative conclusions only" and interpret(0.6669) == "unreliable"
    assert interpret(0.9, lang="nl") == "betrouwbaar" and interpret(0.1, lang="nl") == "onbetrouwbaar"
    assert interpret(NAN).startswith("undefined") and interpret(NAN, "nl").startswith("niet te bepalen")
    with pytest.raises(AnalysisError, match=r"^\[QK417\] unknown language 'de'"):
        interpret(0.5, lang="de")


# agreement() on long data ----------------------------------------------------------------

def applied_only():
    """Two coders; applied codes only, plus 'saw the unit' markers (code None)."""
    rows = [("u1", "zorg", "an"), ("u1", "zorg", "bo"), ("u2", "loon", "an"), ("u2", "zorg", "bo"),
            ("u3", "loon", "an"), ("u3", "loon", "bo"), ("u5", "zorg", "an")]
    marks = [(u, None, c) for u in ["u1", "u2", "u3", "u4"] for c in ["an", "bo"]] + [("u5", None, "an")]
    return pd.DataFrame([(u, k, c, 1 if k else NAN) for u, k, c in rows + marks],
                        columns=["unit", "code", "coder", "value"])


def test_reliability_matrix_absent_means_zero_for_binary_codes():
    long = applied_only()
    m = reliability_matrix(long, "zorg", unit_ids=["u1", "u2", "u3", "u4", "u5"])
    assert m.index.tolist() == ["an", "bo"]
    assert m.loc["an"].tolist()[:4] == [1, 0, 0, 0] and m.loc["bo"].tolist()[:4] == [1, 1, 0, 0]
    assert m.loc["an", "u5"] == 1 and pd.isna(m.loc["bo", "u5"])        # bo never saw u5
    assert reliability_matrix(long, "zorg", absent="missing").loc["an", "u2"] != 0


def test_agreement_two_coders():
    long = applied_only()
    res = agreement(long, codes=["zorg", "loon"], n_boot=200)
    t = res.table.set_index("code")
    assert t.index.tolist() == ["zorg", "loon", OVERALL]
    zorg = reliability_matrix(long, "zorg").to_numpy(float)
    assert t.at["zorg", "alpha"] == pytest.approx(krippendorff.alpha(zorg, level_of_measurement="nominal"))
    assert t.at["zorg", "kappa"] == pytest.approx(cohen_kappa_score([1, 0, 0, 0], [1, 1, 0, 0]))
    assert t.at["zorg", "percent"] == 75.0 and t.at["zorg", "n_units"] == 4
    both = np.hstack([zorg, reliability_matrix(long, "loon").to_numpy(float)])
    assert t.at[OVERALL, "alpha"] == pytest.approx(krippendorff.alpha(both, level_of_measurement="nominal"))
    assert t.at[OVERALL, "n_units"] == 4 and res.n_units == 4 and res.coders == ["an", "bo"]
    assert res.coverage.n_units == 5 and res.coverage.per_coder == {"an": 5, "bo": 4}
    assert res.by_coder is None and "precision" not in res.table
    assert res.to_frame("nl")["interpretation"].notna().all()


def test_agreement_reference_scores_other_coders():
    long = applied_only()
    res = agreement(long, reference="an", n_boot=0)
    t = res.table.set_index("code")
    assert t.at["zorg", "precision"] == 0.5 and t.at["zorg", "recall"] == 1.0
    assert t.at["loon", "precision"] == 1.0 and t.at["loon", "recall"] == 0.5
    assert t.at[OVERALL, "precision"] == pytest.approx(2 / 3) and t.at[OVERALL, "recall"] == pytest.approx(2 / 3)
    assert np.isnan(t.at["zorg", "alpha_low"])
    assert res.by_coder["coder"].unique().tolist() == ["bo"]
    with pytest.raises(AnalysisError, match=r"^\[QK414\] reference coder 'model'.*'an', 'bo'"):
        agreement(long, reference="model")


def test_agreement_many_coders_categories_and_levels():
    coders = ["a", "b", "c", "d"]
    rows = [(u, "sentiment", coders[i], v) for i, row in enumerate(K2011) for u, v in enumerate(row)
            if not np.isnan(v)]
    long = pd.DataFrame(rows, columns=["unit", "code", "coder", "value"])
    res = agreement(long, level={"sentiment": "interval"}, n_boot=100, overlap="pairs")
    t = res.table.set_index("code")
    assert round(t.at["sentiment", "alpha"], 3) == 0.849 and t.at["sentiment", "level"] == "interval"
    assert np.isnan(t.at["sentiment", "kappa"]) and t.at["sentiment", "n_coders"] == 4
    assert round(t.at[OVERALL, "alpha"], 3) == 0.743          # overall is nominal
    assert t.at["sentiment", "n_units"] == 11                  # unit 12 has one coding


def test_disagreements_lists_units_where_coders_differ():
    out = disagreements(applied_only())
    assert list(out.columns) == ["unit", "code", "an", "bo"]
    assert out[["unit", "code"]].values.tolist() == [["u2", "zorg"], ["u2", "loon"]]
    assert out.iloc[0][["an", "bo"]].tolist() == [0, 1]


def test_from_codings_builds_long_data():
    codings = pd.DataFrame({"doc_id": ["R1/Q1", "R1/Q1", "R2/Q1", "R3/Q1"],
                            "code": ["zorg", "zorg", "loon", "zorg"], "coder": ["an", "bo", "an", "bo"]})
    long = from_codings(codings, ["R1/Q1", "R2/Q1"], coverage={"an": ["R1/Q1", "R2/Q1"], "bo": ["R1/Q1"]})
    m = reliability_matrix(long, "loon", unit_ids=["R1/Q1", "R2/Q1"])
    assert m.loc["an"].tolist() == [0, 1] and m.loc["bo", "R1/Q1"] == 0 and pd.isna(m.loc["bo", "R2/Q1"])


def test_long_data_errors():
    with pytest.raises(AnalysisError, match=r"^\[QK403\] agreement data: missing column\(s\) 'value'"):
        agreement(pd.DataFrame({"unit": [], "code": [], "coder": []}))
    clash = pd.DataFrame({"unit": ["u1", "u1"], "code": ["x", "x"], "coder": ["an", "an"], "value": [1, 0]})
    with pytest.raises(AnalysisError, match=r"^\[QK411\] code 'x': .*coder 'an' unit 'u1'"):
        agreement(clash)
    with pytest.raises(AnalysisError, match=r"^\[QK413\]"):
        agreement(applied_only(), level="nominaal")
    with pytest.raises(AnalysisError, match=r"^\[QK418\]"):
        disagreements(applied_only(), absent="nul")


def test_ac1_and_bp_match_gwets_worked_example():
    """Gwet, Handbook of Inter-Rater Reliability (4th ed., 2014): 4 raters, 12 units, 5 categories,
    missing ratings (the same data as Krippendorff's 2011 example). Published: pa .8182, AC1
    .7754 (pe .1903), Brennan-Prediger .7727 (pe .2); irrCAC prints the same."""
    from qualkit.stats.reliability import chance_corrected

    r = chance_corrected(K2011)
    assert round(r["pa"], 4) == 0.8182 and round(r["ac1"], 4) == 0.7754 and round(r["bp"], 4) == 0.7727
    coders = ["a", "b", "c", "d"]
    rows = [(u, "x", coders[i], v) for i, row in enumerate(K2011) for u, v in enumerate(row) if not np.isnan(v)]
    t = agreement(pd.DataFrame(rows, columns=["unit", "code", "coder", "value"]), n_boot=0, overlap="pairs").table
    # the agreement table compares units coded twice: unit 12 (one rating) is left out of the chance term too
    compared = [row[:11] for row in K2011]
    assert t.loc[0, "ac1"] == pytest.approx(chance_corrected(compared)["ac1"]) and round(t.loc[0, "alpha"], 3) == 0.743


def test_prevalence_paradox_is_too_rare_not_unreliable():
    """One coder applies a code once in 20 units: 95% agreement, kappa and alpha ~0, AC1 high."""
    long = pd.DataFrame({"unit": list(range(20)) * 2, "code": "zorg", "coder": ["an"] * 20 + ["bo"] * 20,
                         "value": [1] + [0] * 19 + [0] * 20})
    t = agreement(long, n_boot=200).table.iloc[0]
    assert t["percent"] == 95.0 and abs(t["kappa"]) < 1e-9 and t["ac1"] > 0.9
    assert t["reading"] == "rare" and t["n_applied"] == 1
    assert t["neg_agree"] > 0.97 and t["pos_agree"] == 0.0


def test_readings_use_the_interval():
    from qualkit.stats.reading import interpret, verdict

    assert verdict(0.784, -0.02, 1.0) == "uncertain"                 # the example
    assert verdict(0.90, 0.81, 0.97) == "reliable" and verdict(0.90, 0.70, 0.97) == "tentative"
    assert verdict(0.55, 0.40, 0.66) == "unreliable" and verdict(0.85) == "reliable"
    assert interpret(0.784, "nl", -0.02, 1.0).startswith("onzeker")


def test_no_overlap_error_lists_coders_readably():
    """'6 62, 9 71' read as four numbers: the coders are named 'c: n', and past eight, how many more."""
    from qualkit.errors import AnalysisError
    from qualkit.stats.agreement import Coverage, check_overlap

    cov = Coverage({f"c{i}": 10 + i for i in range(10)}, 0, 40, "all", n_pairs=3)
    with pytest.raises(AnalysisError) as e:
        check_overlap(cov)
    assert "(units per coder: c0: 10, c1: 11," in str(e.value) and "c7: 17 and 2 more)" in str(e.value)
