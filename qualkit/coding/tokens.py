"""spaCy's tokens of a text without building a ``Doc``: each distinct run once.

spaCy's tokenizer cuts a text at whitespace first and tokenises each run of
non-space characters on its own (exceptions, prefixes, suffixes, infixes); a
single space after a run is that run's trailing space, any other whitespace is
a token of its own (``Tokenizer._tokenize_affixes``). So a text's tokens are its
runs' tokens side by side, and a coder that remembers the tokens of each
distinct run needs spaCy once per run, not once per text (spaCy's own cache
stops at 10,000 runs and still builds a ``Doc`` per text).

One exception, handled exactly: spaCy then looks for its multi-token special
cases again over the whole text (``_apply_special_cases``, on the tokens its
prefix/suffix/infix rules made), and a match across two runs can shadow one
inside a run: in ``> :(Daren't`` the pattern ``> :`` takes the ``:`` that would
have made the emoticon ``:(``. :func:`special_pairs` lists the neighbouring
tokens of those patterns. The tokens that pass sees at a run's edges are the
run's own first and last tokens, unless the pass replaced them by a special
case's (``:(``): then they are that case's first or last token as the affix
rules split it (:func:`edge_tokens`). A text where one piece may end with the
first token of a pair and the next piece may start with its second is left to
spaCy itself (:meth:`Runs.layout` gives None).

>>> import spacy
>>> tok = spacy.blank("nl").tokenizer
>>> tokenise(tok, ["collega's!", "e-mail"])[0]
[("collega's", 0), ('!', 9)]
>>> runs = Runs(tok, str.lower, lambda w: w == "e-mail")
>>> pieces = runs.split(["Een e-mail  sturen"])[0]
>>> runs.hot(pieces), runs.layout(pieces)
(True, (['een', 'e-mail', ' ', 'sturen'], [0, 4, 11, 12]))
"""
from __future__ import annotations

import functools
import re
from itertools import accumulate, chain
from typing import Callable, Generic, TypeVar

from spacy.attrs import IDX, LENGTH
from spacy.tokenizer import Tokenizer

R = TypeVar("R")

PIECES = re.compile(r"(\s+)")
"""``PIECES.split(text)``: runs of non-space characters with the whitespace between them
(``\\s`` is ``str.isspace``, as spaCy's tokenizer decides); even positions are runs (the
first and last may be empty), odd positions whitespace."""

SEP = "\n"
"""Joins runs for one tokenizer call: a whitespace token of its own, so no run's tokens change."""

MAX_RUNS = 100_000
"""Distinct pieces whose tokens :class:`Runs` keeps (then it starts again): memory stays flat."""

LEAD = "\x00"
"""Key prefix for whitespace at the start of a text: all of it is a token (no trailing space to lose)."""


@functools.lru_cache(maxsize=8)
def special_pairs(tokenizer: Tokenizer) -> frozenset[tuple[str, str]]:
    """``(a, b)`` where token ``a`` comes right before token ``b`` in one of spaCy's
    special cases as its prefix/suffix/infix rules split it: the token sequences its
    special-case matcher looks for across the whole text (``Tokenizer.add_special_case``
    adds a rule's affix-only tokens; every rule is listed here, a superset)."""
    plain = Tokenizer(tokenizer.vocab, rules={}, prefix_search=tokenizer.prefix_search,
                      suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
                      token_match=tokenizer.token_match, url_match=tokenizer.url_match)
    out: set[tuple[str, str]] = set()
    for toks in tokenise(plain, list(tokenizer.rules or {}), joined=True):
        out.update((a, b) for (a, _), (b, _) in zip(toks, toks[1:]))
    return frozenset(out)


