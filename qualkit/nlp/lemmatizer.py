"""Context-free lemmas for the offline fallback: ``simplemma``'s dictionary, checked.

The fallback pipeline (no ``nl_core_news_md``) cannot see context, so a word's
lemma is decided once per word form and cached. :class:`Lemmatizer` starts from
``simplemma``'s dictionary (Wiktionary and other open sources; measured in
``bench/bench_lemmas.py`` against spaCy's lookup table) and repairs its known
errors on Dutch:

* separable verbs come back as ``aan_nemen``: written ``aannemen`` here, and a
  split that is not a particle + verb (``krijg_vangen`` for *krijgsgevangenen*) is
  not trusted;
* a pair of words that are each other's lemma (*fiets* -> *fietsen*, *zitten* -> *zit*)
  keeps the word itself when it heads a paradigm of its own;
* a compound the dictionary does not know is lemmatised by its last part
  (*transmissietarieven* -> *transmissietarief*) when the first part is a word.

Where the first choice was repaired, simplemma's own answer stays available as a
second lemma (:meth:`Lemmatizer.lemmas`), so a codebook rule written for either
still matches. spaCy's lookup table (``spacy-lookups-data``) is the second
opinion for words simplemma does not know.

The same object serves as a spaCy pipeline component (``qualkit_lemmatizer``),
which sets ``token.lemma_``, so the fallback and an installed model are used the
same way.

>>> lem = load_lemmatizer("nl")                          # doctest: +SKIP
>>> [lem.lemma(w) for w in ["huisartsen", "aangenomen", "fiets", "zitten"]]  # doctest: +SKIP
['huisarts', 'aannemen', 'fiets', 'zitten']
"""
from __future__ import annotations

import collections
import functools
from typing import Mapping

import simplemma
from spacy.language import Language
from spacy.tokens import Doc

from qualkit.codebook.model import PARTICLES

LINKS = ("s", "en", "s-", "en-", "-", "")
"""Dutch linking sounds between compound parts (*personeel-s-tekort*, *huisart-sen-praktijk*),
with or without a hyphen (*collega-tekort*, *ING-bank*, *personeels-tekort*)."""

SUFFIXES = frozenset("""lijk lijke lijker lijkst lijkste heid heden schap schappen baar bare baarder loos loze
    zaam zame achtig achtige ing ingen eren""".split())
"""Derivational endings that are also words (*lijk*, *heid*, *baar*): *werk-elijk* is not a compound."""

MIN_PART = 3
"""Shortest compound part: shorter remainders (*-en*, *ge-*) are endings, not words."""

MAX_COMPOUND = 60
"""Longest compound rest split into more than two words (a longer string is no word)."""

MIN_HEAD = 4
"""Shortest last part that lemmatises an unknown compound."""

PARADIGM = 3
"""A word that is the lemma of at least this many forms in simplemma's data heads a
paradigm of its own (*fiets*: fietsje, fietsjes ...). When the dictionary sends such a
word to a longer one (*fiets* -> *fietsen*), or to a shorter one with fewer forms of
its own (*zitten*, 8 forms -> *zit*, 2), the word is its own lemma; *redenen* (3)
-> *reden* (8) stays."""


