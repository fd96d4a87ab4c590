"""The report's sections for transcripts: interviews, turns and speakers instead of
respondents; the code x interview heat map, co-occurrence, who was coded, and
breakdowns by document, speaker or speaker attribute. Each function returns the
data of one template (see :mod:`qualkit.report.html`).
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from qualkit.report.i18n import join, singular
from qualkit.report.svg import MUTED, Bar, Column, bar_chart, grid
from qualkit.stats import UNCODED
from qualkit.stats.matrices import MISSING, TurnIndex, speaker_key
from qualkit.types import natural_key

if TYPE_CHECKING:
    from qualkit.report.html import _Report

MAX_DOCS = 60
"""Interviews shown in the report's heat map (all are in by_document.csv)."""
DOCS_PER_MAP = 20
MAX_SPEAKERS = 100
MAX_GROUPS = 30


def _codes(r: "_Report") -> list[str]:
    return [c.id for c in r.cb.codes]


def summary(r: "_Report") -> dict:
    t, talk = r.t, r.interviews
    totals = talk.totals().set_index("code")
    speakers = talk.coded_speakers()
    turns = sum(talk.speaker_rows[s].turns for s in speakers)
    docs = totals.attrs["documents"]
    cards = [(docs, t["card_units_transcript"]), (len(speakers), t["card_speakers"]), (turns, t["card_turns"]),
             (r.tables.run.get("codings", len(r.result.codings)), t["card_codings"]), (len(r.cb.codes), t["card_codes"])]
    cards = [(n, singular(f"{n} {label}")[len(str(n)) + 1:]) for n, label in cards]
    leaves = totals[~totals.index.isin(r.parents) & (totals["segments"] > 0)]
    top = leaves.sort_values(["documents", "segments"], ascending=False, kind="stable").head(3)
    if top.empty:
        line = {"line": singular(t["summary_none_transcript"].format(docs=docs)), "top": []}
    else:
        summary_line = t["summary_transcript"].format(docs=docs, turns=turns, speakers=len(speakers))
        line = {"line": singular(summary_line), "top": [
            {"label": r.labels.get(code, row.label), "text": singular(t["top_transcript"].format(
                segments=int(row.segments), docs=int(row.documents), base=docs, speakers=int(row.speakers)))}
            for code, row in top.iterrows()]}
    return {"cards": cards, "intro": t["summary_intro_transcript"], "questions": [line]}


def results(r: "_Report") -> dict:
    """One table and chart for all interviews: segments, interviews (with interval), speakers."""
    t, talk = r.t, r.interviews
    totals = talk.totals().set_index("code")
    rows, bars = [], []
    for code in _codes(r):
        row = totals.loc[code]
        low, high = row.ci_low, row.ci_high
        label = r.labels.get(code, code)
        cls = "cat" if code in r.parents else "child" if r.cb.code(code).parent else ""
        rows.append({"cls": cls, "code": code, "colour": r.colours.get(code, MUTED), "label": label,
                     "cells": [int(row.segments), int(row.documents), r.num(row.documents_pct), r.ci(low, high),
                                int(row.speakers)]})
        tip = singular(f"{label}: {int(row.segments)} {t['col_segments'].lower()}, {int(row.documents)}/"
                       f"{totals.attrs['documents']} {t['col_docs'].lower()}, {int(row.speakers)} "
                       f"{t['col_speakers'].lower()}")
        bars.append(Bar(str(label), float(row.segments), math.nan, math.nan, int(row.segments),
                        colour=r.colours.get(code), strong=code in r.parents, tooltip=tip))
    unit = t["unit_sentence"] if r.tables.run.get("unit", r.cb.unit) == "sentence" else t["unit_segment"]
    note = singular(t["base_note_transcript"].format(unit=unit, base=totals.attrs["documents"],
                                                     speakers=totals.attrs["speakers"]))
    head = [(t["label"], ""), (t["col_segments"], "num"), (t["col_docs"], "num"), (t["col_docs_pct"], "num"),
            (t["ci"], "num"), (t["col_speakers"], "num")]
    return {"intro": "", "head": head, "questions": [{
        "slug": "interviews", "heading": "", "label": "", "rows": rows, "note": note,
        "chart": bar_chart(bars, title=t["chart_title_transcript"], decimal=r.dec, counts=True)}]}


