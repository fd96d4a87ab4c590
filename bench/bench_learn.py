"""The learned coder against a plain TF-IDF + LinearSVC baseline and against the people, on real
human-coded data, in one run. Prints; asserts nothing.

    nice -n 5 python bench/bench_learn.py [--folds 5] [--boot 200] [--only ecosent-cap]

For every set, qualkit (``train``: word + character n-grams, linear SVMs, per-code cut-offs
from the cross-validation) and the baseline (scikit-learn's ``TfidfVectorizer()`` and
``LinearSVC()``, one per 0/1 code, one multi-class per categorical code: the ten lines
everybody writes) are cross-validated on the same folds and scored by the same function:

- alpha: Krippendorff's alpha (nominal) of the cross-validated codings against each person
  who coded (pooled over person and unit), beside the people's alpha against each other;
- micro-/macro-F1 against the people's consensus (majority);
- learn time: CPU seconds of one fit on all units (features, SVMs, cut-offs; the best of
  rounds that alternate qualkit and the baseline), and the ratio to the baseline's fit; cross-validation and scoring
  (wall clock) separately. CPU time because the machine is shared: wall time there is
  mostly other people's work.

Sets under 100 units are noisy: for them the alpha and F1 printed are the mean of
``--repeats`` (20) draws of the folds (intervals from the first), both coders on the same
folds, with the spread of the paired difference in alpha. At the end: learn time at 10 vs 40 codes on the same rows (linear in codes x units means
a ratio of at most 4). Datasets (../shared/data beside the checkout; a missing one is skipped):

- ecosent-cap    492 Dutch news headlines, 3-14 coders each (icr_data.csv): CAP topic
                 (27 categories, coded on economic headlines) as one categorical code.
- ecosent-topic  the same headlines: main topic (Hoofd_OW, 48 categories).
- ecosent-econ   the same headlines: 'Economisch' (economic or not, and rarer categories).
- rust-interviews ATLAS.ti coding of 19 English interviews (decisions.csv) as paragraphs,
                 189 codes (multi-label) by two authors.
- rust-survey    the English community-survey answers on why people use unsafe (25 answers,
                 7 codes, multi-label; one coding team).
- partypanel     35 Dutch answer fragments coded with 5 reasoned-action codes (one coder).
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import KFold
from sklearn.svm import LinearSVC

from qualkit.coding.learned import LearnedCoder
from qualkit.coding.learned_train import _micro_macro, cross_validate, score, train
from qualkit.agree import read_human
from qualkit.stats.agreement import OVERALL

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
ICR = DATA / "nl-ecosent" / "icr_data.csv"
RUST = DATA / "en-rust-unsafe-interviews"
PARTY = DATA / "nl-partypanel-openanswers" / "pp19.1_pre2_coded_mergedSourceDf.csv"
DCT = ["descriptiveNorms_73dnt5zp", "experientialAttitude_73dnt5z5", "injunctiveNorms_73dnt5zj",
       "instrumentalAttitude_73dnt5zb", "perceivedBehavioralControl_73dnt603"]


def icr(code: str):
    return read_human(ICR, id_column="ID", coder_column="Codeur", codes=[code], text_column="headline")


def rust_survey():
    """The two coded-reasons sheets (``Code`` lists codes, ``, ``-separated) as one 0/1 matrix."""
    rows = []
    for name, col in (("unsafe", "Reason"), ("unsafe_api", "Response")):
        df = pd.read_csv(RUST / "community_survey" / "coding" / f"{name}.csv")
        rows += [(f"{name}-{i}", r[col], [c.strip() for c in str(r["Code"]).split(",")]) for i, r in df.iterrows()]
    codes = sorted({c for *_, cs in rows for c in cs})
    sheet = pd.DataFrame([{"id": u, "text": t, **{c: int(c in cs) for c in codes}} for u, t, cs in rows])
    path = Path(tempfile.mkdtemp()) / "survey-coding.csv"
    sheet.to_csv(path, index=False)
    return read_human(path, coder="authors", text_column="text")


SETS = {
    "ecosent-cap": (lambda: icr("CAP_onderw"), "nl", ICR),
    "ecosent-topic": (lambda: icr("Hoofd_OW"), "nl", ICR),
    "ecosent-econ": (lambda: icr("Economisch"), "nl", ICR),
    "rust-interviews": (lambda: read_human(RUST / "interviews" / "coding" / "decisions.csv"), "en", RUST),
    "rust-survey": (rust_survey, "en", RUST),
    "partypanel": (lambda: read_human(PARTY, id_column="sequenceNr", codes=DCT, text_column="utterances_clean"),
                   "nl", PARTY),
}


def baseline_fit(texts: list[str], Y: pd.DataFrame, groups: dict[str, list[str]]):
    """TfidfVectorizer() + LinearSVC(): one per 0/1 column, one multi-class per categorical code."""
    vec = TfidfVectorizer()
    F = vec.fit_transform(texts)
    grouped = {c for cols in groups.values() for c in cols}
    models = []
    for col in [c for c in Y.columns if c not in grouped]:
        y = Y[col].to_numpy()
        ok = ~np.isnan(y)
        models.append(([col], LinearSVC().fit(F[ok], y[ok].astype(int)) if len(set(y[ok])) > 1 else y[ok][:1]))
    for cols in groups.values():
        sub = Y[cols].to_numpy()
        ok = ~np.isnan(sub).all(axis=1)
        lab = sub[ok].argmax(axis=1)
        models.append((cols, LinearSVC().fit(F[ok], lab) if len(set(lab)) > 1 else lab[:1]))
    return vec, models


def baseline_predict(vec, models, texts: list[str], columns) -> pd.DataFrame:
    F = vec.transform(texts)
    out = pd.DataFrame(0, index=range(len(texts)), columns=columns)
    for cols, m in models:
        if isinstance(m, np.ndarray):                 # one class seen in training: always that
            guess = np.full(len(texts), m[0] if len(m) else 0)
        else:
            guess = m.predict(F)
        if len(cols) == 1:
            out[cols[0]] = guess.astype(int)
        else:
            out[cols] = np.eye(len(cols), dtype=int)[guess.astype(int)]
    return out


def cpu(fit, repeats: int = 3, budget: float = 0.0) -> float:
    """The best CPU time of at least ``repeats`` calls of ``fit``, more until ``budget``
    CPU seconds are spent (a fit of a few milliseconds needs many tries to see its time)."""
    best, spent, n = float("inf"), 0.0, 0
    while n < repeats or spent < budget:
        t = time.process_time()
        fit()
        took = time.process_time() - t
        best, spent, n = min(best, took), spent + took, n + 1
    return best


def fit_times(res) -> tuple[float, float]:
    """CPU seconds of one qualkit fit (features, SVMs, calibration) and one baseline fit, same
    rows: the best of rounds that alternate the two, so both see the same load."""
    X = pd.DataFrame({"text": [res.texts[u] for u in res.truth.index]})
    Y = res.truth.reset_index(drop=True)
    groups: dict[str, list[str]] = {}
    for col, (code, _) in res.model.categories.items():
        groups.setdefault(code, []).append(col)
    coder = res.model.coder
    scores, _ = cross_validate(coder, X, Y, res.summary["cv"])   # the out-of-fold scores `train` calibrates on

    def learn():
        clone(coder).set_params(threshold=0.5).fit(X, Y).set_params(threshold=coder.threshold).calibrate(scores, Y)

    ours, theirs = float("inf"), float("inf")
    for _ in range(3):
        ours = min(ours, cpu(learn, 3, 0.3))
        theirs = min(theirs, cpu(lambda: baseline_fit(list(X["text"]), Y, groups), 3, 0.3))
    return ours, theirs


def baseline(res, data, folds: int, seed: int = 0) -> tuple[pd.DataFrame, float]:
    """Cross-validated baseline codings on the folds train() used, and one fit's (wall) time."""
    Y = res.truth.reset_index(drop=True)
    cats = res.model.categories
    groups: dict[str, list[str]] = {}
    for col, (code, _) in cats.items():
        groups.setdefault(code, []).append(col)
    texts = np.array([res.texts[u] for u in res.truth.index], dtype=object)
    oof = pd.DataFrame(0, index=Y.index, columns=Y.columns)
    for tr, te in KFold(n_splits=min(folds, len(Y)), shuffle=True, random_state=seed).split(texts):
        vec, models = baseline_fit(list(texts[tr]), Y.iloc[tr].reset_index(drop=True), groups)
        oof.iloc[te] = baseline_predict(vec, models, list(texts[te]), Y.columns).to_numpy()
    t = time.perf_counter()
    baseline_fit(list(texts), Y, groups)
    oof.index = res.truth.index
    return oof, time.perf_counter() - t


