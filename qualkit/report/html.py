"""One self-contained HTML report of a coding run: tables, charts, breakdowns,
quotes, suggested themes, agreement and a methods text.

The page needs no network and no JavaScript: charts are inline SVG, styles are
inline, and a strict Content-Security-Policy forbids scripts, frames and
outside resources. The page is rendered from the Jinja2 templates in
``qualkit/report/templates`` with autoescape, so every piece of respondent or
codebook text is escaped. Each section is one template
(``sections/<id>.html.j2``) fed by one method of :class:`_Report` that returns
the section's data (plain strings and numbers; charts as SVG markup).

>>> tables = build_tables(result, by=["admin_uren"])                  # doctest: +SKIP
>>> write_report(tables, result, "rapport.html", quotes=5, pseudonymise=True)   # doctest: +SKIP
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Iterable

import pandas as pd

from qualkit.coding.engine import CodingResult
from qualkit.io import HTML_CSP
from qualkit.privacy import Pseudonymiser
from qualkit.report.files import Tables
from qualkit.report.i18n import METHODS, choose_lang, join, number, strings
from qualkit.report.quotes import Quote, select_quotes, theme_rows
from qualkit.report import html_interviews as talk
from qualkit.report.interviews import interview_tables
from qualkit.report.methods import methods_section
from qualkit.report.svg import MUTED, PALETTE, Bar, bar_chart, colour, heatmap
from qualkit.report.templating import render, source
from qualkit.stats import UNCODED

CSP = HTML_CSP
"""The report's Content-Security-Policy: no scripts, no outside resources (one for every page)."""
MAX_GROUPS = 12


def render_html(tables: Tables, result: CodingResult, *, lang: str | None = None, quotes: int = 5,
                themes: Any = None, agreement: Any = None, pseudonymise: bool = False,
                names: Iterable[str] | None = None, title: str | None = None, prevalence: Any = None) -> str:
    """The report as one HTML string.

    ``tables`` comes from :func:`~qualkit.report.build_tables` on ``result``.
    ``lang`` (``nl``/``en``) defaults to the codebook's language. ``quotes`` is the
    most quotes shown per code (0 for none). ``themes``: theme records, a
    ``themes_frame()`` DataFrame or dicts (see :func:`~qualkit.report.quotes.theme_rows`).
    ``agreement``: an :class:`~qualkit.stats.AgreementResult`. ``prevalence``: the
    table of :func:`qualkit.agree.validate_coding` (shares corrected for coder error). ``pseudonymise``
    replaces names, e-mail addresses, phone numbers, national register numbers,
    IBANs and addresses in every quote (see :mod:`qualkit.privacy`); ``names`` are
    extra names to replace (and switch pseudonymising on).

    >>> page = render_html(tables, result, lang="en", quotes=3)   # doctest: +SKIP
    """
    cb = result.codebook
    lang = choose_lang(cb.language, lang)
    names = list(names or [])
    speakers = dict.fromkeys(s.speaker for s in result.corpus.segments)
    pseudo = Pseudonymiser(lang, names, speakers) if (pseudonymise or names) else None
    r = _Report(tables, result, lang, pseudo)
    theme_list = theme_rows(themes)
    t = r.t
    if r.interviews is not None:  # transcripts: interviews, turns and speakers
        sections = [Section("summary", t["summary"], talk.summary(r)),
                    Section("results", t["results_transcript"], talk.results(r)),
                    Section("matrix", t["matrix"], talk.matrix(r)), Section("speakers", t["speakers"], talk.speakers(r))]
    else:
        sections = [Section("summary", t["summary"], r.summary()), Section("results", t["results"], r.results())]
    if tables.crosstabs or (r.extra is not None and r.extra.breakdowns):
        sections.append(Section("breakdowns", t["breakdowns"], r.breakdowns()))
    sections.append(Section("quotes", t["quotes"], r.quotes(quotes)))
    if theme_list:
        sections.append(Section("themes", t["themes"], r.themes(theme_list, quotes)))
    corrected = prevalence is not None and len(prevalence) > 0
    if corrected:
        from qualkit.stats.reading import PREVALENCE

        sections.append(Section("prevalence", PREVALENCE[lang]["title"], r.prevalence(prevalence)))
    if agreement is not None:
        sections.append(Section("agreement", t["agreement"], r.agreement(agreement)))
    sections.append(Section("methods", t["methods"], r.methods(agreement, bool(theme_list), corrected)))
    heading = title or t["title"].format(name=cb.name)
    return str(render("report.html.j2", lang=lang, t=t, csp=CSP, css=source("report.css"), heading=heading,
                      version=tables.run.get("qualkit", ""), generated=r.generated(), sections=sections,
                      description=" ".join(str(cb.description or "").split())))


