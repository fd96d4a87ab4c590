"""ThemeSuggester on small synthetic Dutch answers: modes, contract, errors, determinism."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone

from qualkit.codebook.io import loads
from qualkit.errors import ModelError, NotFittedError
from qualkit.topics import Theme, ThemeSuggester
from topics_fixtures import CODEBOOK_YAML, codebook, codings, corpus

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


@pytest.fixture(scope="module")
def data():
    corp, truth = corpus(per_theme=30)
    return corp, truth, codings(corp, truth), codebook()


@pytest.fixture(scope="module")
def fitted_all(data):
    corp, truth, cod, cb = data
    return ThemeSuggester(mode="all", min_topic_size=5).fit(corp, cod, cb)


def _purity(ts, truth):
    a = ts.assignments_
    a = a[a.theme >= 0]
    return (a.groupby("theme").segment.apply(lambda s: max(np.unique([truth[i] for i in s], return_counts=True)[1]))
            .sum() / len(a))


def test_init_only_stores_params():
    assert ThemeSuggester().min_topic_size is None  # 1% of the segments, at least 10
    ts = ThemeSuggester(min_topic_size=7, mode="all")
    assert ts.get_params()["min_topic_size"] == 7
    assert not [k for k in vars(ts) if k.endswith("_")]
    assert clone(ts).get_params() == ts.get_params()


def test_unfitted_use_raises():
    with pytest.raises(NotFittedError, match=r"\[QK331\]"):
        ThemeSuggester().transform(["hallo"])


def test_all_mode_finds_the_four_themes(data, fitted_all):
    corp, truth, _, _ = data
    ts = fitted_all
    assert all(isinstance(t, Theme) for t in ts.themes_)
    assert len(ts.assignments_) == len(corp)
    assert _purity(ts, truth) > 0.9
    words = {w for t in ts.themes_ for w in t.words[:3]}
    assert {"parkeerplaats", "kantine"} & words
    t = ts.themes_[0]
    assert t.label.split(", ")[0] in t.words[:2] and len(t.label.split(", ")) <= 3
    assert 1 <= len(t.quotes) <= 5 and len({q.text for q in t.quotes}) == len(t.quotes)
    assert all(corp.segments[q.segment].text == q.text for q in t.quotes)
    assert len(t.keywords) <= 10 and all(isinstance(s, float) for _, s in t.keywords)


def test_comparison_marks_uncovered_themes_as_new(data, fitted_all):
    _, truth, _, _ = data
    ts = fitted_all
    comp = ts.comparison_
    assert list(comp.columns) == ["theme", "label", "size", "new", "code", "segments", "share"]
    for t in ts.themes_:
        a = ts.assignments_[ts.assignments_.theme == t.id]
        main = max(set(truth[i] for i in a.segment), key=[truth[i] for i in a.segment].count)
        if main in ("personeel", "salaris"):
            assert not t.new and next(iter(t.codes)) == main and t.codes[main] >= 0.7
        else:
            assert t.new and t.uncoded_share > 0.8


def test_leftovers_mode_uses_only_uncoded_segments(data):
    corp, truth, cod, cb = data
    ts = ThemeSuggester(min_topic_size=5).fit(corp, cod, cb)
    coded = set(cod.segment)
    assert not coded & set(ts.assignments_.segment)
    assert {truth[i] for i in ts.assignments_.segment} == {"parkeren", "kantine"}
    assert all(t.new for t in ts.themes_)


def test_same_seed_gives_identical_themes(data):
    corp, _, cod, cb = data
    a = ThemeSuggester(mode="all", min_topic_size=5, random_state=7).fit(corp, cod, cb)
    b = ThemeSuggester(mode="all", min_topic_size=5, random_state=7).fit(corp, cod, cb)
    assert a.themes_ == b.themes_
    assert a.assignments_.equals(b.assignments_)


def test_guided_mode_lines_themes_up_with_codes(data):
    corp, truth, cod, cb = data
    ts = ThemeSuggester(mode="guided", min_topic_size=5).fit(corp, cod, cb)
    assert [c for c, _ in ts.seed_topics_] == ["personeel", "salaris"]
    seeded: dict[str, list] = {}
    for t in ts.themes_:
        if t.seed_code:
            seeded.setdefault(t.seed_code, []).append(t)
    assert set(seeded) == {"personeel", "salaris"}
    assert all(t.codes.get("salaris", 0) > 0.8 for t in seeded["salaris"])
    assert any({"salaris", "loon", "cao"} & set(t.words) for t in seeded["salaris"])


def test_stub_pastes_into_a_codebook(fitted_all):
    with_examples = 0
    for t in fitted_all.themes_:
        assert t.stub.startswith(f"- id: {t.slug}\n")
        assert f"from {t.size} segments; review before use." in t.stub
        indented = "".join("  " + line + "\n" for line in t.stub.splitlines())
        cb = loads(CODEBOOK_YAML + indented)
        code = cb.code(t.slug)
        assert code.label == t.label
        assert [r.pattern for r in code.include] and {r.kind for r in code.include} <= {"lemma", "phrase"}
        assert all(any(x.text.startswith(q.rstrip(".")) for x in t.quotes) for q in code.match)
        with_examples += bool(code.match)
    assert with_examples >= len(fitted_all.themes_) // 2
    assert len({t.slug for t in fitted_all.themes_}) == len(fitted_all.themes_)


def test_stub_slug_avoids_codebook_ids(data):
    corp, truth, cod, cb = data
    ts = ThemeSuggester(mode="all", min_topic_size=5).fit(corp, cod, cb)
    assert not {t.slug for t in ts.themes_} & set(cb.ids)


def test_sample_then_assign_with_progress(data):
    corp, truth, _, _ = data
    calls = []
    ts = ThemeSuggester(mode="all", min_topic_size=5, sample_size=60, batch_size=25).fit(
        corp, progress=lambda step, d, t: calls.append((step, d, t)))
    assert len(ts.assignments_) == len(corp) and (ts.assignments_.theme >= 0).mean() > 0.8
    assert _purity(ts, truth) >= 0.75
    steps = list(dict.fromkeys(step for step, _, _ in calls))
    assert steps == ["language", "lemmas", "embeddings", "themes", "labels"]
    for step in steps:
        done = [(d, t) for s, d, t in calls if s == step]
        assert [d for d, _ in done] == sorted(d for d, _ in done) and done[-1][0] == done[-1][1]
    assert sum(t.size for t in ts.themes_) == (ts.assignments_.theme >= 0).sum()


def test_transform_new_texts(fitted_all):
    ts = fitted_all
    pred = ts.transform(["De parkeerplaats is vol.", "Het eten in de kantine is koud.", "!!! 123"])
    assert pred[2] == -1
    by_id = {t.id: t for t in ts.themes_}
    assert "kantine" in by_id[pred[1]].words


def test_precomputed_and_injected_sklearn_embeddings(data):
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline

    corp, truth, _, _ = data
    rng = np.random.RandomState(0)
    centres = {t: rng.normal(size=8) for t in set(truth)}
    emb = np.vstack([centres[t] + 0.05 * rng.normal(size=8) for t in truth])
    ts = ThemeSuggester(mode="all", min_topic_size=5, nr_topics=4).fit(corp, embeddings=emb)
    assert _purity(ts, truth) > 0.95
    # left to merge on its own, two of the four 8-dimensional random centres can be closer than the
    # merge threshold (tuned on real 384-512-dimensional embeddings): see merge_themes
    assert _purity(ThemeSuggester(mode="all", min_topic_size=5).fit(corp, embeddings=emb), truth) >= 0.7
    with pytest.raises(ModelError, match=r"\[QK391\]"):
        ThemeSuggester(mode="all").fit(corp, embeddings=emb[:5])
    pipe = make_pipeline(TfidfVectorizer(), TruncatedSVD(10, random_state=0))
    ts = ThemeSuggester(mode="all", min_topic_size=5, embedding_model=pipe).fit(corp)
    assert _purity(ts, truth) >= 0.75


def test_plain_texts_are_accepted(data):
    corp, truth, _, _ = data
    ts = ThemeSuggester(min_topic_size=5).fit([s.text for s in corp.segments])
    assert len(ts.assignments_) == len(corp) and ts.mode_ == "leftovers"


@pytest.mark.parametrize("kwargs, fit_kwargs, code", [
    ({"mode": "everything"}, {}, 384),
    ({"mode": "guided"}, {}, 385),
    ({"min_topic_size": 1}, {}, 383),
    ({"nr_topics": 1}, {}, 382),
    ({"embedding": "word2vec"}, {}, 380),
    ({"stop_words": "gemeente"}, {}, 398),
    ({"stop_words": ["gemeente", 3]}, {}, 398),
    ({"random_state": -1}, {}, 399),
    ({"random_state": 2**32}, {}, 399),
    ({"random_state": 4.5}, {}, 399),
])
def test_parameter_errors(data, kwargs, fit_kwargs, code):
    corp, _, _, _ = data
    with pytest.raises(ModelError, match=rf"\[QK{code}\]"):
        ThemeSuggester(**kwargs).fit(corp, **fit_kwargs)


def test_codings_without_segment_column(data):
    corp, _, cod, cb = data
    with pytest.raises(ModelError, match=r"\[QK328\].*'segment'"):
        ThemeSuggester().fit(corp, cod.drop(columns=["segment"]), cb)
    with pytest.raises(ModelError, match=r"\[QK389\]"):
        ThemeSuggester().fit(corp, cod.assign(segment=10_000), cb)


def test_small_input_gives_a_clear_error(data):
    corp, truth, cod, cb = data
    with pytest.raises(ModelError, match=r"\[QK320\] only 20 segments with words") as e:
        ThemeSuggester().fit([s.text for s in corp.segments[:20]])
    assert corp.segments[0].text not in str(e.value)
    assert "min-topic-size" not in str(e.value)      # below 25 segments no smaller theme size helps
    with pytest.raises(ModelError, match=r"needs at least 40\. .*or lower --min-topic-size\."):
        ThemeSuggester(min_topic_size=20).fit([s.text for s in corp.segments[:30]])
    few = codings(corp, ["personeel"] * (len(corp) - 10) + truth[-10:])
    with pytest.raises(ModelError, match=r"\[QK320\].*uncoded segments.*--mode all"):
        ThemeSuggester(min_topic_size=5).fit(corp, few, cb)
    with pytest.raises(ModelError, match=r"\[QK320\]"):
        ThemeSuggester(min_topic_size=70).fit(corp)


def test_a_smallest_theme_over_half_the_sample_names_the_option():
    with pytest.raises(ModelError, match=r"\[QK395\] --min-topic-size 3000 is more than half of the 5,000 segments.*"
                                         r"Use at most 2,500"):
        ThemeSuggester(min_topic_size=3000).validate(False)
    ThemeSuggester(min_topic_size=2500).validate(False)


def test_a_corpus_in_another_language_is_named_before_any_model_loads():
    """All-French Kamer turns: not '[QK302] language fr is not supported' (an option the
    command does not have), but which language the segments are in and what themes read."""
    import json

    from conftest import shared

    fr = [t["text"] for line in shared("nl-be-kamer-plenary-qa/plenary_questions_all.jsonl").open(encoding="utf-8")
          for t in json.loads(line)["turns"] if t["lang"] == "fr"][:80]
    with pytest.raises(ModelError, match=r"\[QK396\] \d+% of the 80 segments are in 'fr'; theme suggestion reads "
                                         r"nl, en only") as e:
        ThemeSuggester(mode="all").fit(fr)
    assert fr[0][:30] not in str(e.value)


@pytest.mark.slow
def test_identical_texts_say_so_instead_of_lower_the_size():
    texts = ["Meer personeel en minder papierwerk in het OCMW."] * 60
    with pytest.raises(ModelError, match=r"\[QK397\] no themes found: the 60 segments have too few different texts.*\(1 different"):
        ThemeSuggester(mode="all").fit(texts)


def test_texts_without_words_are_left_out():
    texts = ["123 456", "...", "?!"] * 20
    with pytest.raises(ModelError, match=r"\[QK320\] only 0 segments"):
        ThemeSuggester().fit(texts)


def test_library_prints_nothing(data, capfd):
    from qualkit.nlp import load_pipeline

    load_pipeline("nl")  # its one-time fallback warning is the pipeline's, not ours
    capfd.readouterr()
    corp, _, _, _ = data
    ThemeSuggester(mode="all", min_topic_size=5, sample_size=60).fit(corp).transform(["De kantine is duur."])
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_injected_hdbscan_errors(data):
    import random

    from hdbscan import HDBSCAN

    rnd = random.Random(1)
    words = [f"woord{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}" for i in range(2000)]
    noise = [" ".join(rnd.sample(words, 5)) for _ in range(40)]
    with pytest.raises(ModelError, match=r"\[QK321\] no themes found in 40 segments: .*--min-topic-size 15"):
        ThemeSuggester(mode="all", min_topic_size=15, clustering_model=HDBSCAN(min_cluster_size=15)).fit(noise)


def test_english_codebook_uses_english_stop_words_and_its_own():
    from spacy.lang.en.stop_words import STOP_WORDS

    cb = loads('name: x\nversion: "1"\nlanguage: en\nstop_words: [Canteen]\ncodes:\n  - id: pay\n    label: Pay\n'
               '    include:\n      - lemma: [salary, wage, pay]\n')
    texts = [f"{t} {extra}." for t in ("There is never a parking space near the office",
                                       "The food in the canteen is cold and we have no meals",
                                       "My salary is too low and we want a higher wage")
             for extra in ("really", "often", "sadly", "honestly", "again", "today", "still", "indeed", "now")]
    ts = ThemeSuggester(mode="all", min_topic_size=3).fit(texts, codebook=cb)
    assert ts.language_ == "en"
    words = {w for t in ts.themes_ for w in t.words}
    assert not words & set(STOP_WORDS)
    assert "canteen" not in words and "canteen" in ts.stop_words_ and "food" in words


def test_clusters_split_one_overwhelming_cluster_into_its_leaves():
    """HDBSCAN's excess of mass puts six close groups in one cluster of 480 rows (94%): Clusters
    then takes the leaf clusters inside it; well separated groups keep excess of mass."""
    from hdbscan import HDBSCAN

    from qualkit.topics.cluster import Clusters

    rs = np.random.RandomState(0)
    far = np.r_[0, 60, 0, 0, 0] + rs.normal(scale=0.4, size=(30, 5))
    for gap, method, least in ((1.6, "leaf", 5), (3.0, "eom", 7)):
        X = np.vstack([np.r_[gap * i, 0, 0, 0, 0] + rs.normal(scale=0.4, size=(80, 5)) for i in range(6)] + [far])
        c = Clusters(10).fit(X)
        sizes = np.bincount(c.labels_[c.labels_ >= 0])
        assert c.method_ == method and len(sizes) >= least and sizes.max() <= 0.5 * len(X)
        eom = HDBSCAN(min_cluster_size=10, min_samples=5).fit(X).labels_
        assert (c.labels_[eom >= 0] >= 0).all()  # rows between the leaves join their nearest leaf
        assert (c.labels_ == -1).sum() == (eom == -1).sum()
