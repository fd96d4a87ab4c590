"""WebVTT captions (Teams, Zoom) as speaker turns.

The speaker comes from a voice tag (``<v Jan Jansen>tekst</v>``, Teams) or a
``Naam: tekst`` prefix (Zoom). Other tags are removed and entities decoded.
Consecutive cues of the same speaker are merged into one turn.

>>> parse_vtt("WEBVTT\\n\\n00:00.000 --> 00:02.000\\n<v Els>Hallo</v>\\n\\n"
...           "00:02.000 --> 00:03.000\\n<v Els>allemaal.</v>\\n", "a.vtt")
[('Els', 'Hallo allemaal.')]
"""
from __future__ import annotations

import html
import re

from qualkit.errors import InputError

_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?[ \t]([^<>]*)>")
_TAG = re.compile(r"<[^<>]*>")
_PREFIX = re.compile(r"(?P<speaker>[^\W\d_][\w.'’-]*+(?:[ \t]++[\w.'’-]++){0,3})[ \t]*+:(?![/\d])[ \t]*+")
_BLANK = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")


def parse_vtt(text: str, where: str) -> list[tuple[str, str]]:
    """(speaker, text) per turn; QK124 if ``text`` is not WebVTT."""
    if not text.lstrip().startswith("WEBVTT"):
        raise InputError(124, where=where)
    turns: list[tuple[str, list[str]]] = []  # cues of one speaker gathered in a list: merging stays linear
    blocks = _BLANK.split(text.lstrip())
    for block in blocks[1:]:
        lines = block.splitlines()
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None or lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        payload = " ".join(line.strip() for line in lines[timing + 1:] if line.strip())
        speaker, cue = _speaker(payload)
        if not cue:
            continue
        if turns and turns[-1][0] == speaker:
            turns[-1][1].append(cue)
        else:
            turns.append((speaker, [cue]))
    return [(speaker, " ".join(cues)) for speaker, cues in turns]


def _speaker(payload: str) -> tuple[str, str]:
    m = _VOICE.search(payload)
    speaker = " ".join(m.group(1).split()) if m else ""
    plain = " ".join(html.unescape(_TAG.sub("", payload)).split())
    if not speaker:
        m = _PREFIX.match(plain)
        if m:
            speaker, plain = " ".join(m.group("speaker").split()), plain[m.end():]
    return speaker, plain.strip()
