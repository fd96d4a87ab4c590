"""One self-contained HTML report of a coding run: tables, charts, breakdowns,
quotes, suggested themes, agreement and a methods text.

The page needs no network and no JavaScript: charts are inline SVG, styles are
inline, and a strict Content-Security-Policy forbids scripts, frames and
outside resources. Every piece of respondent or codebook text is escaped.

>>> tables = build_tables(result, by=["admin_uren"])                  # doctest: +SKIP
>>> write_report(tables, result, "rapport.html", quotes=5, pseudonymise=True)   # doctest: +SKIP
"""
from __future__ import annotations

import re
from pathlib import Path, PurePath
from typing import Any, Iterable

import pandas as pd

from qualkit.coding.engine import CodingResult
from qualkit.privacy import Pseudonymiser
from qualkit.report.files import Tables
from qualkit.report.i18n import METHODS, choose_lang, join, number, strings
from qualkit.report.quotes import Quote, select_quotes, theme_rows
from qualkit.report.style import CSS
from qualkit.report.svg import MUTED, PALETTE, Bar, bar_chart, colour, esc, heatmap
from qualkit.stats import UNCODED

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
"""The report's Content-Security-Policy: no scripts, no outside resources."""
MAX_GROUPS = 12


def render_html(tables: Tables, result: CodingResult, *, lang: str | None = None, quotes: int = 5,
                themes: Any = None, agreement: Any = None, pseudonymise: bool = False,
                names: Iterable[str] | None = None, title: str | None = None) -> str:
    """The report as one HTML string.

    ``tables`` comes from :func:`~qualkit.report.build_tables` on ``result``.
    ``lang`` (``nl``/``en``) defaults to the codebook's language. ``quotes`` is the
    most quotes shown per code (0 for none). ``themes``: theme records, a
    ``themes_frame()`` DataFrame or dicts (see :func:`~qualkit.report.quotes.theme_rows`).
    ``agreement``: an :class:`~qualkit.stats.AgreementResult`. ``pseudonymise``
    replaces names, e-mail addresses, phone numbers, national register numbers,
    IBANs and addresses in every quote (see :mod:`qualkit.privacy`); ``names`` are
    extra names to replace (and switch pseudonymising on).

    >>> page = render_html(tables, result, lang="en", quotes=3)   # doctest: +SKIP
    """
    cb = result.codebook
    lang = choose_lang(cb.language, lang)
    names = list(names or [])
    pseudo = Pseudonymiser(lang, names) if (pseudonymise or names) else None
    r = _Report(tables, result, lang, pseudo)
    theme_list = theme_rows(themes)
    parts = [r.summary(), r.results(), r.breakdowns(), r.quotes(quotes)]
    if theme_list:
        parts.append(r.themes(theme_list, quotes))
    if agreement is not None:
        parts.append(r.agreement(agreement))
    parts.append(r.methods(agreement, bool(theme_list)))
    body = "".join(p for p in parts if p)
    heading = title or r.t["title"].format(name=cb.name)
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">'
            '<meta name="referrer" content="no-referrer">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="qualkit {esc(tables.run.get("qualkit", ""))}">'
            f"<title>{esc(heading)}</title><style>{CSS}</style></head><body><main>"
            f"{r.header(heading)}{r.toc(bool(theme_list), agreement is not None)}{body}"
            f'<footer class="end">{esc(r.generated())}</footer></main></body></html>\n')


