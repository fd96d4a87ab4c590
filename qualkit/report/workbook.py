"""The survey tables of ``qualkit.xlsx`` laid out for a report: what a researcher copies.

* ``questions``: each question's id, its text in the export and its base (respondents
  who answered); ``codes``: each code's label, category, description and questions.
* one sheet per question (named by it): code, label, category, n, % and the 95%
  Wilson interval in two columns; percentages are numbers shown with one decimal
  (``0.0%``), the question text and the base above the table.
* one sheet per breakdown (``Q23 by regio``): the column % of each code per group,
  the group's n in its header, the respondents without a value as the last group,
  the test and its (Holm-adjusted) p per code.
* transcripts instead: ``codes`` and ``interviews`` (coded segments, interviews and
  speakers per code); their matrices and breakdowns are sheets of their own.

The tidy long tables stay in the CSV files (``frequencies.csv``, ``crosstab_<var>.csv``).
Written through :func:`qualkit.io.sheets.xlsx_bytes` (text stays text).

>>> import io, openpyxl                                                     # doctest: +SKIP
>>> wb = openpyxl.load_workbook(io.BytesIO(workbook(tables)))               # doctest: +SKIP
>>> wb["Q23"]["E5"].number_format                                           # doctest: +SKIP
'0.0%'
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from qualkit.io.sheets import Sheet, sheet_name
from qualkit.stats import UNCODED

PERCENT = "0.0%"
P_VALUE = "0.000"


def table_sheets(tables: Any, codebook: Any = None) -> dict[str, Sheet]:
    """The ``questions`` and ``codes`` sheets, a sheet per question and one per breakdown,
    in that order (each breakdown after its question)."""
    sheets: dict[str, Sheet] = {}
    talk = getattr(tables, "interviews", None)
    if talk is not None:   # transcripts: interviews, turns and speakers, never respondents
        sheets["codes"] = _codes(tables, codebook)
        sheets["interviews"] = interview_sheet(talk)
        for ct in tables.crosstabs.values():   # an interview field (JSONL) as --by
            sheets[sheet_name(f"{ct.question} by {ct.variable}", sheets)] = breakdown_sheet(ct, "interviews")
        return sheets
    if tables.frequencies:
        sheets["questions"] = _questions(tables)
        sheets["codes"] = _codes(tables, codebook)
    by_question: dict[str, list] = {}
    for (q, _var), ct in tables.crosstabs.items():
        by_question.setdefault(q, []).append(ct)
    for q, df in tables.frequencies.items():
        sheets[sheet_name(q, sheets)] = frequency_sheet(q, df)
        for ct in by_question.pop(q, []):
            sheets[sheet_name(f"{q} by {ct.variable}", sheets)] = breakdown_sheet(ct)
    for cts in by_question.values():   # breakdowns of a question without a frequency table
        for ct in cts:
            sheets[sheet_name(f"{ct.question} by {ct.variable}", sheets)] = breakdown_sheet(ct)
    return sheets


def frequency_sheet(q: str, df: pd.DataFrame) -> Sheet:
    """One question's codes: n, % and the 95% Wilson interval as numbers in percent format."""
    base = int(df.attrs.get("base", df["base"].iloc[0] if "base" in df and len(df) else 0))
    frame = pd.DataFrame({
        "code": df["code"], "label": df["label"] if "label" in df else df["code"],
        "category": df["parent"] if "parent" in df else None, "n": df["n"],
        "%": _fraction(df, "pct"), "95% CI low": _fraction(df, "ci_low"), "95% CI high": _fraction(df, "ci_high"),
    })
    title = (_heading(q, df.attrs.get("question_label")),
             f"% of the {base} respondents who answered, with 95% Wilson interval; a respondent can have "
             "several codes, so the percentages need not add up to 100%." if base else
             "No respondent answered this question (n = 0): no percentages.")
    return Sheet(frame, "C2", title, {c: PERCENT for c in ("%", "95% CI low", "95% CI high")})


