"""Units of coding: sentences, and one unit per list item or line.

spaCy's sentencizer splits at sentence-final punctuation only, so an answer
written as a list ("- te duur" / "- vergeten" / "- niet stoer") became one long
"sentence". Here a line break also starts a new unit when it is a real break: a
blank line, a list item (``-``, ``*``, ``•``, ``1.``, ``2)``, ``a)``), a line that
starts with a capital or a digit, or a line after a short one. A long line that
runs on in lower case is a wrapped sentence and stays one unit. The list marker
itself is not part of the unit.

The same rule runs on both paths (the coder's own sentence split in the fallback,
and a model's sentences), so units never depend on the pipeline's speed path.
"""
from __future__ import annotations

from typing import Protocol, Sequence

WRAP = 60
"""A line at least this long that runs on in lower case is a wrapped sentence, not a list item."""
BULLETS = frozenset("- – — * • · ‣ ◦ ▪ ● + >".split())
"""Characters that open a list item at the start of a line."""


class Token(Protocol):
    lower: str
    upper: bool
    punct: bool
    ends_sentence: bool
    space: bool
    newlines: int
    length: int


def sentence_starts(words: Sequence[Token]) -> list[int]:
    """Sentence starts by spaCy's ``Sentencizer`` rule: a sentence starts at the
    first non-punctuation token after a sentence-final punctuation mark."""
    starts = [0]
    n = len(words)
    after = 0
    for i in [i for i, w in enumerate(words) if w.ends_sentence]:
        if i < after:
            continue          # inside the run of punctuation that ends the previous sentence
        j = i + 1
        while j < n and (words[j].punct or words[j].ends_sentence):
            j += 1
        if j < n:
            starts.append(j)
        after = j
    return starts


def marker_length(words: Sequence[Token], j: int) -> int:
    """How many tokens at ``j`` form a list marker (``-``, ``1.``, ``2)``, ``a)``), else 0."""
    w = words[j]
    if w.lower in BULLETS:
        return 1
    if j + 1 < len(words) and words[j + 1].lower in (".", ")") and not words[j + 1].space and (
            w.lower.isdigit() and len(w.lower) <= 3 or len(w.lower) == 1 and w.lower.isalpha()):
        return 2
    return 0


def line_starts(words: Sequence[Token], idx: Sequence[int]) -> list[int]:
    """Token indices where a line break starts a new unit."""
    out: list[int] = []
    n = len(words)
    line_begin = 0   # character offset where the current line starts
    for i in [i for i, w in enumerate(words) if w.newlines and w.space]:
        w = words[i]
        j = i + 1
        while j < n and words[j].space:
            j += 1
        if j >= n:
            break
        prev = i - 1
        line_len = idx[i] - line_begin
        line_begin = idx[j]
        nxt = words[j]
        wrapped = (w.newlines == 1 and prev >= 0 and not words[prev].punct and line_len >= WRAP
                   and not marker_length(words, j) and not nxt.upper and not nxt.lower[:1].isdigit())
        if not wrapped:
            out.append(j)   # the unit starts at the list marker; trim() leaves the marker out
    return out


def unit_starts(words: Sequence[Token], idx: Sequence[int], base: list[int]) -> list[int]:
    """``base`` sentence starts plus the line-break starts, sorted."""
    extra = line_starts(words, idx)
    if not extra:
        return base
    return sorted(set(base).union(extra))


def trim(words: Sequence[Token], s: int, e: int) -> tuple[int, int]:
    """The unit ``s..e`` (token indices, inclusive) without leading spaces and list
    markers and without trailing spaces."""
    while e > s and words[e].space:
        e -= 1
    while s < e:
        if words[s].space:
            s += 1
            continue
        m = marker_length(words, s) if (s == 0 or words[s - 1].space) else 0
        if m and s + m <= e:
            s += m
            continue
        break
    return s, e
