"""spaCy's tokens of a text without building a ``Doc``: each distinct run once.

spaCy's tokenizer cuts a text at whitespace first and tokenises each run of
non-space characters on its own (exceptions, prefixes, suffixes, infixes); a
single space after a run is that run's trailing space, any other whitespace is
a token of its own (``Tokenizer._tokenize_affixes``). So a text's tokens are its
runs' tokens side by side, and a coder that remembers the tokens of each
distinct run needs spaCy once per run, not once per text (spaCy's own cache
stops at 10,000 runs and still builds a ``Doc`` per text).

One exception, handled exactly: spaCy re-checks its multi-token special cases
over the whole text (``_apply_special_cases``), and a match across two runs
(``bijv .``) could shadow an overlapping one inside a run. :func:`special_pairs`
lists the neighbouring tokens of those patterns; a text where the last token of
one run and the first of the next form such a pair is left to spaCy itself.

>>> import spacy
>>> tok = spacy.blank("nl").tokenizer
>>> [(t, i) for t, i in tokenise(tok, ["collega's!", "e-mail"])[0]]
[("collega's", 0), ('!', 9)]
"""
from __future__ import annotations

import functools
import re

from spacy.attrs import IDX, LENGTH
from spacy.tokenizer import Tokenizer

PIECES = re.compile(r"(\s+)")
"""``PIECES.split(text)``: runs of non-space characters with the whitespace between them
(``str.isspace``, as spaCy's tokenizer decides); even positions are runs (the first and
last may be empty), odd positions whitespace."""

SEP = "\n"
"""Joins runs for one tokenizer call: a whitespace token of its own, so no run's tokens change."""


@functools.lru_cache(maxsize=8)
def special_pairs(tokenizer: Tokenizer) -> frozenset[tuple[str, str]]:
    """``(a, b)`` where token ``a`` comes right before token ``b`` in one of spaCy's
    special cases as its prefix/suffix/infix rules split it (the token sequences its
    special-case matcher looks for across the whole text)."""
    plain = Tokenizer(tokenizer.vocab, rules={}, prefix_search=tokenizer.prefix_search,
                      suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
                      token_match=tokenizer.token_match, url_match=tokenizer.url_match)
    out: set[tuple[str, str]] = set()
    for toks in tokenise(plain, list(tokenizer.rules or {}), joined=True):
        out.update((a, b) for (a, _), (b, _) in zip(toks, toks[1:]))
    return frozenset(out)


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
