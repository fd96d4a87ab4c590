"""Options and terminal tables of interview studies (transcripts): speakers, matrices."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

SPEAKERS = typer.Option(None, "--speakers", help="Speaker attribute file (CSV/XLSX: a 'speaker' column and one "
                        "column per attribute such as role or gender); its columns work with --by.")
SKIP_SPEAKER = typer.Option(None, "--skip-speaker", help="Speaker label or glob whose turns are not coded (a chair, "
                            "a note taker), besides the interviewer's; repeat for several. Example: 'Voorzitter*'.")


def read_speakers(path: Optional[Path]):
    """The attribute table of ``--speakers``, or None."""
    if path is None:
        return None
    from qualkit.ingest.speakers import read_speakers as read

    return read(path)


MAX_COLUMNS = 12
"""Most groups of a breakdown shown as columns on screen (all are in the files)."""


def render_interviews(tables, console) -> bool:
    """Print the codes of a transcript run in interviews, turns and speakers; False for surveys."""
    from rich.table import Table

    from qualkit.cli._common import shown

    extra = getattr(tables, "interviews", None)
    if extra is None:
        return False
    counts = extra.counts
    totals = counts.totals()
    speakers = counts.coded_speakers()
    turns = sum(counts.speaker_rows[s].turns for s in speakers)
    from qualkit.report.i18n import singular

    t = Table(title=singular(f"Codes in {totals.attrs['documents']} interviews ({turns} turns by {len(speakers)} "
                             "speakers coded)") + ": coded segments, interviews with the code (% of the interviews, 95% "
              "Wilson interval) and speakers with the code")
    for col, just in (("code", "left"), ("label", "left"), ("segments", "right"), ("interviews", "right"),
                      ("%", "right"), ("95% CI", "right"), ("speakers", "right")):
        t.add_column(col, justify=just, no_wrap=col in ("interviews", "95% CI", "segments", "speakers"))
    for r in totals.itertuples():
        pct = "" if r.documents_pct != r.documents_pct else f"{r.documents_pct:.1f}"
        ci = "" if r.ci_low != r.ci_low else f"{r.ci_low:.1f}–{r.ci_high:.1f}"
        t.add_row(shown(r.code), shown(r.label), str(r.segments), str(r.documents), pct, ci, str(r.speakers))
    console.print(t)
    names = extra.speaker_names or str  # pseudonyms with --pseudonymise, as in the files
    skipped = [names(k) for k, row in counts.speaker_rows.items() if row.skipped and not row.turns]
    if skipped:
        console.print("Not coded: " + ", ".join(shown(s) for s in skipped[:12]) + (" ..." if len(skipped) > 12 else ""))
    for var, df in extra.breakdowns.items():
        if df["group"].nunique() > MAX_COLUMNS:
            console.print(f"Codes by {shown(var)}: {df['group'].nunique()} groups, too many to show here: "
                          "see its breakdown CSV file or the workbook.")
            continue
        if var == "speaker":
            df = df.assign(group=df["group"].map(names))
        wide = df.pivot_table(index=["code", "label"], columns="group", values="pct", sort=False)
        bt = Table(title=f"Codes by {shown(var)}: % of the group's coded turns with the code")
        bt.add_column("code")
        for g in wide.columns:
            bt.add_column(shown(g), justify="right")
        for (code, label), row in wide.iterrows():
            bt.add_row(shown(label), *[f"{v:.1f}" if v == v else "" for v in row.tolist()])
        console.print(bt)
    return True
