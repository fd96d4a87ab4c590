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

from spacy.attrs import IDX, LEMMA, ORTH, SENT_START
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from qualkit.codebook.model import NEGATION_BOUNDARIES, Codebook, Rule
from qualkit.codebook import safe_regex
from qualkit.coding import prefilter
from qualkit.nlp import Pipeline

MIN_COMPOUND_REST = 3
PUNCT_CHARS = frozenset(Sentencizer.default_punct_chars)
_SEP = "\n\x00\n"
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


@dataclass(slots=True)
class Hit:
    """One rule match: character span in the doc text, the sentence it is in."""

    code: str
    rule: str
    start: int
    end: int
    sent_start: int
    sent_end: int
    exclude: bool


@dataclass(slots=True)
class _Word:
    lemma: str
    lower: str
    hits: tuple[RuleRef, ...]
    phrases: tuple[tuple[tuple[frozenset[str], ...], RuleRef], ...]
    cue: bool
    boundary: bool
    length: int
    punct: bool
    """spaCy's ``is_punct`` (whitespace tokens are not punctuation), for sentence splitting."""
    ends_sentence: bool
    space: bool

    @property
    def interesting(self) -> bool:
        return bool(self.hits or self.phrases)


class CodebookMatcher:
    """Find every include and exclude rule match of a codebook in a ``Doc``.

    Negation and exclusion are applied by :meth:`match`: a negated include match
    (a cue within ``negation_window`` tokens before or ``negation_after`` after,
    in the same clause) is dropped when its rule or code asks for it.
    """

    def __init__(self, codebook: Codebook, pipeline: Pipeline):
        self.codebook = codebook
        self.pipeline = pipeline
        self._lemma_terms: dict[str, list[RuleRef]] = {}
        self._compounds: list[tuple[str, RuleRef]] = []
        self._globs: list[tuple[re.Pattern, RuleRef]] = []
        self._glob_texts: list[tuple[str, RuleRef]] = []
        self._phrases: dict[str, list[tuple[tuple[frozenset[str], ...], RuleRef]]] = {}
        self._regexes: list[tuple[object, RuleRef, frozenset[str] | None]] = []
        self._cues = frozenset(w.lower() for w in codebook.cues)
        self._bounds = frozenset(NEGATION_BOUNDARIES[codebook.language])
        self._cache: dict = {}
        for code in codebook.codes:
            for key in ("include", "exclude"):
                for j, rule in enumerate(getattr(code, key)):
                    ref = RuleRef(code=code.id, name=f"{code.id} {key}[{j}] {rule.describe()}",
                                  exclude=key == "exclude",
                                  negation=key == "include" and (rule.negation if rule.negation is not None else code.negation))
                    self._add(rule, ref)
        self._compound_terms = tuple({t for t, _ in self._compounds})
        heads = [g for g, _ in self._glob_texts if g[-1:] == "*" and not _WILD.search(g[:-1])]
        self._glob_heads = tuple(g[:-1] for g in heads)
        others = [g for g, _ in self._glob_texts if g not in heads]
        self._any_glob = re.compile("|".join(fnmatch.translate(g) for g in others)) if others else None

    def _forms(self, word: str) -> set[str]:
        return {word.lower(), self.pipeline.lemma_of(word)}

    def _add(self, rule: Rule, ref: RuleRef) -> None:
        if rule.kind == "lemma":
            for form in self._forms(rule.pattern):
                self._lemma_terms.setdefault(form, []).append(ref)
                if rule.compound:
                    self._compounds.append((form, ref))
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

    def _word(self, text: str, lemma: str) -> _Word:
        lower = text.lower()
        forms = (lower, lemma) if lemma != lower else (lower,)
        hits: dict[RuleRef, None] = {}
        terms = self._compound_terms
        for f in forms:
            for ref in self._lemma_terms.get(f, ()):
                hits[ref] = None
            if terms and (f.startswith(terms) or f.endswith(terms)):
                for term, ref in self._compounds:
                    if len(f) - len(term) >= MIN_COMPOUND_REST and (f.startswith(term) or f.endswith(term)):
                        hits[ref] = None
            if (self._glob_heads and f.startswith(self._glob_heads)) or (
                    self._any_glob is not None and self._any_glob.match(f)):
                for pat, ref in self._globs:
                    if pat.match(f):
                        hits[ref] = None
        phrases = tuple(p for f in dict.fromkeys(forms) for p in self._phrases.get(f, ()))
        no_alnum = not any(ch.isalnum() for ch in text)
        return _Word(lemma=lemma, lower=lower, hits=tuple(hits), phrases=phrases,
                     cue=lower in self._cues or lemma in self._cues,
                     boundary=no_alnum or lower in self._bounds, length=len(text),
                     punct=self.pipeline.nlp.vocab[text].is_punct, ends_sentence=text in PUNCT_CHARS,
                     space=not text.strip())

    def words(self, doc: Doc) -> list[_Word]:
        """The cached word records of every token of ``doc``."""
        cache, strings = self._cache, doc.vocab.strings
        out = []
        if self.pipeline.lookup is not None:
            for orth in doc.to_array(ORTH).tolist():
                w = cache.get(orth)
                if w is None:
                    text = strings[orth]
                    w = cache[orth] = self._word(text, self.pipeline.lemma_of(text))
                out.append(w)
        else:
            for orth, lem in doc.to_array([ORTH, LEMMA]).tolist():
                key = (orth, lem)
                w = cache.get(key)
                if w is None:
                    text = strings[orth]
                    w = cache[key] = self._word(text, (strings[lem] if lem else text).lower())
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
                    for k in sorted({bisect_right(offsets, i) - 1 for lit in lits for i in _find_all(low, lit)}):
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
        if pat.search(text, timeout=safe_regex.TIMEOUT_S) is None:
            return []
        return [(m.start(), m.end(), ref) for m in pat.finditer(text, timeout=safe_regex.TIMEOUT_S) if m.end() > m.start()]

    def match(self, doc: Doc, codes: frozenset[str] | None = None, text: str | None = None,
              regex_spans: list[tuple[int, int, RuleRef]] | None = None) -> list[Hit]:
        """Include and exclude hits in ``doc`` for ``codes`` (all when None),
        negated include hits already removed, excluded codes already dropped
        from the sentences their exclude rules matched in. ``text`` is
        ``doc.text`` when the caller has it (rebuilding it costs a token loop);
        ``regex_spans`` are this text's :meth:`regex_spans` when computed in bulk."""
        words = self.words(doc)
        n = len(words)
        if n == 0:
            return []
        arr = doc.to_array([IDX, SENT_START])
        idx = arr[:, 0].tolist()
        if arr[1:, 1].any():  # sentence bounds set by the pipeline (senter, parser, sentencizer)
            starts = [0, *(int(i) for i in (arr[1:, 1] == 1).nonzero()[0] + 1)]
        else:
            starts = _sentence_starts(words)
        raw: list[tuple[int, int, RuleRef]] = []   # (first token, last token, rule)
        for i, w in enumerate(words):
            if not w.interesting:
                continue
            for ref in w.hits:
                raw.append((i, i, ref))
            for terms, ref in w.phrases:
                k = len(terms)
                if i + k <= n and all(words[i + j].lower in terms[j] or words[i + j].lemma in terms[j]
                                      for j in range(1, k)):
                    raw.append((i, i + k - 1, ref))
        if regex_spans is None:
            regex_spans = self.regex_spans([doc.text if text is None else text])[0]
        for start, end, ref in regex_spans:
            first = max(bisect_right(idx, start) - 1, 0)
            raw.append((first, max(bisect_right(idx, end - 1) - 1, first), ref))
        hits: list[Hit] = []
        for first, last, ref in raw:
            if codes is not None and ref.code not in codes:
                continue
            if ref.negation and self._negated(words, starts, first, last):
                continue
            s = starts[bisect_right(starts, first) - 1]
            nxt = bisect_right(starts, first)
            e = (starts[nxt] if nxt < len(starts) else n) - 1
            while e > s and words[e].space:
                e -= 1
            while s < e and words[s].space:
                s += 1
            hits.append(Hit(code=ref.code, rule=ref.name, start=idx[first], end=idx[last] + words[last].length,
                            sent_start=idx[s], sent_end=idx[e] + words[e].length, exclude=ref.exclude))
        return hits

    def _negated(self, words: list[_Word], starts: list[int], first: int, last: int) -> bool:
        window, after = self.codebook.negation_window, self.codebook.negation_after
        sent = starts[bisect_right(starts, first) - 1]
        j = first - 1
        while j >= max(sent, first - window):
            w = words[j]
            if w.cue:
                return True
            if w.boundary:
                break
            j -= 1
        nxt = bisect_right(starts, last)
        end = starts[nxt] if nxt < len(starts) else len(words)
        j = last + 1
        while j < min(end, last + 1 + after):
            w = words[j]
            if w.cue:
                return True
            if w.boundary:
                break
            j += 1
        return False


def _find_all(text: str, sub: str):
    i = text.find(sub)
    while i != -1:
        yield i
        i = text.find(sub, i + 1)


def _sentence_starts(words: list[_Word]) -> list[int]:
    """Sentence starts by spaCy's ``Sentencizer`` rule: a sentence starts at the
    first non-punctuation token after a sentence-final punctuation mark."""
    starts = [0]
    seen = False
    for i, w in enumerate(words):
        if seen and not w.punct and not w.ends_sentence:
            starts.append(i)
            seen = False
        elif w.ends_sentence:
            seen = True
    return starts
