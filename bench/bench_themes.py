"""Theme suggestion: qualkit's ThemeSuggester against stock BERTopic, same embeddings.

Corpus: 20,000 real Dutch segments - the 8,227 economic news headlines of
nl-ecosent plus sentences of Belgian parliament oral questions (kamer), from
../shared/data. Both models get the same embeddings (qualkit's default TF-IDF +
SVD on lemmas, or --embedding-model NAME for a local sentence-transformers model).

Stock BERTopic = UMAP + HDBSCAN + CountVectorizer defaults (language set to
"multilingual" so its preprocessing keeps accented letters; with embeddings given
that is its only effect). Quality, for both:

* NPMI coherence of each theme's top-10 keywords (mapped to lemmas, duplicates
  and stop words dropped, as coherence measures usually do), with a kamer speaker
  turn or a headline as co-occurrence window;
* agreement with known labels: NMI and AMI between themes and the kamer
  question titles, on the kamer sentences (outliers count as one cluster);
* share of the top-10 keywords that are stop words, numbers or punctuation
  (stock's own top 10); coherence and agreement then use each theme's ten best
  keywords that are not stop words, for both models.

Run: python bench/bench_themes.py [--n 20000] [--embedding-model all-MiniLM-L6-v2]
Prints ratios; asserts nothing.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

from qualkit.nlp import load_pipeline  # noqa: E402
from qualkit.topics import ThemeSuggester  # noqa: E402
from qualkit.topics.cluster import stop_words  # noqa: E402
from qualkit.topics.embed import TfidfSvdEmbedder, load_sentence_model, SentenceEmbedder  # noqa: E402
from qualkit.types import Segment  # noqa: E402


def load_corpus(n: int, pipe) -> tuple[list[Segment], list[str | None], list[int]]:
    """Segments, the kamer title of each (None for headlines), and each one's co-occurrence window id."""
    segs: list[Segment] = []
    labels: list[str | None] = []
    windows: list[int] = []
    with open(DATA / "nl-ecosent" / "metadata.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            text = row["headline"].strip()
            if text:
                segs.append(Segment(text=text, doc_id=f"eco/{row['id']}", start=0, end=len(text),
                                    unit_id=row["id"], question="headline", source="metadata.csv"))
                labels.append(None)
                windows.append(len(windows))
    win = len(windows)
    for line in open(DATA / "nl-be-kamer-plenary-qa" / "plenary_questions_dutch.jsonl", encoding="utf-8"):
        rec = json.loads(line)
        for j, turn in enumerate(rec["turns"]):
            if turn.get("lang") != "nl":
                continue
            win += 1
            for sent in pipe.nlp(turn["text"].replace("\n", " ")).sents:
                text = sent.text.strip()
                if len(text.split()) >= 5 and len(segs) < n:
                    segs.append(Segment(text=text, doc_id=f"kamer/{rec['question_id']}/{j}", start=0,
                                        end=len(text), unit_id=rec["question_id"], question="kamer",
                                        source="kamer", speaker=turn["speaker"]))
                    labels.append(rec["topic_nl"])
                    windows.append(win)
    return segs[:n], labels[:n], windows[:n]


class Npmi:
    """NPMI of keyword pairs over windows (sets of lemmas)."""

    def __init__(self, lemma_docs: list[list[str]], windows: list[int], lemma_of, stops: set[str]):
        merged: dict[int, set[str]] = {}
        for w, lem in zip(windows, lemma_docs):
            merged.setdefault(w, set()).update(x for x in lem if x not in stops)
        self.stops = stops
        self.vocab: dict[str, int] = {}
        rows, cols = [], []
        for i, words in enumerate(merged.values()):
            for word in words:
                rows.append(i)
                cols.append(self.vocab.setdefault(word, len(self.vocab)))
        self.B = sparse.csc_matrix((np.ones(len(rows), np.float32), (rows, cols)),
                                   shape=(len(merged), len(self.vocab)))
        self.N = len(merged)
        self.lemma_of = lemma_of

    def topic(self, words: list[str]) -> float:
        lemmas = [w for w in (self.lemma_of(x) for x in words if x.lower() not in self.stops) if w not in self.stops]
        ids = list(dict.fromkeys(self.vocab[w] for w in lemmas if w in self.vocab))
        if len(ids) < 2:
            return -1.0
        M = self.B[:, ids]
        co = (M.T @ M).toarray()
        p = np.diag(co) / self.N
        out = []
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                pij = co[i, j] / self.N
                out.append(-1.0 if pij == 0 else np.log(pij / (p[i] * p[j])) / -np.log(pij))
        return float(np.mean(out))


def content_words(model, topics, stops: set[str], n: int = 10) -> list[list[str]]:
    """Each theme's top ``n`` c-TF-IDF words that are not stop words (what a reader would take
    as its keywords), so both models are scored on ten content words."""
    vocab = model.vectorizer_model.get_feature_names_out()
    out = []
    for k in sorted(set(topics)):
        if k == -1:
            continue
        row = model.c_tf_idf_[k + model._outliers].toarray().ravel()
        order = np.argsort(-row, kind="stable")
        out.append([vocab[i] for i in order if row[i] > 0 and vocab[i].lower() not in stops][:n])
    return out


def quality(name: str, topic_words: list[list[str]], topics: np.ndarray, labels, npmi: Npmi, stops,
            own_top: list[list[str]] | None = None) -> dict:
    from sklearn.metrics import adjusted_mutual_info_score, normalized_mutual_info_score

    kam = [i for i, lab in enumerate(labels) if lab is not None]
    y = [labels[i] for i in kam]
    top = [w for ws in (own_top or topic_words) for w in ws[:10]]
    res = {
        "name": name, "themes": len(topic_words), "outliers": float(np.mean(topics == -1)),
        "npmi": float(np.mean([npmi.topic(ws[:10]) for ws in topic_words])),
        "nmi": normalized_mutual_info_score(y, topics[kam]), "ami": adjusted_mutual_info_score(y, topics[kam]),
        "stop": float(np.mean([w.lower() in stops for w in top])),
        "junk": float(np.mean([not re.fullmatch(r"[^\W\d_]{2,}", w) for w in top])),
    }
    print(f"  {name:<28} themes={res['themes']:>4}  outliers={res['outliers']:.1%}  NPMI={res['npmi']:+.3f}  "
          f"NMI={res['nmi']:.3f}  AMI={res['ami']:.3f}  stop words={res['stop']:.1%}  "
          f"numbers/punct={res['junk']:.1%}")
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--embedding-model", default=None, help="a local sentence-transformers model instead of TF-IDF+SVD")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    import logging

    logging.getLogger("qualkit").setLevel(logging.ERROR)
    pipe = load_pipeline("nl")
    segs, labels, windows = load_corpus(args.n, pipe)
    texts = [s.text for s in segs]
    lemmas = list(pipe.lemmas(texts))
    stops = set(stop_words("nl", pipe.lemma_of))
    print(f"{len(segs):,} segments ({sum(lab is None for lab in labels):,} headlines, "
          f"{sum(lab is not None for lab in labels):,} kamer sentences, {len(set(filter(None, labels)))} titles)")

    t = time.perf_counter()
    if args.embedding_model:
        emb = SentenceEmbedder(load_sentence_model(args.embedding_model)).transform(texts)
    else:
        emb = TfidfSvdEmbedder(stop_words=sorted(stops)).fit_transform([" ".join(x) for x in lemmas])
    print(f"embeddings: {args.embedding_model or 'tfidf-svd'} {emb.shape}, {time.perf_counter() - t:.1f}s "
          "(shared, not in the timings below)")
    npmi = Npmi(lemmas, windows, pipe.lemma_of, stops)

    from bertopic import BERTopic

    print("fitting ...")
    t = time.perf_counter()
    stock = BERTopic(language="multilingual")
    stock_topics, _ = stock.fit_transform(texts, emb)
    t_stock = time.perf_counter() - t
    stock_words = content_words(stock, stock_topics, stops)
    stock_top = [[w for w, _ in stock.get_topic(k)] for k in sorted(set(stock_topics)) if k != -1]
    n_stock = len(stock_words)
    t = time.perf_counter()
    stock.reduce_topics(texts, nr_topics=51)  # 50 themes + outliers, qualkit's default at this size
    t_reduce = time.perf_counter() - t
    reduced_topics = np.asarray(stock.topics_)
    reduced_words = content_words(stock, reduced_topics, stops)
    reduced_top = [[w for w, _ in stock.get_topic(k)] for k in sorted(set(reduced_topics)) if k != -1]

    runs = [("qualkit default", {}), (f"qualkit nr_topics={n_stock}", {"nr_topics": n_stock, "sample_size": len(segs)})]
    results, times = [], []
    for name, kw in runs:
        t = time.perf_counter()
        ts = ThemeSuggester(mode="all", **kw).fit(segs, embeddings=emb)
        times.append(time.perf_counter() - t)
        topics = np.full(len(segs), -1)
        topics[ts.assignments_.segment.to_numpy()] = ts.assignments_.theme.to_numpy()
        results.append((name, [t.words for t in ts.themes_], topics))

    print("\nquality (NPMI: higher is better, -1..1; NMI/AMI vs kamer titles: higher is better)")
    q_stock = quality("stock BERTopic", stock_words, np.asarray(stock_topics), labels, npmi, stops, stock_top)
    q_red = quality("stock reduced to 50", reduced_words, reduced_topics, labels, npmi, stops, reduced_top)
    qs = [quality(name, words, topics, labels, npmi, stops) for name, words, topics in results]
    print("\ntime")
    print(f"  stock BERTopic (UMAP+HDBSCAN+CountVectorizer)  {t_stock:7.1f}s  (+{t_reduce:.1f}s to reduce to 50)")
    for (name, _, _), dt in zip(results, times):
        print(f"  {name:<45}  {dt:7.1f}s")
    print("\nratios (qualkit / stock; NPMI as a difference). Same embeddings for both.")
    refs = [(q_red, t_stock + t_reduce), (q_stock, t_stock)]
    for (name, _, _), dt, q, (ref, t_ref) in zip(results, times, qs, refs):
        print(f"  {name} vs {ref['name']} ({ref['themes']} themes):  speed x{t_ref / dt:.1f}   "
              f"NPMI {q['npmi'] - ref['npmi']:+.3f}   NMI x{q['nmi'] / ref['nmi']:.2f}   "
              f"AMI x{q['ami'] / ref['ami']:.2f}   stop words {q['stop']:.1%} vs {ref['stop']:.1%}")

if __name__ == "__main__":
    main()