def write_report(tables: Tables, result: CodingResult, path: str | Path, **options: Any) -> Path:
    """Write :func:`render_html` to ``path`` atomically; returns the path. Like
    :func:`~qualkit.report.write_outputs` and :func:`~qualkit.refi.export_qdpx`: what to
    write first, where to write it last.

    >>> write_report(tables, result, "rapport.html", lang="nl")   # doctest: +SKIP
    PosixPath('rapport.html')
    """
    from qualkit.io import write_text

    write_text(path, render_html(tables, result, **options))
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

    def generated(self) -> str:
        run = self.tables.run
        return self.t["generated"].format(version=run.get("qualkit", ""), date=str(run.get("date", ""))[:10])

    # page parts ---------------------------------------------------------------------
    def header(self, heading: str) -> str:
        desc = " ".join(str(self.cb.description or "").split())
        sub = f'<p class="sub">{esc(desc)}</p>' if desc else ""
        return f'<header class="top"><h1>{esc(heading)}</h1>{sub}<p class="meta">{esc(self.generated())}</p></header>'

    def toc(self, themes: bool, agreement: bool) -> str:
        items = [("summary", self.t["summary"]), ("results", self.t["results"])]
        if self.tables.crosstabs:
            items.append(("breakdowns", self.t["breakdowns"]))
        items.append(("quotes", self.t["quotes"]))
        if themes:
            items.append(("themes", self.t["themes"]))
        if agreement:
            items.append(("agreement", self.t["agreement"]))
        items.append(("methods", self.t["methods"]))
        lis = "".join(f'<li><a href="#{a}">{esc(txt)}</a></li>' for a, txt in items)
        return f'<nav class="toc" aria-label="{esc(self.t["contents"])}"><b>{esc(self.t["contents"])}</b><ol>{lis}</ol></nav>'

    def summary(self) -> str:
        corpus, run = self.result.corpus, self.tables.run
        units = {s.unit_id for s in corpus.segments if s.coded}
        t = self.t
        cards = [(len(units), t["card_units_" + corpus.kind]), (len(self.tables.frequencies), t["card_questions"]),
                 (len(self.cb.codes), t["card_codes"]), (run.get("codings", len(self.result.codings)), t["card_codings"])]
        html = ['<section class="summary" id="summary">', f'<h2>{esc(self.t["summary"])}</h2><div class="cards">']
        html += [f'<div class="card"><b>{esc(v)}</b><span>{esc(k)}</span></div>' for v, k in cards]
        html.append(f'</div><p>{esc(self.t["summary_intro"])}</p>')
        for q, df in self.tables.frequencies.items():
            base = int(df.attrs.get("base", df["base"].iloc[0] if len(df) else 0))
            leaves = df[(df["code"] != UNCODED) & ~df["code"].isin(self.parents) & (df["n"] > 0)]
            top = leaves.sort_values(["n"], ascending=False, kind="stable").head(3)
            if top.empty:
                html.append(f"<p>{esc(self.t['summary_none'].format(question=q, base=base))}</p>")
                continue
            items = "".join(
                f"<li><b>{esc(self.labels.get(r.code, r.label))}</b>: {esc(self.num(r.pct))}% "
                f"({esc(self.t['ci'])} {esc(self.ci(r.ci_low, r.ci_high))})</li>" for r in top.itertuples())
            html.append(f"<p>{esc(self.t['summary_q'].format(question=q, base=base))}</p><ul class=\"top\">{items}</ul>")
        html.append("</section>")
        return "".join(html)

    def results(self) -> str:
        t = self.t
        html = [f'<section id="results"><h2>{esc(t["results"])}</h2>']
        for q, df in self.tables.frequencies.items():
            base = int(df.attrs.get("base", df["base"].iloc[0] if len(df) else 0))
            label = df.attrs.get("question_label") or self.result.corpus.labels.get(q, "")
            html.append(f'<h3 id="q-{_slug(q)}">{esc(self.qhead(q))}</h3>')
            if label:
                html.append(f'<p class="qlabel">{esc(label)}</p>')
            rows, bars = [], []
            for r in df.itertuples():
                code = str(r.code)
                cls = "uncoded" if code == UNCODED else "cat" if code in self.parents else \
                    "child" if not _missing(r.parent) and r.parent else ""
                sw = f'<span class="swatch" style="background:{self.colours.get(code, MUTED)}"></span>'
                rows.append(f'<tr class="{cls}"><td title="{esc(code)}">{sw}{esc(self.labels.get(code, r.label))}</td>'
                            f'<td class="num">{int(r.n)}</td><td class="num">{esc(self.num(r.pct))}</td>'
                            f'<td class="num">{esc(self.ci(r.ci_low, r.ci_high))}</td></tr>')
                tip = f"{self.labels.get(code, r.label)}: {self.num(r.pct)}% ({t['ci']} {self.ci(r.ci_low, r.ci_high)}), n = {int(r.n)}"
                bars.append(Bar(self.labels.get(code, str(r.label)), float(r.pct) if not _missing(r.pct) else float("nan"),
                                r.ci_low, r.ci_high, int(r.n), colour=self.colours.get(code),
                                strong=code in self.parents, muted=code == UNCODED, tooltip=tip))
            head = (f'<tr><th>{esc(t["label"])}</th><th class="num">{esc(t["n"])}</th>'
                    f'<th class="num">{esc(t["pct"])}</th><th class="num">{esc(t["ci"])}</th></tr>')
            note = t["base_note"].format(base=base)
            chart_title = t["chart_title"].format(question=q)
            html.append(f"<figure>{bar_chart(bars, title=chart_title, decimal=self.dec)}"
                        f"<figcaption>{esc(note)}</figcaption></figure>")
            html.append(f'<table class="freq"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>')
        html.append("</section>")
        return "".join(html)

    def breakdowns(self) -> str:
        if not self.tables.crosstabs:
            return ""
        t = self.t
        html = [f'<section id="breakdowns"><h2>{esc(t["breakdowns"])}</h2>']
        for (q, var), ct in self.tables.crosstabs.items():
            title = t["breakdown_title"].format(question=q, variable=var)
            html.append(f'<h3 id="x-{_slug(q)}-{_slug(var)}">{esc(title)}</h3>')
            if ct.counts.empty:
                html.append(f'<p class="note">{esc(t["no_data"])}</p>')
                continue
            codes = list(ct.counts.index)
            groups = list(ct.counts.columns)
            extra = len(groups) > MAX_GROUPS
            groups = groups[:MAX_GROUPS]
            tests = ct.tests.reset_index()
            notes = [self._p_cell(tests, c) for c in codes]
            svg = heatmap([self.labels.get(c, str(c)) for c in codes], [str(g) for g in groups],
                          [int(ct.bases[g]) for g in groups],
                          [[float(ct.pct.at[c, g]) for g in groups] for c in codes],
                          [[int(ct.counts.at[c, g]) for g in groups] for c in codes], notes,
                          title=title, note_title=t["test"], decimal=self.dec)
            more = f' {t["more_groups"].format(n=MAX_GROUPS)}' if extra else ""
            html.append(f'<figure>{svg}<figcaption>{esc(t["breakdown_note"] + more)}</figcaption></figure>')
        html.append("</section>")
        return "".join(html)

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

    def quotes(self, n: int) -> str:
        t = self.t
        intro = t["quotes_intro"].format(n=n) + (t["quotes_pseudo"] if self.pseudo is not None else "")
        html = [f'<section id="quotes"><h2>{esc(t["quotes"])}</h2><p class="note">{esc(intro)}</p>']
        codings, corpus = self.result.codings, self.result.corpus
        direct = set(codings["code"]) if len(codings) else set()
        for q, df in self.tables.frequencies.items():
            html.append(f'<h3>{esc(self.qhead(q))}</h3>')
            shown = 0
            for code in df["code"]:
                if code == UNCODED or (code in self.parents and code not in direct):
                    continue
                qs = select_quotes(codings, corpus, q, [code], n, pseudo=self.pseudo)
                if not qs:
                    continue
                shown += 1
                html.append(f'<div class="code-quotes"><h4><span class="swatch" style="background:'
                            f'{self.colours.get(code, MUTED)}"></span>{esc(self.labels.get(code, code))}</h4>')
                html += [self._quote(x, code) for x in qs]
                html.append("</div>")
            if not shown:
                html.append(f'<p class="note">{esc(t["quotes_none"])}</p>')
        html.append("</section>")
        return "".join(html)

    def _quote(self, quote: Quote, code: str) -> str:
        body = "".join(f"<mark>{esc(txt)}</mark>" if marked else esc(txt) for txt, marked in quote.pieces)
        who = self.anon(quote.unit_id) + (f" ({self.anon(quote.speaker)})" if quote.speaker else "")
        src = self.t["quote_of"].format(unit=who, question=quote.question) \
            if self.result.corpus.kind == "survey" else who
        return (f'<blockquote style="border-left-color:{self.colours.get(code, MUTED)}"><p>{body}</p>'
                f"<footer>{esc(src)}</footer></blockquote>")

    def themes(self, rows: list, n: int) -> str:
        t = self.t
        html = [f'<section id="themes"><h2>{esc(t["themes"])}</h2><p class="note">{esc(t["themes_intro"])}</p>']
        for th in rows:
            badge = f'<span class="badge">{esc(t["theme_new"])}</span>' if th.new else ""
            size = f' <span class="note">· {esc(t["theme_size"].format(n=th.size))}</span>' if th.size is not None else ""
            kws = "".join(f'<span class="kw">{esc(k)}</span>' for k in th.keywords[:10])
            codes = f'<p class="note">{esc(th.codes)}</p>' if th.codes else ""
            qs = "".join(f"<blockquote><p>{esc(self.anon(' '.join(x.split())))}</p></blockquote>"
                         for x in th.quotes[:max(n, 0)])
            html.append(f'<div class="theme"><h4>{esc(th.label)}{badge}{size}</h4>'
                        f'<p>{esc(t["theme_keywords"])}: {kws}</p>{codes}{qs}</div>')
        html.append("</section>")
        return "".join(html)

    def agreement(self, res: Any) -> str:
        t = self.t
        df = res.to_frame(self.lang) if hasattr(res, "to_frame") else pd.DataFrame(res)
        boot = self._boot(res)
        coders = list(getattr(res, "coders", []) or [])
        intro = t["agreement_intro"].format(units=getattr(res, "n_units", ""), coders=len(coders),
                                            names=join([self.anon(str(c)) for c in coders], self.lang), boot=boot)
        head = "".join(f'<th class="{c}">{esc(h)}</th>' for h, c in (
            (t["code"], ""), (t["agr_units"], "num"), (t["agr_percent"], "num"), (t["agr_kappa"], "num"),
            (t["agr_alpha"], "num"), (t["ci"], "num"), (t["agr_verdict"], "")))
        rows = []
        for r in df.to_dict("records"):
            code = str(r.get("code", ""))
            overall = code.startswith("(")
            label = t["agr_all"] if overall else self.labels.get(code, code)
            rows.append(f'<tr class="{"cat" if overall else ""}"><td>{esc(label)}</td>'
                        f'<td class="num">{esc(r.get("n_units", ""))}</td>'
                        f'<td class="num">{esc(self.num(r.get("percent")))}</td>'
                        f'<td class="num">{esc(self.num(r.get("kappa"), 3))}</td>'
                        f'<td class="num">{esc(self.num(r.get("alpha"), 3))}</td>'
                        f'<td class="num">{esc(self._ci3(r.get("alpha_low"), r.get("alpha_high")))}</td>'
                        f'<td>{esc(r.get("interpretation", ""))}</td></tr>')
        return (f'<section id="agreement"><h2>{esc(t["agreement"])}</h2><p>{esc(intro)}</p>'
                f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></section>')

    def _ci3(self, low: Any, high: Any) -> str:
        return "" if _missing(low) or _missing(high) else f"{self.num(low, 3)}–{self.num(high, 3)}"

    def _boot(self, res: Any) -> str:
        nb = int(getattr(res, "n_boot", 0) or 0)
        return self.m["bootstrap"].format(n=nb) if nb else self.m["no_bootstrap"]

    def methods(self, agreement: Any, themes: bool) -> str:
        m, t, run, cb = self.m, self.t, self.tables.run, self.cb
        corpus = self.result.corpus
        qs = list(self.tables.frequencies)
        bases = [f"{q}: n = {int(df.attrs.get('base', 0))}" for q, df in self.tables.frequencies.items()]
        info = run.get("codebook", {}) or {}
        unit = t["unit_sentence"] if run.get("unit", cb.unit) == "sentence" else t["unit_segment"]
        fields = dict(questions=join(qs, self.lang), bases="; ".join(bases), codebook=info.get("name", cb.name),
                      version=info.get("version", cb.version), n_codes=len(cb.codes),
                      sha=str(info.get("sha256", ""))[:12], qualkit=run.get("qualkit", ""),
                      date=str(run.get("date", ""))[:10], unit=unit, pipeline=run.get("pipeline", ""))
        paras = [m["transcript" if corpus.kind == "transcript" else "coding"].format(**fields)]
        if any(c.negation for c in cb.codes):
            cues = ", ".join(cb.cues[:6]) + (", …" if len(cb.cues) > 6 else "")
            paras.append(m["negation"].format(cues=cues, window=cb.negation_window, after=cb.negation_after))
        paras.append(m["counting"])
        if self.tables.crosstabs:
            paras.append(m["crosstab"].format(variables=join(list(dict.fromkeys(v for _, v in self.tables.crosstabs)),
                                                             self.lang)))
        if agreement is not None:
            paras.append(m["agreement"].format(units=getattr(agreement, "n_units", ""),
                                               coders=len(getattr(agreement, "coders", []) or []),
                                               boot=self._boot(agreement)))
        if themes:
            paras.append(m["themes"])
        if self.pseudo is not None:
            paras.append(m["pseudo"])
        inputs = self.anon(", ".join(PurePath(str(p)).name for p in run.get("inputs", [])))
        cbdesc = f"{fields['codebook']} {fields['version']}"
        if info.get("path"):
            cbdesc += f" ({PurePath(str(info['path'])).name})"
        if info.get("sha256"):
            cbdesc += f", SHA-256 {info['sha256']}"
        dl = [(t["run_inputs"], inputs), (t["run_codebook"], cbdesc), (t["run_pipeline"], fields["pipeline"]),
              (t["run_unit"], unit), (t["run_date"], run.get("date", "")), (t["run_version"], fields["qualkit"])]
        dls = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in dl)
        body = "".join(f"<p>{esc(p)}</p>" for p in paras)
        return (f'<section id="methods" class="methods"><h2>{esc(t["methods"])}</h2>'
                f'<p class="note">{esc(t["methods_intro"])}</p>{body}<dl class="run">{dls}</dl></section>')
