"""Pseudonymising respondent text before it is written anywhere that gets shared.

:func:`pseudonymise` replaces what could identify a person with a fixed
placeholder (Dutch / English). The rules, in this order; where two overlap, the
earlier rule wins:

1. E-mail address ``name@domain.tld``: ``[E-MAIL]`` / ``[EMAIL]``.
2. IBAN: two letters, two check digits and 10-30 letters or digits, in one run or
   in groups of up to four separated by spaces or dashes (``BE68 5390 0754 7034``,
   ``BE 68 5390 0754 7034``, ``BE68-5390-0754-7034``, ``NL91ABNA0417164300``):
   ``[IBAN]``. It ends where its check digits come out right; a mistyped IBAN (wrong
   check digits, capital country code) still points to a person and ends before the
   next word, so the words after it stay.
3. Belgian national register number (rijksregisternummer) ``yy.mm.dd-xxx.cc``,
   separators (``.``, ``-``, ``/``, space) optional, with a valid check number: ``cc == 97 - (yymmddxxx mod 97)``,
   or for people born from 2000 on the same with ``2`` put before ``yymmddxxx``:
   ``[RIJKSREGISTERNR]`` / ``[NATIONAL-ID]``. Eleven digits with a wrong check
   number are left alone (they are usually file or case numbers).
4. Phone number: ``+32``, ``0032``, ``+31``, ``0031`` (optionally ``(0)``) or a
   leading ``0``, then 8 or 9 digits with optional spaces, dots, slashes or
   dashes between them (``0470 12 34 56``, ``09/123.45.67``, ``+32 (0)2 123 45 67``,
   ``06-12345678``, ``020-1234567``): ``[TELEFOON]`` / ``[PHONE]``. Dates such as
   ``01/02/2024`` are left alone.
5. Street address: a word ending in straat (or ``str.``), laan, plein, weg (so also
   steenweg, ``stwg.``), lei, dreef, kaai, kade, singel, gracht, dijk, baan, vest,
   markt or hof, or such a word after capitalised words (``Grote Markt``, ``Koning
   Albertlaan``), then a house number (``12``, ``12A``, ``12 bus 3``, ``12/3``); or
   a French street: rue, avenue, chaussée, boulevard, place, chemin, allée, quai,
   square, impasse, drève (``av.``, ``bd``, ``pl.``), then capitalised words with
   de, du, des, la, l' ... and a house number before or after (``rue de la Loi 16``,
   ``16, Avenue Louise``); optionally a postcode and place (``, 9000 Gent``,
   ``1012 AB Amsterdam``): ``[ADRES]`` / ``[ADDRESS]``. Not when the number is
   followed by a unit (``jaar``, ``uur``, ``km``, ``%`` ...).
6. Person name after a title: one to three capitalised words, with initials
   (``J.``) and particles (van, de, der, den, ten, ter, 't, le, la ...) allowed
   before them, after mevrouw, mevr., mw., meneer, mijnheer, dhr., hr., heer,
   juffrouw, juf, dokter, dr., Mr, Mrs, Ms, Miss, madame, Mme, mademoiselle, Mlle,
   monsieur or M.: ``[NAAM]`` / ``[NAME]``. The title itself stays (``mevrouw [NAAM]``).
7. Every name in the user's ``names`` list, and every speaker label that is not a
   role (see 8), its surname (the words after the first: ``Vander Elst`` of ``Kjell
   Vander Elst``, as in "collega Vander Elst") and its first name (``Kjell``, as in "dank
   je, Kjell"; capitalised as in the label, so ``Ben`` and not "ik ben"; not a title or
   particle: ``Mevrouw Peeters``, ``Van Damme``), as a whole word, case-insensitive but for
   first names, in either Unicode form (``José`` typed as one or two characters):
   ``[NAAM]`` / ``[NAME]``. A name that is also a common word (Roos, Wil) is then
   replaced everywhere.
8. Speakers (:meth:`Pseudonymiser.speaker`): a label that names a role (Interviewer,
   Respondent, I, R, Moderator, Voorzitter, Deelnemer 2 ...) stays; any other label becomes
   ``Spreker 1``, ``Spreker 2`` ... (``Speaker 1``) in the order the speakers first
   speak, the same label always the same pseudonym.

Columns that quote the text (the matched words, a learned model's features) are
derived from the same spans (:meth:`Pseudonymiser.derive`), so nothing the text
loses stays elsewhere in the row.

This is a heuristic, not a guarantee: a name without a title that is not in
``names`` stays. Read the quotes before sharing a report, and list the names of
clients, colleagues and places that occur in the data.

>>> pseudonymise("Bel mevrouw Van den Bossche op 0470 12 34 56 of mail an@ocmw.be.")
'Bel mevrouw [NAAM] op [TELEFOON] of mail [E-MAIL].'
>>> pseudonymise("Mijn rijksregisternummer is 85.07.31-003.28, ik woon Kerkstraat 12, 9000 Gent.")
'Mijn rijksregisternummer is [RIJKSREGISTERNR], ik woon [ADRES].'
>>> pseudonymise("Ask Mrs Smith or Jan.", lang="en", names=["Jan"])
'Ask Mrs [NAME] or [NAME].'
"""
from __future__ import annotations

