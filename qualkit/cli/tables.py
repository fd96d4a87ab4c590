"""Survey tables in the terminal: frequency tables, breakdowns and wave comparisons.

Every table says its base: the respondents who answered (per question, per group,
per wave). A breakdown shows the group sizes under the group names and the
respondents without a value as their own column; one that is wider than the
terminal is split into blocks of groups, each repeating the code labels.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from qualkit.cli._common import console, shown

LABEL_WIDTH = 28
"""Widest code label column before it wraps."""
GROUP_WIDTH = 12
"""Widest line of a group name in a column header before it wraps."""
if TYPE_CHECKING:
    import pandas as pd

QUESTION_TEXT = 160
"""Longest question text in a table title (cut with an ellipsis)."""


def question_title(q: str, text: str | None) -> str:
    """``Q23`` or ``col10: Kun je aangeven waarom ...`` (the question text cut at
    :data:`QUESTION_TEXT` characters, white space collapsed)."""
    text = " ".join(shown(text or "").split())
    return shown(q) if not text or text == q else f"{shown(q)}: {_cut(text, QUESTION_TEXT)}"


def _cut_keep_item(text: str, n: int) -> str:
    """``text`` in ``n`` characters, keeping a trailing ``[item]`` (LimeSurvey's sub-question
    in an array: ``Hoewel Party Panel … [Vraag 1]``).

    >>> _cut_keep_item("Noem drie dingen die de werkdruk zouden verlagen. [Ding 2]", 30)
    'Noem drie dingen die… [Ding 2]'
    """
    text = " ".join(str(text).split())
    item = text[text.rindex("["):] if text.endswith("]") and "[" in text else ""
    if len(text) <= n or not item or len(item) > n // 2:
        return _cut(text, n)
    return _cut(text[:-len(item)], n - len(item) - 1) + " " + item


def _cut(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def render_tables(tables, out: Console | None = None) -> None:
    """Print each question's frequency table and each breakdown, each under a
    heading that names the question (with its text) and the base (transcripts: in
    interviews, turns and speakers, see :mod:`qualkit.cli.interviews`)."""
    from qualkit.cli.interviews import render_interviews

    out = out or console()
    if render_interviews(tables, out):
        for ct in tables.crosstabs.values():   # an interview field (JSONL) as --by: interviews per group
            out.print()
            for renderable in breakdown(ct, out.width, unit="interviews"):
                out.print(renderable)
        return
    for i, (q, df) in enumerate(tables.frequencies.items()):
        base = int(df.attrs.get("base", df["base"].iloc[0] if len(df) else 0))
        if i:
            out.print()
        out.print(question_title(q, df.attrs.get("question_label")), style="bold")
        if not base:
            out.print(f"No respondent answered {q} (n = 0): no table. Is it the right column (--question)?")
            continue
        out.print(f"% of respondents who answered (n = {base}), with 95% Wilson interval; "
                  "a respondent can have several codes.")
        out.print(frequency_table(df))
    for ct in tables.crosstabs.values():
        out.print()
        for renderable in breakdown(ct, out.width):
            out.print(renderable)


def frequency_table(df: pd.DataFrame) -> Table:
    """One question's codes: n, % of the respondents who answered, 95% Wilson interval."""
    t = Table(box=box.SIMPLE_HEAD)
    for col, just in (("code", "left"), ("label", "left"), ("n", "right"), ("%", "right"), ("95% CI", "right")):
        t.add_column(col, justify=just)
    for r in df.itertuples():
        indent = "  " if isinstance(r.parent, str) and r.parent else ""
        ci = "" if r.ci_low != r.ci_low else f"{r.ci_low:.1f}–{r.ci_high:.1f}"
        pct = "" if r.pct != r.pct else f"{r.pct:.1f}"
        t.add_row(indent + shown(r.code), shown(r.label), str(r.n), pct, ci)
    return t


def breakdown(ct, width: int = 80, unit: str = "respondents") -> list:
    """A breakdown as a heading and one table, or several blocks of groups when it is
    wider than ``width``: column % per code and group with the group's n under its
    name, the respondents without a value as a column of their own, the
    Holm-adjusted p of each code's test in the last block, and a note on how to read it.
    ``unit``: what was counted, ``respondents`` (who answered) or ``interviews``."""
    by = shown(ct.variable) if not ct.variable_text else f"{shown(ct.variable)} ({_cut(shown(ct.variable_text), 80)})"
    heading = [Text(f"{shown(ct.question)} by {by}", style="bold"),
               Text("% of the respondents who answered, per group (n = respondents in the group)" if unit ==
                    "respondents" else f"% of the {unit} with the code, per group (n = {unit} in the group)")]
    tested = bool(ct.tests["p"].notna().any())
    blocks = _fit(list(ct.counts.columns), lambda cols: _breakdown(ct, cols, tested), width)
    out: list = [*heading]
    for i, cols in enumerate(blocks):
        if len(blocks) > 1:
            out.append(Text(f"groups {i + 1} of {len(blocks)}" if i == 0 else
                            f"{shown(ct.question)} by {shown(ct.variable)}, groups {i + 1} of {len(blocks)}"))
        out.append(_breakdown(ct, cols, tested and i == len(blocks) - 1))
    out.append(Text(_caption(ct, unit)))
    return out


