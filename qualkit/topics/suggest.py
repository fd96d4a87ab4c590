"""Theme suggestion: what are people saying that the codebook does not cover yet?

:class:`ThemeSuggester` runs BERTopic on the segments a codebook left uncoded
(``mode="leftovers"``), on all segments (``"all"``), or on all segments with the
codebook's include terms as seed topics (``"guided"``), and returns
:class:`~qualkit.topics.records.Theme` records with keywords, quotes and a YAML
code stub. Everything runs offline. The steps:

1. segments in another language than the corpus are set apart
   (:func:`~qualkit.topics.text.detect_language`), as are segments without a
   content word; both are counted in ``summary_``;
2. embeddings from an offline backend (:mod:`qualkit.topics.embed`, cached per
   text), each turn read with its neighbours in the same document;
3. UMAP + HDBSCAN, outliers that are close enough reassigned, near-identical
   themes merged (:mod:`qualkit.topics.cluster`);
4. keywords: lemmas and two-lemma phrases without stop words, fillers,
   procedure, numbers or person names (:mod:`qualkit.topics.text`), weighted by
   c-TF-IDF on the segments that use them and chosen to be used together
   (:mod:`qualkit.topics.keywords`); stubs whose rules pass the codebook's
   self-test on the quotes.

>>> ts = ThemeSuggester(min_topic_size=5).fit(corpus, codings, codebook)   # doctest: +SKIP
>>> [t.label for t in ts.themes_ if t.new]                                  # doctest: +SKIP
['wachttijd, afspraak, huisarts']
"""
from __future__ import annotations

import contextlib
import logging
from collections import Counter
from typing import Any, Callable, Iterator, Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from qualkit.codebook.model import Codebook
from qualkit.errors import ModelError, NotFittedError
from qualkit.topics import cluster as C
from qualkit.topics import keywords as K
from qualkit.topics import records as R
from qualkit.topics.embed import DEFAULT_BACKEND, EMBEDDINGS, bertopic_embedder, make_embedder
from qualkit.topics.inputs import as_segments, check_codings, check_embeddings, has_words
from qualkit.topics.text import clean_terms, detect_language, mask_names, names, stop_words
from qualkit.types import Corpus, Segment

MODES = ("leftovers", "all", "guided")
MIN_SEGMENTS = 25
"""Fewest segments theme suggestion runs on (and at least ``2 * min_topic_size``)."""
MIN_TOPIC_SIZE, MIN_TOPIC_SHARE = 10, 0.01
"""Smallest theme by default: 1% of the segments fitted, and at least 10. A fixed 10 splits
a few thousand turns into dozens of themes that each hold a piece of one subject."""
Progress = Callable[[str, int, int], None]
"""``progress(step, done, total)``; steps: language, lemmas, embeddings, themes, labels."""
STEPS = ("language", "lemmas", "embeddings", "themes", "labels")