@functools.lru_cache(maxsize=8)
def edge_tokens(tokenizer: Tokenizer) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """``(first, last)``: for a token a special case's tokens begin (end) with, the
    tokens its text begins (ends) with as the affix rules split it (what spaCy's final
    pass over special cases saw there before it put the special case's tokens in)."""
    from spacy.attrs import ORTH

    rules = tokenizer.rules or {}
    plain = Tokenizer(tokenizer.vocab, rules={}, prefix_search=tokenizer.prefix_search,
                      suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
                      token_match=tokenizer.token_match, url_match=tokenizer.url_match)
    first: dict[str, set[str]] = {}
    last: dict[str, set[str]] = {}
    for rule, toks in zip(rules, tokenise(plain, list(rules), joined=True)):
        special = [d.get(ORTH, d.get("ORTH")) for d in rules[rule]]
        if toks and special and [t for t, _ in toks] != special:
            first.setdefault(special[0], set()).add(toks[0][0])
            last.setdefault(special[-1], set()).add(toks[-1][0])
    return ({k: frozenset(v) for k, v in first.items()}, {k: frozenset(v) for k, v in last.items()})


def tokenise(tokenizer: Tokenizer, spans: list[str], joined: bool | None = None) -> list[list[tuple[str, int]]]:
    """spaCy's tokens ``(text, offset)`` of each span on its own. Runs of non-space
    characters go through one tokenizer call, joined by :data:`SEP`, unless the separator
    could take part in a special case (``joined``: known not to); whitespace spans one by one."""
    runs = [k for k, s in enumerate(spans) if s and not s[0].isspace()]
    out: list[list[tuple[str, int]]] = [[] for _ in spans]
    if joined is None:
        joined = not any(SEP in a or SEP in b for a, b in special_pairs(tokenizer))
    if runs and joined:
        text = SEP.join(spans[k] for k in runs)
        arr = tokenizer(text).to_array([IDX, LENGTH]).tolist()
        j, start = 0, 0
        for k in runs:
            end = start + len(spans[k])
            while j < len(arr) and arr[j][0] < end:
                i, n = arr[j]
                out[k].append((text[i:i + n], i - start))
                j += 1
            while j < len(arr) and arr[j][0] < end + len(SEP):   # the separator's token
                j += 1
            start = end + len(SEP)
    for k in range(len(spans)):
        if spans[k] and not out[k]:
            out[k] = [(spans[k][i:i + n], i) for i, n in tokenizer(spans[k]).to_array([IDX, LENGTH]).tolist()]
    return out