import bisect

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd

from qualkit.errors import AnalysisError

PLACEHOLDERS = {
    "nl": {"name": "[NAAM]", "email": "[E-MAIL]", "phone": "[TELEFOON]", "rrn": "[RIJKSREGISTERNR]",
           "iban": "[IBAN]", "address": "[ADRES]"},
    "en": {"name": "[NAME]", "email": "[EMAIL]", "phone": "[PHONE]", "rrn": "[NATIONAL-ID]",
           "iban": "[IBAN]", "address": "[ADDRESS]"},
}
"""The placeholder for each kind of identifier, per language."""

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_IBAN = re.compile(r"(?<!\w)[A-Za-z]{2}[ -]?\d{2}(?=[ -]?[A-Za-z0-9])")
_IBAN_CHUNK = re.compile(r"[ -]?([A-Za-z0-9]+)")
_RRN = re.compile(r"(?<![\d.\-/])(\d{2})[. /]?(\d{2})[. /]?(\d{2})[ .\-/]?(\d{3})[ .\-/]?(\d{2})(?!\d|[.\-/]\d)")
_SEP = r"[ .\-/]?"
_PHONE = re.compile(
    r"(?<![\w+])(?!\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}(?!\d))"
    rf"(?:(?:\+|00)3[12]{_SEP}(?:\(0\){_SEP})?|0)\d(?:{_SEP}\d){{7,8}}(?!\d)")
_STREET = r"(?i:straat|str\.|laan|plein|weg|stwg\.|lei|dreef|kaai|kade|singel|gracht|dijk|baan|vest|markt|hof)"
_RUE = (r"(?i:rue|avenue|av\.|chauss[ée]e|boulevard|bd\.?|place|pl\.|chemin|all[ée]e|quai|square|impasse|"
        r"dr[èe]ve)")
_DE = r"(?i:de\s+la|de\s+l['’]|de|du|des|d['’]|la|le|les|l['’])"
_UNITS = r"(?i:jaar|jaren|uur|uren|u|min|minuten|km|m|keer|dag|dagen|week|weken|maand|maanden|procent|euro|eur)"
_CAPWORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_HOUSE = (rf"\d{{1,4}}(?:\s?[A-Za-z](?!\w))?(?:\s?(?:(?i:bus|boîte|bte)|/)\s?\d{{1,4}}[A-Za-z]?)?"
          rf"(?!\d|\s*(?:{_UNITS}(?!\w)|%|€))")
_FRCAP = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_FRENCH = rf"{_RUE}\s+(?:{_DE}\s*)?{_FRCAP}(?:[ -](?:{_DE}\s*)?{_FRCAP}){{0,3}}"
_ADDRESS = re.compile(
    rf"(?<![\w-])(?:(?:(?:{_CAPWORD}[ -]){{1,2}}{_STREET}|(?:{_CAPWORD}[ -]){{0,2}}[\w'’-]{{2,}}{_STREET}"
    rf"|{_FRENCH}),?\s+{_HOUSE}|\d{{1,4}}[A-Za-z]?,?\s+{_FRENCH})"
    r"(?:,?\s+\d{4}(?:\s?[A-Z]{2})?\s+[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)?")
_TITLES = (r"(?:(?i:mevrouw|mevr\.?|mw\.|meneer|mijnheer|dhr\.?|hr\.|heer|juffrouw|juf|dokter|dr\.?|"
           r"mr\.?|mrs\.?|ms\.?|miss|madame|mme\.?|mademoiselle|mlle\.?|monsieur)|M\.)")