def matrix(r: "_Report") -> dict:
    """Heat maps of coded segments per code and interview, and of code co-occurrence."""
    t, talk = r.t, r.interviews
    m = talk.by_document()
    docs = list(m.index)[:MAX_DOCS]
    codes = [c for c in _codes(r) if c in m.columns]
    labels = [r.labels.get(c, c) for c in codes]
    charts = []
    for i in range(0, len(docs), DOCS_PER_MAP):
        part = docs[i:i + DOCS_PER_MAP]
        values = [[float(m.at[d, c]) for d in part] for c in codes]
        texts = [[str(int(v)) if v else "·" for v in line] for line in values]
        tips = [[f"{label} · {r.anon(d)}: {int(v)}" for d, v in zip(part, line)] for label, line in zip(labels, values)]
        charts.append(grid(labels, [Column(r.anon(d)) for d in part], values, texts, tips, title=t["matrix_title"]))
    more = t["matrix_more"].format(n=MAX_DOCS, total=len(m)) if len(m) > MAX_DOCS else ""
    co = r.extra.cooccurrence
    seg, pairs = co.matrix("segments"), co.frame()
    cooc = None
    if len(seg) > 1:
        info = {(p.code_a, p.code_b): p for p in pairs.itertuples()}
        used = list(seg.index)
        names = [r.labels.get(c, c) for c in used]
        values = [[float(seg.at[a, b]) for b in used] for a in used]
        texts = [[str(int(v)) if v else "·" for v in line] for line in values]
        tips = []
        for a, na in zip(used, names):
            line = []
            for b, nb in zip(used, names):
                p = info.get((a, b)) or info.get((b, a))
                line.append(f"{na}: {int(seg.at[a, a])}" if p is None else singular(t["cooccurrence_tip"].format(
                    a=na, b=nb, n=p.segments, j=r.num(p.jaccard_segments, 2), docs=p.documents)))
            tips.append(line)
        cooc = grid(names, [Column(n) for n in names], values, texts, tips, title=t["cooccurrence_title"])
    return {"intro": t["matrix_intro"], "charts": charts, "more": more, "cooccurrence": cooc,
            "cooccurrence_title": t["cooccurrence"], "cooccurrence_intro": t["cooccurrence_intro"]}


def speakers(r: "_Report") -> dict:
    """Who was coded: every speaker with turns coded and not coded, interviews, segments, attributes."""
    t, talk = r.t, r.interviews
    table = talk.speaker_table()
    if r.pseudo is not None:  # in pseudonym order: the order of the real names would give them away
        table = table.iloc[sorted(range(len(table)), key=lambda i: natural_key(r.who(table["speaker"].iat[i])))]
    attrs = [c for c in table.columns if c not in ("speaker", "turns", "skipped", "documents", "segments")]
    head = [(t["col_speaker"], ""), (t["col_turns"], "num"), (t["col_skipped"], "num"), (t["col_docs"], "num"),
            (t["col_segments"], "num"), *((a, "") for a in attrs)]
    rows = []
    for rec in table.head(MAX_SPEAKERS).to_dict("records"):
        cells = [(r.who(rec["speaker"]), ""), (rec["turns"], "num"), (rec["skipped"] or "", "num"),
                 (rec["documents"], "num"), (rec["segments"], "num")]
        cells += [("" if _na(rec[a]) else rec[a], "") for a in attrs]
        rows.append({"cls": "" if rec["turns"] else "uncoded", "cells": cells})
    coded = table[table["turns"] > 0]
    skipped = [r.who(s) for s in table.loc[table["turns"] == 0, "speaker"]]

    intro = singular(t["speakers_intro"].format(coded=len(coded),
                                                skipped=join(skipped, r.lang) or t["speakers_none_skipped"]))
    more = t["speakers_more"].format(n=MAX_SPEAKERS, total=len(table)) if len(table) > MAX_SPEAKERS else ""
    return {"intro": intro, "head": head, "rows": rows, "more": more}


