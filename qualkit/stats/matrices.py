"""Interview matrices: coded segments per code x document and code x speaker.

The unit is the coded segment: one coding unit (a sentence or a whole turn, as
the codebook's ``unit`` says) with a code, a row of ``segments.csv``. A cell of
:meth:`InterviewCounts.by_document` is the number of the document's coding units
that carry the code (a category counts a unit coded with it or any descendant
once), as in MAXQDA's Code Matrix Browser or NVivo's matrix coding query.

:class:`InterviewCounts` is a counter like :class:`~qualkit.stats.counts.Counts`:
give it the corpus (or one chunk of it, holding every turn of its interviews)
with its codings, then read the tables. It also keeps, per code, the coded
segments, the interviews and the speakers with the code, and per speaker the
turns that were coded or skipped (for the report's list of who was coded).

A speaker is its label across the corpus (a member of parliament in several
debates is one speaker), except a generic role label (``Participant``,
``Respondent``, ``R``...), which is a different person in each interview and is
keyed ``label (document)``. A speaker attribute table (``speaker`` ->
``role``, ``gender``...) groups speakers for breakdowns.

>>> from qualkit.types import Corpus, Segment
>>> from qualkit.codebook.model import Codebook, Code
>>> cb = Codebook("d", "1", [Code("taal", "Taal"), Code("werk", "Werk")])
>>> doc = "I: Waarom?\\nMA1: Taal. Werk en taal."
>>> segs = [Segment("Waarom?", "2", 3, 10, "2", "interview", "2.txt", "I", coded=False),
...         Segment("Taal. Werk en taal.", "2", 16, 35, "2", "interview", "2.txt", "MA1")]
>>> corpus = Corpus(segs, {"2": doc}, pd.DataFrame(index=["2"]), ["interview"], "transcript")
>>> codings = pd.DataFrame({"doc_id": ["2", "2", "2"], "unit_start": [16, 22, 22], "unit_end": [21, 35, 35],
...     "speaker": ["MA1"] * 3, "segment": [1, 1, 1], "code": ["taal", "werk", "taal"]})
>>> c = InterviewCounts(cb).add(corpus, codings)
>>> c.by_document().to_dict("index")
{'2': {'taal': 2, 'werk': 1}}
>>> c.totals()[["code", "segments", "documents", "speakers"]].values.tolist()
[['taal', 2, 1, 1], ['werk', 1, 1, 1]]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.stats._common import require_columns
from qualkit.types import Corpus, natural_key

UNIT_KEY = ["doc_id", "unit_start", "unit_end"]
"""The columns that identify one coding unit (one row of ``segments.csv`` per code)."""

ROLE_LABELS = re.compile(
    r"(?:respondent|participant|deelnemer|geïnterviewde|geinterviewde|interviewee|spreker|speaker|"
    r"gesprekspartner|client|cliënt|[A-Za-z]{1,2})\.?", re.IGNORECASE)
"""Speaker labels that name a role, not a person: one speaker per interview."""

_LABEL = re.compile(r" \([^()]*\)$")
"""The `` (document)`` of a per-interview speaker key."""

MISSING = "(missing)"
"""The group of speakers without a value for a speaker attribute (last in a breakdown)."""

DOCUMENT, SPEAKER = "document", "speaker"
"""The two breakdowns every transcript has besides its speaker attributes."""


def speaker_key(doc_id: str, label: str) -> str:
    """The speaker a turn belongs to: ``label``, or ``label (doc_id)`` for a role label.

    >>> speaker_key("3", "Participant"), speaker_key("d1", "Kjell Vander Elst")
    ('Participant (3)', 'Kjell Vander Elst')
    """
    label = str(label or "").strip()
    if not label:
        return f"({doc_id})"
    return f"{label} ({doc_id})" if ROLE_LABELS.fullmatch(label) else label


class TurnIndex:
    """Where a coding unit sits: its turn (1-based number in the document), the turn's
    segment and the turn before it (the nearest earlier turn not of a speaker left out
    with ``--skip-speaker``: the question, not the chair giving the floor), found by
    offset (so it works for codings of any origin).

    >>> from qualkit.types import Segment
    >>> t = TurnIndex([Segment("Q?", "d", 0, 2, "d", "interview", "d.txt", "I"),
    ...                Segment("A. B.", "d", 3, 8, "d", "interview", "d.txt", "R")])
    >>> n, seg, before = t.find("d", 6)
    >>> n, seg.speaker, before.text
    (2, 'R', 'Q?')
    """

    def __init__(self, segments):
        self.turns: dict[str, list] = defaultdict(list)
        for s in segments:
            self.turns[s.doc_id].append(s)
        for turns in self.turns.values():
            turns.sort(key=lambda s: s.start)
        self.starts = {d: [s.start for s in turns] for d, turns in self.turns.items()}

    def find(self, doc_id: str, offset: int):
        """``(turn number, segment, segment before or None)`` of the turn holding ``offset``,
        or ``(0, None, None)`` when no turn of ``doc_id`` starts at or before it."""
        i = bisect_right(self.starts.get(doc_id, []), offset) - 1
        if i < 0:
            return 0, None, None
        turns = self.turns[doc_id]
        j = i - 1
        while j >= 0 and turns[j].skipped:   # a chair's "u hebt het woord" is no context
            j -= 1
        return i + 1, turns[i], (turns[j] if j >= 0 else None)


@dataclass
class SpeakerRow:
    """One speaker: turns coded and skipped, and the interviews they speak in."""

    speaker: str
    turns: int = 0
    skipped: int = 0
    documents: int = 0


class InterviewCounts:
    """Coded segments per code x document and code x speaker, added chunk by chunk.

    ``speakers``: an optional speaker attribute table indexed by speaker (see
    :func:`speaker_key`; a plain label matches all its per-interview keys) whose
    columns can be used by :meth:`breakdown`.
    """

    def __init__(self, codebook: Codebook, speakers: pd.DataFrame | None = None):
        self.codebook = codebook
        self.speakers = speakers
        self.codes = [c.id for c in codebook.codes]
        self._roll = {c: [c, *self._ancestors(c)] for c in self.codes}
        self.documents: dict[str, None] = {}
        self.doc_cells: dict[str, Counter] = defaultdict(Counter)
        self.speaker_cells: dict[str, Counter] = defaultdict(Counter)
        self.speaker_units: Counter = Counter()  # speaker -> coding units with at least one code
        self.speaker_rows: dict[str, SpeakerRow] = {}
        self.doc_turns: Counter = Counter()
        self.speaker_docs: dict[str, set] = defaultdict(set)
        self.speaker_turns_with: dict[tuple[str, str], set] = defaultdict(set)  # (speaker, code) -> turns
        self.doc_turns_with: dict[tuple[str, str], set] = defaultdict(set)  # (document, code) -> turns

    def _ancestors(self, code: str) -> list[str]:
        out, cur, seen = [], self.codebook.code(code), {code}
        while cur.parent and cur.parent in self.codebook.ids and cur.parent not in seen:
            seen.add(cur.parent)
            out.append(cur.parent)
            cur = self.codebook.code(cur.parent)
        return out

    def add(self, chunk: Corpus, codings: pd.DataFrame) -> "InterviewCounts":
        """Count one chunk (every turn of its interviews) and its codings; returns self."""
        for s in chunk.segments:
            self.documents.setdefault(s.doc_id, None)
            if not s.coded and not s.speaker:
                continue  # a title or notes before the first speaker label
            key = speaker_key(s.doc_id, s.speaker)
            row = self.speaker_rows.setdefault(key, SpeakerRow(key))
            if s.coded:
                row.turns += 1
                self.doc_turns[s.doc_id] += 1
            else:
                row.skipped += 1
            self.speaker_docs[key].add(s.doc_id)
        if codings is None or codings.empty:
            return self
        require_columns(codings, [*UNIT_KEY, "code"], "codings")
        units: dict[tuple, set] = defaultdict(set)
        for doc, start, end, code in zip(codings["doc_id"], codings["unit_start"], codings["unit_end"],
                                         codings["code"]):
            units[(str(doc), int(start), int(end))].update(self._roll.get(code, [code]))
        index = TurnIndex(chunk.segments)
        for (doc, start, _), codes in units.items():
            _, turn, _ = index.find(doc, start)
            spk = speaker_key(doc, turn.speaker if turn is not None else "")
            seg = (doc, turn.start if turn is not None else start)
            self.speaker_units[spk] += 1
            for code in codes:
                self.doc_cells[doc][code] += 1
                self.speaker_cells[spk][code] += 1
                self.speaker_turns_with[(spk, code)].add(seg)
                self.doc_turns_with[(doc, code)].add(seg)
        return self

    # tables ------------------------------------------------------------------------------
    def _frame(self, cells: dict[str, Counter], rows: list[str], name: str) -> pd.DataFrame:
        data = [[int(cells.get(r, Counter())[c]) for c in self.codes] for r in rows]
        return pd.DataFrame(data, index=pd.Index(rows, name=name, dtype=object),
                            columns=pd.Index(self.codes, name="code"), dtype="int64")

    def by_document(self) -> pd.DataFrame:
        """Documents (natural order: 1, 2, 10) x codes (codebook order): coded segments."""
        return self._frame(self.doc_cells, sorted(self.documents, key=natural_key), DOCUMENT)

    def coded_speakers(self) -> list[str]:
        """Speakers with at least one coded turn, in natural order."""
        return sorted((k for k, r in self.speaker_rows.items() if r.turns), key=natural_key)

    def by_speaker(self) -> pd.DataFrame:
        """Speakers with coded turns (natural order) x codes: coded segments."""
        return self._frame(self.speaker_cells, self.coded_speakers(), SPEAKER)

    def speaker_table(self) -> pd.DataFrame:
        """Every speaker: turns coded, turns skipped (not coded), interviews, coded segments
        (coding units with at least one code, each counted once however many codes it has),
        and the speaker attributes when a table was given."""
        rows = []
        for key in sorted(self.speaker_rows, key=natural_key):
            r = self.speaker_rows[key]
            rows.append({"speaker": key, "turns": r.turns, "skipped": r.skipped,
                         "documents": len(self.speaker_docs[key]),
                         "segments": int(self.speaker_units[key])})
        out = pd.DataFrame(rows, columns=["speaker", "turns", "skipped", "documents", "segments"])
        attrs = self.attributes(out["speaker"].tolist())
        return pd.concat([out, attrs.reset_index(drop=True)], axis=1) if len(attrs.columns) else out

    def attributes(self, keys: list[str]) -> pd.DataFrame:
        """The speaker attribute rows of ``keys`` (a per-interview key falls back to its label)."""
        if self.speakers is None or not len(self.speakers.columns):
            return pd.DataFrame(index=keys)
        table = self.speakers
        index = {str(k).casefold(): k for k in table.index}
        picked = []
        for k in keys:
            hit = index.get(k.casefold())
            if hit is None:
                hit = index.get(_LABEL.sub("", k).casefold())
            picked.append(table.loc[hit] if hit is not None else pd.Series(index=table.columns, dtype=object))
        return pd.DataFrame(picked, index=keys, columns=table.columns)

    def attribute_gaps(self) -> tuple[list[str], list[str]]:
        """What the speaker attribute table and the transcripts do not share: its speakers who
        speak in no transcript (table order), and the coded speakers it has no row for (natural
        order; their attributes are missing in every breakdown).

        >>> from qualkit.codebook.model import Codebook, Code
        >>> c = InterviewCounts(Codebook("d", "1", [Code("a", "A")]), pd.DataFrame({"rol": ["x", "y"]}, index=["Els", "Jan"]))
        >>> c.speaker_rows = {"Els": SpeakerRow("Els", turns=2), "Participant (3)": SpeakerRow("Participant (3)", turns=1)}
        >>> c.attribute_gaps()
        (['Jan'], ['Participant (3)'])
        """
        if self.speakers is None:
            return [], []
        def names(key: str) -> set[str]:
            return {key.casefold(), _LABEL.sub("", key).casefold()}

        spoken = set().union(*map(names, self.speaker_rows)) if self.speaker_rows else set()
        listed = {str(k).casefold() for k in self.speakers.index}
        unused = [str(k) for k in self.speakers.index if str(k).casefold() not in spoken]
        return unused, [k for k in self.coded_speakers() if not names(k) & listed]

    def totals(self) -> pd.DataFrame:
        """Per code (codebook order): coded segments, interviews with the code (with their
        share of the interviews that were coded and its 95% Wilson interval, in percent) and
        speakers with the code (with their share of the coded speakers)."""
        from qualkit.stats.frequency import wilson

        n_docs = sum(1 for d in self.documents if self.doc_turns[d])
        n_spk = len(self.coded_speakers())
        rows = []
        for c in self.codes:
            segs = sum(cell[c] for cell in self.doc_cells.values())
            docs = sum(1 for cell in self.doc_cells.values() if cell[c])
            spk = sum(1 for cell in self.speaker_cells.values() if cell[c])
            low, high = wilson(docs, n_docs) if n_docs else (float("nan"), float("nan"))
            rows.append({"code": c, "label": self.codebook.code(c).label, "segments": int(segs),
                         "documents": docs, "documents_pct": 100.0 * docs / n_docs if n_docs else float("nan"),
                         "ci_low": 100.0 * low, "ci_high": 100.0 * high,
                         "speakers": spk, "speakers_pct": 100.0 * spk / n_spk if n_spk else float("nan")})
        out = pd.DataFrame(rows, columns=["code", "label", "segments", "documents", "documents_pct", "ci_low",
                                          "ci_high", "speakers", "speakers_pct"])
        out.attrs.update(documents=n_docs, speakers=n_spk)
        return out

    def frequency_table(self) -> pd.DataFrame:
        """The transcript counterpart of a survey frequency table (``frequencies.csv``, the
        workbook's ``interviews`` sheet, the terminal, the report), one row per code in
        codebook order: ``code, label, category, segments`` (coded units with the code),
        ``interviews`` (with the code), ``pct`` (of the ``base`` interviews coded),
        ``ci_low, ci_high`` (95% Wilson, percent), ``base``, ``speakers`` (coded speakers
        with the code) and ``speakers_base`` (coded speakers)."""
        t = self.totals()
        parent = {c.id: c.parent or "" for c in self.codebook.codes}
        out = pd.DataFrame({
            "code": t["code"], "label": t["label"], "category": t["code"].map(parent), "segments": t["segments"],
            "interviews": t["documents"], "pct": t["documents_pct"], "ci_low": t["ci_low"], "ci_high": t["ci_high"],
            "base": t.attrs["documents"], "speakers": t["speakers"], "speakers_base": t.attrs["speakers"]})
        out.attrs.update(t.attrs)
        return out

    def breakdown(self, variable: str) -> pd.DataFrame:
        """Coded segments per code and group of ``variable`` (``document``, ``speaker`` or a
        speaker attribute), long: ``code, label, group, segments, turns, turns_with_code,
        pct`` where ``pct`` is the share of the group's coded turns that carry the code. Groups
        in natural order; speakers without a value for the attribute last, as ``(missing)``."""
        if variable == DOCUMENT:
            groups = {d: d for d in self.documents}
            cells, turns = self.doc_cells, {d: self.doc_turns[d] for d in self.documents}
            with_code = self.doc_turns_with
        else:
            speakers = self.coded_speakers()
            if variable == SPEAKER:
                groups = {s: s for s in speakers}
            else:
                values = self.attributes(speakers)[variable]
                groups = {s: ("" if pd.isna(v) else str(v)) for s, v in values.items()}
            cells, turns = self.speaker_cells, {s: self.speaker_rows[s].turns for s in speakers}
            with_code = self.speaker_turns_with
        order = sorted(dict.fromkeys(groups.values()), key=lambda g: (not g, natural_key(g)))  # missing last
        rows = []
        for c in self.codes:
            for g in order:
                members = [k for k, v in groups.items() if v == g]
                n_turns = sum(turns.get(m, 0) for m in members)
                hit = sum(len(with_code.get((m, c), ())) for m in members)
                rows.append({"code": c, "label": self.codebook.code(c).label, "group": g or MISSING,
                             "segments": int(sum(cells.get(m, Counter())[c] for m in members)),
                             "turns": int(n_turns), "turns_with_code": int(hit),
                             "pct": 100.0 * hit / n_turns if n_turns else float("nan")})
        return pd.DataFrame(rows, columns=["code", "label", "group", "segments", "turns", "turns_with_code", "pct"])
