"""The report's methods text, generated from what was actually run, in the report's language.

It names the codebook (name, version, hash), the coding unit, the spaCy pipeline
(a model, or the fallback without one), which codes had negation on or off (per
code and per rule), which had exclusion rules, which speakers were not coded,
how counts and percentages were made, and the breakdowns, agreement, themes and
pseudonymising when the report has them.

>>> from qualkit.codebook.model import Code, Codebook, Rule
>>> cb = Codebook("c", "1", [Code("a", "A", include=[Rule("lemma", "x")]),
...                          Code("b", "B", include=[Rule("lemma", "y")], negation=False)])
>>> negation_groups(cb)
(['A'], ['B'], [])
"""
from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from qualkit.codebook.model import Codebook
from qualkit.report.i18n import join, singular

if TYPE_CHECKING:
    from qualkit.report.html import _Report


def negation_groups(cb: Codebook) -> tuple[list[str], list[str], list[str]]:
    """Labels of the rule-coded codes with negation on for all their rules, off for all, and mixed."""
    on, off, mixed = [], [], []
    for c in cb.codes:
        if c.manual or not c.include:
            continue
        used = {c.negation if r.negation is None else r.negation for r in c.include}
        (on if used == {True} else off if used == {False} else mixed).append(c.label)
    return on, off, mixed


def exclusion_rules(cb: Codebook) -> list[str]:
    """``label (kind:pattern, ...)`` for every code with exclude rules."""
    return [f"{c.label} ({', '.join(r.describe() for r in c.exclude)})" for c in cb.codes if c.exclude]


def pipeline_text(name: str, m: dict[str, str]) -> str:
    """The pipeline in words: a model by name, or the fallback without a model."""
    name = str(name or "").strip()
    if name.startswith("blank:"):
        return m["pipeline_fallback"].format(name=name.split()[0])
    return m["pipeline_model"].format(name=name)


def methods_section(r: "_Report", agreement: Any, themes: bool) -> dict:
    """The data of ``sections/methods.html.j2``: paragraphs and the run's facts."""
    m, t, run, cb, lang = r.m, r.t, r.tables.run, r.cb, r.lang
    corpus = r.result.corpus
    info = run.get("codebook", {}) or {}
    unit = t["unit_sentence"] if run.get("unit", cb.unit) == "sentence" else t["unit_segment"]
    bases = [f"{q}: n = {int(df.attrs.get('base', 0))}" for q, df in r.tables.frequencies.items()]
    fields = dict(questions=join(list(r.tables.frequencies), lang), bases="; ".join(bases),
                  codebook=info.get("name", cb.name), version=info.get("version", cb.version), n_codes=len(cb.codes),
                  sha=str(info.get("sha256", ""))[:12], qualkit=run.get("qualkit", ""),
                  date=str(run.get("date", ""))[:10], unit=unit, pipeline=pipeline_text(run.get("pipeline", ""), m))
    talk = r.interviews
    if corpus.kind == "transcript" and talk is not None:
        totals = talk.totals()
        speakers = talk.coded_speakers()
        fields.update(docs=totals.attrs["documents"], speakers=len(speakers),
                      turns=sum(talk.speaker_rows[s].turns for s in speakers))
        paras = [singular(m["transcript"].format(**fields))]
    else:
        paras = [m["coding"].format(**fields)]
    on, off, mixed = negation_groups(cb)
    if on or mixed:
        cues = ", ".join(cb.cues[:6]) + (", …" if len(cb.cues) > 6 else "")
        neg = [m["negation"].format(cues=cues, window=cb.negation_window, after=cb.negation_after)]
        if off or mixed:
            neg.append(m["negation_which"].format(on=join(on, lang)) if on else "")
            neg.append(m["negation_off"].format(off=join(off, lang)) if off else "")
            neg.append(m["negation_mixed"].format(mixed=join(mixed, lang)) if mixed else "")
        paras.append(" ".join(p for p in neg if p))
    elif off:
        paras.append(m["negation_none"])
    excl = exclusion_rules(cb)
    if excl:
        paras.append(m["exclusion"].format(rules="; ".join(excl), unit=unit))
    if corpus.kind == "transcript" and talk is not None:
        skipped = [r.anon(k) for k, row in talk.speaker_rows.items() if row.skipped and not row.turns]
        if skipped:
            paras.append(m["skipped"].format(skipped=join(skipped[:12] + (["…"] if len(skipped) > 12 else []), lang)))
        paras.append(singular(m["transcript_counting"].format(unit=unit, docs=fields["docs"])))
    else:
        paras.append(m["counting"])
    if r.tables.crosstabs:
        paras.append(m["crosstab"].format(variables=join(list(dict.fromkeys(v for _, v in r.tables.crosstabs)), lang)))
    if r.extra is not None and r.extra.breakdowns:
        paras.append(m["talk_breakdown"].format(variables=join([t.get(v, v) for v in r.extra.breakdowns], lang)))
    if agreement is not None:
        paras.append(m["agreement"].format(units=getattr(agreement, "n_units", ""),
                                           coders=len(getattr(agreement, "coders", []) or []), boot=r._boot(agreement)))
    if themes:
        paras.append(m["themes"])
    if r.pseudo is not None:
        paras.append(m["pseudo"])
    inputs = r.anon(", ".join(PurePath(str(p)).name for p in run.get("inputs", [])))
    cbdesc = f"{fields['codebook']} {fields['version']}"
    if info.get("path"):
        cbdesc += f" ({PurePath(str(info['path'])).name})"
    if info.get("sha256"):
        cbdesc += f", SHA-256 {info['sha256']}"
    dl = [(t["run_inputs"], inputs), (t["run_codebook"], cbdesc), (t["run_pipeline"], fields["pipeline"]),
          (t["run_unit"], unit), (t["run_date"], run.get("date", "")), (t["run_version"], fields["qualkit"])]
    return {"paragraphs": paras, "run": dl}
