"""Themes against known themes: qualkit's ThemeSuggester vs stock BERTopic, same embeddings.

Real labelled material from ../shared/data, read the way qualkit reads it:

* ``kamer`` (Dutch): the Dutch speaker turns of the Belgian federal parliament's
  oral questions (plenary_questions_all.jsonl, ``lang == "nl"``). Each
  discussion has a title written by the parliament (``topic_nl``); the titles
  are grouped into 15 policy themes by the ordered keyword rules in
  :data:`KAMER_THEMES` (first match wins; a title no rule matches is left out,
  with all its turns). Each turn is a segment of its discussion (doc_id), in
  order, as a transcript would be.
* ``rust`` (English): the 1,006 interview quotes two researchers coded in
  ATLAS.ti for McCormack et al. (en-rust-unsafe-interviews); the known theme of
  a quote is the code group (codebook.csv ``Groups``) of its codes, for quotes
  whose codes fall in one group (not Misc); duplicates once. Each quote is its
  own document.

For each backend both models get the same vectors: stock BERTopic is
``BERTopic(language="multilingual")`` with its defaults (UMAP, HDBSCAN,
CountVectorizer) and the embeddings; qualkit is ``ThemeSuggester(mode="all")``.
Measures, over every document of the set:

* NMI (all): outliers and segments set apart count as one cluster;
* NMI and ARI (assigned): over the documents the model put in a theme;
* ARI (all): as NMI (all);
* NPMI: coherence of each theme's top-10 keywords (as the model shows them),
  document co-occurrence in the same set (words, lemmas and two-lemma phrases); a keyword
  is in the documents that hold it as written or its lemma, for both models (qualkit shows
  a lemma in its most common written form: ``allocated`` stands for "it allocates" too);
* unassigned: share of documents in no theme;
* seeds: each figure is the mean over ``--seeds`` seeds (qualkit's random_state 42, 1, 2...;
  stock: its default unseeded run plus seeded runs with the same UMAP settings and
  random_state 0, 1, 2...), with the range below it: one UMAP draw moves ARI by a few
  hundredths, so a comparison on one run says little;
* time: CPU seconds of the process and its threads (wall seconds beside them: on a shared
  machine they are mostly other people's work) for embedding (first run, nothing cached) +
  fitting; qualkit also on a rerun
  (embeddings from its cache). Stock's embedding time is what qualkit's first run
  spent embedding (same backend, same texts) plus the texts qualkit set apart.
  Importing BERTopic and compiling UMAP are timed once, apart. Timed: qualkit's first run
  (seed 42) and stock's default run.

Run: python bench/bench_themes.py [--sets kamer rust] [--backends use e5]
Prints figures and ratios measured in one run; asserts nothing.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

from qualkit.types import Segment  # noqa: E402

KAMER_THEMES = [
    ("midden-oosten", r"israël|israëli|gaza|libanon|palestin|midden-oosten|unrwa|netanyahu|syri|joden"),
    ("pensioenen", r"pensioen|wijninckx|eindeloopbaan|loopbaaneinde"),
    ("asiel en migratie", r"asiel|migratie|vluchteling|terugkeer|gezinshereniging|grenscontrole|illegalen|opvang|"
                          r"nationaliteit|internationale bescherming"),
    ("justitie en gevangenissen", r"gevangen|gedetineerd|cipier|justitie|gerecht|magistr|rechter|procureur|"
                                  r"vrijlating|deurwaarder|derde macht|tolken"),
    ("mobiliteit", r"nmbs|trein|spoor|station|leonardkruispunt|rijbewijs|verkeer|e-step|snelweg|maximumsnelheid|"
                   r"airport|landingsbaan|luchthaven|vlucht|openbaarvervoer|securail"),
    ("defensie, oekraïne en rusland", r"oekraïne|rusland|russisch|navo|defensie|militair|f-35|oorlogsvoering"),
    ("criminaliteit en politie", r"politie|drug|geweld|schiet|steekpartij|terreur|terror|jihad|maffia|crimin|"
                                 r"onveiligheid|rellen|kindermisbruik|verkracht|spiking|phishing|cyber|hacker|"
                                 r"extremis|radica|haatprediker|pakkans|witwas|moord|veiligheid van de staat|antifa|"
                                 r"samidoun"),
    ("energie en klimaat", r"energie|elia|gasvoorr|kerncentrale|klimaat|cop16|biodiversiteit|milieu|koolstof|pfas|"
                           r"slib|elektriciteit|hittegolf|droogte|watersnood"),
    ("werkloosheid, ziekte en bijstand", r"ziekteverzuim|langdurig zie|eendagszie|ziekte-uitkering|ziektedagen|"
                                         r"zieke werknemers|werklo[oz]|leefloon|ocmw|uitkering|werkzaamheidsgraad|"
                                         r"terug-naar-werk|sociale zekerheid|socialefraude|armoede|voedselhulp|"
                                         r"niemand werkt|jobs"),
    ("gezondheidszorg", r"riziv|ziekenhu|gezondheid|zorg|kanker|hiv|diabet|arts|verpleeg|sigaret|vape|griep|"
                        r"orgaandonatie|logopedie|eylea|geneesmiddel|farma|patiënt|zwangerschapsafbreking|abortus|"
                        r"spoedafdeling|voedingssupplement|corona|who|palliatief|gezonde voeding"),
    ("begroting en belastingen", r"begroting|budget|belasting|fiscal|fiscus|taks|btw|accijns|nationale bank|nbb|"
                                 r"moody|kredietwaardig|planbureau|rekenhof|financiën|meerwaarde|giften|"
                                 r"lastenverlaging|monitoringcomité|programmawet|inkomensbegrip|graaidag|bedrijfswag|"
                                 r"voordeel van alle aard|cash"),
    ("werk en lonen", r"loon|lonen|staking|vakbond|sociaal overleg|studentenarbeid|arbeid|overuren|ontslag|"
                      r"kunstenaarsstatuut|burn-out|werknemer|fietskoerier|uber|poetshulp|non-profit|"
                      r"zwangerschapsverlof|familiaal verlof|maaltijdcheque|betoging"),
    ("economie en bedrijven", r"audi|arcelor|industri|faillissement|kmo|tupperware|proximus|belfius|bank|delhaize|"
                              r"cora|telecom|digi\b|nestlé|chemie|concurrentie|e-commerce|dividend|koopkracht|"
                              r"inflatie|voedselprijzen|importheffing|invoerheffing|mercosur|horeca|landbouw|glb|"
                              r"vermogen|ongelijkheid|loterij|gok"),
    ("buitenland en europa", r"europ|\beu\b|\bvs\b|trump|verenigde staten|macron|frankrijk|rwanda|drc|"
                             r"azerbeidzjan|iran|guantánamo|\bvn\b|verenigde naties|ontwikkelingssamenwerking|musk|"
                             r"paus|vaticaan|chin"),
    ("staat, democratie en rechten", r"taal|democrat|partij|senaat|ombudsman|gba|gegevensbescherming|brussel|prins|"
                                     r"lgbt|pride|discriminatie|vrouwen|meningsuiting|vereniging|metissen|adoptie|"
                                     r"islami|diyanet|moslimbroederschap|sociale media|digitale"),
]
"""Kamer discussion titles -> policy theme: ordered keyword rules on the lower-cased title, first match wins."""


def kamer_theme(title: str) -> str | None:
    t = title.lower()
    return next((name for name, pat in KAMER_THEMES if re.search(pat, t)), None)


def load_kamer() -> tuple[list[Segment], list[str], str]:
    segs, labels = [], []
    path = DATA / "nl-be-kamer-plenary-qa" / "plenary_questions_all.jsonl"
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        theme = kamer_theme(rec["topic_nl"])
        if theme is None:
            continue
        doc = f"{rec['session_id']}/{rec['question_id']}"
        for j, turn in enumerate(rec["turns"]):
            if turn["lang"] == "nl" and turn["text"].strip():
                segs.append(Segment(text=turn["text"], doc_id=doc, start=j, end=j + 1, unit_id=doc, question="",
                                    source=path.name, speaker=turn["speaker"]))
                labels.append(theme)
    return segs, labels, "nl"


def load_rust() -> tuple[list[Segment], list[str], str]:
    base = DATA / "en-rust-unsafe-interviews" / "interviews" / "coding"
    with (base / "codebook.csv").open(encoding="utf-8-sig") as f:
        groups = {r["Code"]: r["Groups"].replace("New Bug Categories", "Bug Categories") for r in csv.DictReader(f)}
    seen: dict[str, str] = {}
    with (base / "decisions.csv").open(encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            found = {groups.get(c.strip(), "") for c in r["Codes"].split(", ") if c.strip()}
            text = " ".join(r["Text Content"].split())
            if len(found) == 1 and not found & {"", "Misc"} and "," not in next(iter(found)) and len(text) >= 40:
                seen.setdefault(text, next(iter(found)))
    segs = [Segment(text=t, doc_id=f"q{i}", start=0, end=len(t), unit_id=f"q{i}", question="", source="decisions.csv")
            for i, t in enumerate(seen)]
    return segs, list(seen.values()), "en"


SETS = {"kamer": load_kamer, "rust": load_rust}
WALL, CPU = 0, 1


def now() -> np.ndarray:
    """(wall clock, CPU time of this process and its threads) in seconds."""
    return np.array([time.perf_counter(), time.process_time()])


class Npmi:
    """NPMI of keyword pairs, document co-occurrence; a document holds its words, lemmas and lemma pairs,
    and a keyword is in the documents that hold it as written or its lemma (``allocated``: also
    "it allocates"), the same for both models: qualkit shows a lemma in its most common written form."""

    def __init__(self, texts: list[str], pipe) -> None:
        self.pipe, self.n = pipe, len(texts)
        self.index: dict[str, set[int]] = {}
        for i, (text, lem) in enumerate(zip(texts, pipe.lemmas(texts))):
            words = set(re.findall(r"[^\W\d_]+", text.lower())) | set(lem)
            words |= {f"{a} {b}" for a, b in zip(lem, lem[1:])}
            for w in words:
                self.index.setdefault(w, set()).add(i)

    def docs(self, keyword: str) -> set[int]:
        k = keyword.lower()
        lemma = " ".join(self.pipe.lemma_of(w) for w in k.split())
        return self.index.get(k, set()) | self.index.get(lemma, set())

    def theme(self, words: list[str]) -> float:
        found = [d for d in map(self.docs, words) if d][:10]
        if len(found) < 2:
            return -1.0
        scores = []
        for i in range(len(found)):
            for j in range(i + 1, len(found)):
                both = len(found[i] & found[j])
                if both == 0:
                    scores.append(-1.0)
                    continue
                pij, pi, pj = both / self.n, len(found[i]) / self.n, len(found[j]) / self.n
                scores.append(1.0 if pij == 1 else np.log(pij / (pi * pj)) / -np.log(pij))
        return float(np.mean(scores))


def scores(labels: list[str], topics: np.ndarray, keywords: list[list[str]], npmi: Npmi) -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    y = np.asarray(labels)
    a = topics >= 0
    return {"themes": len(keywords), "unassigned": float(1 - a.mean()),
            "nmi_all": normalized_mutual_info_score(y, topics),
            "nmi_assigned": normalized_mutual_info_score(y[a], topics[a]) if a.any() else 0.0,
            "ari": adjusted_rand_score(y[a], topics[a]) if a.any() else 0.0,
            "ari_all": adjusted_rand_score(y, topics),
            "npmi": float(np.mean([npmi.theme(k) for k in keywords])) if keywords else -1.0}


def _qualkit_topics(ts, n: int) -> np.ndarray:
    topics = np.full(n, -1)
    a = ts.assignments_
    topics[a.segment.to_numpy()] = a.theme.to_numpy()
    return topics


def _stock_scores(model, topics, labels: list[str], npmi: Npmi) -> dict:
    st = np.asarray(topics)
    kw = [[w for w, _ in model.get_topic(k)][:10] for k in sorted(set(st.tolist()) - {-1})]
    return scores(labels, st, kw, npmi)


def run(name: str, backend: str, pipe_of, seeds: int) -> list[tuple[str, list[dict], np.ndarray]]:
    from bertopic import BERTopic
    from umap import UMAP

    from qualkit.topics import ThemeSuggester
    from qualkit.topics.embed import embed

    segs, labels, lang = SETS[name]()
    texts = [s.text for s in segs]
    npmi = Npmi(texts, pipe_of(lang))
    print(f"\n== {name} ({lang}): {len(segs):,} documents, {len(set(labels))} known themes; embeddings: {backend}",
          flush=True)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["QUALKIT_CACHE_DIR"] = cache
        steps: dict[str, list[np.ndarray]] = {}

        def clock(step: str, done: int, total: int) -> None:
            steps.setdefault(step, []).append(now())

        t = now()
        ts = ThemeSuggester(mode="all", embedding=backend, language=lang).fit(segs, progress=clock)
        first = now() - t
        t = now()
        again = ThemeSuggester(mode="all", embedding=backend, language=lang).fit(segs)
        rerun = now() - t
        same = again.themes_ == ts.themes_ and again.assignments_.theme.equals(ts.assignments_.theme)
        others = [ThemeSuggester(mode="all", embedding=backend, language=lang, random_state=seed).fit(segs)
                  for seed in range(1, seeds)]  # embeddings from the cache
        # stock embeds the same texts with the same backend: the time qualkit's first run spent
        # embedding (cold cache), plus the few texts qualkit set apart (language, no words)
        t_embed = steps["embeddings"][-1] - steps["lemmas"][-1]
        t = now()
        emb = embed(texts, backend) if backend != "tfidf" else None
        t_embed += now() - t
    if emb is None:
        from qualkit.topics.embed import TfidfSvdEmbedder

        t = now()
        emb = TfidfSvdEmbedder().fit_transform([" ".join(x) for x in pipe_of(lang).lemmas(texts)])
        t_embed = now() - t
    out = [("qualkit", [scores(labels, _qualkit_topics(m, len(segs)), [t.words[:10] for t in m.themes_], npmi)
                        for m in (ts, *others)], first)]
    print(f"  qualkit: first run {first[CPU]:.1f}s CPU ({first[WALL]:.1f}s wall), rerun {rerun[CPU]:.1f}s CPU "
          f"({rerun[CPU] / first[CPU]:.0%}), deterministic: {same}; set apart: "
          f"{ts.summary_['other_language'] or 'none'}, no words: {ts.summary_['no_words']}", flush=True)
    # stock as a user runs it (UMAP unseeded, parallel): timed; then seeded (the same UMAP settings
    # with random_state), one fit per seed, for a comparison that does not hang on one draw
    t = now()
    stock = BERTopic(language="multilingual")
    stock_topics, _ = stock.fit_transform(texts, emb)
    t_stock = now() - t + t_embed
    runs = [_stock_scores(stock, stock_topics, labels, npmi)]
    for seed in range(seeds):
        m = BERTopic(language="multilingual", umap_model=UMAP(n_neighbors=15, n_components=5, min_dist=0.0,
                                                              metric="cosine", random_state=seed))
        runs.append(_stock_scores(m, m.fit_transform(texts, emb)[0], labels, npmi))
    out.append(("stock BERTopic", runs, t_stock))
    keys = ("nmi_all", "nmi_assigned", "ari", "ari_all", "npmi")
    print(f"  {'':<16} {'themes':>6} {'unassigned':>10} {'NMI all':>8} {'NMI asg':>8} {'ARI asg':>8} "
          f"{'ARI all':>8} {'NPMI':>7} {'CPU':>7} {'wall':>7}   (mean over {seeds} seeds; stock: + 1 unseeded run)")
    for who, ss, dt in out:
        m = {k: float(np.mean([x[k] for x in ss])) for k in (*keys, "themes", "unassigned")}
        print(f"  {who:<16} {m['themes']:>6.0f} {m['unassigned']:>10.1%} {m['nmi_all']:>8.3f} {m['nmi_assigned']:>8.3f} "
              f"{m['ari']:>8.3f} {m['ari_all']:>8.3f} {m['npmi']:>+7.3f} {dt[CPU]:>6.1f}s {dt[WALL]:>6.1f}s")
        lo = {k: min(x[k] for x in ss) for k in (*keys, "themes", "unassigned")}
        hi = {k: max(x[k] for x in ss) for k in (*keys, "themes", "unassigned")}
        print(f"  {'  range':<16} {lo['themes']:>3}-{hi['themes']:<2} {lo['unassigned']:>4.0%}-{hi['unassigned']:<4.0%} "
              + " ".join(f"{lo[k]:+.3f}/{hi[k]:+.3f}" if k == "npmi" else f"{lo[k]:.3f}-{hi[k]:.3f}"
                         for k in keys), flush=True)
    (_, q, tq), (_, s, tsk) = out
    mq = {k: float(np.mean([x[k] for x in q])) for k in keys}
    ms = {k: float(np.mean([x[k] for x in s])) for k in keys}
    ahead = {k: min(x[k] for x in q) > max(x[k] for x in s) for k in keys}
    print(f"  qualkit / stock (means): NMI all x{mq['nmi_all'] / ms['nmi_all']:.2f}, ARI x{mq['ari'] / max(ms['ari'], 1e-9):.2f}, "
          f"NPMI {mq['npmi'] - ms['npmi']:+.3f}, time (CPU) x{tq[CPU] / tsk[CPU]:.2f} first run "
          f"(wall x{tq[WALL] / tsk[WALL]:.2f}), x{rerun[CPU] / tsk[CPU]:.2f} rerun; qualkit's worst seed above "
          f"stock's best: " + ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in ahead.items()), flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    ap.add_argument("--backends", nargs="+", default=["use"], choices=["use", "e5", "minilm", "tfidf"])
    ap.add_argument("--seeds", type=int, default=3, help="seeds per model (qualkit: 42, 1, 2, ...; stock: 0, 1, ...)")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    import logging

    logging.getLogger("qualkit").setLevel(logging.ERROR)
    from qualkit.nlp import load_pipeline

    pipes: dict = {}

    def pipe_of(lang: str):
        return pipes.setdefault(lang, load_pipeline(lang))

    t = time.perf_counter()
    import bertopic  # noqa: F401

    from umap import UMAP

    from qualkit.topics.cluster import Reduction

    X = np.random.RandomState(0).normal(size=(300, 16)).astype(np.float32)
    Reduction(random_state=1).fit_transform(X)  # numba compiles UMAP once per process, for qualkit's
    UMAP(metric="cosine").fit_transform(X)      # seeded variant (neighbours given) and stock's parallel one
    print(f"import bertopic + compiling UMAP: {time.perf_counter() - t:.1f}s (paid once by either; in neither "
          "timing below)")
    for name in args.sets:
        for backend in args.backends:
            if name == "kamer" and backend == "minilm":
                continue  # English-only model
            run(name, backend, pipe_of, args.seeds)


if __name__ == "__main__":
    main()