class Runs(Generic[R]):
    """The tokens of texts as spaCy's ``tokenizer`` makes them, each distinct piece
    (run or whitespace, :data:`PIECES`) tokenised once and kept as ``record(token
    text)`` values, at most :data:`MAX_RUNS` pieces. ``hot(record)`` marks the tokens
    a caller looks for: :meth:`hot` says whether a text has one without laying it out."""

    def __init__(self, tokenizer: Tokenizer, record: Callable[[str], R], hot: Callable[[R], bool],
                 limit: int = MAX_RUNS):
        self.tokenizer = tokenizer
        self._record, self._is_hot, self.limit = record, hot, limit
        self._pairs = special_pairs(tokenizer)
        self._ends = frozenset(a for a, _ in self._pairs)
        self._starts = frozenset(b for _, b in self._pairs)
        self._edges = edge_tokens(tokenizer) if self._pairs else ({}, {})
        self._forget()

    def _forget(self) -> None:
        self._words: dict[str, tuple[R, ...]] = {"": ()}      # key -> the records of its tokens
        self._offsets: dict[str, tuple[int, ...]] = {"": ()}  # ... and their offsets in the piece
        self._last: dict[str, frozenset[str]] = {}   # key -> its possible last tokens in spaCy's final pass that start a pair
        self._first: dict[str, frozenset[str]] = {}  # key -> its possible first tokens there that end a pair
        self._hot: set[str] = set()        # pieces (either reading) holding a hot token
        self._tails: set[str] = set()      # pieces (either reading) in _last
        self._heads: set[str] = set()      # pieces (either reading) in _first

    def __len__(self) -> int:
        return len(self._words)

    def split(self, texts: list[str]) -> list[list[str]]:
        """Each text's pieces, the new ones tokenised (all in one tokenizer call)."""
        if len(self._words) > self.limit:
            self._forget()
        split = [PIECES.split(t) for t in texts]
        known = self._words
        fresh = {p for ps in split if not all(map(known.__contains__, ps)) for p in ps if p not in known}
        if fresh:
            self._learn(fresh)
        return split

    def hot(self, pieces: list[str]) -> bool:
        """Whether a piece of the text holds a hot token (its tokens as :meth:`layout` gives
        them unless :meth:`crossing`)."""
        return not self._hot.isdisjoint(pieces)

    def crossing(self, pieces: list[str]) -> bool:
        """Whether a special case might span two of the pieces (then :meth:`layout` checks)."""
        return not self._tails.isdisjoint(pieces) and not self._heads.isdisjoint(pieces)

    def _learn(self, pieces: set[str]) -> None:
        """Tokens and records of pieces seen for the first time. A whitespace piece after a
        run loses a first space to that run (spaCy's trailing space); at the start of a text
        all of it is a token (kept under the key ``LEAD + piece``)."""
        readings = {}   # key -> (span, its offset in the piece)
        for p in pieces:
            if p[0] == " ":
                readings[p] = (p[1:], 1)
                readings[LEAD + p] = (p, 0)
            else:
                readings[p] = (p, 0)
        spans = list(dict.fromkeys(span for span, _ in readings.values() if span))
        got = dict(zip(spans, tokenise(self.tokenizer, spans)))
        record, is_hot = self._record, self._is_hot
        alt_first, alt_last = self._edges
        none: frozenset[str] = frozenset()
        for key, (span, shift) in readings.items():
            toks = got.get(span, ())
            self._words[key] = words = tuple(record(t) for t, _ in toks)
            self._offsets[key] = tuple(i + shift for _, i in toks)
            piece = key.removeprefix(LEAD)
            if any(map(is_hot, words)):
                self._hot.add(piece)
            if toks:   # the tokens spaCy's final pass may have seen at the edges
                a, b = toks[-1][0], toks[0][0]
                tail = self._ends.intersection((a, *alt_last.get(a, none)))
                head = self._starts.intersection((b, *alt_first.get(b, none)))
                if tail:
                    self._last[key] = tail
                    self._tails.add(piece)
                if head:
                    self._first[key] = head
                    self._heads.add(piece)

    def layout(self, pieces: list[str]) -> tuple[list[R], list[int]] | None:
        """The text of ``pieces`` as ``(records, offsets)`` of its tokens: its pieces' tokens
        side by side. None where the last token of a piece and the first of the next (as
        spaCy's final pass sees them) form a pair of a special case (spaCy may apply it
        across pieces: ask spaCy then)."""
        keys = pieces
        if len(pieces) > 1 and not pieces[0] and pieces[1][0] == " ":   # whitespace at the start: all a token
            keys = ["", LEAD + pieces[1], *pieces[2:]]
        if self.crossing(pieces) and self._crosses(keys):
            return None
        words = list(chain.from_iterable(map(self._words.__getitem__, keys)))
        offsets = self._offsets
        idx = [at + o for at, key in zip(accumulate(map(len, pieces), initial=0), keys) for o in offsets[key]]
        return words, idx

    def _crosses(self, keys: list[str]) -> bool:
        """Whether the last token of a piece and the first of the next form a special case's pair."""
        by_piece, last, first, pairs = self._words, self._last, self._first, self._pairs
        tail = None
        for key in keys:
            if by_piece[key]:
                if tail is not None:
                    head = first.get(key)
                    if head is not None and any((a, b) in pairs for a in tail for b in head):
                        return True
                tail = last.get(key)
        return False