def run_once(data, lang: str, args, seed: int) -> tuple:
    res = train(data, cv=args.folds, n_boot=args.boot if seed == 0 else 0, language=lang, random_state=seed)
    oof, base_secs = baseline(res, data, args.folds, seed)
    status = {c: "model" for c in res.scores["code"]}
    base = score(data, "segment", list(res.truth.index), oof, res.model.categories, status,
                 args.boot if seed == 0 else 0).set_index("code").loc[OVERALL]
    return res, base, _micro_macro(res.truth, oof), base_secs


def run_set(name: str, args) -> dict:
    load, lang, _ = SETS[name]
    data = load()
    res, b, (bmicro, bmacro), _ = run_once(data, lang, args, 0)
    s = res.summary
    fit_cpu, base_cpu = fit_times(res)
    whole = cpu(lambda: train(data, cv=args.folds, n_boot=0, language=lang), 1)    # what `qualkit learn` waits for
    base_whole = cpu(lambda: baseline(res, data, args.folds), 1)
    repeats = args.repeats if s["n_units"] < 100 else 1     # small sets: the mean of several fold draws
    q = {"alpha": [s["alpha"]], "micro": [s["micro_f1"]], "macro": [s["macro_f1"]],
         "base_alpha": [b["alpha"]], "base_micro": [bmicro], "base_macro": [bmacro]}
    for seed in range(1, repeats):
        r, bb, (mi, ma), _ = run_once(data, lang, args, seed)
        for k, v in (("alpha", r.summary["alpha"]), ("micro", r.summary["micro_f1"]), ("macro", r.summary["macro_f1"]),
                     ("base_alpha", bb["alpha"]), ("base_micro", mi), ("base_macro", ma)):
            q[k].append(v)
    m = {k: float(np.mean(v)) for k, v in q.items()}
    gap = np.array(q["alpha"]) - np.array(q["base_alpha"])          # paired: the same folds for both
    spread = (f"; alpha qualkit - baseline per repeat: mean {gap.mean():+.3f}, sd {gap.std(ddof=1):.3f}, "
              f"se {gap.std(ddof=1) / np.sqrt(len(gap)):.3f}, qualkit higher in {int((gap > 0).sum())} of {len(gap)}"
              if repeats > 1 else "")
    print(f"{name:<16} {s['n_units']:>4} units, {s['n_codes']:>3} codes ({s['n_model']} learned, {s['n_rare']} too rare), "
          f"{len(data.coders)} coder(s)" + (f"; mean of {repeats} repeats of {args.folds}-fold CV" if repeats > 1 else "")
          + spread)
    people = (f"{s['human_alpha']:.3f} [{s['human_alpha_low']:.3f}, {s['human_alpha_high']:.3f}]"
              if s["human_alpha"] == s["human_alpha"] else "-- (one coder)")
    print(f"{'':<16} alpha  qualkit {m['alpha']:.3f} [{s['alpha_low']:.3f}, {s['alpha_high']:.3f}]   "
          f"baseline {m['base_alpha']:.3f} [{b['alpha_low']:.3f}, {b['alpha_high']:.3f}]   people {people}")
    print(f"{'':<16} F1     qualkit micro {m['micro']:.3f} macro {m['macro']:.3f}   "
          f"baseline micro {m['base_micro']:.3f} macro {m['base_macro']:.3f}")
    print(f"{'':<16} time   qualkit learn {fit_cpu:.3f} s CPU = {fit_cpu / base_cpu:.2f}x baseline fit "
          f"({base_cpu:.3f} s); apart: {s['cv']}-fold CV + scores {s['seconds'] - s['fit_seconds']:.1f} s wall")
    print(f"{'':<16} time   whole `qualkit learn` ({s['cv']}-fold CV + fit + scores, no bootstrap) {whole:.2f} s CPU = "
          f"{whole / base_whole:.2f}x the baseline's {s['cv']}-fold CV + fit ({base_whole:.2f} s)", flush=True)
    per = res.scores[res.scores["code"] != OVERALL]
    print(f"{'':<16} codes flagged 'do not use': {int((per['use'] == 'no').sum())} of {len(per)}")
    return {"set": name, **{k: m[k] for k in ("alpha", "base_alpha")}, "human_alpha": s["human_alpha"],
            **{k: m[k] for k in ("micro", "base_micro", "macro", "base_macro")},
            "ratio": fit_cpu / base_cpu, "ratio_whole": whole / base_whole}