class Lemmatizer:
    """Lemmas of word forms out of context, cached per form (lower case)."""

    def __init__(self, language: str = "nl"):
        from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY
        from spacy.lookups import load_lookups

        self.language = language
        self._forms = DEFAULT_DICTIONARY_FACTORY.get_dictionary(language)
        raw = getattr(self._forms, "_dict", None)
        self._heads: Mapping[bytes, int] = collections.Counter(raw.values()) if raw is not None else {}
        self._lookup = load_lookups(language, ["lemma_lookup"]).get_table("lemma_lookup")
        self._particles = PARTICLES.get(language, frozenset())
        self._cache: dict[str, tuple[str, ...]] = {}
        self._compounds: dict[tuple[str, str], bool] = {}
        self._lemmas: frozenset[str] | None = None
        self._verbs: frozenset[str] = frozenset()

    # -- spaCy component -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token.lemma_ = self.lemma(token.text)
        return doc

    # -- lemmas --------------------------------------------------------------------
    def lemma(self, word: str) -> str:
        """The lemma of ``word`` (lower case)."""
        hit = self._cache.get(word)
        if hit is None:
            hit = self._cache[word] = self._decide(word)
        return hit[0]

    def lemmas(self, word: str) -> tuple[str, ...]:
        """The lemma of ``word`` first, then any other reading kept (lower case)."""
        hit = self._cache.get(word)
        if hit is None:
            hit = self._cache[word] = self._decide(word)
        return hit

    def knows(self, word: str) -> bool:
        """Whether ``word`` (lower case) is a form or a lemma in the dictionary data."""
        return (self._forms.get(word) is not None or word in self._index()[0]
                or word.encode() in self._heads or self._lookup.get(word) is not None)

    def is_word(self, part: str, linked: bool = False) -> bool:
        """Whether ``part`` is a word (``linked``: also with a linking -s-, -e- or -en-
        after it, as the first part of a compound)."""
        if len(part) < MIN_PART:
            return False
        if len(part) == MIN_PART:  # short forms (-eet, -ste) are mostly endings: only real lemmas count
            return part in self._index()[0]
        if self.knows(part):
            return True
        if linked:
            for link in LINKS[:-1]:
                if part.endswith(link) and len(part) - len(link) >= MIN_PART and self.knows(part[:-len(link)]):
                    return True
        return False

    def is_verb(self, lemma: str) -> bool:
        """Whether ``lemma`` is a verb in spaCy's lemma index (``spacy-lookups-data``)."""
        return lemma in self._index()[1]

    def _index(self) -> tuple[frozenset[str], frozenset[str]]:
        """spaCy's lemma lists (nouns, verbs, adjectives ...): every lemma, and the verbs."""
        if self._lemmas is None:
            from spacy.lookups import load_lookups

            try:
                table = load_lookups(self.language, ["lemma_index"]).get_table("lemma_index")
            except (ValueError, KeyError):
                table = {}
            self._lemmas = frozenset(w for pos in ("noun", "verb", "adj", "adv") if pos in table for w in table[pos])
            self._verbs = frozenset(table["verb"]) if "verb" in table else frozenset()
        return self._lemmas, self._verbs

    def compound(self, word: str, part: str) -> bool:
        """Whether ``word`` (lower case) is a compound with ``part`` as its first or last
        part and a word as the rest: *personeel-s-tekort*, *administratie-last*; not
        *last-er*, *zorg-vuldig*. The rest may itself be two words (*werk-druk-verlaging*)."""
        if len(word) < len(part) + MIN_PART or part == word:
            return False
        key = (word, part)
        hit = self._compounds.get(key)
        if hit is None:
            hit = False
            if word.startswith(part):
                rest = word[len(part):]
                hit = any(rest.startswith(link) and rest[len(link):] not in SUFFIXES and self._words(rest[len(link):])
                          for link in LINKS)
            if not hit and word.endswith(part) and part not in SUFFIXES:  # oploss-ing: an ending, not a word
                hit = self._words(word[:-len(part)], linked=True)
            self._compounds[key] = hit
        return hit

    def _words(self, part: str, linked: bool = False) -> bool:
        """``part`` is a word, or words one after the other (each but the last may end in
        a linking sound): *ondersteunings-mogelijkheden-plannen*. Longer than
        :data:`MAX_COMPOUND` characters: one word or two."""
        if self.is_word(part, linked):
            return True
        n = len(part)
        if n > MAX_COMPOUND:
            return any(self.is_word(part[:i], linked=True) and self.is_word(part[i:], linked)
                       for i in range(MIN_PART, n - MIN_PART + 1))
        rest = [False] * (n + 1)   # rest[i]: part[i:] is words
        for i in range(n - MIN_PART, -1, -1):
            rest[i] = self.is_word(part[i:], linked) or any(
                rest[k] and self.is_word(part[i:k], linked=True) for k in range(i + MIN_PART, n - MIN_PART + 1))
        return rest[0]

    def separable(self, lemma: str) -> tuple[str, str] | None:
        """``(particle, verb)`` when ``lemma`` is a separable verb (*aannemen*)."""
        raw = self._forms.get(lemma)
        if raw and "_" in raw:
            p, _, v = raw.partition("_")
            if p in self._particles and p + v == lemma:
                return p, v
        for p in self._particles:
            if lemma.startswith(p) and len(lemma) - len(p) >= MIN_PART and lemma.endswith("en"):
                rest = lemma[len(p):]
                if self._forms.get(rest) == rest or self._heads.get(rest.encode(), 0) >= PARADIGM:
                    return p, rest
        return None

    def _decide(self, word: str) -> tuple[str, ...]:
        low = word.lower()
        first = self._dictionary(word, low)
        if first is None:
            first = self._lookup.get(word) or self._lookup.get(low)
            first = first.lower() if first else None
        if first is None:
            first = self._compound(low)
        if first is None:  # simplemma's own chain: apostrophes (collega's), hyphens, suffix rules
            first = simplemma.lemmatize(word, lang=self.language).lower().replace("_", "")
        raw = self._forms.get(low) or self._forms.get(word)
        raw = raw.lower().replace("_", "") if raw else None
        return (first,) if raw is None or raw == first else (first, raw)

    def _dictionary(self, word: str, low: str) -> str | None:
        got = self._forms.get(low) or self._forms.get(word)
        if got is None:
            return None
        got = got.lower()
        if "_" in got:
            p, _, v = got.partition("_")
            if p not in self._particles:
                return None  # krijg_vangen: not a separable verb, so not trusted
            got = p + v
        if got != low and _related(low, got):
            mine, theirs = self._heads.get(low.encode(), 0), self._heads.get(got.encode(), 0)
            if mine >= PARADIGM and (len(low) < len(got) or mine > theirs):
                return low  # fiets -> fietsen, zitten -> zit: the word heads a paradigm of its own
        return got

    def _compound(self, low: str) -> str | None:
        """``modifier + lemma(head)`` for the longest known last part whose first part is a word."""
        if len(low) < 2 * MIN_PART + 1 or not low.isalpha():
            return None
        for i in range(MIN_PART, len(low) - MIN_HEAD + 1):
            head = low[i:]
            got = self._dictionary(head, head)
            # a lemma longer than the form is a verb read into a noun (-taan -> tanen): not a head
            if got is None or len(got) > len(head) or not self.is_word(low[:i], linked=True):
                continue
            if head.endswith("ende") and not got.endswith("end"):
                got = head[:-1]   # present participle used as adjective: bepalende -> bepalend
            return low[:i] + got
        return None


def _related(a: str, b: str) -> bool:
    """Whether two words share a stem (*fiets*/*fietsen*, *zit*/*zitten*; not *waren*/*zijn*)."""
    n = min(len(a), len(b))
    return n >= MIN_PART and a[:n - 1] == b[:n - 1]


@functools.lru_cache(maxsize=4)
def load_lemmatizer(language: str = "nl") -> Lemmatizer:
    """The shared :class:`Lemmatizer` for ``language`` (loaded once per process)."""
    return Lemmatizer(language)


@Language.factory("qualkit_lemmatizer", default_config={})
def make_lemmatizer(nlp: Language, name: str) -> Lemmatizer:
    """spaCy factory: ``nlp.add_pipe("qualkit_lemmatizer")`` after ``import qualkit.nlp``."""
    return load_lemmatizer(nlp.lang)