def breakdowns(r: "_Report") -> list[dict]:
    """Heat maps of the share of each group's coded turns with the code (document, speaker, attribute)."""
    t = r.t
    out = []
    for var, df in r.extra.breakdowns.items():
        name = t.get(var, var) if var in ("document", "speaker") else var
        named = r.who if var == "speaker" else r.anon

        def shown(g, named=named):
            return t["missing_speaker_group"] if g == MISSING else named(g)

        title = t["breakdown_title_transcript"].format(variable=name)
        item = {"slug": f"talk-{var}", "title": title, "chart": None, "note": ""}
        out.append(item)
        if df.empty:
            continue
        groups = sorted(dict.fromkeys(df["group"]), key=lambda g: (g == MISSING, natural_key(shown(g))))
        extra = len(groups) > MAX_GROUPS
        groups = groups[:MAX_GROUPS]
        codes = [c for c in _codes(r) if c != UNCODED]
        cell = {(row.code, row.group): row for row in df.itertuples()}
        turns = {g: int(df.loc[df["group"] == g, "turns"].iloc[0]) for g in groups}
        values = [[float(cell[(c, g)].pct) if (c, g) in cell else math.nan for g in groups] for c in codes]
        texts = [[f"{v:.0f}%" if not math.isnan(v) else "–" for v in line] for line in values]
        tips = [[singular(f"{r.labels.get(c, c)} · {shown(g)}: {texts[i][j]} ({cell[(c, g)].turns_with_code}/"
                          f"{turns[g]}; {cell[(c, g)].segments} {t['col_segments'].lower()})") if (c, g) in cell else ""
                 for j, g in enumerate(groups)] for i, c in enumerate(codes)]
        columns = [Column(shown(g), singular(t["group_turns"].format(n=turns[g])), f"{shown(g)}: "
                          f"{singular(t['group_turns'].format(n=turns[g]))}") for g in groups]
        item["chart"] = grid([r.labels.get(c, c) for c in codes], columns, values, texts, tips, title=title)
        item["note"] = t["breakdown_note_transcript"] + (f' {t["more_groups"].format(n=MAX_GROUPS)}' if extra else "")
    return out


def _na(x) -> bool:
    try:
        return x is None or bool(x != x)
    except (TypeError, ValueError):
        return False


BEFORE = 240
"""Characters of the turn before a quote that are shown (its end: usually the question)."""


def quote(r: "_Report", q) -> dict:
    """A transcript quote with its place (interview, turn number, time for VTT) and the turn before it."""
    if getattr(r, "_turns", None) is None:
        r._turns = TurnIndex(r.result.corpus.segments)
    n, turn, before = r._turns.find(q.doc_id, q.start)
    place = r.t["place"].format(doc=r.anon(q.doc_id), turn=n)
    if turn is not None and turn.clock:
        place += f", {turn.clock}"
    out = {"pieces": q.pieces, "source": place,
           "speaker": r.who(speaker_key(q.doc_id, q.speaker)) + ":" if q.speaker else "",
           "before": "", "before_speaker": ""}
    if before is not None:
        text = " ".join(r.anon(before.text).split())
        if len(text) > BEFORE:
            cut = text.find(" ", len(text) - BEFORE)
            text = "…" + text[cut + 1 if 0 <= cut < len(text) - 20 else len(text) - BEFORE:]
        out.update(before=text, before_speaker=r.who(speaker_key(before.doc_id, before.speaker)) + ":"
                   if before.speaker else "")
    return out
