"""WebVTT captions (Teams, Zoom) as speaker turns with their times.

The speaker comes from a voice tag (``<v Jan Jansen>tekst</v>``, Teams) or a
``Naam: tekst`` prefix (Zoom). Other tags are removed and entities decoded.
Consecutive cues of the same speaker are merged into one turn, which starts at
its first cue's start and ends at its last cue's end.

Times are written ``hh:mm:ss.mmm`` whatever the file's form (``mm:ss.mmm``,
more hour digits, a decimal comma). A timing that is not a time (malformed,
negative, an hour of more than 9 digits) keeps the cue's text and leaves its
time empty; so does a turn's end before its start.

>>> turns = parse_vtt("WEBVTT\\n\\n00:00.000 --> 00:02.000\\n<v Els>Hallo</v>\\n\\n"
...                   "00:02.000 --> 00:03.500\\n<v Els>allemaal.</v>\\n", "a.vtt")
>>> turns
[VttTurn(speaker='Els', text='Hallo allemaal.', start='00:00:00.000', end='00:00:03.500')]
"""
from __future__ import annotations

import html
import re
import unicodedata
from typing import NamedTuple

from qualkit.errors import InputError

_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?[ \t]([^<>]*)>")
_TAG = re.compile(r"<[^<>]*>")
_PREFIX = re.compile(r"(?P<speaker>[^\W\d_][\w.'’-]*+(?:[ \t]++[\w.'’-]++){0,3})[ \t]*+:(?![/\d])[ \t]*+")
_NEWLINE = re.compile(r"\r\n?")
_BLANK = re.compile(r"\n(?:[ \t]*+\n)++")
_SKIPPED = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t]|$)")
_STAMP = re.compile(r"(?:(\d{1,9}):)?([0-5]\d):([0-5]\d)(?:[.,](\d{1,3}))?", re.ASCII)
_TIMING = re.compile(r"[ \t]*+(\S{1,40})[ \t]++-->[ \t]++(\S{1,40})")


class VttTurn(NamedTuple):
    """One speaker turn: consecutive cues of one speaker; times ``hh:mm:ss.mmm`` or ``""``."""

    speaker: str
    text: str
    start: str = ""
    end: str = ""


def parse_vtt(text: str, where: str) -> list[VttTurn]:
    """The turns of a WebVTT file; QK124 if ``text`` is not WebVTT.

    Line ends may be ``\\n``, ``\\r\\n`` or ``\\r``. As in the WebVTT parsing rules, a cue
    also starts at a timing line that follows the header or another cue's text without a
    blank line between them. NOTE, STYLE and REGION blocks are left out; a block of text
    without a timing line after a cue continues that cue (a blank line inside its text).
    """
    if not text.lstrip().startswith("WEBVTT"):
        raise InputError(124, where=where)
    turns: list[list] = []  # [speaker, cues, start, end]: cues of one speaker gathered in a list, merging stays linear
    blocks = _BLANK.split(_NEWLINE.sub("\n", text.lstrip()))
    for n, block in enumerate(blocks):
        lines = block.split("\n")
        if n == 0 or _SKIPPED.match(lines[0]):  # the header (its own line and metadata), a note, a style
            cues = _cues(lines, 1, first_is_timing=False) or []
        else:  # text without a timing line continues the previous cue
            cues = _cues(lines, 0, first_is_timing=True) or ([(None, lines)] if turns else [])
        for timing, body in cues:
            speaker, cue = _speaker(" ".join(line.strip() for line in body if line.strip()))
            if not cue:
                continue
            if timing is None:
                speaker = speaker or turns[-1][0]
            start, end = cue_times(timing) if timing is not None else (None, turns[-1][3])
            if turns and turns[-1][0] == speaker:
                turns[-1][1].append(cue)
                turns[-1][3] = end
            else:
                turns.append([speaker, [cue], start, end])
    return [VttTurn(speaker, " ".join(cues), stamp(start),
                    stamp(end) if end is not None and (start is None or end >= start) else "")
            for speaker, cues, start, end in turns]


def _cues(lines: list[str], skip: int, first_is_timing: bool) -> list[tuple[str, list[str]]] | None:
    """(timing line, text lines) of the cues of one block; None when it has no timing line.

    In a cue block the first line with ``-->`` is the timing (after an optional identifier);
    after it, and in a header or note block, only a line that starts with a time begins a
    new cue, so ``-->`` in the text stays text.
    """
    at = []
    for i in range(skip, len(lines)):
        if "-->" in lines[i] and ((first_is_timing and not at) or cue_times(lines[i])[0] is not None):
            at.append(i)
    if not at:
        return None
    return [(lines[i], lines[i + 1:j]) for i, j in zip(at, at[1:] + [len(lines)])]


def cue_times(line: str) -> tuple[int | None, int | None]:
    """Start and end of a cue timing line in milliseconds (None where it is not a time).

    >>> cue_times("00:01:02.500 --> 01:02.750 align:start"), cue_times("1 --> x")
    ((62500, 62750), (None, None))
    """
    m = _TIMING.match(line)
    if m is None:
        return None, None
    return _millis(m.group(1)), _millis(m.group(2))


def _millis(value: str) -> int | None:
    m = _STAMP.fullmatch(value)
    if m is None:
        return None
    h, mi, s, frac = m.groups()
    return ((int(h or 0) * 60 + int(mi)) * 60 + int(s)) * 1000 + int((frac or "0").ljust(3, "0"))


def stamp(ms: int | None) -> str:
    """``hh:mm:ss.mmm`` of ``ms`` milliseconds (``""`` for None).

    >>> stamp(253_250), stamp(360_000_000_001), stamp(None)
    ('00:04:13.250', '100000:00:00.001', '')
    """
    if ms is None:
        return ""
    s, milli = divmod(ms, 1000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    return f"{h:02d}:{m:02d}:{s:02d}.{milli:03d}"


def _speaker(payload: str) -> tuple[str, str]:
    m = _VOICE.search(payload)
    speaker = " ".join(html.unescape(m.group(1)).split()) if m else ""  # <v Jan &amp; Piet>
    plain = " ".join(html.unescape(_TAG.sub("", payload)).split())
    if not speaker:
        m = _PREFIX.match(plain)
        if m:
            speaker, plain = " ".join(m.group("speaker").split()), plain[m.end():]
    return unicodedata.normalize("NFC", speaker), plain.strip()  # one name however typed: cues of one turn merge
