"""What a selection's position counts: code points, UTF-16 code units, a Windows line break as one.

REFI-QDA positions count "characters", and programs disagree on what one is. Measured on
real exports: NVivo counts UTF-16 code units (an emoji is 2) and ``\\r\\n`` as two; QualCoder
and qualkit count code points. ATLAS.ti keeps ``\\r\\n`` in its text files but counts it as one
character (QualCoder's importer works around exactly that). A convention is a name:

``codepoints``        Python string indices (the REFI reading, qualkit's own)
``utf16``             UTF-16 code units (NVivo): a character above U+FFFF counts 2
``codepoints-crlf1``  code points with ``\\r\\n`` as one (ATLAS.ti)
``utf16-crlf1``       both

:func:`detect` picks the convention of a file from its producing program and checks it on the
file itself: human coders select whole words, so the reading under which more selections start
and end on word boundaries wins. :func:`to_codepoints` and :func:`from_codepoints` convert.

>>> t = "Druk 😅, te weinig personeel."
>>> table = to_codepoints(t, "utf16")
>>> t[table[9]:table[28]]
'te weinig personeel'
>>> from_codepoints(t, "utf16", [8, 27])
[9, 28]
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterable, Sequence

CONVENTIONS = ("codepoints", "utf16", "codepoints-crlf1", "utf16-crlf1")
PRIORS = (("nvivo", "utf16"), ("atlas", "codepoints-crlf1"))
"""The convention each program is known to use (lower-case substring of REFI ``origin``)."""


def prior(origin: str) -> str:
    """The convention the program named in ``origin`` is known to use (``codepoints`` if unknown)."""
    low = (origin or "").lower()
    return next((conv for key, conv in PRIORS if key in low), "codepoints")


def _parts(convention: str) -> tuple[bool, bool]:
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown offset convention {convention!r}; use one of {', '.join(CONVENTIONS)}")
    return convention.startswith("utf16"), convention.endswith("crlf1")


def matters(text: str, convention: str) -> bool:
    """True when positions in ``convention`` differ from code points somewhere in ``text``."""
    utf16, crlf1 = _parts(convention)
    return (utf16 and any(ord(ch) > 0xFFFF for ch in text)) or (crlf1 and "\r\n" in text)


def to_codepoints(text: str, convention: str) -> list[int] | None:
    """``table[p]`` = the code-point index of position ``p`` in ``convention`` (None: identity).

    A position inside a surrogate pair, or between ``\\r`` and ``\\n`` counted as one, maps to -1."""
    utf16, crlf1 = _parts(convention)
    if not matters(text, convention):
        return None
    out: list[int] = []
    prev = ""
    for i, ch in enumerate(text):
        if crlf1 and ch == "\n" and prev == "\r":
            prev = ch
            continue
        out.append(i)
        if utf16 and ord(ch) > 0xFFFF:
            out.append(-1)
        prev = ch
    out.append(len(text))
    return out


def from_codepoints(text: str, convention: str, positions: Iterable[int]) -> list[int]:
    """Code-point offsets into ``text`` as positions in ``convention`` (for export)."""
    utf16, crlf1 = _parts(convention)
    wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if utf16 else []
    joined = [i + 1 for i in range(len(text) - 1) if text[i] == "\r" and text[i + 1] == "\n"] if crlf1 else []
    return [p + bisect_left(wide, p) - bisect_left(joined, p) for p in positions]


def _word(ch: str) -> bool:
    return ch.isalnum()


def on_boundaries(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is non-empty and starts and ends between words."""
    if not 0 <= start < end <= len(text):
        return False
    left = start == 0 or not (_word(text[start - 1]) and _word(text[start]))
    right = end == len(text) or not (_word(text[end - 1]) and _word(text[end]))
    return left and right


def score(text: str, convention: str, selections: Sequence[tuple[int, int]]) -> int:
    """How many ``(start, end)`` selections land on word boundaries when read in ``convention``."""
    table = to_codepoints(text, convention)
    n = 0
    for s, e in selections:
        if table is not None:
            if not (0 <= s < len(table) and 0 <= e < len(table)):
                continue
            s, e = table[s], table[e]
        n += on_boundaries(text, s, e)
    return n


def detect(origin: str, docs: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> tuple[str, dict[str, int]]:
    """The convention of one file: its program's, unless another puts strictly more selections on
    word boundaries. ``docs`` holds ``(text, selections)`` per source. Returns the convention and
    the boundary counts of every convention that makes a difference in these texts."""
    base = prior(origin)
    useful = [c for c in CONVENTIONS if c == "codepoints" or any(matters(t, c) for t, sels in docs if sels)]
    if len(useful) == 1:
        return "codepoints", {}
    scores = {c: sum(score(t, c, sels) for t, sels in docs if sels) for c in useful}
    best = base if base in scores else "codepoints"
    for c in useful:
        if scores[c] > scores[best]:
            best = c
    return best, scores
