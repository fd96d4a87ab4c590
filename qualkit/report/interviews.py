"""The tables of an interview study, next to the frequency tables: code x document,
code x speaker, who was coded, co-occurrence, and breakdowns by document, speaker
or speaker attribute.

>>> extra = interview_tables(result, by=["speaker"], speakers=read_speakers("sprekers.csv"))  # doctest: +SKIP
>>> extra.frames()["by_document.csv"].head()                                                # doctest: +SKIP
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from qualkit.coding.engine import CodingResult
from qualkit.errors import AnalysisError
from qualkit.stats._common import listing
from qualkit.stats.cooccurrence import Cooccurrence
from qualkit.stats.matrices import DOCUMENT, SPEAKER, InterviewCounts
from qualkit.types import natural_key


@dataclass
class InterviewTables:
    """What an interview study adds: ``counts`` (matrices, speakers), ``cooccurrence``
    and ``breakdowns`` by document, speaker or speaker attribute (long frames, see
    :meth:`InterviewCounts.breakdown`)."""

    counts: InterviewCounts
    cooccurrence: Cooccurrence
    breakdowns: dict[str, pd.DataFrame] = field(default_factory=dict)
    speaker_names: Callable[[str], str] | None = None
    """Pseudonyms for the speakers in every table that names them
    (:meth:`qualkit.privacy.Pseudonymiser.speaker`; see :func:`qualkit.report.pseudonymise_tables`)."""

    def frames(self) -> dict[str, pd.DataFrame]:
        """File name -> table, for the writer (CSV and a workbook sheet each)."""
        out = {"by_document.csv": self.counts.by_document().reset_index(),
               "by_speaker.csv": self.counts.by_speaker().reset_index(),
               "speakers.csv": self.counts.speaker_table(),
               "cooccurrence.csv": self.cooccurrence.frame()}
        for var, df in self.breakdowns.items():
            out[f"breakdown_{_slug(var)}.csv"] = df
        if self.speaker_names is not None:
            named = {"by_speaker.csv": SPEAKER, "speakers.csv": SPEAKER, f"breakdown_{SPEAKER}.csv": "group"}
            for name, col in named.items():
                if name in out and col in out[name].columns:
                    df = out[name].assign(**{col: out[name][col].map(self.speaker_names)})
                    # rows in pseudonym order: the order of the real names would give them away
                    rank = {g: i for i, g in enumerate(sorted(set(df[col]), key=natural_key))}
                    keys = [df[col].map(rank)] if col == SPEAKER else [df["code"].map(
                        {c: i for i, c in enumerate(dict.fromkeys(df["code"]))}), df[col].map(rank)]
                    order = sorted(range(len(df)), key=lambda i: tuple(k.iat[i] for k in keys))
                    out[name] = df.iloc[order].reset_index(drop=True)
        return out


def speaker_pseudonym(pseudo, key: str) -> str:
    """The pseudonym of an interview table's speaker ``key`` (:func:`qualkit.stats.matrices.speaker_key`:
    a label, or ``label (document)``) under ``pseudo`` (a :class:`qualkit.privacy.Pseudonymiser`):
    the label's pseudonym, with the document kept.

    >>> from qualkit.privacy import Pseudonymiser
    >>> p = Pseudonymiser(speakers=["Marie Peeters", "JP"])
    >>> [speaker_pseudonym(p, k) for k in ["Marie Peeters", "JP (int3)", "Interviewer", "(int3)"]]
    ['Spreker 1', 'Spreker 2 (int3)', 'Interviewer', '(int3)']
    """
    if not isinstance(key, str) or key in pseudo.speakers:
        return pseudo.speaker(key)
    label, sep, doc = key.rpartition(" (")
    if sep and doc.endswith(")") and label in pseudo.speakers:
        return f"{pseudo.speaker(label)} ({doc}"
    return key if key.startswith("(") else pseudo.speaker(key)


def speaker_variables(counts: InterviewCounts) -> list[str]:
    """The breakdowns a transcript corpus offers besides its interview variables."""
    attrs = list(counts.speakers.columns) if counts.speakers is not None else []
    return [DOCUMENT, SPEAKER, *attrs]


def speaker_file_note(extra: InterviewTables | None, path: object, named: bool = True) -> str | None:
    """What a user should know when ``--speakers`` ``path`` and the transcripts do not match:
    how many of its speakers speak in no transcript and how many coded speakers it lacks,
    with the first few names, or only the counts when ``named`` is False (pseudonymised
    outputs: a note must not name who the outputs do not). None when all match."""
    if extra is None:
        return None
    unused, missing = extra.counts.attribute_gaps()
    if not unused and not missing:
        return None

    def first(names: list[str]) -> str:
        if not named:
            return ""
        return " (" + ", ".join(repr(n) for n in names[:5]) + (", ..." if len(names) > 5 else "") + ")"

    parts = []
    if unused:
        parts.append(f"{len(unused)} of its {len(extra.counts.speakers)} speakers found in no transcript{first(unused)}")
    if missing:
        parts.append(f"{len(missing)} of the {len(extra.counts.coded_speakers())} coded speakers not in the file"
                     f"{first(missing)}: their attributes are empty in speakers.csv and '(missing)' in breakdowns")
    return (f"--speakers {path} and the transcripts do not match: " + "; ".join(parts) + ". Compare the names "
            "with speakers.csv (a role label such as 'Participant' can be given once for all interviews, or as "
            "'Participant (3)').")


def split_by(result: CodingResult, by: list[str] | None, speakers: pd.DataFrame | None) -> tuple[list[str], list[str]]:
    """``by`` as (interview or respondent variables, document/speaker/speaker-attribute
    breakdowns). Surveys: all of ``by`` is the first. QK608 for a transcript breakdown
    that is neither."""
    by = list(by or [])
    corpus = result.corpus
    if corpus.kind != "transcript":
        return by, []
    mine = [DOCUMENT, SPEAKER, *(list(speakers.columns) if speakers is not None else [])]
    known = list(corpus.respondents.columns)
    units, talk = [], []
    for var in by:
        if var in mine:
            talk.append(var)
        elif var in known:
            units.append(var)
        else:
            hint = "" if speakers is not None else " Give speaker attributes with --speakers FILE."
            raise AnalysisError(608, variable=var, choices=listing([*mine, *known]), hint=hint)
    return units, talk


def interview_tables(result: CodingResult, by: list[str] | None = None,
                     speakers: pd.DataFrame | None = None) -> InterviewTables | None:
    """The interview tables of ``result`` (the whole corpus at once), None for a survey;
    ``by``: the breakdowns by ``document``, ``speaker`` or a column of ``speakers``."""
    if result.corpus.kind != "transcript":
        return None
    co = Cooccurrence(result.codebook).add(result.codings)
    counts = InterviewCounts(result.codebook, speakers).add(result.corpus, result.codings)
    _, talk = split_by(result, by, speakers)
    return InterviewTables(counts, co, {var: counts.breakdown(var) for var in talk})


def _slug(s: str) -> str:
    import re

    return re.sub(r"[^\w.-]+", "_", s).strip("_") or "var"