_PARTICLE = r"(?i:van|de|der|den|ten|ter|te|'t|le|la|du|des|vanden|vander|von)"
_CAP = r"[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|['’-])*"
_ROLE = re.compile(
    r"(?i)^(?:interviewer|interviewster|interviewee|respondent|respondente|participant|participante|deelnemer|"
    r"deelneemster|moderator|moderatrice|onderzoeker|researcher|facilitator|begeleider|spreker|speaker|"
    r"geïnterviewde|gesprekspartner|voorzitter|voorzitster|chair|chairman|chairwoman|chairperson|"
    r"pr[ée]sident|pr[ée]sidente|tolk|interpreter|notulist|"
    r"cli[eë]nt|int|resp|[iprqa])\s*[-#.]?\s*\d{0,3}[a-z]?$")
SPEAKER = {"nl": "Spreker", "en": "Speaker"}
_NOT_A_NAME = re.compile(rf"{_TITLES}|{_PARTICLE}")
"""First words of a speaker label that are not a first name (``Mevrouw Peeters``, ``Van Damme``)."""
_NAME_AFTER_TITLE = re.compile(
    rf"(?<!\w){_TITLES}\s+((?:[A-Z]\.\s?){{0,3}}(?:{_PARTICLE}\s+){{0,3}}{_CAP}(?:[ ]{_CAP}){{0,2}})")


@dataclass(frozen=True)
class Span:
    """A stretch ``text[start:end]`` to replace with the placeholder for ``kind``."""

    start: int
    end: int
    kind: str


def rrn_valid(digits: str) -> bool:
    """True when an 11-digit Belgian national register number has a valid check number.

    >>> rrn_valid("85073100328"), rrn_valid("85073100329"), rrn_valid("01010100102")
    (True, False, False)
    """
    if len(digits) != 11 or not digits.isdigit():
        return False
    body, check = int(digits[:9]), int(digits[9:])
    return 97 - body % 97 == check or 97 - int("2" + digits[:9]) % 97 == check


def iban_valid(iban: str) -> bool:
    """True when an IBAN's check digits are right (ISO 7064 mod 97-10; spaces ignored).

    >>> iban_valid("BE68 5390 0754 7034"), iban_valid("BE68 5390 0754 7035")
    (True, False)
    """
    s = iban.replace(" ", "").upper()
    if not s.isalnum() or len(s) < 5:
        return False
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