def _breakdown(ct, cols: list, tests: bool) -> Table:
    t = Table(box=box.SIMPLE_HEAD)
    t.add_column("code", max_width=LABEL_WIDTH)
    for g in cols:
        name = _wrap(shown(g), GROUP_WIDTH)
        t.add_column(f"{name}\nn = {int(ct.bases[g])}", justify="right",
                     style="italic" if g == ct.missing_group else None)
    if tests:
        t.add_column("p (Holm)", justify="left", no_wrap=True)
    for code, row in ct.pct.loc[:, cols].iterrows():
        cells = [f"{v:.1f}" if v == v else "" for v in row.tolist()]
        t.add_row(shown(ct.labels.get(code, code)), *cells, *([p_cell(ct.tests.loc[code])] if tests else []))
    return t


def _fit(columns: list, make: Callable[[list], Table], width: int) -> list[list]:
    """``columns`` split into blocks whose tables fit ``width`` (at least one column each)."""
    probe = console()
    options = probe.options.update(width=10_000)
    blocks: list[list] = [[]]
    for c in columns:
        trial = blocks[-1] + [c]
        if blocks[-1] and Measurement.get(probe, options, make(trial)).maximum > width:
            blocks.append([c])
        else:
            blocks[-1] = trial
    return blocks


def _caption(ct, unit: str = "respondents") -> str:
    notes = list(dict.fromkeys(n for n in ct.tests["note"] if n))
    if ct.tests["p"].notna().any():
        lines = ["p: chi-square test of each code across the groups (F: Fisher's exact test), Holm-adjusted over "
                 "the codes; * p < .05, ** p < .01, *** p < .001."]
    else:
        lines = [f"No tests: {', '.join(notes) or 'nothing to test'}."]
    if ct.missing:
        who = unit[:-1] if ct.missing == 1 else unit
        lines.append(f"{ct.missing_group}: {ct.missing} {who} without a value for {shown(ct.variable)} "
                     "(not in the tests).")
    from qualkit.stats.crosstab import LOW_EXPECTED

    if (ct.tests["note"] == LOW_EXPECTED).any():
        lines.append("Some tests have expected counts under 5: read their p with care.")
    return "\n".join(lines)


def _wrap(name: str, width: int) -> str:
    """A group name in lines of at most ``width`` characters where it can break: at spaces
    and after hyphens (a longer word stays whole; the table folds it only if it must).

    >>> print(_wrap("Oost-Vlaanderen", 12))
    Oost-
    Vlaanderen
    """
    words = name.replace("-", "- ").split(" ")
    lines: list[str] = []
    for w in words:
        if lines and len(lines[-1]) + len(w) + (0 if lines[-1].endswith("-") else 1) <= width:
            lines[-1] += w if lines[-1].endswith("-") else " " + w
        else:
            lines.append(w)
    return "\n".join(lines)


def p_cell(row) -> str:
    """``0.012*`` (Holm-adjusted p with stars, ``F`` for Fisher's test), or the reason there is no test."""
    p = row.get("p_holm")
    if p is None or p != p:
        return str(row.get("note") or "")
    stars = "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""
    return ("<.001" if p < 0.001 else f"{p:.3f}") + stars + (" F" if row.get("test") == "fisher" else "")


