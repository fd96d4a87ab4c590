"""Theme suggestion: what are people saying that the codebook does not cover yet?

:class:`ThemeSuggester` runs BERTopic on the segments a codebook left uncoded
(``mode="leftovers"``), on all segments (``"all"``), or on all segments with the
codebook's include terms as seed topics (``"guided"``), and returns
:class:`~qualkit.topics.records.Theme` records with keywords, quotes and a YAML
code stub. Everything runs offline; see :mod:`qualkit.topics.embed`.

>>> ts = ThemeSuggester(min_topic_size=5).fit(corpus, codings, codebook)   # doctest: +SKIP
>>> [t.label for t in ts.themes_ if t.new]                                  # doctest: +SKIP
['wachttijd, afspraak, huisarts']
"""
from __future__ import annotations

import contextlib
import logging
from typing import Any, Callable, Iterator, Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from qualkit.codebook.model import Codebook
from qualkit.errors import ModelError, NotFittedError
from qualkit.nlp.pipeline import load_pipeline
from qualkit.topics import records as R
from qualkit.topics.cluster import ThemeKMeans, default_reduction, default_vectorizer, stop_words
from qualkit.topics.embed import make_embedder
from qualkit.types import Corpus, Segment

MODES = ("leftovers", "all", "guided")
MIN_SEGMENTS = 25
"""Fewest segments theme suggestion runs on (and at least ``2 * min_topic_size``)."""
NO_WORDS, OUTLIER = "(no words)", "(unassigned)"
Progress = Callable[[int, int], None]