class Pseudonymiser:
    """Replaces identifiers in text with placeholders; see the module docstring for the rules.

    ``lang`` (``nl`` or ``en``) chooses the placeholders; ``names`` are extra
    names to replace wherever they occur as a whole word. ``speakers`` are the
    corpus's speaker labels in the order they speak: each that is not a role gets
    its pseudonym (``Spreker 1`` ...) and is replaced in texts like a listed name.

    >>> p = Pseudonymiser(names=["Fatima"], speakers=["Interviewer", "Marie"])
    >>> p("Fatima belde dhr. Peeters.")
    '[NAAM] belde dhr. [NAAM].'
    >>> [(s.start, s.end, s.kind) for s in p.spans("Fatima belde.")]
    [(0, 6, 'name')]
    >>> p.speaker("Marie"), p.speaker("Interviewer"), p("Dag Marie.")
    ('Spreker 1', 'Interviewer', 'Dag [NAAM].')
    """

    def __init__(self, lang: str = "nl", names: Iterable[str] | None = None,
                 speakers: Iterable[str] | None = None):
        if lang not in PLACEHOLDERS:
            raise AnalysisError(601, language=lang)
        self.lang = lang
        self.speakers: dict[str, str] = {}
        for label in speakers or ():
            self.speaker(label)
        spoken = [k for k, v in self.speakers.items() if v != k]
        surnames = [s for s in (" ".join(k.split()[1:]) for k in spoken) if len(s) > 2 and not s.isdigit()]
        firsts = [w for w in (k.split()[0] for k in spoken if len(k.split()) > 1)
                  if len(w) > 2 and not w.isdigit() and not role(w) and not _NOT_A_NAME.fullmatch(w)]
        listed = {n.strip() for n in [*(names or ()), *spoken, *surnames] if n and n.strip()}
        self.names = sorted({unicodedata.normalize(form, n) for n in {*listed, *firsts} for form in ("NFC", "NFD")},
                            key=len, reverse=True)
        cased = {unicodedata.normalize(form, n) for n in set(firsts) - listed for form in ("NFC", "NFD")}
        alts = [f"(?-i:{re.escape(n)})" if n in cased else re.escape(n) for n in self.names]  # "Ben", not "ik ben"
        self._names = re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE) if alts else None

    def spans(self, text: str) -> list[Span]:
        """The non-overlapping stretches of ``text`` to replace, in text order."""
        if not text:
            return []
        # found spans never overlap, so sorted by start they are sorted by end too: overlap
        # checks are binary searches (a long answer full of identifiers stays linear)
        found: list[Span] = []
        starts: list[int] = []
        ends: list[int] = []
        rules = [("email", _EMAIL, _whole), ("iban", _IBAN, _iban_span), ("rrn", _RRN, _rrn_span),
                 ("phone", _PHONE, _whole), ("address", _ADDRESS, _whole), ("name", _NAME_AFTER_TITLE, _name_span)]
        if self._names is not None:
            rules.append(("name", self._names, _whole))
        for kind, pattern, accept in rules:
            pos = 0
            while m := pattern.search(text, pos):
                span = accept(m, text)
                if span is not None and kind == "name":
                    span = _before(span, starts, ends, text)
                if span is None or span[1] <= span[0] or _first_overlap(span, starts, ends) is not None:
                    pos = m.start() + 1  # look again from the next character: a later start may fit
                    continue
                i = bisect.bisect_left(starts, span[0])
                starts.insert(i, span[0])
                ends.insert(i, span[1])
                found.insert(i, Span(span[0], span[1], kind))
                pos = span[1]
        return found

    def __call__(self, text: str) -> str:
        """``text`` with every identifier replaced by its placeholder."""
        if not isinstance(text, str):
            return text
        return self.replace(text, self.spans(text))

    def replace(self, text: str, spans: Sequence[Span]) -> str:
        out, pos = [], 0
        for sp in spans:
            out += [text[pos:sp.start], PLACEHOLDERS[self.lang][sp.kind]]
            pos = sp.end
        out.append(text[pos:])
        return "".join(out)

    def speaker(self, label: str) -> str:
        """The pseudonym of a speaker label: a role stays, anyone else is ``Spreker n``
        (numbered as first seen by this pseudonymiser; always the same for one label)."""
        if not isinstance(label, str) or not label.strip():
            return label
        if label not in self.speakers:
            n = sum(v != k for k, v in self.speakers.items()) + 1
            self.speakers[label] = label if role(label) else f"{SPEAKER[self.lang]} {n}"
        return self.speakers[label]

    def derive(self, value: str, source: str) -> str:
        """``value`` (words quoted from ``source``, such as the matched words ``a | b``)
        with every stretch that pseudonymising ``source`` replaces replaced too, and then
        pseudonymised itself."""
        if not isinstance(value, str) or not value:
            return value
        found = sorted(((source[sp.start:sp.end], PLACEHOLDERS[self.lang][sp.kind])
                        for sp in self.spans(source) if sp.end > sp.start), key=lambda f: -len(f[0]))
        if found:
            lowered = [(pii.casefold(), holder) for pii, holder in found]

            def piece(part: str) -> str:
                bare = part.strip().casefold()
                hit = next((h for pii, h in lowered if bare and bare in pii), None)
                if hit is not None:
                    return part.replace(part.strip(), hit)
                for pii, holder in found:
                    part = re.sub(re.escape(pii), holder, part, flags=re.IGNORECASE)
                return re.sub(r"[^\s\[\]]+", token, part)

            def token(t: re.Match) -> str:
                w = t.group(0)
                if len(w) < 3 and not any(ch.isdigit() for ch in w):
                    return w
                return next((h for pii, h in lowered if w.casefold() in pii), w)

            value = "|".join(piece(part) for part in value.split("|"))
            value = re.sub(r"(\[[A-Z-]+\])(?:\s+\1)+", r"\1", value)
        return self(value)

    def frame(self, df: pd.DataFrame, columns: Iterable[str] = ("text", "matched", "rule"), *,
              source: str = "text", speaker: str = "speaker") -> pd.DataFrame:
        """A copy of ``df`` with the text in ``columns`` pseudonymised (missing columns are
        skipped): ``source`` itself, the others derived from it row by row
        (:meth:`derive`), and the ``speaker`` column given pseudonyms."""
        out = df.copy()
        columns = [c for c in columns if c in out.columns]
        texts = out[source].tolist() if source in out.columns else None
        for col in columns:
            if col == source or texts is None:
                out[col] = out[col].map(lambda v: self(v) if isinstance(v, str) else v)
            else:
                out[col] = pd.Series([self.derive(v, t if isinstance(t, str) else "")
                                      for v, t in zip(out[col].tolist(), texts)], index=out.index, dtype=object)
        if speaker in out.columns:
            out[speaker] = out[speaker].map(self.speaker)
        return out


