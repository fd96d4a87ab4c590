"""The spaCy pipeline: a real packaged model when installed, else the loud fallback."""
from __future__ import annotations

import logging
import subprocess
import sys

import pytest
import spacy

from qualkit.codebook import loads
from qualkit.errors import PipelineError
from qualkit.nlp import pipeline as pl


@pytest.fixture(scope="module")
def packaged(tmp_path_factory):
    """Build a small Dutch pipeline, `spacy package` it and pip-install it into a folder."""
    root = tmp_path_factory.mktemp("model")
    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")["zwuppen"] = "zwop"  # a lemma only this model knows
    nlp.add_pipe("sentencizer")
    nlp.meta.update(name="qk_test", version="0.0.1")
    nlp.to_disk(root / "src")
    (root / "pkg").mkdir()
    run = dict(check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "spacy", "package", str(root / "src"), str(root / "pkg"),
                    "--name", "qk_test", "--version", "0.0.1", "--build", "none", "--force"], **run)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(root / "site"), str(root / "pkg" / "nl_qk_test-0.0.1")], **run)
    return root / "site"


@pytest.fixture
def fresh():
    pl._load.cache_clear()
    pl._warned.clear()
    yield
    pl._load.cache_clear()


def test_fallback_warns_once(fresh, caplog):
    with caplog.at_level(logging.WARNING, logger="qualkit"):
        p = pl.load_pipeline("nl")
        pl._load.cache_clear()
        pl.load_pipeline("nl")
    notes = [r for r in caplog.records if "nl_core_news_md is not installed" in r.getMessage()]
    assert len(notes) == 1
    assert "python -m spacy download nl_core_news_md" in notes[0].getMessage()
    assert p.fallback and p.nlp.pipe_names == ["qualkit_lemmatizer", "sentencizer"]
    assert p.lemma_of("personeelsleden") == "personeelslid"
    # one interface: the component sets token.lemma_, as an installed model does
    doc = p.nlp("De huisartsen waren het voorstel niet genegen.")
    assert [t.lemma_ for t in doc][:3] == ["de", "huisarts", "zijn"]
    assert [p.lemma(t) for t in doc] == [t.lemma_ for t in doc]


def test_installed_model_is_used(fresh, packaged, monkeypatch, caplog):
    monkeypatch.syspath_prepend(str(packaged))
    monkeypatch.setitem(pl.DEFAULT_MODELS, "nl", "nl_qk_test")
    with caplog.at_level(logging.WARNING, logger="qualkit"):
        p = pl.load_pipeline("nl")
    assert not caplog.records
    assert not p.fallback and p.name == "nl_qk_test 0.0.1"
    assert "lemmatizer" in p.nlp.pipe_names
    assert [p.lemma(t) for t in p.nlp("Extra zwuppen")] == ["extra", "zwop"]
    # coding reads the model's lemmas: the phrase matches only with this model
    from qualkit.coding import check_examples
    cb = loads("""{name: t, version: "1", codes: [{id: x, label: X, include: [{phrase: extra zwop}],
                   examples: {match: [Extra zwuppen graag.]}}]}""")
    assert [c.passed for c in check_examples(cb, p)] == [True]
    assert [c.passed for c in check_examples(cb, pl._fallback("nl", "none"))] == [False]


def test_named_model_must_exist(fresh):
    with pytest.raises(PipelineError, match=r"^\[QK301\] spaCy pipeline 'nl_nope_sm' cannot be loaded. Install it"):
        pl.load_pipeline("nl", "nl_nope_sm")


def test_model_language_must_match(fresh, packaged, monkeypatch):
    monkeypatch.syspath_prepend(str(packaged))
    with pytest.raises(PipelineError, match=r"^\[QK304\]"):
        pl.load_pipeline("en", "nl_qk_test")


def test_unknown_language(fresh):
    with pytest.raises(PipelineError, match=r"^\[QK302\]"):
        pl.load_pipeline("fr")