def interview_sheet(talk: Any) -> Sheet:
    """The codes of a transcript study: coded segments, interviews with the code (% of the
    interviews coded, 95% Wilson interval) and speakers with the code, as in the terminal and
    ``frequencies.csv`` (:meth:`qualkit.stats.matrices.InterviewCounts.frequency_table`)."""
    counts = talk.counts
    t = counts.frequency_table()
    frame = pd.DataFrame({
        "code": t["code"], "label": t["label"], "category": t["category"].replace("", None),
        "segments": t["segments"], "interviews": t["interviews"],
        "% interviews": t["pct"].astype(float).to_numpy() / 100.0,
        "95% CI low": t["ci_low"].astype(float).to_numpy() / 100.0,
        "95% CI high": t["ci_high"].astype(float).to_numpy() / 100.0,
        "speakers": t["speakers"]})
    speakers = counts.coded_speakers()
    turns = sum(counts.speaker_rows[s].turns for s in speakers)
    title = (f"Codes in {t.attrs['documents']} interview(s) ({turns} turn(s) by {len(speakers)} speaker(s) "
             "coded)",
             "segments: coded units with the code; interviews: interviews with the code (% of the interviews "
             "coded, with 95% Wilson interval); speakers: coded speakers with the code. A unit can have several "
             "codes.")
    return Sheet(frame, "C2", title, {c: PERCENT for c in ("% interviews", "95% CI low", "95% CI high")})


def breakdown_sheet(ct: Any, unit: str = "respondents") -> Sheet:
    """A breakdown in the layout of a report table: codes down, groups across (column %),
    the group's n in its header, then the test per code. ``unit``: respondents (who
    answered) or interviews."""
    frame = pd.DataFrame({"code": list(ct.counts.index), "label": [ct.labels.get(c, c) for c in ct.counts.index]})
    heads = {}
    for g in ct.counts.columns:
        head = f"{g} (n = {int(ct.bases[g])})"
        heads[head] = PERCENT
        frame[head] = (ct.pct[g] / 100.0).to_numpy()
    tests = ct.tests.reindex(ct.counts.index)
    frame["test"] = tests["test"].replace("none", "").to_numpy()
    frame["p"] = tests["p"].to_numpy(dtype=float)
    frame["p (Holm)"] = tests["p_holm"].to_numpy(dtype=float)
    frame["note"] = tests["note"].to_numpy()
    who = "respondents who answered" if unit == "respondents" else unit
    title = [f"{ct.question} by {ct.variable}: % of the {who}, per group (column %)"]
    if ct.question_text:
        title.append(_heading(ct.question, ct.question_text))
    if ct.variable_text:
        title.append(_heading(ct.variable, ct.variable_text))
    base = "respondents in the group who answered" if unit == "respondents" else f"{unit} in the group"
    title.append(f"n = {base}. p: chi-square test of each code across the groups "
                 "(Fisher's exact test for two small groups), Holm-adjusted over the codes of the question.")
    if ct.missing:
        who = "respondent(s) who answered but have" if unit == "respondents" else f"{unit[:-1]}(s) with"
        title.append(f"{ct.missing_group}: {ct.missing} {who} no value for {ct.variable} (not in the tests).")
    return Sheet(frame, "C2", tuple(title), {**heads, "p": P_VALUE, "p (Holm)": P_VALUE})


def _questions(tables: Any) -> Sheet:
    rows = []
    for q, df in tables.frequencies.items():
        base = int(df.attrs.get("base", df["base"].iloc[0] if "base" in df and len(df) else 0))
        codes = int((df["code"] != UNCODED).sum())
        rows.append({"question": q, "text": " ".join(str(df.attrs.get("question_label") or "").split()),
                     "answered": base, "codes": codes,
                     "breakdowns": ", ".join(v for (qq, v) in tables.crosstabs if qq == q)})
    return Sheet(pd.DataFrame(rows, columns=["question", "text", "answered", "codes", "breakdowns"]), "B2",
                 ("Questions", "answered: respondents who answered the question (the base of its percentages)."))


def _codes(tables: Any, codebook: Any) -> Sheet:
    if codebook is not None:
        frame = pd.DataFrame([{"code": c.id, "label": c.label, "category": c.parent or "",
                               "description": " ".join(c.description.split()),
                               "questions": ", ".join(c.questions) or "all"} for c in codebook.codes],
                             columns=["code", "label", "category", "description", "questions"])
        title = (f"Codes of codebook {codebook.name} {codebook.version}",)
    else:
        seen = pd.concat([df[[c for c in ("code", "label", "parent") if c in df]] for df in tables.frequencies.values()])
        frame = seen[seen["code"] != UNCODED].drop_duplicates("code").rename(columns={"parent": "category"})
        title = ("Codes",)
    return Sheet(frame.reset_index(drop=True), "B2", title)


def _fraction(df: pd.DataFrame, col: str) -> Any:
    return df[col].astype(float).to_numpy() / 100.0 if col in df else np.nan


def _heading(name: str, text: Any) -> str:
    text = " ".join(str(text or "").split())
    return name if not text or text == name else f"{name}: {text}"