def _first_overlap(span: tuple[int, int], starts: list[int], ends: list[int]) -> int | None:
    """Index of the first found span overlapping ``span`` (found spans sorted and disjoint), or None."""
    i = bisect.bisect_right(ends, span[0])
    return i if i < len(starts) and starts[i] < span[1] else None


def _before(span: tuple[int, int], starts: list[int], ends: list[int], text: str) -> tuple[int, int]:
    """A name span cut back to the whole words before the first identifier it runs into."""
    i = _first_overlap(span, starts, ends)
    cut = None if i is None else starts[i]
    if cut is None or cut <= span[0]:
        return span
    head = text[span[0]:cut]
    if not head[-1:].isspace():
        head = head.rsplit(" ", 1)[0] if " " in head else ""
    return span[0], span[0] + len(head.rstrip())


def _whole(m: re.Match, text: str) -> tuple[int, int]:
    return m.span()


def _name_span(m: re.Match, text: str) -> tuple[int, int]:
    return m.span(1)


def _rrn_span(m: re.Match, text: str) -> tuple[int, int] | None:
    return m.span() if rrn_valid("".join(m.groups())) else None


def _iban_span(m: re.Match, text: str) -> tuple[int, int] | None:
    """The IBAN starting at ``m``: the check digits, then one run of 10-30 letters and
    digits or groups of up to four. It ends at the longest stretch whose check digits are
    right; failing that (a mistyped IBAN, capital country code only) before the first
    group of letters only after the first group, which is a word, not part of the IBAN."""
    head = re.sub(r"[ -]", "", m.group(0))
    pos, bban, ends = m.end(), "", []
    while len(bban) < 30:
        c = _IBAN_CHUNK.match(text, pos)
        if c is None or (c.end() < len(text) and (text[c.end()].isalnum() or text[c.end()] == "_")):
            break
        chunk = c.group(1)
        if len(chunk) > 4:
            if not bban and len(chunk) <= 30:
                bban, pos = chunk, c.end()
                ends.append((pos, bban))
            break
        if bban and chunk.isalpha():
            ends.append((-1, ""))  # a word: a mistyped IBAN ends before it
        bban += chunk
        pos = c.end()
        ends.append((pos, bban))
    valid = [e for e, b in ends if e > 0 and len(b) >= 10 and iban_valid(head + b)]
    if valid:
        return m.start(), valid[-1]
    if not head[:2].isupper():
        return None
    plain = []
    for e, b in ends:
        if e < 0:
            break
        plain.append((e, b))
    plain = [e for e, b in plain if len(b) >= 10]
    return (m.start(), plain[-1]) if plain else None


def role(label: str) -> bool:
    """True when a speaker label names a role, not a person (Interviewer, R, Deelnemer 2 ...).

    >>> role("Interviewer"), role("R2"), role("Marie Peeters")
    (True, True, False)
    """
    return bool(_ROLE.match(label.strip()))


_DEFAULT: dict[str, Pseudonymiser] = {}


def pseudonymise(text: str, lang: str = "nl", names: Iterable[str] | None = None) -> str:
    """``text`` with names, e-mail addresses, phone numbers, national register numbers,
    IBANs and street addresses replaced by placeholders such as ``[NAAM]``.

    See the module docstring for the rules and examples.
    """
    if names:
        return Pseudonymiser(lang, names)(text)
    if lang not in _DEFAULT:
        _DEFAULT[lang] = Pseudonymiser(lang)
    return _DEFAULT[lang](text)


def pseudonymise_frame(df: pd.DataFrame, columns: Iterable[str] = ("text", "matched", "rule"), lang: str = "nl",
                       names: Iterable[str] | None = None, speakers: Iterable[str] | None = None) -> pd.DataFrame:
    """A copy of ``df`` with the text in ``columns`` pseudonymised, the columns other than
    ``text`` derived from it, and the ``speaker`` column given pseudonyms (see
    :meth:`Pseudonymiser.frame`).

    >>> df = pd.DataFrame({"unit_id": ["R1"], "text": ["Mail an@ocmw.be."]})
    >>> pseudonymise_frame(df, ["text"]).loc[0, "text"]
    'Mail [E-MAIL].'
    """
    return Pseudonymiser(lang, names, speakers).frame(df, columns)


def read_names(path) -> list[str]:
    """Names to pseudonymise from a UTF-8 text file: one per line, ``#`` starts a comment."""
    from pathlib import Path

    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise AnalysisError(602, path=path, reason=getattr(e, 'strerror', None) or e.__class__.__name__) from None
    return [ln.split("#", 1)[0].strip() for ln in lines if ln.split("#", 1)[0].strip()]
