"""A codebook compiled for fast matching on spaCy ``Doc`` s.

Every rule that looks at one word (lemma, compound, glob, and the first word of
a phrase) is decided once per distinct word and cached, so coding costs little
more than tokenising: a token is one dictionary look-up, and only the few
tokens that hit a rule get any further work (phrase continuation, negation).

>>> from qualkit.codebook.io import loads
>>> from qualkit.nlp import load_pipeline
>>> cb = loads('''{name: d, version: "1", codes: [{id: staff, label: Staff,
...   include: [{lemma: personeel, compound: true}]}]}''')
>>> m = CodebookMatcher(cb, load_pipeline("nl"))        # doctest: +SKIP
>>> [h.code for h in m.match(m.pipeline.nlp("Er is een personeelstekort."))]  # doctest: +SKIP
['staff']
"""
from __future__ import annotations

import fnmatch
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import compress, count
from typing import NamedTuple

from spacy.attrs import IDX, LEMMA, ORTH, SENT_START
from spacy.lang.lex_attrs import is_punct   # spaCy's own is_punct, without making a vocabulary entry
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from qualkit.codebook import safe_regex
from qualkit.codebook.model import MODALS, NEGATION_BOUNDARIES, Codebook, Rule
from qualkit.coding import prefilter, units
from qualkit.coding.negation import Cue, Scope
from qualkit.coding.tokens import Runs
from qualkit.nlp import Pipeline

PUNCT_CHARS = frozenset(Sentencizer.default_punct_chars)
SPLIT_VERB_REACH = 12
"""Most words between a verb and its particle (*neemt het voorstel van de minister aan*)."""
DETERMINERS = {
    "nl": frozenset("""de het een 't mijn zijn haar hun ons onze jouw je jullie uw dit dat deze die hem hen me mij
        ze zich iemand niemand elkaar alle elke ieder iedere welke zo'n geen""".split()),
    "en": frozenset("the a an my his her their our your this that these those him them me us".split()),
}
"""A particle followed by one of these is a preposition (*aan de kust*), not part of a split verb."""
_SEP = "\n\x00\n"
MAX_WORDS = 100_000
"""Word records a matcher keeps (then it starts again): memory stays flat."""
_WILD = re.compile(r"[*?\[]")
_LOCAL = re.compile(r"\^|\$|\\[AZzG]|\(\?<?[=!]|\(\?[a-zA-Z]+\)")
"""Anchors, look-arounds and inline flags: patterns that could behave differently next
to a neighbour's text are searched text by text. (``\\b`` and ``\\B`` are safe: the
separator is non-word characters, which a word boundary treats like a string end.)"""


@dataclass(frozen=True, slots=True)
class RuleRef:
    code: str
    name: str        # e.g. "personeel include[1] glob:aanwerv*"
    exclude: bool
    negation: bool   # whether a negated match is ignored
    exceptions: frozenset[str] = frozenset()


@dataclass(slots=True)
class Hit:
    """One rule match: character span in the doc text, every matched piece
    (``spans``: a split verb has two), the unit (sentence) it is in, and for a
    match a negation cancelled, the cue (``cue``, ``cue_word``: its 1-based word
    position in the unit)."""

    code: str
    rule: str
    start: int
    end: int
    sent_start: int
    sent_end: int
    exclude: bool
    spans: tuple[tuple[int, int], ...] = ()
    cue: Cue | None = None
    cue_word: int = 0

    def why(self) -> str:
        """``negated by 'niet' (word 3)`` for a cancelled match, else ''."""
        return f"negated by {self.cue.describe(self.cue_word - 1)}" if self.cue is not None else ""


@dataclass(slots=True)
class _Word:
    text: str
    lemma: str
    lower: str
    forms: tuple[str, ...]
    hits: tuple[RuleRef, ...]
    phrases: tuple[tuple[tuple[frozenset[str], ...], RuleRef], ...]
    splits: tuple[tuple[str, RuleRef], ...]
    """Split-verb rules this word is the verb of: (particle, rule)."""
    cue: bool
    boundary: bool
    verbal: bool
    """An infinitive, or any form of a modal verb (the negation scope stops at it)."""
    modal: bool
    length: int
    punct: bool
    """spaCy's ``is_punct`` (whitespace tokens are not punctuation), for sentence splitting."""
    ends_sentence: bool
    space: bool
    newlines: int
    upper: bool
    interesting: bool = False
    """Whether the word can start a rule match (set on creation)."""

    def __post_init__(self) -> None:
        self.interesting = bool(self.hits or self.phrases or self.splits)


