"""Negation scope on real answers (#18), judged by hand: old rule against the new.

Every match of ``bench/bench_lemmas_codebook.yaml`` in the Party Panel open answers
(``../shared/data/nl-partypanel-openanswers``) that has a negation cue in its sentence
within 6 words before or 4 after is a case. ``bench/bench_lemmas_negation.tsv`` says for
each, by hand, whether the negation denies what the code stands for (1: the code should be
cancelled) or not (0: *de vriendschap niet willen schaden* keeps 'vrienden'). Cases are
keyed by file, row and column number (0-based, as pandas reads the
file) and the match's character offset (no answer text in the repository).

    python bench/bench_lemmas_negation.py            # the comparison
    python bench/bench_lemmas_negation.py --list     # every case with its sentence, to judge
"""
from __future__ import annotations

import argparse
import csv
import glob
from bisect import bisect_right
from pathlib import Path

import pandas as pd

from qualkit.codebook import load_codebook
from qualkit.coding import units
from qualkit.coding.matcher import CodebookMatcher
from qualkit.nlp import load_pipeline

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data" / "nl-partypanel-openanswers"
OLD_BOUNDS = frozenset(["maar", "want", "omdat", "echter", "behalve", "doch", "wel"])


def answers():
    """Every open answer once (the coded 19.1 file repeats fragments in several columns)."""
    seen: set[str] = set()
    for f in sorted(glob.glob(str(DATA / "pp1*.csv"))):
        df = pd.read_csv(f, dtype=str, keep_default_na=False)
        for r, row in enumerate(df.itertuples(index=False)):
            for col, v in enumerate(row):
                key = v.split("[[")[0].strip()   # the same fragment with and without its ROCK codes
                if len(v) > 25 and " " in v and not v.startswith("http") and key not in seen:
                    seen.add(key)
                    yield Path(f).name, r, col, v


def old_rule(words, starts, first, last, window=4, after=2):
    """qualkit's scope before #18: a cue within the window, stopped by punctuation and 7 words."""
    sent = starts[bisect_right(starts, first) - 1]
    for j in range(first - 1, max(sent, first - window) - 1, -1):
        if words[j].cue:
            return j
        if not any(ch.isalnum() for ch in words[j].lower) or words[j].lower in OLD_BOUNDS:
            break
    nxt = bisect_right(starts, last)
    end = starts[nxt] if nxt < len(starts) else len(words)
    for j in range(last + 1, min(end, last + 1 + after)):
        if words[j].cue:
            return j
        if not any(ch.isalnum() for ch in words[j].lower) or words[j].lower in OLD_BOUNDS:
            break
    return None


def cases(pipe):
    cb = load_codebook(HERE / "bench_lemmas_codebook.yaml")
    for c in cb.codes:
        c.negation = False
    m = CodebookMatcher(cb, pipe)
    seen = set()
    for fname, r, col, text in answers():
        doc = next(pipe.pipe([text]))
        words = m.words(doc)
        idx = [t.idx for t in doc]
        starts = units.unit_starts(words, idx, units.sentence_starts(words))
        for h in m.match(doc, None, text):
            first = bisect_right(idx, h.start) - 1
            last = bisect_right(idx, h.end - 1) - 1
            u = bisect_right(starts, first) - 1
            s, e = starts[u], (starts[u + 1] if u + 1 < len(starts) else len(words))
            cues = [j for j in range(max(s, first - 6), min(e, last + 5)) if words[j].cue and not first <= j <= last]
            key = (fname, r, col, h.start, h.code)
            if not cues or key in seen:
                continue
            seen.add(key)
            yield key, text, idx, words, starts, first, last, cues, m


def judge(pipe) -> None:
    path = HERE / "bench_lemmas_negation.tsv"
    with open(path, encoding="utf-8") as f:
        labels = {(r[0], int(r[1]), int(r[2]), int(r[3]), r[4]): r[5] for r in csv.reader(f, delimiter="\t")
                  if r and not r[0].startswith("#")}
    tally = {"old": [0, 0, 0], "new": [0, 0, 0]}   # right, wrongly cancelled, wrongly kept
    n = 0
    for key, text, idx, words, starts, first, last, cues, m in cases(pipe):
        want = labels.get(key)
        if want is None:
            continue
        n += 1
        for name, got in (("old", old_rule(words, starts, first, last) is not None),
                          ("new", m.scope.cue(words, starts, first, last) is not None)):
            t = tally[name]
            if got == (want == "1"):
                t[0] += 1
            elif got:
                t[1] += 1
            else:
                t[2] += 1
    print(f"\n4. negation on real answers: {n} matches with a cue nearby (Party Panel, judged by hand)")
    for name, (ok, cancelled, kept) in tally.items():
        label = "old scope (window only)" if name == "old" else "new scope (clauses, verbs)"
        print(f"   {label:28s} right {ok}/{n} ({ok / max(n, 1):.0%}); code wrongly cancelled {cancelled}, "
              f"wrongly kept {kept}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    pipe = load_pipeline("nl")
    if not args.list:
        judge(pipe)
        return
    for key, text, idx, words, starts, first, last, cues, m in cases(pipe):
        a, b = idx[first], idx[last] + words[last].length
        u = bisect_right(starts, first) - 1
        s = idx[starts[u]]
        e = idx[starts[u + 1]] if u + 1 < len(starts) else len(text)
        marked = text[s:a] + "[" + text[a:b] + "]" + text[b:e]
        old = old_rule(words, starts, first, last) is not None
        new = m.scope.cue(words, starts, first, last) is not None
        print("\t".join(map(str, key)), f"old={int(old)} new={int(new)}", " ".join(marked.split())[:300], sep="\t")


if __name__ == "__main__":
    main()