class ThemeSuggester(BaseEstimator):
    """Suggest new themes with BERTopic, scikit-learn style.

    Sub-models are injected as in BERTopic; ``None`` takes qualkit's defaults:
    offline embeddings (``embedding="tfidf-svd"``, ``"spacy"`` or ``"auto"``, or
    ``embedding_model`` naming a local sentence-transformers model), PCA,
    :class:`~qualkit.topics.cluster.ThemeKMeans` and a lemma ``CountVectorizer``
    without stop words. Inputs over ``sample_size`` segments are fitted on a
    random sample and the rest assigned in batches of ``batch_size``.

    Fitted attributes: ``themes_`` (list of Theme), ``assignments_`` (one row per
    analysed segment), ``comparison_`` (themes x codes), ``model_`` (the BERTopic
    model), ``embedder_``, ``mode_``, ``seed_topics_``.
    """

    def __init__(self, embedding_model: Any = None, reduction_model: Any = None, clustering_model: Any = None,
                 vectorizer_model: Any = None, mode: str = "leftovers", min_topic_size: int = 10,
                 nr_topics: int | str | None = None, random_state: int | None = 42, embedding: str = "tfidf-svd",
                 language: str | None = None, spacy_model: str | None = None, sample_size: int = 5000,
                 batch_size: int = 5000, n_keywords: int = 10, n_quotes: int = 3, n_rules: int = 5):
        self.embedding_model = embedding_model
        self.reduction_model = reduction_model
        self.clustering_model = clustering_model
        self.vectorizer_model = vectorizer_model
        self.mode = mode
        self.min_topic_size = min_topic_size
        self.nr_topics = nr_topics
        self.random_state = random_state
        self.embedding = embedding
        self.language = language
        self.spacy_model = spacy_model
        self.sample_size = sample_size
        self.batch_size = batch_size
        self.n_keywords = n_keywords
        self.n_quotes = n_quotes
        self.n_rules = n_rules

    # -- fitting ---------------------------------------------------------------------------
    def fit(self, X: Corpus | Sequence[Segment] | Sequence[str], codings: pd.DataFrame | None = None,
            codebook: Codebook | None = None, *, embeddings: np.ndarray | None = None,
            progress: Progress | None = None) -> "ThemeSuggester":
        """Find themes in ``X`` (a Corpus, Segments or plain texts).

        ``codings`` (CODING_COLUMNS; ``segment`` indexes ``X``) and ``codebook``
        are the coding run's results. ``embeddings`` (one row per segment of
        ``X``) skip embedding. ``progress(done, total)`` is called as segments
        are prepared and then assigned (``total`` is twice the segments analysed).
        """
        self._check_params(codebook)
        with _quiet_bertopic():
            return self._fit(X, codings, codebook, embeddings, progress)

    def _fit(self, X: Any, codings: pd.DataFrame | None, codebook: Codebook | None,
             embeddings: np.ndarray | None, progress: Progress | None) -> "ThemeSuggester":
        from bertopic import BERTopic
        from bertopic.vectorizers import ClassTfidfTransformer

        segments = _as_segments(X)
        coded = R.codes_by_segment(_check_codings(codings, len(segments)))
        self.mode_ = self.mode
        self.language_ = lang = self.language or (codebook.language if codebook is not None else "nl")
        self.pipeline_ = pipe = load_pipeline(lang, self.spacy_model)
        stops = stop_words(lang, pipe.lemma_of)
        stopset = set(stops)

        cand = [i for i, s in enumerate(segments) if s.coded and s.text.strip()
                and (self.mode != "leftovers" or i not in coded)]
        total = 2 * len(cand)
        tick = progress or (lambda done, total: None)
        lemma_docs: list[str] = []
        for j, lem in enumerate(pipe.lemmas(segments[i].text for i in cand)):
            lemma_docs.append(" ".join(lem))
            if (j + 1) % self.batch_size == 0:
                tick(j + 1, total)
        self.stop_words_ = stopset
        has_words = np.array([_has_words(d, stopset) for d in lemma_docs], dtype=bool)
        pos = np.flatnonzero(has_words)  # positions in cand that are analysed
        n = len(pos)
        need = max(MIN_SEGMENTS, 2 * self.min_topic_size)
        if n < need:
            what = "uncoded segments" if self.mode == "leftovers" and coded else "segments with words"
            fix = ("Use mode='all' to include coded segments, lower min_topic_size, or read them yourself."
                   if self.mode == "leftovers" and coded else "Lower min_topic_size or read them yourself.")
            raise ModelError(320, f"only {n} {what} to analyse; theme suggestion needs at least {need} "
                             f"(and at least 2 x min_topic_size={self.min_topic_size}). {fix}")

        docs = [lemma_docs[p] for p in pos]
        texts = [segments[cand[p]].text for p in pos]
        rs = np.random.RandomState(self.random_state)
        fit_pos = np.arange(n) if n <= self.sample_size else np.sort(rs.choice(n, self.sample_size, replace=False))
        self.embedder_ = make_embedder(self.embedding_model, self.embedding, pipe.nlp, stops, self.random_state)
        inputs = docs if getattr(self.embedder_, "uses_lemmas", False) else texts
        if embeddings is not None:
            if self.mode == "guided" and self.embedding_model is None:
                raise ModelError(324, "mode='guided' with precomputed embeddings also needs the embedding_model that "
                                 "made them, to embed the seed topics the same way. Pass embedding_model=... too.")
            emb_all = _check_embeddings(embeddings, len(segments))[[cand[p] for p in pos]]
            if self.mode == "guided":  # the seed topics are embedded with it
                self.embedder_.fit([inputs[p] for p in fit_pos])
        else:
            self.embedder_.fit([inputs[p] for p in fit_pos])
            emb_all = np.vstack([self.embedder_.transform(inputs[a:a + self.batch_size])
                                 for a in range(0, n, self.batch_size)])
        tick(len(cand), total)

        seeds = self._seed_topics(codebook, pipe) if self.mode == "guided" else None
        self.seed_topics_ = seeds
        k = self.nr_topics if isinstance(self.nr_topics, int) else "auto"
        model = BERTopic(
            language="multilingual", top_n_words=self.n_keywords, min_topic_size=self.min_topic_size,
            nr_topics=self.nr_topics, embedding_model=self.embedder_,
            umap_model=self.reduction_model if self.reduction_model is not None else
            default_reduction(len(fit_pos), emb_all.shape[1], self.random_state),
            hdbscan_model=self.clustering_model if self.clustering_model is not None else
            ThemeKMeans(n_clusters=k, min_size=self.min_topic_size, random_state=self.random_state),
            vectorizer_model=self.vectorizer_model if self.vectorizer_model is not None else
            default_vectorizer(stops, docs),
            ctfidf_model=ClassTfidfTransformer(),
            seed_topic_list=[list(s) for _, s in seeds] if seeds else None, verbose=False)
        try:
            fit_topics, _ = model.fit_transform([docs[p] for p in fit_pos], emb_all[fit_pos].copy())
        except ValueError as e:
            if "empty vocabulary" in str(e) or "no terms remain" in str(e):
                raise ModelError(322, f"the {n} segments share no keywords after removing stop words, numbers "
                                 "and punctuation. Check the language setting and the vectorizer_model.") from None
            raise
        topics = np.full(n, -1, dtype=int)
        topics[fit_pos] = fit_topics
        rest = np.setdiff1d(np.arange(n), fit_pos)
        done = len(cand) + len(cand) - len(rest)
        tick(done, total)
        for a in range(0, len(rest), self.batch_size):
            batch = rest[a:a + self.batch_size]
            topics[batch] = self._predict(model, [docs[b] for b in batch], emb_all[batch])
            done += len(batch)
            tick(done, total)
        if len(rest):
            model.update_topics(docs, topics=topics.tolist(), top_n_words=self.n_keywords,
                                vectorizer_model=model.vectorizer_model, ctfidf_model=model.ctfidf_model)
        if not (topics >= 0).any():
            raise ModelError(321, f"no themes found in {n} segments: every segment ended up as an outlier. "
                             "Lower min_topic_size, or use another clustering_model.")
        self.model_ = model
        self._build(segments, cand, pos, topics, emb_all, texts, coded, codebook, seeds)
        tick(total, total)
        return self

    def _check_params(self, codebook: Codebook | None) -> None:
        if self.mode not in MODES:
            raise ModelError(323, f"mode {self.mode!r} is not known. Use one of: {', '.join(MODES)}.")
        if self.mode == "guided" and codebook is None:
            raise ModelError(324, "mode='guided' needs the codebook: its codes' include terms become the seed "
                             "topics. Pass codebook=..., or use mode='all'.")
        if not isinstance(self.min_topic_size, int) or self.min_topic_size < 2:
            raise ModelError(327, f"min_topic_size must be a whole number of at least 2, not {self.min_topic_size!r}.")
        if not (self.nr_topics is None or self.nr_topics == "auto"
                or (isinstance(self.nr_topics, int) and self.nr_topics >= 2)):
            raise ModelError(327, f"nr_topics must be None, 'auto' or a whole number of at least 2, "
                             f"not {self.nr_topics!r}.")
        if self.sample_size < 2 * self.min_topic_size or self.batch_size < 1:
            raise ModelError(327, "sample_size must be at least 2 x min_topic_size and batch_size at least 1.")

    def _seed_topics(self, codebook: Codebook, pipe: Any) -> list[tuple[str, tuple[str, ...]]]:
        """(code id, lemmas) for each code with lemma, phrase or glob (without wildcards) rules."""
        out = []
        for code in codebook.codes:
            words: list[str] = []
            for r in code.include:
                if r.kind in ("lemma", "phrase"):
                    words += [pipe.lemma_of(w) for w in r.pattern.lower().split()]
                elif r.kind == "glob":
                    stem = r.pattern.strip("*?").lower()
                    if len(stem) >= 3 and not set("*?[]") & set(stem):
                        words.append(stem)
            words = list(dict.fromkeys(w for w in words if w))
            if words:
                out.append((code.id, tuple(words)))
        if not out:
            raise ModelError(324, "mode='guided' found no lemma, phrase or glob include rules in the codebook to "
                             "use as seed topics. Use mode='all' instead.")
        return out

    @staticmethod
    def _predict(model: Any, docs: list[str], emb: np.ndarray) -> np.ndarray:
        try:
            pred, _ = model.transform(docs, emb)
        except (AttributeError, ValueError) as e:
            raise ModelError(333, f"the clustering_model cannot assign new segments ({type(e).__name__}). Use one "
                             "with predict(), HDBSCAN(prediction_data=True), or raise sample_size.") from None
        return np.asarray(pred, dtype=int)

    def _build(self, segments: list[Segment], cand: list[int], pos: np.ndarray, topics: np.ndarray,
               emb: np.ndarray, texts: list[str], coded: dict[int, set[str]], codebook: Codebook | None,
               seeds: list[tuple[str, tuple[str, ...]]] | None) -> None:
        seg_of = np.array([cand[p] for p in pos], dtype=int)
        taken = set(codebook.ids) if codebook is not None else set()
        themes: list[R.Theme] = []
        for t in sorted(set(topics.tolist()) - {-1}):
            members = np.flatnonzero(topics == t)
            kw = [(w, round(float(s), 6)) for w, s in (self.model_.get_topic(t) or []) if w][: self.n_keywords]
            words = [w for w, _ in kw]
            label = R.theme_label(words)
            slug = R.slugify(words, taken)
            shares, uncoded = R.code_shares(seg_of[members].tolist(), coded)
            quotes = [R.Quote(segment=int(seg_of[m]), unit_id=segments[seg_of[m]].unit_id,
                              doc_id=segments[seg_of[m]].doc_id, question=segments[seg_of[m]].question,
                              text=texts[m]) for m in R.representative(members, emb, texts, self.n_quotes)]
            stub = R.code_stub(slug, label, len(members), R.stub_rules(words, codebook, self.n_rules))
            seed = _seed_for(words, seeds) if seeds else None
            themes.append(R.Theme(id=int(t), slug=slug, label=label, keywords=kw, size=len(members), quotes=quotes,
                                  codes=shares, uncoded_share=uncoded, stub=stub, seed_code=seed))
        themes.sort(key=lambda t: (-t.size, t.id))
        self.themes_ = themes
        self.centroids_ = np.vstack([emb[topics == t.id].mean(axis=0) for t in themes])
        self.comparison_ = R.comparison_frame(themes)
        self.assignments_ = _assignments(segments, cand, pos, topics, emb, {t.id: t.label for t in themes}, coded)

    # -- using a fitted model --------------------------------------------------------------
    def transform(self, X: Sequence[Segment] | Sequence[str], embeddings: np.ndarray | None = None) -> np.ndarray:
        """Theme id for each new segment or text (``-1``: no theme, or no words)."""
        if not hasattr(self, "model_"):
            raise NotFittedError(331, "ThemeSuggester is not fitted yet. Call fit() first.")
        segs = _as_segments(X)
        texts = [s.text for s in segs]
        docs = [" ".join(lem) for lem in self.pipeline_.lemmas(texts)]
        out = np.full(len(segs), -1, dtype=int)
        ok = np.flatnonzero([_has_words(d, self.stop_words_) for d in docs])
        if len(ok) == 0:
            return out
        if embeddings is None:
            inputs = docs if getattr(self.embedder_, "uses_lemmas", False) else texts
            embeddings = self.embedder_.transform([inputs[i] for i in ok])
        else:
            embeddings = _check_embeddings(embeddings, len(segs))[ok]
        with _quiet_bertopic():
            out[ok] = self._predict(self.model_, [docs[i] for i in ok], embeddings)
        return out

    def themes_frame(self) -> pd.DataFrame:
        """One row per theme: id, label, size, new, uncoded share, keywords, top codes, quotes, stub."""
        if not hasattr(self, "themes_"):
            raise NotFittedError(331, "ThemeSuggester is not fitted yet. Call fit() first.")
        rows = []
        for t in self.themes_:
            row = {"theme": t.id, "slug": t.slug, "label": t.label, "size": t.size, "new": t.new,
                   "uncoded_share": round(t.uncoded_share, 4), "seed_code": t.seed_code or "",
                   "keywords": "; ".join(f"{w} ({s:.3f})" for w, s in t.keywords),
                   "codes": "; ".join(f"{c} ({s:.0%})" for c, s in list(t.codes.items())[:5])}
            for i in range(self.n_quotes):
                q = t.quotes[i] if i < len(t.quotes) else None
                row[f"quote_{i + 1}_segment"] = q.segment if q else None
                row[f"quote_{i + 1}"] = q.text if q else ""
            row["stub"] = t.stub
            rows.append(row)
        return pd.DataFrame(rows)


