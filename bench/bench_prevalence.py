"""Corrected prevalence on real human-coded data: does the 95% interval cover the human share,
and is the corrected share closer to it than the machine's raw share?

Design: every unit of a real data set has a human code (the truth) and a machine code. Each
repetition draws a random validation sample of ``m`` units (as a researcher would code by
hand), computes the machine's sensitivity and specificity on it and the Rogan-Gladen share
with its interval (qualkit.stats.prevalence), and compares with the human share of ALL units.

Data (../shared/data, never copied):
- nl-ecosent gold.csv: 284 Dutch economic headlines, expert sentiment; codes ``positief``
  (value 1) and ``negatief`` (value -1). Machines: (a) a rule codebook made of the Boukes
  positive/negative dictionary (boukinator.json, globs) coded by qualkit; (b) a learned
  model (qualkit's LearnedCoder), out-of-fold predictions (5 folds), so no unit is coded by
  a model that saw its human code.
  For comparison, two cheaper human coders of the same headlines: (c) the majority of five
  crowd coders (crowdcodings.csv), (d) one student per headline (manual_coding.csv, the
  first coder listed).
- nl-ecosent icr_data.csv: 421 headlines with text, code ``Economisch`` (economic news or
  not), the majority of 3-14 coders. Machine: the learned model, out of fold.

Run: ``nice -n 5 .venv/bin/python bench/bench_prevalence.py [--reps 1000]``. Prints, per
data set x machine x code x validation size: the human share, the raw share, coverage of
the 95% interval, mean absolute error of raw and corrected shares and their ratio, and (LRcov,
LRwid) the coverage and width of Lang & Reiczigel's (2014) analytic interval on the same samples.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

from qualkit.stats.prevalence import METHOD, corrected_share

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ECO = DATA / "nl-ecosent"


def headlines() -> dict[str, str]:
    meta = pd.read_csv(ECO / "metadata.csv", dtype=str, keep_default_na=False)
    return dict(zip(meta["id"], meta["headline"]))


def gold_truth() -> tuple[list[str], pd.DataFrame]:
    gold = pd.read_csv(ECO / "gold.csv", dtype=str)
    texts = headlines()
    gold = gold[gold["id"].map(lambda i: bool(texts.get(i, "").strip()))]
    truth = pd.DataFrame({"positief": (gold["value"] == "1").astype(int).to_numpy(),
                          "negatief": (gold["value"] == "-1").astype(int).to_numpy()}, index=gold["id"])
    return [texts[i] for i in gold["id"]], truth


def icr_truth() -> tuple[list[str], pd.DataFrame]:
    icr = pd.read_csv(ECO / "icr_data.csv", sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    icr["v"] = pd.to_numeric(icr["Economisch"].str.strip(), errors="coerce")
    icr = icr[icr["headline"].str.strip() != ""].dropna(subset=["v"])
    major = icr.groupby("ID")["v"].mean().ge(0.5).astype(int)        # majority of the coders (ties: 1)
    text = icr.groupby("ID")["headline"].first()
    return text.loc[major.index].tolist(), pd.DataFrame({"Economisch": major.to_numpy()}, index=major.index)


def rule_machine(texts: list[str], ids) -> pd.DataFrame:
    """qualkit coding with the Boukes dictionary as a codebook (globs, 'except when' as excludes)."""
    from qualkit.codebook.model import Code, Codebook, Rule
    from qualkit import code_corpus
    from qualkit.types import Corpus, Segment

    book = json.loads((ECO / "boukinator.json").read_text(encoding="utf-8"))
    codes = []
    for cid, key in (("positief", "positive"), ("negatief", "negative")):
        inc = [Rule("glob", w.strip()) for w in book[key]["list"] if w.strip() and " " not in w.strip()]
        exc = [Rule("glob", w.strip()) for w in book[key].get("except_when", []) if w.strip() and " " not in w.strip()]
        codes.append(Code(cid, cid, include=inc, exclude=exc))
    cb = Codebook("boukes", "1.0", codes)
    segs = [Segment(t, f"{i}/kop", 0, len(t), str(i), "kop", "metadata.csv") for i, t in zip(ids, texts)]
    corpus = Corpus(segs, {s.doc_id: s.text for s in segs}, pd.DataFrame(index=pd.Index([str(i) for i in ids])),
                    ["kop"], "survey")
    res = code_corpus(corpus, cb)
    out = pd.DataFrame(0, index=[str(i) for i in ids], columns=["positief", "negatief"])
    for d, c in res.codings[["unit_id", "code"]].drop_duplicates().itertuples(index=False):
        out.at[d, c] = 1
    return out


def people_machine(file: str, truth: pd.DataFrame, how: str) -> pd.DataFrame:
    """A cheaper human coder as the coder to correct: the crowd's majority or one student."""
    df = pd.read_csv(ECO / file, dtype=str)
    df["v"] = pd.to_numeric(df["value"])
    if how == "majority":
        val = df.groupby("id")["v"].agg(lambda v: v.mode().iloc[0] if len(v.mode()) == 1 else 0)
    else:
        val = df.groupby("id")["v"].first()
    val = val.reindex(truth.index).fillna(0)
    return pd.DataFrame({"positief": (val == 1).astype(int), "negatief": (val == -1).astype(int)}, index=truth.index)