@dataclass
class Section:
    """One section of the report: its anchor ``id`` (also its template,
    ``sections/<id>.html.j2``), its heading and the data its template renders."""

    id: str
    title: str
    data: dict


def write_report(tables: Tables, result: CodingResult, path: str | Path, **options: Any) -> Path:
    """Write :func:`render_html` to ``path`` atomically; returns the path. Like
    :func:`~qualkit.report.write_outputs` and :func:`~qualkit.refi.export_qdpx`: what to
    write first, where to write it last. ``inputs``: files the command read, which
    ``path`` may not be (the run record's inputs and codebook are added).

    >>> write_report(tables, result, "rapport.html", lang="nl")   # doctest: +SKIP
    PosixPath('rapport.html')
    """
    from qualkit.io import write_text

    inputs = [*options.pop("inputs", ()), *tables.run.get("inputs", []), (tables.run.get("codebook") or {}).get("path")]
    write_text(path, render_html(tables, result, **options), inputs=inputs)
    return Path(path)


def _slug(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(s)).strip("-") or "x"


def _missing(x: Any) -> bool:
    return x is None or (isinstance(x, float) and x != x) or (not isinstance(x, str) and pd.isna(x))


class _Report:
    """The sections of one report (internal)."""

    def __init__(self, tables: Tables, result: CodingResult, lang: str, pseudo: Pseudonymiser | None):
        self.tables, self.result, self.lang, self.pseudo = tables, result, lang, pseudo
        self.t, self.m = strings(lang), METHODS[lang]
        self.cb = result.codebook
        self.labels = {c.id: c.label for c in self.cb.codes}
        self.labels[UNCODED] = self.t["uncoded"]
        self.parents = {c.parent for c in self.cb.codes if c.parent}
        self.colours = self._colours()
        self.dec = "," if lang == "nl" else "."
        self.extra = getattr(tables, "interviews", None) or interview_tables(result)
        self.interviews = self.extra.counts if self.extra is not None else None
        """Interview counts (transcripts only), see :mod:`qualkit.stats.matrices`."""

    # helpers ------------------------------------------------------------------------
    def _colours(self) -> dict[str, str]:
        codes = {c.id: c for c in self.cb.codes}
        roots = [c.id for c in self.cb.codes if not c.parent or c.parent not in codes]
        out: dict[str, str] = {}
        for c in self.cb.codes:
            root, cur, seen = c.id, c, set()
            own = colour(c.colour, "")
            while cur.parent in codes and cur.id not in seen:
                seen.add(cur.id)
                cur = codes[cur.parent]
                own = own or colour(cur.colour, "")
                root = cur.id
            out[c.id] = own or PALETTE[roots.index(root) % len(PALETTE) if root in roots else 0]
        out[UNCODED] = MUTED
        return out

    def num(self, x: Any, digits: int = 1) -> str:
        return "" if _missing(x) else number(float(x), self.lang, digits)

    def ci(self, low: Any, high: Any) -> str:
        return "" if _missing(low) or _missing(high) else f"{self.num(low)}–{self.num(high)}"

    def qhead(self, q: str) -> str:
        """``Vraag Q23`` for a survey question; a transcript's question label as it is."""
        return f"{self.t['question']} {q}" if self.result.corpus.kind == "survey" else str(q)

    def anon(self, text: str) -> str:
        return self.pseudo(text) if self.pseudo is not None else text

    def who(self, speaker: str) -> str:
        """A speaker as the report shows it: their pseudonym (``Spreker 2``, the same as in the
        quotes and the tables) when pseudonymising, else the label."""
        from qualkit.report.interviews import speaker_pseudonym

        return speaker_pseudonym(self.pseudo, speaker) if self.pseudo is not None else speaker

    def generated(self) -> str:
        run = self.tables.run
        return self.t["generated"].format(version=run.get("qualkit", ""), date=str(run.get("date", ""))[:10])

    # sections: each returns the data of its template sections/<id>.html.j2 ----------------
    def summary(self) -> dict:
        corpus, run, t = self.result.corpus, self.tables.run, self.t
        units = {s.unit_id for s in corpus.segments if s.coded}
        cards = [(len(units), t["card_units_" + corpus.kind]), (len(self.tables.frequencies), t["card_questions"]),
                 (len(self.cb.codes), t["card_codes"]), (run.get("codings", len(self.result.codings)), t["card_codings"])]
        questions = []
        for q, df in self.tables.frequencies.items():
            base = int(df.attrs.get("base", df["base"].iloc[0] if len(df) else 0))
            leaves = df[(df["code"] != UNCODED) & ~df["code"].isin(self.parents) & (df["n"] > 0)]
            top = leaves.sort_values(["n"], ascending=False, kind="stable").head(3)
            if top.empty:
                line = t["summary_none" if base else "nobody"].format(question=q, base=base)
                questions.append({"line": line, "top": []})
                continue
            questions.append({"line": t["summary_q"].format(question=q, base=base), "top": [
                {"label": self.labels.get(r.code, r.label),
                 "text": f"{self.num(r.pct)}% ({t['ci']} {self.ci(r.ci_low, r.ci_high)})"} for r in top.itertuples()]})
        return {"cards": cards, "intro": t["summary_intro"], "questions": questions}

    def results(self) -> dict:
        t = self.t
        questions = []
        for q, df in self.tables.frequencies.items():
            base = int(df.attrs.get("base", df["base"].iloc[0] if len(df) else 0))
            qlabel = df.attrs.get("question_label") or self.result.corpus.labels.get(q, "")
            if not base:   # a chart and a table of empty cells would say nothing
                questions.append({"slug": _slug(q), "heading": self.qhead(q), "rows": [], "label": qlabel,
                                  "note": t["nobody"].format(question=q), "chart": ""})
                continue
            rows, bars = [], []
            for r in df.itertuples():
                code = str(r.code)
                cls = "uncoded" if code == UNCODED else "cat" if code in self.parents else \
                    "child" if not _missing(r.parent) and r.parent else ""
                label = self.labels.get(code, r.label)
                rows.append({"cls": cls, "code": code, "colour": self.colours.get(code, MUTED), "label": label,
                             "cells": [int(r.n), self.num(r.pct), self.ci(r.ci_low, r.ci_high)]})
                tip = f"{label}: {self.num(r.pct)}% ({t['ci']} {self.ci(r.ci_low, r.ci_high)}), n = {int(r.n)}"
                bars.append(Bar(str(label), float(r.pct) if not _missing(r.pct) else float("nan"),
                                r.ci_low, r.ci_high, int(r.n), colour=self.colours.get(code),
                                strong=code in self.parents, muted=code == UNCODED, tooltip=tip))
            questions.append({
                "slug": _slug(q), "heading": self.qhead(q), "rows": rows, "note": t["base_note"].format(base=base),
                "label": qlabel,
                "chart": bar_chart(bars, title=t["chart_title"].format(question=q), decimal=self.dec)})
        head = [(t["label"], ""), (t["n"], "num"), (t["pct"], "num"), (t["ci"], "num")]
        return {"intro": "", "head": head, "questions": questions}

    def breakdowns(self) -> dict:
        t = self.t
        out = []
        for (q, var), ct in self.tables.crosstabs.items():
            title = t["breakdown_title"].format(question=q, variable=var)
            item = {"slug": f"{_slug(q)}-{_slug(var)}", "title": title, "chart": None, "note": "", "label": ""}
            out.append(item)
            if ct.counts.empty:
                continue
            codes = list(ct.counts.index)
            groups = ct.groups
            extra = len(groups) > MAX_GROUPS
            groups = groups[:MAX_GROUPS] + ([ct.missing_group] if ct.missing_group is not None else [])
            item["label"] = " ".join(ct.variable_text.split())
            tests = ct.tests.reset_index()
            notes = [self._p_cell(tests, c) for c in codes]
            item["chart"] = heatmap([self.labels.get(c, str(c)) for c in codes], [str(g) for g in groups],
                                    [int(ct.bases[g]) for g in groups],
                                    [[float(ct.pct.at[c, g]) for g in groups] for c in codes],
                                    [[int(ct.counts.at[c, g]) for g in groups] for c in codes], notes,
                                    title=title, note_title=t["test"], decimal=self.dec)
            kind = "_interviews" if self.interviews is not None else ""   # interview fields of transcripts
            item["note"] = t["breakdown_note" + kind] + (f' {t["more_groups"].format(n=MAX_GROUPS)}' if extra else "")
            if "–" in notes:
                item["note"] += " " + t["no_test"]
            if ct.missing:
                item["note"] += " " + t["missing_group" + kind].format(group=ct.missing_group, n=ct.missing,
                                                                        variable=var)
        if self.extra is not None and self.extra.breakdowns:
            out += talk.breakdowns(self)
        return {"breakdowns": out}

    def _p_cell(self, tests: pd.DataFrame | None, code: str) -> str:
        if tests is None or "code" not in tests:
            return ""
        hit = tests[tests["code"] == code]
        if hit.empty:
            return ""
        row = hit.iloc[0]
        p = row.get("p_holm", row.get("p"))
        if _missing(p):
            return "–"
        stars = "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""
        txt = "< " + self.num(0.001, 3) if p < 0.001 else self.num(p, 3)
        return f"{txt} {stars}".strip()

    def quotes(self, n: int) -> dict:
        t = self.t
        transcript = self.interviews is not None
        intro = t["quotes_intro_transcript" if transcript else "quotes_intro"].format(n=n) + \
            (t["quotes_pseudo"] if self.pseudo is not None else "")
        codings, corpus = self.result.codings, self.result.corpus
        direct = set(codings["code"]) if len(codings) else set()
        questions = []
        for q, df in self.tables.frequencies.items():
            codes = []
            for k, code in enumerate(df["code"]):
                if code == UNCODED or (code in self.parents and code not in direct):
                    continue
                qs = select_quotes(codings, corpus, q, [code], n, pseudo=self.pseudo, start=k * n if transcript else 0)
                if qs:
                    codes.append({"label": self.labels.get(code, code), "colour": self.colours.get(code, MUTED),
                                  "quotes": [self._quote(x) for x in qs]})
            questions.append({"heading": "" if transcript else self.qhead(q), "codes": codes})
        return {"intro": intro, "questions": questions}

    def _quote(self, quote: Quote) -> dict:
        if self.interviews is not None:
            return talk.quote(self, quote)
        who = self.anon(quote.unit_id) + (f" ({self.anon(quote.speaker)})" if quote.speaker else "")
        src = self.t["quote_of"].format(unit=who, question=quote.question)
        return {"pieces": quote.pieces, "source": src, "before": "", "before_speaker": "", "speaker": ""}

    def themes(self, rows: list, n: int) -> dict:
        return {"themes": [{"label": th.label, "new": th.new, "keywords": th.keywords[:10], "codes": th.codes,
                            "size": self.t["theme_size"].format(n=th.size) if th.size is not None else "",
                            "quotes": [self.anon(" ".join(x.split())) for x in th.quotes[:max(n, 0)]]}
                           for th in rows]}

    def agreement(self, res: Any) -> dict:
        t = self.t
        df = res.to_frame(self.lang) if hasattr(res, "to_frame") else pd.DataFrame(res)
        coders = list(getattr(res, "coders", []) or [])
        intro = t["agreement_intro"].format(units=getattr(res, "n_units", ""), coders=len(coders),
                                            names=join([self.anon(str(c)) for c in coders], self.lang),
                                            boot=self._boot(res))
        head = [(t["code"], ""), (t["agr_units"], "num"), (t["agr_percent"], "num"), (t["agr_kappa"], "num"),
                ("AC1", "num"), (t["agr_alpha"], "num"), (t["ci"], "num"), (t["agr_verdict"], "")]
        rows = []
        for r in df.to_dict("records"):
            code = str(r.get("code", ""))
            overall = code.startswith("(")
            rows.append({"overall": overall, "label": t["agr_all"] if overall else self.labels.get(code, code),
                         "n_units": r.get("n_units", ""), "percent": self.num(r.get("percent")),
                         "kappa": self.num(r.get("kappa"), 3), "ac1": self.num(r.get("ac1"), 3),
                         "alpha": self.num(r.get("alpha"), 3),
                         "ci": self._ci3(r.get("alpha_low"), r.get("alpha_high")),
                         "verdict": r.get("interpretation", "")})
        return {"intro": intro, "head": head, "rows": rows, **self._how_to_read(res)}

    def _how_to_read(self, res: Any) -> dict:
        """The coverage line and the "how to read this" list of :mod:`qualkit.stats.reading`."""
        from qualkit.stats.reading import EXPLAIN, HOW_TO_READ, per_coder, words

        w = words(self.lang)
        cov = getattr(res, "coverage", None)
        line = ""
        if cov is not None:
            per = per_coder(cov.per_coder, self.lang, name=self.anon)
            line = w["units_line"].format(overlap=cov.overlap, per_coder=per,
                                          mode=w["mode_all" if cov.mode == "all" else "mode_pairs"])
        keys = ["percent", "kappa", "ac1", "alpha", "interval", "pos_agree", "positives"]
        how = HOW_TO_READ[self.lang]
        items = [*([w["how_pairs"], *how[1:]] if cov is not None and cov.mode == "pairs" else how),
                 *(EXPLAIN[self.lang][k].format(min_positives=getattr(res, "min_positives", 5)) for k in keys)]
        return {"coverage": line, "how_title": w["how"], "how": items}

    def prevalence(self, df: Any) -> dict:
        """Shares corrected for coder error (:func:`qualkit.agree.validate_coding`)."""
        from qualkit.stats.reading import PREVALENCE

        p = PREVALENCE[self.lang]
        n = int(df.groupby("question")["n_validation"].max().sum()) if len(df) else 0
        head = [(p["question"], ""), (p["code"], ""), (p["raw"], "num"), (p["sample"], "num"), (p["se"], "num"),
                (p["sp"], "num"), (p["corrected"], "num"), (p["ci"], "num")]
        rows = []
        for r in df.to_dict("records"):
            note = p.get(r.get("note") or "", "") if r.get("note") else ""
            rows.append({"question": r["question"], "label": self.labels.get(r["code"], r["code"]),
                         "raw": self.num(r["raw_pct"]), "sample": f"{r['n_validation']} ({r['human_pos']})",
                         "se": self.num(r["sensitivity"], 2), "sp": self.num(r["specificity"], 2),
                         "corrected": self.num(r["corrected_pct"]),
                         "ci": note or self.ci(r.get("corrected_low"), r.get("corrected_high"))})
        return {"intro": p["intro"].format(n=n), "head": head, "rows": rows, "how": p["how"]}

    def _ci3(self, low: Any, high: Any) -> str:
        return "" if _missing(low) or _missing(high) else f"{self.num(low, 3)}–{self.num(high, 3)}"

    def _boot(self, res: Any) -> str:
        nb = int(getattr(res, "n_boot", 0) or 0)
        return self.m["bootstrap"].format(n=nb) if nb else self.m["no_bootstrap"]

    def methods(self, agreement: Any, themes: bool, prevalence: bool = False) -> dict:
        data = methods_section(self, agreement, themes)
        if prevalence:                                   # shares corrected for coder error
            from qualkit.stats.prevalence import METHOD
            from qualkit.stats.reading import PREVALENCE

            data["paragraphs"].append(PREVALENCE[self.lang]["method"].format(method=METHOD))
        return data
