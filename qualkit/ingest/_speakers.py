"""Speaker labels at line start, and splitting a transcript into turns.

Recognised label forms (the label ends where the turn's text begins):

- ``Interviewer: ...``, ``MA1: ...``, ``I: ...``, ``Jan de Vries: ...``
- ``**Interviewer**``, ``***Participant***``, ``**Jan:** ...`` (Markdown bold, with an
  optional trailing backslash line break); the text may start on the next line
- ``[00:01:23] Naam: ...``, ``00:01:23 Naam: ...``, ``Naam (00:01:23): ...``,
  and ``Naam  00:01:23`` alone on a line (Otter), text on the next lines

A plain ``Naam:`` (or Otter's ``Naam  0:03``) counts as a label only when it is a short code (``I``, ``R``,
``MA1``, ``P03``), an interviewer or role word (``Respondent``, ``Deelnemer``...),
or when the same name opens at least two lines; so ``Kortom: ...`` once in an
answer does not start a turn (a note then gives the numbers of such lines, never their
text, as the same rule merges a speaker who talks only once). A user pattern (a regex with a named group
``speaker``) replaces the built-in forms.

>>> m = SpeakerMatcher()
>>> [(t.speaker, t.start, t.end) for t in split_turns("I: Hoe gaat het?\\nR: Goed.\\n", m)]
[('I', 3, 16), ('R', 20, 25)]
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import regex

from qualkit.errors import InputError, LimitError
from qualkit.ingest._text import line_spans

DEFAULT_INTERVIEWERS = ["Interviewer", "Interviewster", "Int", "I", "Q", "Moderator", "Onderzoeker"]
ROLE_WORDS = ["Respondent", "Participant", "Deelnemer", "Geïnterviewde", "Interviewee", "Spreker",
              "Speaker", "Gesprekspartner"]
PATTERN_TIMEOUT_S = 1.0
log = logging.getLogger("qualkit")

# Possessive quantifiers (*+, ++) keep matching linear on long lines of spaces or letters.
_NAME = r"(?P<speaker>[^\W\d_][\w.'’-]*+(?:[ \t]++[\w.'’-]++){0,3})"
_TS = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_BOLD = re.compile(r"[ \t]*+(\*{2,3})[ \t]*+(?P<speaker>[^*\s][^*\r\n]{0,39}?)[ \t]*+(?P<c1>:)?[ \t]*+\1"
                   r"[ \t]*+(?P<c2>:)?[ \t]*+(?:\\[ \t]*+$)?")
_TS_FIRST = re.compile(rf"[ \t]*+[\[(]?{_TS}[\])]?[ \t]*+(?:[-–][ \t]*+)?{_NAME}[ \t]*+:(?!//)[ \t]*+")
_TS_AFTER = re.compile(rf"[ \t]*+{_NAME}[ \t]*+[\[(]{_TS}[\])][ \t]*+:?[ \t]*+")
_OTTER = re.compile(rf"[ \t]*+{_NAME}[ \t]++{_TS}[ \t]*+$")
_PLAIN = re.compile(rf"[ \t]*+{_NAME}[ \t]*+:(?![/\d])[ \t]*+")
_CODE = re.compile(r"[A-Z]{1,3}\d{0,3}")


@dataclass(frozen=True)
class Turn:
    speaker: str
    start: int
    end: int
    time_start: str = ""
    time_end: str = ""


def _words(names: list[str]) -> re.Pattern:
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?:{alts})\.?(?:[ \t]*\d{{1,3}})?", re.IGNORECASE)


_ROLES = _words(ROLE_WORDS)


class SpeakerMatcher:
    """Finds speaker labels; ``is_interviewer`` tells whose turns are not coded by default.

    >>> SpeakerMatcher().is_interviewer("interviewer 2"), SpeakerMatcher(["Els"]).is_interviewer("els")
    (True, True)
    """

    def __init__(self, interviewer: list[str] | None = None, speaker_pattern: str | None = None,
                 where: str = "speaker_pattern"):
        if isinstance(interviewer, str):
            interviewer = [interviewer]
        self.custom_interviewers = interviewer is not None
        self.interviewers = {n.strip().casefold() for n in interviewer or []}
        self._default = _words(DEFAULT_INTERVIEWERS)
        self.pattern = _compile_user(speaker_pattern, where) if speaker_pattern is not None else None

    def is_interviewer(self, speaker: str) -> bool:
        if self.custom_interviewers:
            return speaker.strip().casefold() in self.interviewers
        return bool(self._default.fullmatch(speaker.strip()))

    def is_known(self, speaker: str) -> bool:
        return (self.is_interviewer(speaker) or bool(self._default.fullmatch(speaker))
                or bool(_ROLES.fullmatch(speaker)) or bool(_CODE.fullmatch(speaker)))

    def match(self, line: str, where: str) -> tuple[str, int, bool] | None:
        """(speaker, end of label in ``line``, needs_confirmation) or None."""
        if self.pattern is not None:
            try:
                m = self.pattern.match(line, timeout=PATTERN_TIMEOUT_S)
            except TimeoutError:
                raise LimitError(810, where=where, seconds=PATTERN_TIMEOUT_S) from None
            if m and m.group("speaker") and m.group("speaker").strip():
                return _clean(m.group("speaker")), m.end(), False
            return None
        m = _BOLD.match(line)
        if m and (m.group("c1") or m.group("c2") or not line[m.end():].strip()):
            speaker = _clean(m.group("speaker").rstrip(":"))
            if speaker:
                return speaker, m.end(), False
        for pat in (_TS_FIRST, _TS_AFTER):
            m = pat.match(line)
            if m:
                return _clean(m.group("speaker")), m.end(), False
        m = _PLAIN.match(line) or _OTTER.match(line)
        if m:
            speaker = _clean(m.group("speaker"))
            return speaker, m.end(), not self.is_known(speaker)
        return None


def _clean(speaker: str) -> str:
    return " ".join(speaker.split())


def _compile_user(pattern: str, where: str) -> regex.Pattern:
    try:
        compiled = regex.compile(pattern, regex.V0)
    except regex.error as e:
        raise InputError(122, where=where, pattern=pattern, problem=e.msg, position=e.pos) from None
    if "speaker" not in compiled.groupindex:
        raise InputError(162, where=where, pattern=pattern)
    return compiled


def split_turns(text: str, matcher: SpeakerMatcher, where: str = "") -> list[Turn]:
    """Turns of ``text``: each label starts one; text before the first label has speaker ''.

    ``text[t.start:t.end]`` is the turn's text without its label, stripped; empty turns are left out.
    """
    found = []
    for n, (a, b) in enumerate(line_spans(text), 1):
        hit = matcher.match(text[a:b], f"{where}, line {n}" if where else f"line {n}")
        if hit:
            found.append((a, a + hit[1], hit[0], hit[2], n))
    counts: dict[str, int] = {}
    for _, _, speaker, unsure, _ in found:
        if unsure:
            counts[speaker] = counts.get(speaker, 0) + 1
    labels = [(a, e, s) for a, e, s, unsure, _ in found
              if not unsure or (counts[s] >= 2 and s[:1].isupper())]
    once = [n for _, _, s, unsure, n in found if unsure and counts[s] < 2 and s[:1].isupper()]
    if once and labels:   # 'Els: ...' once among labelled turns: merged into the turn before
        shown = ", ".join(map(str, once[:10])) + (", ..." if len(once) > 10 else "")
        log.warning("%s: %d line%s (line%s %s) start%s with a capitalised name and a colon that opens no other "
                    "line, so %s read as part of the turn before, not as a speaker label. If a speaker talks "
                    "only once, give --speaker-pattern (a plain 'Name:' is a label when the same name opens at "
                    "least two lines, or for a role or code such as Respondent or R2).", where or "transcript",
                    len(once), "" if len(once) == 1 else "s", "" if len(once) == 1 else "s", shown,
                    "s" if len(once) == 1 else "", "it is" if len(once) == 1 else "they are")
    turns: list[Turn] = []
    bounds = [(0, 0, "")] + labels
    for i, (_, text_start, speaker) in enumerate(bounds):
        stop = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        chunk = text[text_start:stop]
        stripped = chunk.strip()
        if stripped:
            start = text_start + len(chunk) - len(chunk.lstrip())
            turns.append(Turn(speaker, start, start + len(stripped)))
    return turns
