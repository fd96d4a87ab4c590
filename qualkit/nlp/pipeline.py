"""Loading the spaCy pipeline, with an offline fallback.

qualkit uses ``nl_core_news_md`` (``en_core_web_md`` for English) when it is
installed. Otherwise it warns once and builds a blank pipeline with qualkit's
context-free lemmatizer (:mod:`qualkit.nlp.lemmatizer`: simplemma's dictionary,
repaired, with spaCy's lookup table as a second opinion) and a sentencizer.

Both are a :class:`Pipeline`: ``pipe.nlp(text)`` gives tokens with ``lemma_`` set
either way. With the fallback a word's lemma does not depend on its context, so
coding skips the per-token components and looks lemmas up once per distinct word
instead (same result, several times faster).

>>> pipe = load_pipeline("nl")                       # doctest: +SKIP
>>> [pipe.lemma(t) for t in pipe.nlp("De huisartsen werkten hard.")]  # doctest: +SKIP
['de', 'huisarts', 'werken', 'hard', '.']
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from qualkit.errors import PipelineError
from qualkit.nlp.lemmatizer import Lemmatizer, load_lemmatizer

log = logging.getLogger("qualkit")

DEFAULT_MODELS = {"nl": "nl_core_news_md", "en": "en_core_web_md"}
_SKIP = ["ner", "parser", "attribute_ruler_unused"]
_FAST = ["qualkit_lemmatizer", "sentencizer"]
"""Fallback components coding does without: lemmas per distinct word, its own sentence rule."""
_warned: set[str] = set()


@dataclass
class Pipeline:
    """A spaCy ``Language`` plus how to get lemmas from it.

    ``lemmatizer`` is set when lemmas are context-free (the fallback): then
    :meth:`lemma` looks words up instead of reading ``token.lemma_``.
    """

    nlp: Language = field(repr=False)
    name: str
    language: str
    fallback: bool
    lemmatizer: Lemmatizer | None = field(default=None, repr=False)
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @property
    def context_free(self) -> bool:
        """Whether a word's lemma is the same wherever it occurs (the fallback)."""
        return self.lemmatizer is not None

    @property
    def lexicon(self) -> Lemmatizer:
        """The word knowledge behind compound and separable-verb matching (the
        fallback's lemmatizer; loaded on first use with an installed model)."""
        return self.lemmatizer or load_lemmatizer(self.language)

    def lemma(self, token: Token) -> str:
        """The lower-case lemma of ``token``."""
        if self.lemmatizer is None:
            return (token.lemma_ or token.text).lower()
        return self.lemmatizer.lemma(token.text)

    def lemma_of(self, word: str) -> str:
        """The lower-case lemma of a word out of context."""
        return self.lemmas_of(word)[0]

    def lemmas_of(self, word: str) -> tuple[str, ...]:
        """The lemma of a word out of context first, then other readings kept (lower case)."""
        if self.lemmatizer is not None:
            return self.lemmatizer.lemmas(word)
        hit = self._cache.get(word)
        if hit is None:
            doc = self.nlp(word)
            hit = ((doc[0].lemma_ or word).lower(),) if len(doc) == 1 else (word.lower(),)
            self._cache[word] = hit
        return hit

    def pipe(self, texts: Iterable[str], batch_size: int = 256, n_process: int = 1) -> Iterator[Doc]:
        """Process texts for coding.

        In the fallback, lemmas come from :meth:`lemma_of` and sentence bounds
        from the coder's own copy of the sentencizer rule, so only the tokenizer
        runs here (``Doc`` s without lemmas or sentence annotation)."""
        if self.lemmatizer is not None:
            return self.nlp.pipe(texts, batch_size=batch_size, n_process=n_process, disable=_FAST)
        return self.nlp.pipe(texts, batch_size=batch_size, n_process=n_process)

    def lemmas(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[list[str]]:
        """Lower-case lemmas of the alphabetic tokens of each text (for topic models)."""
        for doc in self.pipe(texts, batch_size=batch_size):
            yield [self.lemma(t) for t in doc if t.is_alpha]

    def describe(self) -> str:
        return self.name


def load_pipeline(language: str = "nl", model: str | None = None) -> Pipeline:
    """The pipeline for ``language``: ``model`` (a package name or path) if given,
    else the default model if installed, else the blank fallback (with one warning).

    A ``model`` the user names explicitly must load: otherwise ``[QK301]``.
    """
    return _load(language, model)


@functools.lru_cache(maxsize=8)
def _load(language: str, model: str | None) -> Pipeline:
    if language not in DEFAULT_MODELS:
        raise PipelineError(302, language=language, languages=', '.join(DEFAULT_MODELS))
    name = model or DEFAULT_MODELS[language]
    try:
        nlp = spacy.load(name, exclude=_SKIP)
    except (OSError, ImportError):
        if model is not None:
            raise PipelineError(301, model=model) from None
        return _fallback(language, name)
    except Exception as e:  # a broken package: config or weights unreadable
        raise PipelineError(303, name=name, error=type(e).__name__) from None
    if nlp.lang != language:
        raise PipelineError(304, name=name, model_language=nlp.lang, language=language)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer") and not nlp.has_pipe("parser"):
        nlp.add_pipe("sentencizer")
    version = nlp.meta.get("version", "")
    return Pipeline(nlp=nlp, name=f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {version}".strip(),
                    language=language, fallback=False)


def _fallback(language: str, wanted: str) -> Pipeline:
    if wanted not in _warned:
        _warned.add(wanted)
        log.warning("spaCy pipeline %s is not installed; using a blank '%s' pipeline with qualkit's offline "
                    "lemmatizer (simplemma + spaCy lookup tables) and a sentencizer (less accurate lemmas, no "
                    "context). Install the model with: python -m spacy download %s", wanted, language, wanted)
    try:
        lemmatizer = load_lemmatizer(language)
    except (ValueError, ImportError, OSError, KeyError):
        raise PipelineError(305, language=language) from None
    nlp = spacy.blank(language)
    nlp.add_pipe("qualkit_lemmatizer")
    nlp.add_pipe("sentencizer")
    return Pipeline(nlp=nlp, name=f"blank:{language} + qualkit lemmatizer (simplemma, lookup tables) + sentencizer "
                    f"(fallback; {wanted} not installed)", language=language, fallback=True, lemmatizer=lemmatizer)