def _has_words(doc: str, stops: set[str]) -> bool:
    return any(len(w) > 1 and w not in stops for w in doc.split())


@contextlib.contextmanager
def _quiet_bertopic() -> Iterator[None]:
    """BERTopic logs warnings through its own stream handler; a library must not print."""
    log = logging.getLogger("BERTopic")
    drop = _BelowError()
    log.addFilter(drop)
    try:
        yield
    finally:
        log.removeFilter(drop)


class _BelowError(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR


def _seed_for(words: list[str], seeds: list[tuple[str, tuple[str, ...]]]) -> str | None:
    best, score = None, 0
    for code, seed in seeds:
        s = sum(1 for w in words if w in seed)
        if s > score:
            best, score = code, s
    return best


def _assignments(segments: list[Segment], cand: list[int], pos: np.ndarray, topics: np.ndarray,
                 emb: np.ndarray, labels: dict[int, str], coded: dict[int, set[str]]) -> pd.DataFrame:
    theme = np.full(len(cand), -1, dtype=int)
    theme[pos] = topics
    score = np.full(len(cand), np.nan)
    for t in labels:
        members = np.flatnonzero(topics == t)
        centre = emb[members].mean(axis=0)
        norm = np.linalg.norm(centre)
        if norm > 0:
            score[pos[members]] = np.round(emb[members] @ (centre / norm), 4)
    analysed = np.zeros(len(cand), bool)
    analysed[pos] = True
    rows = {"segment": cand, "unit_id": [segments[i].unit_id for i in cand],
            "question": [segments[i].question for i in cand], "speaker": [segments[i].speaker for i in cand],
            "doc_id": [segments[i].doc_id for i in cand], "theme": theme,
            "label": [labels.get(int(t), OUTLIER) if a else NO_WORDS for t, a in zip(theme, analysed)],
            "score": score, "codes": [";".join(sorted(coded.get(i, ()))) for i in cand],
            "text": [segments[i].text for i in cand]}
    return pd.DataFrame(rows)


def _as_segments(X: Any) -> list[Segment]:
    if isinstance(X, Corpus):
        return list(X.segments)
    if isinstance(X, str):
        raise ModelError(330, "fit() needs a Corpus, a list of Segments or a list of texts, not one string.")
    items = list(X)
    if all(isinstance(x, Segment) for x in items):
        return items
    if all(isinstance(x, str) for x in items):
        return [Segment(text=t, doc_id=f"#{i}", start=0, end=len(t), unit_id=str(i), question="", source="")
                for i, t in enumerate(items)]
    raise ModelError(330, "fit() needs a Corpus, a list of Segments or a list of texts; got a list mixing "
                     "other types.")


def _check_codings(codings: pd.DataFrame | None, n: int) -> pd.DataFrame | None:
    if codings is None:
        return None
    missing = [c for c in ("segment", "code") if c not in codings.columns]
    if missing:
        raise ModelError(328, f"the codings frame has no {', '.join(repr(m) for m in missing)} column. Pass the "
                         "frame that coding returned (columns: qualkit.types.CODING_COLUMNS).")
    seg = pd.to_numeric(codings["segment"], errors="coerce")
    bad = seg.isna() | (seg < 0) | (seg >= n)
    if bad.any():
        rows = ", ".join(str(r) for r in list(codings.index[bad.to_numpy()])[:5])
        raise ModelError(328, f"codings rows {rows}: 'segment' does not point into the {n} segments given. Pass "
                         "the same corpus that was coded.")
    return codings.assign(segment=seg.astype(int))


def _check_embeddings(embeddings: Any, n: int) -> np.ndarray:
    arr = np.asarray(embeddings, dtype=np.float32)
    if arr.ndim != 2 or arr.shape[0] != n:
        raise ModelError(330, f"embeddings have shape {arr.shape}, but there are {n} segments. Pass one row per "
                         "segment of the input, in the same order.")
    return arr