class Tokens(NamedTuple):
    """A text's tokens for :meth:`CodebookMatcher.match`: word records, character
    offsets, the positions of the words that can start a match, and sentence starts
    when a pipeline set them (else the coder applies the sentencizer's rule)."""

    words: list[_Word]
    idx: list[int]
    where: list[int]
    sents: list[int] | None = None


class CodebookMatcher:
    """Find every include and exclude rule match of a codebook in a ``Doc``.

    Negation and exclusion are applied by :meth:`match`: a negated include match
    (see :mod:`qualkit.coding.negation`) is dropped when its rule or code asks for
    it, and kept in the ``trace`` with its cue when the caller asks.
    """

    def __init__(self, codebook: Codebook, pipeline: Pipeline):
        self.codebook = codebook
        self.pipeline = pipeline
        lang = codebook.language
        self._lemma_terms: dict[str, list[RuleRef]] = {}
        self._compounds: list[tuple[str, RuleRef]] = []
        self._splits: dict[str, list[tuple[str, RuleRef]]] = {}
        self._globs: list[tuple[re.Pattern, RuleRef]] = []
        self._glob_texts: list[tuple[str, RuleRef]] = []
        self._phrases: dict[str, list[tuple[tuple[frozenset[str], ...], RuleRef]]] = {}
        self._regexes: list[tuple[object, RuleRef, frozenset[str] | None]] = []
        self._cues = frozenset(w.lower() for w in codebook.cues)
        self._bounds = frozenset(NEGATION_BOUNDARIES[lang])
        self._modals = frozenset(MODALS[lang])
        self._determiners = DETERMINERS.get(lang, frozenset())
        self._stop = pipeline.nlp.Defaults.stop_words - self._modals
        self.scope = Scope(codebook.negation_window, codebook.negation_after, lang)
        self._cache: dict = {}
        self._seen: set[int] = set()   # word forms (orth ids) with a record in _cache (context-free lemmas)
        self._by_text: dict[str, _Word] = {}  # word records by form (context-free lemmas)
        self._runs = Runs(pipeline.nlp.tokenizer, self._record, _interesting) if pipeline.context_free else None
        for code in codebook.codes:
            for key in ("include", "exclude"):
                for j, rule in enumerate(getattr(code, key)):
                    ref = RuleRef(code=code.id, name=f"{code.id} {key}[{j}] {rule.describe()}",
                                  exclude=key == "exclude",
                                  negation=key == "include" and (rule.negation if rule.negation is not None else code.negation),
                                  exceptions=frozenset(rule.exceptions))
                    self._add(rule, ref)
        self._compound_terms = tuple({t for t, _ in self._compounds})
        heads = [g for g, _ in self._glob_texts if g[-1:] == "*" and not _WILD.search(g[:-1])]
        self._glob_heads = tuple(g[:-1] for g in heads)
        others = [g for g, _ in self._glob_texts if g not in heads]
        self._any_glob = re.compile("|".join(fnmatch.translate(g) for g in others)) if others else None

    def _forms(self, word: str) -> set[str]:
        """A rule word's lower-case form and its lemma (the word itself if it is one)."""
        return {word.lower(), self.pipeline.lemma_of(word)}

    def lemma_keys(self, pattern: str) -> set[str]:
        """The lemmas a lemma rule matches: ``aannemen``, ``aan_nemen`` and ``neemt aan``
        all give ``aannemen``; an inflected form (``huisartsen``) also gives its lemma."""
        words = pattern.split()
        if len(words) == 2:  # 'neemt aan': a separable verb as written in a sentence
            return {words[1].lower() + self.pipeline.lemma_of(words[0])}
        if "_" in pattern:   # simplemma's spelling 'aan_nemen'
            return {pattern.lower().replace("_", "")}
        return self._forms(pattern)

    def _add(self, rule: Rule, ref: RuleRef) -> None:
        if rule.kind == "lemma":
            for form in self.lemma_keys(rule.pattern):
                self._lemma_terms.setdefault(form, []).append(ref)
                if rule.compound:
                    self._compounds.append((form, ref))
                split = self.pipeline.lexicon.separable(form) if self.codebook.language == "nl" else None
                if split is not None:
                    self._splits.setdefault(split[1], []).append((split[0], ref))
        elif rule.kind == "glob":
            self._globs.append((re.compile(fnmatch.translate(rule.pattern.lower())), ref))
            self._glob_texts.append((rule.pattern.lower(), ref))
        elif rule.kind == "phrase":
            words = [t.text for t in self.pipeline.nlp.make_doc(rule.pattern)]
            terms = tuple(frozenset(self._forms(w)) for w in words)
            for form in terms[0]:
                self._phrases.setdefault(form, []).append((terms, ref))
        elif rule.kind == "regex":
            self._regexes.append((safe_regex.compile(rule.pattern), ref, prefilter.required(rule.pattern)))

    def _infinitive(self, word: str) -> bool:
        """Whether ``word`` can be an infinitive (Dutch ones end in -n: *schaden, gaan*)."""
        if not word.isalpha() or len(word) < 3:
            return False
        return word.endswith("n") if self.codebook.language == "nl" else word not in self._stop

    def _word(self, text: str, lemmas: tuple[str, ...]) -> _Word:
        lower = text.lower()
        forms = (lower, *lemmas)
        if lower[-1:] == "." and lower[:-1].isalpha():  # spaCy keeps abbreviations whole: 'vol.', 'ING.'
            forms += (lower[:-1], *self.pipeline.lemmas_of(text[:-1]))
        forms = tuple(dict.fromkeys(forms))
        hits: dict[RuleRef, None] = {}
        terms = self._compound_terms
        lex = self.pipeline.lexicon if terms else None
        for f in forms:
            for ref in self._lemma_terms.get(f, ()):
                hits[ref] = None
            if terms and (f.startswith(terms) or f.endswith(terms)):
                for term, ref in self._compounds:
                    if ref not in hits and (f.startswith(term) or f.endswith(term)) and lex.compound(f, term):
                        hits[ref] = None
            if (self._glob_heads and f.startswith(self._glob_heads)) or (
                    self._any_glob is not None and self._any_glob.match(f)):
                for pat, ref in self._globs:
                    if pat.match(f):
                        hits[ref] = None
        refs = tuple(r for r in hits if not (r.exceptions and r.exceptions.intersection(forms)))
        phrases = tuple(p for f in forms for p in self._phrases.get(f, ()))
        splits = tuple(s for f in forms for s in self._splits.get(f, ()))
        lemma = lemmas[0] if lemmas else lower
        no_alnum = not any(ch.isalnum() for ch in text)
        modal = lemma in self._modals
        verbal = modal or (lower == lemma and self._infinitive(lower) and self.pipeline.lexicon.is_verb(lemma))
        return _Word(text=text, lemma=lemma, lower=lower, forms=forms, hits=refs, phrases=phrases, splits=splits,
                     cue=lower in self._cues or lemma in self._cues,
                     boundary=no_alnum or lower in self._bounds, verbal=verbal, modal=modal, length=len(text),
                     punct=is_punct(text), ends_sentence=text in PUNCT_CHARS,
                     space=not text.strip(), newlines=text.count("\n"), upper=text[:1].isupper())

    def tokens(self, texts: list[str], regex_spans: list[list] | None = None, *,
               every: bool = False) -> list[Tokens | Doc | None]:
        """What :meth:`match` needs of each text: ``None`` for a text where no rule can
        match (no regex hit in ``regex_spans``, no word that can start a match), unless
        ``every``.

        With context-free lemmas (the fallback) no ``Doc`` is made: spaCy tokenises each
        distinct run of non-space characters once (:class:`qualkit.coding.tokens.Runs`),
        and a text is the tokens of its runs side by side, exactly spaCy's tokens. With a
        model, the pipeline processes every text."""
        if self._runs is None:
            return list(self.pipeline.pipe(texts, max(len(texts), 1)))
        self._bound()
        runs = self._runs
        out: list[Tokens | Doc | None] = []
        for k, ps in enumerate(runs.split(texts)):
            if every or (regex_spans is not None and regex_spans[k]) or runs.hot(ps):
                laid = runs.layout(ps)
            elif runs.crossing(ps) and runs.layout(ps) is None:
                laid = None   # no hot piece, but a special case may span two pieces: spaCy decides
            else:
                out.append(None)
                continue
            if laid is None:
                out.append(self._from_doc(self.pipeline.nlp.tokenizer(texts[k])))
            else:
                words, idx = laid
                out.append(Tokens(words, idx, list(compress(count(), map(_interesting, words)))))
        return out

    def _bound(self) -> None:
        """Word records start again after :data:`MAX_WORDS` (those in use stay valid)."""
        if len(self._by_text) >= MAX_WORDS or len(self._cache) >= MAX_WORDS:
            self._by_text, self._cache, self._seen = {}, {}, set()

    def _from_doc(self, doc: Doc) -> Tokens:
        words = self.words(doc)
        arr = doc.to_array([IDX, SENT_START])
        sents = [0, *(int(i) for i in (arr[1:, 1] == 1).nonzero()[0] + 1)] if arr[1:, 1].any() else None
        return Tokens(words, arr[:, 0].tolist(), [i for i, w in enumerate(words) if w.interesting], sents)

    def _record(self, text: str) -> _Word:
        """The word record of a word form (context-free lemmas), made once per form."""
        w = self._by_text.get(text)
        if w is None:
            w = self._by_text[text] = self._word(text, self.pipeline.lemmas_of(text))
        return w

    def words(self, doc: Doc) -> list[_Word]:
        """The cached word records of every token of ``doc``."""
        self._bound()
        cache, strings = self._cache, doc.vocab.strings
        if self.pipeline.context_free:
            orths = doc.to_array(ORTH).tolist()
            for orth in set(orths).difference(self._seen):
                cache[orth] = self._record(strings[orth])
                self._seen.add(orth)
            return list(map(cache.__getitem__, orths))
        out = []
        for orth, lem in doc.to_array([ORTH, LEMMA]).tolist():
            key = (orth, lem)
            w = cache.get(key)
            if w is None:
                text = strings[orth]
                w = cache[key] = self._word(text, ((strings[lem] if lem else text).lower(),))
            out.append(w)
        return out

    def regex_spans(self, texts: list[str]) -> list[list[tuple[int, int, RuleRef]]]:
        """Every regex rule's matches ``(start, end, rule)`` in each of ``texts``.

        A regex engine call costs more than scanning a short answer, so texts are
        searched as one string joined by a separator, and any match that runs
        over a separator is redone text by text: the result is the same as
        searching each text on its own. Patterns with anchors or look-arounds,
        which could see the neighbours, always run text by text.
        """
        out: list[list[tuple[int, int, RuleRef]]] = [[] for _ in texts]
        if not self._regexes or not texts:
            return out
        offsets, pos = [], 0
        for t in texts:
            offsets.append(pos)
            pos += len(t) + len(_SEP)
        joined = _SEP.join(texts)
        low = None if any(c in joined for c in prefilter.FOLDS) else joined.lower()
        pat = ref = None
        try:
            for pat, ref, lits in self._regexes:
                if low is not None and lits is not None:  # only texts holding a required word
                    for k in _holding(low, offsets, lits):
                        out[k] += self._spans(pat, ref, texts[k])
                    continue
                if _LOCAL.search(pat.pattern):
                    for k, t in enumerate(texts):
                        out[k] += self._spans(pat, ref, t)
                    continue
                redo: set[int] = set()
                for m in pat.finditer(joined, timeout=safe_regex.TIMEOUT_S):
                    k = bisect_right(offsets, m.start()) - 1
                    if m.end() > offsets[k] + len(texts[k]):
                        redo.update(range(k, bisect_right(offsets, m.end())))
                    elif m.end() > m.start():
                        out[k].append((m.start() - offsets[k], m.end() - offsets[k], ref))
                for k in redo:
                    out[k] = [h for h in out[k] if h[2] is not ref] + self._spans(pat, ref, texts[k])
        except TimeoutError:
            raise safe_regex.too_slow(pat, ref) from None
        return out

    @staticmethod
    def _spans(pat, ref: RuleRef, text: str) -> list[tuple[int, int, RuleRef]]:
        return [(m.start(), m.end(), ref) for m in pat.finditer(text, timeout=safe_regex.TIMEOUT_S) if m.end() > m.start()]

    def match(self, doc: Doc | Tokens, codes: frozenset[str] | None = None, text: str | None = None,
              regex_spans: list[tuple[int, int, RuleRef]] | None = None,
              trace: list[Hit] | None = None) -> list[Hit]:
        """Include and exclude hits in ``doc`` (a ``Doc``, or :meth:`tokens` of its text)
        for ``codes`` (all when None), negated include hits already removed (and appended
        to ``trace`` with their cue, when given), excluded codes already dropped from the
        units their exclude rules matched in. ``text`` is the doc's text when the caller
        has it (rebuilding it costs a token loop); ``regex_spans`` are this text's
        :meth:`regex_spans` when computed in bulk (needed with ``Tokens``)."""
        if regex_spans is None:
            regex_spans = self.regex_spans([doc.text if text is None else text])[0] if self._regexes else []
        words, idx, where, sents = doc if isinstance(doc, Tokens) else self._from_doc(doc)
        n = len(words)
        if n == 0 or not (where or regex_spans):
            return []
        raw: list[tuple[int, int, RuleRef, tuple[int, ...]]] = []   # (first token, last token, rule, pieces)
        for i in where:
            w = words[i]
            for ref in w.hits:
                raw.append((i, i, ref, ()))
            for terms, ref in w.phrases:
                k = len(terms)
                if i + k <= n and all(not terms[j].isdisjoint(words[i + j].forms) for j in range(1, k)):
                    raw.append((i, i + k - 1, ref, ()))
            for particle, ref in w.splits:
                k = self._particle(words, i, particle)
                if k is not None:
                    raw.append((min(i, k), max(i, k), ref, (min(i, k), max(i, k))))
        for start, end, ref in regex_spans:
            first = max(bisect_right(idx, start) - 1, 0)
            raw.append((first, max(bisect_right(idx, end - 1) - 1, first), ref, ()))
        if not raw:
            return []
        # sentence bounds set by the pipeline (senter, parser, sentencizer), else the sentencizer's rule
        starts = units.unit_starts(words, idx, sents if sents is not None else units.sentence_starts(words))
        hits: list[Hit] = []
        for first, last, ref, pieces in raw:
            if codes is not None and ref.code not in codes:
                continue
            u = bisect_right(starts, first) - 1
            s = starts[u]
            e = (starts[u + 1] if u + 1 < len(starts) else n) - 1
            s, e = units.trim(words, s, e)
            toks = pieces or (first,)
            spans = tuple((idx[t], idx[t] + words[t].length) for t in toks) if pieces else (
                (idx[first], idx[last] + words[last].length),)
            hit = Hit(code=ref.code, rule=ref.name, start=idx[first], end=idx[last] + words[last].length,
                      sent_start=idx[s], sent_end=idx[e] + words[e].length, exclude=ref.exclude, spans=spans)
            if ref.negation:
                c = self.scope.cue(words, starts, first, last)
                if c is not None:
                    if trace is not None:
                        w = words[c]
                        hit.cue = Cue(index=c, text=w.lower, start=idx[c], end=idx[c] + w.length)
                        hit.cue_word = 1 + sum(1 for t in range(s, c) if not words[t].space and not words[t].punct)
                        trace.append(hit)
                    continue
            hits.append(hit)
        return hits

    def _particle(self, words: list[_Word], i: int, particle: str) -> int | None:
        """The index of ``particle`` that makes verb ``i`` a split verb: before it as
        *aan te nemen*, or after it in the same clause, not as a preposition
        (*neemt het voorstel aan*, not *neemt de trein aan de kust*)."""
        if i >= 2 and words[i - 1].lower == "te" and words[i - 2].lower == particle and words[i].verbal:
            return i - 2
        n = len(words)
        for k in range(i + 1, min(n, i + 1 + SPLIT_VERB_REACH)):
            w = words[k]
            if w.lower == particle:
                nxt = words[k + 1] if k + 1 < n else None
                if nxt is None or nxt.space or nxt.boundary or nxt.lower not in self._determiners:
                    return k
                return None
            if w.boundary or w.ends_sentence:
                return None
        return None


def _interesting(w: _Word) -> bool:
    return w.interesting


def _holding(joined: str, offsets: list[int], words: frozenset[str]) -> list[int]:
    """Which of the texts joined at ``offsets`` hold one of ``words`` (one search per text
    that does, from the next text on)."""
    found: set[int] = set()
    last = len(offsets) - 1
    for word in words:
        i = joined.find(word)
        while i != -1:
            k = bisect_right(offsets, i) - 1
            found.add(k)
            i = joined.find(word, offsets[k + 1]) if k < last else -1
    return sorted(found)
