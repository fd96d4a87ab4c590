"""The machine as a second coder: agreement between human coders, qualkit's codebook
coding and a learned model, with a disagreement list that says why.

>>> from qualkit.agree import coder_data_from_codings, read_human
>>> human = read_human("student.csv", question="Q23")                     # doctest: +SKIP
>>> result = code_corpus(corpus, codebook)                                 # doctest: +SKIP
>>> machine = coder_data_from_codings(result.codings, corpus, codes=codebook.ids)  # doctest: +SKIP
>>> cmp = compare(human, [machine], reference="student",
...               explain={"qualkit": result.codings})                     # doctest: +SKIP
>>> cmp.result.to_frame()[["code", "kappa", "alpha", "interpretation"]]     # doctest: +SKIP
>>> cmp.disagreements.head()                                               # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

import pandas as pd

from qualkit.errors import InputError
from qualkit.ingest.human import UNITS, CoderData, zero_key
from qualkit.stats.agreement import AgreementResult, agreement, check_overlap, disagreements
from qualkit.stats.reading import MIN_POSITIVES

_BY = {"segment": "doc_id", "answer": "doc_id", "respondent": "unit_id"}


@dataclass
class Comparison:
    """Agreement per code (``result``) and the units where coders differ: ``unit, code``,
    one column per coder, ``text``, and for each explained coder ``<coder> rule`` and
    ``<coder> matched`` (the rule that fired or the model's words, where they are)."""

    result: AgreementResult
    disagreements: pd.DataFrame
    unit: str
    n_human_units: int
    machine_only: list[str]
    """Codes only qualkit or the model gave (not in the coding file), left out."""
    notes: list = field(default_factory=list)
    """What reading and comparing decided, as ``(key, fields)`` (keys of
    :data:`qualkit.stats.reading.WORDS`): rows taken as not coded, merged
    duplicates, files kept apart, blank answers left out."""


def compare(human: CoderData, machines: Sequence[CoderData] = (), unit: str = "segment", *,
            reference: str | None = None, n_boot: int = 1000, level: str | Mapping = "nominal",
            random_state: int = 0, explain: Mapping[str, pd.DataFrame] | None = None, overlap: str = "all",
            min_positives: int = MIN_POSITIVES) -> Comparison:
    """Agreement between every coder in ``human`` and ``machines`` at ``unit``
    (``segment`` as in the coding file, ``answer`` or ``respondent``), over the units
    the humans coded and answered (blank answers are left out), for the codes in the
    coding file. ``explain`` maps a machine coder to its codings frame; ``overlap``
    and ``min_positives``: see :func:`qualkit.stats.agreement`.

    Errors: QK150 unknown unit, QK155 no unit in common with a machine coder,
    QK156 fewer than two coders, QK430/QK431 no unit compared, QK157/QK194 a machine coder's name is also a human's.
    """
    if unit not in UNITS:
        raise InputError(150, unit=unit, units=', '.join(UNITS))
    h = human.at(unit)
    blank = set(human.at_keys(unit, human.blank))
    notes = _nocode_notes(human, unit) + ([("note_blank", {"n": len(blank)})] if blank else [])
    h = h[~h["unit"].isin(blank)]
    units = list(dict.fromkeys(h["unit"]))
    parts, texts, respelled, machine_names = [h], human.texts_at(unit), {}, []
    for m in machines:
        ml = m.at(unit)
        spell = _respell(units, ml["unit"])
        if spell:
            ml = ml.assign(unit=ml["unit"].map(lambda u: spell.get(u, u)))
            respelled.update(spell)
        clash = set(ml["coder"]) & set(h["coder"])
        if clash:
            name = sorted(map(str, clash))[0]
            if human.shape == "codings":                        # a REFI-QDA project: --coder does not apply
                raise InputError(194, coder=name)
            raise InputError(157, name=name)
        ml = ml[ml["unit"].isin(set(units))]
        if ml.empty:
            theirs = ", ".join(repr(u) for u in list(dict.fromkeys(m.long["unit"]))[:3])
            ours = ", ".join(repr(u) for u in units[:3])
            raise InputError(155, unit=unit, ours=ours, theirs=theirs)
        parts.append(ml)
        machine_names += list(dict.fromkeys(ml["coder"]))
        texts.update({spell.get(u, u): t for u, t in m.texts_at(unit).items()})
    long = pd.concat(parts, ignore_index=True)
    coders = list(dict.fromkeys(long["coder"]))
    if len(coders) < 2:
        raise InputError(156, coder=str(coders[0]))
    codes = human.codes
    if not codes and not any(m.codes for m in machines):
        raise InputError(198, path=", ".join(human.sources) or "the coding", columns="")
    extra = list(dict.fromkeys(c for m in machines for c in m.codes if c not in set(codes)))
    absent = "missing" if human.absent == "missing" and all(m.absent == "missing" for m in machines) else "auto"
    res = agreement(long, codes=codes, unit_ids=units, reference=reference, n_boot=n_boot,
                    random_state=random_state, level=level, absent=absent, coders=coders, overlap=overlap,
                    min_positives=min_positives, machines=machine_names)
    check_overlap(res.coverage)
    dis = disagreements(long, codes=codes, unit_ids=units, coders=coders, absent=absent, overlap=overlap)
    names = list(map(str, coders))
    values = pd.DataFrame({c: [int(v) if isinstance(v, float) and v.is_integer() else v for v in dis[c]]
                           for c in names}, index=dis.index, dtype=object)
    dis = pd.concat([dis[["unit", "code"]], values, dis["unit"].map(texts).fillna("").rename("text")], axis=1)
    for coder, codings in (explain or {}).items():
        why = {(respelled.get(u, u), c): v for (u, c), v in _why(codings, unit).items()}
        for col in ("rule", "matched"):
            dis[f"{coder} {col}"] = [why.get((u, c), {}).get(col, "") for u, c in zip(dis["unit"], dis["code"])]
    notes += [("note_zeros", {"n": len(respelled)})] if respelled else []
    return Comparison(res, dis, unit, len(units), extra, notes)


def _respell(units: Sequence, theirs: pd.Series) -> dict:
    """A machine coder's unit ids -> the coding file's spelling where they differ only in the
    leading zeros of a numeric id (the survey's '007', the Excel-saved sheet's '7'); each id
    must have one spelling on each side."""
    ours = set(units)
    keys: dict[str, list] = {}
    for u in units:
        keys.setdefault(zero_key(u), []).append(u)
    out: dict = {}
    for u in dict.fromkeys(theirs):
        k = zero_key(u)
        if u not in ours and len(keys.get(k, ())) == 1:
            out.setdefault(keys[k][0], []).append(u)
    return {mine[0]: ours_u for ours_u, mine in out.items() if len(mine) == 1}


def _nocode_notes(human: CoderData, unit: str) -> list:
    """The reading notes, with the rows read as "no code applies" checked against the other
    coders: how many of those units another coder gave a code (then the rows may not have
    been coded at all: the note says so)."""
    if not human.nocode or unit != "segment":
        return list(human.notes)
    long = human.long
    given = long[long["code"].notna() & long["value"].notna() & (long["value"] != 0)]
    out = []
    for key, fields in human.notes:
        units = human.nocode.get(fields.get("coder")) if key == "note_nocode" else None
        if units:
            others = set(long.loc[long["coder"] != fields["coder"], "unit"])
            coded = set(given.loc[given["coder"] != fields["coder"], "unit"])
            seen = units & others
            hit = len(seen & coded)
            # the others gave those units a code about as often as any unit: maybe never coded by this coder
            if hit >= 3 and others and hit / len(seen) >= 0.5 * len(coded) / len(others):
                key, fields = "note_nocode_hit", {**fields, "hit": hit}
        out.append((key, fields))
    return out


def _why(codings: pd.DataFrame, unit: str) -> dict[tuple[str, str], dict[str, str]]:
    """``(unit, code) -> {rule, matched}`` from a codings frame, joined over its rows."""
    if codings.empty:
        return {}
    key = codings[_BY[unit]].astype(str)
    out: dict[tuple[str, str], dict[str, str]] = {}
    for (u, code), grp in codings.assign(_k=key).groupby(["_k", "code"], sort=False):
        out[u, code] = {col: " | ".join(dict.fromkeys(str(v) for v in grp[col] if str(v)))
                        for col in ("rule", "matched")}
    return out


def ranked(comparison: Comparison, top: int | None = None) -> pd.DataFrame:
    """Disagreements with the least reliable codes first (lowest alpha), then by unit."""
    alpha = comparison.result.table.set_index("code")["alpha"]
    dis = comparison.disagreements
    order = dis["code"].map(alpha).fillna(-2.0)
    out = dis.assign(_a=order).sort_values("_a", kind="stable").drop(columns="_a")
    return out.head(top) if top is not None else out


def write_comparison(comparison: Comparison, out_dir, lang: str = "en", *, inputs=()) -> list:
    """Write ``agreement.csv`` (with a plain-language reading), ``disagreements.csv``
    (least reliable codes first) and, with a reference coder, ``by_coder.csv`` into
    ``out_dir``, replaced as a whole (it may not hold any of ``inputs``). Returns the
    written paths."""
    from pathlib import Path

    from qualkit.io import output_dir
    from qualkit.io.sheets import write_csv

    files = {"agreement.csv": comparison.result.to_frame(lang), "disagreements.csv": ranked(comparison)}
    if comparison.result.by_coder is not None:
        files["by_coder.csv"] = comparison.result.by_coder
    with output_dir(out_dir, inputs=inputs, command="agree") as stage:
        for name, df in files.items():  # the disagreements quote the answers: data, written as they are
            write_csv(df, stage / name, raw=name == "disagreements.csv")
    return [Path(out_dir) / n for n in files]