def learned_machine(texts: list[str], truth: pd.DataFrame, nl, folds: int = 5) -> pd.DataFrame:
    """Out-of-fold predictions of qualkit's LearnedCoder (each unit coded by a model not trained on it)."""
    from sklearn.base import clone
    from sklearn.model_selection import KFold

    from qualkit.coding.learned import LearnedCoder
    from qualkit.coding.learned_use import unit_features

    X, _ = unit_features(texts, nl, None)
    X.index = truth.index
    est = LearnedCoder(random_state=0)
    out = pd.DataFrame(0, index=truth.index, columns=truth.columns)
    for tr, te in KFold(folds, shuffle=True, random_state=0).split(X):
        pred = clone(est).fit(X.iloc[tr], truth.iloc[tr]).predict(X.iloc[te])
        out.iloc[te] = pred[truth.columns].to_numpy()
    return out


def lang_reiczigel(tp: int, fn: int, tn: int, fp: int, x: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Lang & Reiczigel (2014) 95% interval of the true share (as in the R package asht's prevSeSp):
    Agresti-Coull-type adjusted sensitivity, specificity and raw share, a bias shift, and the
    delta-method variance that includes the validation sample. An analytic comparator from the
    literature for qualkit's bootstrap (Flor et al. 2020 found it close to nominal)."""
    n_se, n_sp = tp + fn, tn + fp
    se, sp = (tp + 1) / (n_se + 2), (tn + 1) / (n_sp + 2)
    ap = (x + z * z / 2) / (n + z * z)
    j = se + sp - 1
    if j <= 0:
        return 0.0, 1.0
    p = (ap + sp - 1) / j
    shift = 2 * z * z * (p * se * (1 - se) / (n_se + 2) - (1 - p) * sp * (1 - sp) / (n_sp + 2))
    var = (ap * (1 - ap) / (n + z * z) + p * p * se * (1 - se) / (n_se + 2)
           + (1 - p) ** 2 * sp * (1 - sp) / (n_sp + 2)) / j ** 2
    half = z * np.sqrt(var)
    return max(p + shift - half, 0.0), min(p + shift + half, 1.0)


def simulate(h: np.ndarray, m: np.ndarray, size: int, reps: int, rng) -> dict:
    n, truth, raw = len(h), h.mean(), m.mean()
    cover, err_raw, err_cor, widths, skipped = 0, [], [], [], 0
    lr_cover, lr_widths = 0, []
    for r in range(reps):
        idx = rng.choice(n, size, replace=False)
        hv, mv = h[idx], m[idx]
        tp, fn = int(((hv == 1) & (mv == 1)).sum()), int(((hv == 1) & (mv == 0)).sum())
        tn, fp = int(((hv == 0) & (mv == 0)).sum()), int(((hv == 0) & (mv == 1)).sum())
        res = corrected_share(int(m.sum()), n, tp, fn, tn, fp, n_boot=1000, random_state=r)
        if np.isnan(res["corrected"]):
            skipped += 1
            continue
        cover += res["low"] <= truth <= res["high"]
        known, rest, rest_pos = tp + fn, n - size, int(m.sum()) - (tp + fp)
        lo, hi = lang_reiczigel(tp, fn, tn, fp, rest_pos, rest)
        lo, hi = (known + rest * lo) / n, (known + rest * hi) / n
        lr_cover += lo <= truth <= hi
        lr_widths.append(hi - lo)
        err_raw.append(abs(raw - truth))
        err_cor.append(abs(res["corrected"] - truth))
        widths.append(res["high"] - res["low"])
    done = reps - skipped
    return {"coverage": cover / done if done else np.nan, "mae_raw": np.mean(err_raw) if done else np.nan,
            "mae_corrected": np.mean(err_cor) if done else np.nan, "width": np.mean(widths) if done else np.nan,
            "lr_coverage": lr_cover / done if done else np.nan, "lr_width": np.mean(lr_widths) if done else np.nan,
            "no_correction": skipped / reps}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=1000, help="validation samples per setting")
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 150])
    args = ap.parse_args()
    from qualkit.nlp import load_pipeline

    nl = load_pipeline("nl")
    started = time.perf_counter()
    gold_texts, gold = gold_truth()
    icr_texts, icr = icr_truth()
    machines = [("ecosent-gold", "rules (Boukes dictionary)", gold, rule_machine(gold_texts, gold.index)),
                ("ecosent-gold", "learned model (out of fold)", gold, learned_machine(gold_texts, gold, nl)),
                ("ecosent-gold", "crowd majority (5 people)", gold, people_machine("crowdcodings.csv", gold, "majority")),
                ("ecosent-gold", "one student", gold, people_machine("manual_coding.csv", gold, "first")),
                ("ecosent-icr", "learned model (out of fold)", icr, learned_machine(icr_texts, icr, nl))]
    print(f"Method: {METHOD}.")
    print(f"{args.reps} random validation samples per row; truth = the human share of all N units.\n")
    head = (f"{'data':13} {'machine':28} {'code':10} {'N':>4} {'human%':>6} {'raw%':>6} {'se':>5} {'sp':>5} "
            f"{'m':>4} {'cover':>6} {'MAEraw':>6} {'MAEcor':>6} {'ratio':>5} {'width':>6} {'LRcov':>6} {'LRwid':>6}")
    print(head)
    rng = np.random.default_rng(0)
    summary = []
    for data, name, truth, mach in machines:
        for code in truth.columns:
            h, m = truth[code].to_numpy(), mach.loc[truth.index, code].to_numpy()
            se = ((h == 1) & (m == 1)).sum() / max(1, (h == 1).sum())
            sp = ((h == 0) & (m == 0)).sum() / max(1, (h == 0).sum())
            for size in args.sizes:
                if size >= len(h):
                    continue
                r = simulate(h, m, size, args.reps, rng)
                ratio = r["mae_corrected"] / r["mae_raw"] if r["mae_raw"] else np.nan
                summary.append((r["coverage"], ratio, abs(h.mean() - m.mean()), r["lr_coverage"], r["width"],
                                r["lr_width"]))
                print(f"{data:13} {name:28} {code:10} {len(h):4d} {100 * h.mean():6.1f} {100 * m.mean():6.1f} "
                      f"{se:5.2f} {sp:5.2f} {size:4d} {100 * r['coverage']:5.1f}% {100 * r['mae_raw']:6.1f} "
                      f"{100 * r['mae_corrected']:6.1f} {ratio:5.2f} {100 * r['width']:6.1f} "
                      f"{100 * r['lr_coverage']:5.1f}% {100 * r['lr_width']:6.1f}"
                      + (f"  ({100 * r['no_correction']:.0f}% of samples: no correction)" if r["no_correction"] else ""))
    cov = [c[0] for c in summary]
    lr = [c[3] for c in summary]
    print(f"\nCoverage of the 95% interval: median {100 * np.median(cov):.1f}%, range {100 * min(cov):.1f}-"
          f"{100 * max(cov):.1f}% over {len(cov)} settings (Lang & Reiczigel 2014 on the same samples: median "
          f"{100 * np.median(lr):.1f}%, range {100 * min(lr):.1f}-{100 * max(lr):.1f}%; width of qualkit's interval / "
          f"theirs: median {np.median([c[4] / c[5] for c in summary]):.2f}).")
    for label, keep in (("biased coders (raw share off by > 5 points)", lambda b: b > 0.05),
                        ("near-calibrated coders (raw off by <= 5 points)", lambda b: b <= 0.05)):
        rat = [c[1] for c in summary if keep(c[2]) and not np.isnan(c[1])]
        if rat:
            print(f"Error of corrected / error of raw, {label}: median {np.median(rat):.2f}, "
                  f"{sum(x < 1 for x in rat)} of {len(rat)} settings below 1 (< 1: corrected is closer).")
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