def scaling() -> None:
    """Learn time (one fit, cut-offs from given scores) at 10 vs 40 codes on the same rows."""
    data = SETS["rust-interviews"][0]()
    from qualkit.coding.learned_train import targets, unit_texts

    Y, _ = targets(data)
    texts = unit_texts(data)
    keep = [u for u in Y.index if texts.get(u)]
    Y, X = Y.loc[keep].reset_index(drop=True), pd.DataFrame({"text": [texts[u] for u in keep]})
    top = Y.sum().sort_values(ascending=False).index
    took = {k: cpu(lambda k=k: LearnedCoder(threshold=0.5, min_positives=1).fit(X, Y[top[:k]]), 3, 2.0) for k in (10, 40)}
    half = cpu(lambda: LearnedCoder(threshold=0.5, min_positives=1).fit(X.iloc[::2], Y[top[:40]].iloc[::2]), 3, 2.0)
    print(f"scaling          rust-interviews, {len(X)} units: learn {took[10]:.2f} s CPU at 10 codes, {took[40]:.2f} s at "
          f"40 codes: ratio {took[40] / took[10]:.2f} (linear in codes would be <= 4); 40 codes on half the units "
          f"{half:.2f} s: ratio {took[40] / half:.2f} (linear in units would be <= 2)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--boot", type=int, default=200)
    ap.add_argument("--only", choices=list(SETS), action="append")
    ap.add_argument("--repeats", type=int, default=20, help="repeats of the CV for sets under 100 units")
    ap.add_argument("--no-scaling", action="store_true")
    args = ap.parse_args()
    rows = []
    for name in args.only or SETS:
        if not SETS[name][2].exists():
            print(f"{name:<16} skipped: {SETS[name][2]} not found")
            continue
        rows.append(run_set(name, args))
    if rows:
        df = pd.DataFrame(rows).set_index("set")
        print("\nsummary (qualkit vs baseline vs people):")
        print(df.round(3).to_string())
        print(f"qualkit above the baseline in alpha on {int((df.alpha > df.base_alpha).sum())} of {len(df)} sets, "
              f"in micro-F1 on {int((df.micro > df.base_micro).sum())} of {len(df)}")
    if not args.no_scaling and (RUST / "interviews").exists():
        scaling()


if __name__ == "__main__":
    main()