def render_comparison(df: pd.DataFrame, out: Console | None = None, texts: dict[str, str] | None = None) -> None:
    """One table per question and wave pair: shares with the base of each wave,
    the change in percentage points with its interval, the Holm-adjusted test."""
    out = out or console()
    for i, ((q, a, b), part) in enumerate(df.groupby(["question", "wave_from", "wave_to"], sort=False)):
        first = part.iloc[0]
        if i:
            out.print()
        out.print(question_title(q, (texts or {}).get(q)), style="bold")
        a, b = shown(a), shown(b)
        out.print(f"% of respondents who answered, wave {a} (n = {int(first.base_from)}) -> wave {b} "
                  f"(n = {int(first.base_to)})")
        t = Table(box=box.SIMPLE_HEAD, pad_edge=False)   # room for the p column at 80 characters
        t.add_column("code", overflow="fold")   # a long code id folds; numbers are never cut
        for wave, n in ((a, first.base_from), (b, first.base_to)):
            t.add_column(f"{wave}\nn = {int(n)}", justify="right", no_wrap=True)
        t.add_column("change", justify="right", no_wrap=True)
        t.add_column("p", justify="left", no_wrap=True)
        marks: dict[str, str] = {}
        for r in part.itertuples():
            indent = "  " if isinstance(r.parent, str) and r.parent else ""
            p = p_cell({"p_holm": r.p_holm, "test": r.test, "note": r.note})
            if p in _MARKS:   # a reason for no test, as a short mark explained under the table
                p, marks[p] = _MARKS[p]
            t.add_row(indent + shown(r.code), _share(r.pct_from, r.ci_low_from, r.ci_high_from),
                      _share(r.pct_to, r.ci_low_to, r.ci_high_to), _change(r), p)
        out.print(t)
        out.print("% (95% CI) per wave; change in percentage points (95% Newcombe interval); p: z test "
                  "(F: Fisher's exact test), Holm-adjusted over the codes; * p < .05, ** p < .01, *** p < .001."
                  + "".join(f" {m}: {why}." for m, why in marks.items()))


_MARKS = {"no variation": ("–", "no test, the code has 0% (or 100%) in both waves"),
          "not in the later codebook": ("dropped", "no test, the code is not in the later wave's codebook")}
"""Reasons for no test in a wave comparison -> (the mark in the p column, its explanation)."""


def _share(pct, low, high) -> str:
    return "" if pct != pct else f"{pct:.1f} ({low:.0f}–{high:.0f})"


def _change(r) -> str:
    if r.diff_pp != r.diff_pp:
        return ""
    return f"{r.diff_pp:+.1f} ({r.diff_ci_low:+.0f} to {r.diff_ci_high:+.0f})"


def waves_table(title: str, rows: list[dict], width: int = 80) -> list:
    """The waves of a project (:func:`qualkit.project.status.wave_status` rows): wave
    names and input files in full (one input a line), codebook, last run, status.
    Input names too long for a column of ``width`` are listed under the table."""
    def table(inputs: bool) -> Table:
        t = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
        t.add_column("wave", no_wrap=True, overflow="fold")
        if inputs:
            t.add_column("inputs", no_wrap=True, overflow="fold")   # the other columns wrap first
        for col in ("codebook", "last run", "status"):
            t.add_column(col)
        for r in rows:
            when = (r["last_run"] or "")[:16].replace("T", " ")
            t.add_row(shown(r["wave"]), *(["\n".join(map(shown, r["inputs"]))] if inputs else []), shown(r["codebook"]),
                      when, r["status"])
        return t

    def word(*cells: str) -> int:   # the narrowest a column can be without cutting a word
        return max((len(w) for c in cells for w in str(c).split()), default=0)

    need = sum(2 + word(head, *cells) for head, cells in (
        ("wave", [r["wave"] for r in rows]), ("inputs", [x for r in rows for x in r["inputs"]]),
        ("codebook", [r["codebook"] for r in rows]), ("last run", ["2000-01-01"]),
        ("status", [r["status"] for r in rows])))
    if need <= width:
        return [table(True)]
    return [table(False), *(Text(f"inputs of {shown(r['wave'])}: {', '.join(map(shown, r['inputs']))}", overflow="fold")
                            for r in rows)]


def render_columns(path, df: pd.DataFrame, out: Console | None = None) -> None:
    """A survey export's columns (:func:`qualkit.ingest.survey.survey_columns`) and how to
    name the open questions."""
    out = out or console()
    t = Table(title=f"{path}: {len(df)} columns", box=box.SIMPLE_HEAD, title_justify="left")
    t.add_column("column", overflow="fold", max_width=20)
    t.add_column("answers", justify="right")
    t.add_column("values", justify="right")
    t.add_column("length", justify="right")
    t.add_column("question text")
    room = max(24, out.width - min(20, max((len(str(c)) for c in df["column"]), default=6)) - 35)
    for r in df.itertuples():
        text = _cut_keep_item(shown(r.text), room) if r.text != r.column else ""   # one line per column
        t.add_row(shown(r.column), str(r.answers), f"{r.distinct}+" if r.distinct >= 1000 else str(r.distinct),
                  f"{r.length:.0f}" if r.answers else "", text)
    out.print(t)
    if df.attrs.get("header_is_data"):
        out.print("The first row looks like data: is the header row missing? Export the file again with it.")
        return
    out.print("answers: rows with a value; values: different values; length: mean characters (open answers "
              "are long).")
    filled = df[df.answers > 0].sort_values("length", ascending=False)
    example = f" -q {filled.column.iloc[0]!r}" if len(filled) else ""
    out.print("Name the open questions with --question (-q), once per question (a column, or a glob such as "
              f"'Q23*'), and the id column with --id-column (-i); for example: qualkit ingest {path.name}{example}")