class ThemeSuggester(BaseEstimator):
    """Suggest new themes with BERTopic, scikit-learn style.

    Sub-models are injected as in BERTopic; ``None`` takes qualkit's defaults:
    embeddings from the offline backend ``embedding`` (``use``, ``e5``,
    ``minilm`` or ``tfidf``; or ``embedding_model``, a local
    sentence-transformers model or a scikit-learn transformer), UMAP, HDBSCAN
    and a lemma ``CountVectorizer`` without stop words. Inputs over
    ``sample_size`` segments are fitted on a seeded sample and the rest
    assigned to the nearest theme that is close enough.

    ``min_topic_size`` is the smallest theme in segments; ``None``: 1% of the segments
    fitted, at least 10 (fitted as ``min_topic_size_``).

    ``context`` mixes each segment's vector with its neighbours' in the same
    document (a turn is read with the turns around it). ``stop_words`` are the
    user's own words to keep out of keywords and stubs, besides the codebook's
    ``stop_words:``. ``cache`` keeps
    embeddings per text between runs.

    Fitted attributes: ``themes_`` (list of Theme), ``assignments_`` (one row per
    segment considered), ``comparison_`` (themes x codes), ``summary_`` (counts:
    segments, analysed, assigned, outliers, reassigned, other languages, no
    words, guided: segments moved towards a code's terms), ``model_`` (the BERTopic
    model), ``embedder_``, ``mode_``, ``language_``, ``seed_topics_``, ``guided_``.
    """

    def __init__(self, embedding_model: Any = None, reduction_model: Any = None, clustering_model: Any = None,
                 vectorizer_model: Any = None, mode: str = "leftovers", min_topic_size: int | None = None,
                 nr_topics: int | None = None, random_state: int | None = 42, embedding: str = DEFAULT_BACKEND,
                 language: str | None = None, spacy_model: str | None = None, sample_size: int = 5000,
                 batch_size: int = 5000, n_keywords: int = 10, n_quotes: int = 5, n_rules: int = 5,
                 stop_words: Sequence[str] = (), context: bool = True, cache: bool = True):
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
        self.stop_words = stop_words
        self.context = context
        self.cache = cache

    # -- fitting ---------------------------------------------------------------------------
    def fit(self, X: Corpus | Sequence[Segment] | Sequence[str], codings: pd.DataFrame | None = None,
            codebook: Codebook | None = None, *, embeddings: np.ndarray | None = None,
            progress: Progress | None = None) -> "ThemeSuggester":
        """Find themes in ``X`` (a Corpus, Segments or plain texts).

        ``codings`` (CODING_COLUMNS; ``segment`` indexes ``X``) and ``codebook``
        are the coding run's results. ``embeddings`` (one row per segment of
        ``X``) skip embedding. ``progress(step, done, total)`` reports each step
        (:data:`STEPS`). Every check that needs no model runs before BERTopic is
        loaded, so mistakes are reported at once.
        """
        self.validate(codebook is not None)
        with _quiet_bertopic():
            return self._fit(X, codings, codebook, embeddings, progress or (lambda step, done, total: None))

    def _fit(self, X: Any, codings: pd.DataFrame | None, codebook: Codebook | None,
             embeddings: np.ndarray | None, tick: Progress) -> "ThemeSuggester":
        segments = as_segments(X)
        coded = R.codes_by_segment(check_codings(codings, len(segments)))
        if embeddings is not None:
            embeddings = check_embeddings(embeddings, len(segments))
        self.mode_ = self.mode
        cand = [i for i, s in enumerate(segments) if s.coded and s.text.strip()
                and (self.mode != "leftovers" or i not in coded)]
        langs = []
        for j, i in enumerate(cand):
            langs.append(detect_language(segments[i].text))
            if (j + 1) % 500 == 0:
                tick("language", j + 1, len(cand))
        tick("language", len(cand), len(cand))
        found = Counter(x for x in langs if x)
        self.language_ = lang = (self.language or (codebook.language if codebook is not None else None)
                                 or (found.most_common(1)[0][0] if found else "nl"))
        from qualkit.nlp.pipeline import DEFAULT_MODELS, load_pipeline  # spaCy (and thinc) only once fitting starts

        if lang not in DEFAULT_MODELS and not self.language and codebook is None:  # detected, not asked for
            raise ModelError(396, language=lang, share=found[lang] / len(cand), count=len(cand),
                             languages=", ".join(DEFAULT_MODELS))
        self.pipeline_ = pipe = load_pipeline(lang, self.spacy_model)
        other = {i: x for i, x in zip(cand, langs) if x and x != lang}
        texts_all = [segments[i].text for i in cand]
        self.names_ = names(texts_all, {segments[i].speaker for i in cand if segments[i].speaker})
        own = [*self.stop_words, *(codebook.stop_words if codebook is not None else ())]
        stops = stop_words(lang, pipe.lemma_of, own)
        for x, k in found.items():  # words of other languages in the corpus (a French aside in a Dutch turn)
            if x != lang and k >= 3:
                stops |= stop_words(x)
        self.stop_words_ = stops
        hidden = stops | self.names_
        lemma_docs: list[str] = []
        lemma_lists: list[list[str]] = []
        word_lists: list[list[str]] = []  # as written, token by token with the lemmas (labels show these)
        for j, doc in enumerate(pipe.pipe(texts_all)):
            toks = [t for t in doc if t.is_alpha]
            lemma_lists.append([pipe.lemma(t) for t in toks])
            # a capital at a sentence start is not how the word is written ("Opleiding is het probleem.")
            word_lists.append([t.text.lower() if t.is_sent_start and not t.text.isupper() else t.text for t in toks])
            lemma_docs.append(" ".join(lemma_lists[-1]))
            if (j + 1) % 500 == 0:
                tick("lemmas", j + 1, len(cand))
        tick("lemmas", len(cand), len(cand))
        ok = [p for p, i in enumerate(cand) if i not in other and has_words(lemma_docs[p], hidden)]
        pos = np.asarray(ok, dtype=int)
        n = len(pos)
        need = max(MIN_SEGMENTS, 2 * (self.min_topic_size or MIN_TOPIC_SIZE))
        if n < need:
            left = self.mode == "leftovers" and bool(coded)
            smaller = n >= MIN_SEGMENTS  # below MIN_SEGMENTS no --min-topic-size helps
            fix = ("Use --mode all to include coded segments" if left else "Add segments (more files or --question)")
            fix += ", or lower --min-topic-size." if smaller else ", or read them yourself."
            raise ModelError(320, n=n, need=need, what="uncoded segments" if left else "segments with words",
                             fix=fix)
        docs = [lemma_docs[p] for p in pos]
        texts = [texts_all[p] for p in pos]
        seg_ids = [cand[p] for p in pos]

        self.embedder_ = make_embedder(self.embedding_model, self.embedding, sorted(hidden), self.random_state,
                                       self.cache)
        uses_lemmas = getattr(self.embedder_, "uses_lemmas", False)
        inputs = docs if uses_lemmas else texts
        if embeddings is not None:
            emb = embeddings[seg_ids]
        else:
            if uses_lemmas:
                self.embedder_.fit(inputs)
            if hasattr(self.embedder_, "progress"):
                self.embedder_.progress = lambda d, t: tick("embeddings", d, t)
            emb = np.asarray(self.embedder_.transform(inputs), dtype=np.float32)
            tick("embeddings", n, n)
        emb = C._normalise(np.asarray(emb, dtype=np.float32))
        doc_ids = [segments[i].doc_id for i in seg_ids]
        ctx = C.with_context(emb, doc_ids) if self.context else emb
        seeds = self._seed_topics(codebook, pipe) if self.mode == "guided" else None
        self.seed_topics_, self.guided_ = seeds, 0
        if seeds:
            ctx, self.guided_ = self._guide(ctx, docs, seeds)

        tick("themes", 0, 3)
        rs = np.random.RandomState(self.random_state)
        fit_pos = np.arange(n) if n <= self.sample_size else np.sort(rs.choice(n, self.sample_size, replace=False))
        self.min_topic_size_ = size = self.min_topic_size or max(MIN_TOPIC_SIZE, round(MIN_TOPIC_SHARE * len(fit_pos)))
        from bertopic import BERTopic
        from bertopic.vectorizers import ClassTfidfTransformer

        if self.vectorizer_model is None:
            counts, terms = K.segment_terms(docs, hidden)
            vectorizer = K.vectorizer(terms, hidden)
        else:
            vectorizer = self.vectorizer_model
            counts = vectorizer.fit_transform(docs)
            terms = vectorizer.get_feature_names_out()
        model = BERTopic(
            language="multilingual", top_n_words=30, min_topic_size=size,
            embedding_model=bertopic_embedder(self._embed_words),
            umap_model=self.reduction_model if self.reduction_model is not None else
            C.Reduction(random_state=self.random_state),
            hdbscan_model=self.clustering_model if self.clustering_model is not None else
            C.Clusters(size),
            vectorizer_model=vectorizer, ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
            verbose=False)
        try:
            fit_topics, _ = model.fit_transform([docs[p] for p in fit_pos], ctx[fit_pos].copy())
        except ValueError as e:
            if "empty vocabulary" in str(e) or "no terms remain" in str(e):
                raise ModelError(386, count=n) from None
            raise
        tick("themes", 1, 3)
        found_topics = np.asarray(fit_topics, dtype=int)
        if not (found_topics >= 0).any():
            distinct = len(set(docs))
            if distinct < need:
                raise ModelError(397, count=n, distinct=distinct)
            raise ModelError(321, count=n, size=size)
        outliers = int((found_topics == -1).sum())
        fitted = C.reassign_outliers(ctx[fit_pos], found_topics)
        fitted = C.merge_themes(ctx[fit_pos], fitted, n_topics=self.nr_topics)
        topics = np.full(n, -1, dtype=int)
        topics[fit_pos] = fitted
        rest = np.setdiff1d(np.arange(n), fit_pos)
        for a in range(0, len(rest), self.batch_size):
            batch = rest[a:a + self.batch_size]
            topics[batch] = C.assign_nearest(ctx[batch], ctx[fit_pos], fitted)
        tick("themes", 2, 3)
        chosen = K.theme_keywords(counts, terms, topics, n=self.n_keywords)
        model.update_topics(docs, topics=topics.tolist(), top_n_words=30, vectorizer_model=vectorizer,
                            ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
                            representation_model=[K.Chosen(chosen)])
        tick("themes", 3, 3)
        self.model_ = model
        self.embeddings_, self.topics_ = ctx, topics
        self.summary_ = {
            "segments": len(cand), "analysed": n, "assigned": int((topics >= 0).sum()),
            "unassigned": int((topics == -1).sum()), "outliers_found": outliers,
            "reassigned": outliers - int((fitted == -1).sum()),
            "other_language": dict(sorted(Counter(other.values()).items())),
            "no_words": len(cand) - n - len(other), "guided": self.guided_,
            "themes": int(topics.max() + 1) if (topics >= 0).any() else 0}
        written = ([lemma_lists[p] for p in pos], [word_lists[p] for p in pos])
        more = {k: kw.more for k, kw in chosen.items()}
        self._build(segments, cand, pos, topics, ctx, texts, written, more, coded, codebook, seeds, other, tick)
        return self

    def _embed_words(self, words: list[str]) -> np.ndarray:
        """How BERTopic embeds words (for a user's own representation models): with the same embedder."""
        return np.asarray(self.embedder_.transform(words), dtype=np.float32)

    def _guide(self, emb: np.ndarray, docs: list[str],
               seeds: list[tuple[str, tuple[str, ...]]]) -> tuple[np.ndarray, int]:
        """Guided mode: each segment that uses a seed code's terms (its lemmas ``docs``) moves a
        quarter of the way towards the embedding of those terms (towards their mean when it uses
        several codes' terms), so the segments of one code tend to end in one theme. BERTopic's
        own guided mode only moves segments that are closer to a seed than to the average
        segment, which with sentence embeddings of whole turns is almost none. Returns the
        embeddings and how many segments moved."""
        anchors = C._normalise(self._embed_words([" ".join(terms) for _, terms in seeds]))
        out, moved = emb.copy(), 0
        for row, doc in enumerate(docs):
            words, text = set(doc.split()), f" {doc} "
            ks = [k for k, (_, terms) in enumerate(seeds)
                  if any(f" {t} " in text if " " in t else t in words for t in terms)]
            if ks:
                out[row] = 0.75 * emb[row] + 0.25 * anchors[ks].mean(axis=0)
                moved += 1
        return C._normalise(out), moved

    def validate(self, with_codebook: bool) -> None:
        """Check the parameters (``[QK380-385]``) without loading any model: the command line
        calls this before it reads the input."""
        if self.mode not in MODES:
            raise ModelError(384, mode=self.mode)
        if self.mode == "guided" and not with_codebook:
            raise ModelError(385)
        if self.min_topic_size is not None and (not isinstance(self.min_topic_size, (int, np.integer))
                                                or self.min_topic_size < 2):
            raise ModelError(383, value=self.min_topic_size)
        if not (self.nr_topics is None or (isinstance(self.nr_topics, (int, np.integer)) and self.nr_topics >= 2)):
            raise ModelError(382, value=self.nr_topics)
        rs = self.random_state
        if rs is not None and (isinstance(rs, bool) or not isinstance(rs, (int, np.integer)) or not 0 <= rs < 2**32):
            raise ModelError(399, value=rs)
        if isinstance(self.stop_words, str) or not all(isinstance(w, str) for w in self.stop_words):
            raise ModelError(398)
        if self.embedding_model is None and self.embedding not in EMBEDDINGS:
            raise ModelError(380, name=self.embedding, known=", ".join(EMBEDDINGS))
        if self.batch_size < 1 or self.sample_size < 2 * MIN_TOPIC_SIZE:
            raise ModelError(388)
        if self.min_topic_size is not None and self.sample_size < 2 * self.min_topic_size:
            raise ModelError(395, value=self.min_topic_size, most=self.sample_size // 2, sample=self.sample_size)

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
            raise ModelError(324)
        return out

    def _build(self, segments: list[Segment], cand: list[int], pos: np.ndarray, topics: np.ndarray,
               emb: np.ndarray, texts: list[str], written: tuple[list[list[str]], list[list[str]]],
               more: dict[int, list[tuple[str, float]]], coded: dict[int, set[str]],
               codebook: Codebook | None, seeds: list[tuple[str, tuple[str, ...]]] | None,
               other: dict[int, str], tick: Progress) -> None:
        seg_of = np.array([cand[p] for p in pos], dtype=int)
        taken = set(codebook.ids) if codebook is not None else set()
        hidden = self.stop_words_ | self.names_
        pipe = self.pipeline_
        themes: list[dict] = []
        for t in sorted(set(topics.tolist()) - {-1}):
            members = np.flatnonzero(topics == t)
            cands = [(w, float(s)) for w, s in (self.model_.get_topic(t) or []) if w and s > 0]
            n_shown = len(cands)
            cands += more.get(t, [])  # other candidates: for the stub's rules
            shown = R.written_forms([w for w, _ in cands], [written[0][m] for m in members],
                                    [written[1][m] for m in members])
            # a term whose lemma or written form is a stop word or a name ("Verschelden" -> "verschelde")
            ok = [len(clean_terms([w, shown.get(w, w)], hidden, frozenset())) == 2 for w, _ in cands]
            kw = [(w, round(s, 6)) for (w, s), o in zip(cands[:n_shown], ok) if o]
            kw = R.pick_keywords(kw, self.n_keywords)
            cands = [c for c, o in zip(cands, ok) if o]
            words = [w for w, _ in kw]
            quotes = [R.Quote(segment=int(seg_of[m]), unit_id=segments[seg_of[m]].unit_id,
                              doc_id=segments[seg_of[m]].doc_id, question=segments[seg_of[m]].question,
                              text=texts[m]) for m in R.representative(members, emb, texts, self.n_quotes)]
            examples = [mask_names(R.cut_quote(q.text, 300), self.names_) for q in quotes]   # stubs name no one
            ex_lemmas = [set(" ".join(lem).split()) for lem in pipe.lemmas(examples)]
            rules = R.complete_rules(R.stub_rules(words, codebook, self.n_rules), [w for w, _ in cands], ex_lemmas)
            rules = clean_terms(rules, hidden, frozenset())
            slug = R.slugify(words, taken, shown)
            label = R.theme_label(words, shown=shown)
            themes.append({"t": t, "members": members, "kw": kw, "quotes": quotes, "slug": slug, "shown": shown,
                           "label": label, "entry": R.code_entry(slug, label, len(members), rules, examples)})
        tick("labels", 1, 2)
        R.self_tested([th["entry"] for th in themes], self.language_, pipe)
        out: list[R.Theme] = []
        for th in themes:
            members, words = th["members"], [w for w, _ in th["kw"]]
            shares, uncoded = R.code_shares(seg_of[members].tolist(), coded)
            kw: dict[str, float] = {}  # keywords as written; two lemmas written alike show once
            for w, s in th["kw"]:
                kw.setdefault(th["shown"].get(w, w), s)
            out.append(R.Theme(id=int(th["t"]), slug=th["slug"], label=th["label"], keywords=list(kw.items()),
                               size=len(members), quotes=th["quotes"], codes=shares, uncoded_share=uncoded,
                               stub=R.yaml_entry(th["entry"]), seed_code=R.seed_for(words, seeds) if seeds else None))
        out.sort(key=lambda t: (-t.size, t.id))
        self.themes_ = out
        self.centroids_ = np.vstack([emb[topics == t.id].mean(axis=0) for t in out]) if out else np.zeros((0, 2))
        self.comparison_ = R.comparison_frame(out)
        self.assignments_ = R.assignments_frame(segments, cand, pos, topics, emb, {t.id: t.label for t in out},
                                                coded, other)
        tick("labels", 2, 2)

    # -- using a fitted model --------------------------------------------------------------
    def transform(self, X: Sequence[Segment] | Sequence[str], embeddings: np.ndarray | None = None) -> np.ndarray:
        """Theme id for each new segment or text (``-1``: no theme close enough, or no words)."""
        if not hasattr(self, "model_"):
            raise NotFittedError(331)
        segs = as_segments(X)
        texts = [s.text for s in segs]
        docs = [" ".join(lem) for lem in self.pipeline_.lemmas(texts)]
        out = np.full(len(segs), -1, dtype=int)
        ok = np.flatnonzero([has_words(d, self.stop_words_ | self.names_) for d in docs])
        if len(ok) == 0:
            return out
        if embeddings is None:
            inputs = docs if getattr(self.embedder_, "uses_lemmas", False) else texts
            embeddings = self.embedder_.transform([inputs[i] for i in ok])
        else:
            embeddings = check_embeddings(embeddings, len(segs))[ok]
        new = C._normalise(np.asarray(embeddings, dtype=np.float32))
        out[ok] = C.assign_nearest(new, self.embeddings_, self.topics_)
        return out

    def themes_frame(self) -> pd.DataFrame:
        """One row per theme: id, label, size, new, uncoded share, keywords, top codes, quotes, stub."""
        if not hasattr(self, "themes_"):
            raise NotFittedError(331)
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


@contextlib.contextmanager
def _quiet_bertopic() -> Iterator[None]:
    """BERTopic logs warnings through its own stream handler; a library must not print."""
    log = logging.getLogger("BERTopic")
    drop = _BelowError()
    log.addFilter(drop)
    try:
        with np.errstate(divide="ignore", invalid="ignore"):  # BERTopic's c-TF-IDF of a term no theme uses
            yield
    finally:
        log.removeFilter(drop)


class _BelowError(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR
