"""Every coder of a comparison: people's coding files, REFI-QDA projects, qualkit's
codebook and a learned model, as :class:`~qualkit.ingest.human.CoderData`; and shares
corrected for coder error against a person's coding of a sample (:func:`validate_coding`).

Layer: beside report and refi (imports ingest, stats, codebook, coding and, for .qdpx, refi);
project and workflow may import it.

>>> import qualkit
>>> human = qualkit.read_human(["irr/1/data.csv", "irr/2/data.csv"])          # doctest: +SKIP
>>> corpus = qualkit.read_inputs(["survey.csv"], qualkit.ReadOptions(id_column="respondent", questions=["Q23"]))  # doctest: +SKIP
>>> machines, explain = machine_coders(human, corpus, codebook="cb.yaml")      # doctest: +SKIP
>>> from qualkit.coding.compare import compare
>>> compare(human, machines, explain=explain).result.to_frame()               # doctest: +SKIP

Files given together keep distinct units when their ids repeat for a coder
(rounds of one study: ``irr/1/data.csv`` item 3 is unit ``1:3``); files with
different coders and the same ids are the same units coded twice.
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd

from qualkit.errors import InputError
from qualkit.ingest.human import (
    COLUMNS, COVERAGES, CoderData, check_choice, combine, match_leading_zeros, read_coding_file, read_texts,
)
from qualkit.types import Corpus

FILES = ("auto", "same", "separate")


def read_human(paths: str | Path | Sequence[str | Path], shape: str | None = None, *,
               id_column: str | None = None, id_fallback: str | None = None,
               coder_column: str | Sequence[str] | None = None,
               coder: str | Sequence[str] | None = None, question_column: str | None = None,
               question: str | None = None, codes: Sequence[str] | None = None, text_column: str | None = None,
               texts: str | Path | None = None, encoding: str | None = None, delimiter: str | None = None,
               sheet: str | int | None = None, missing: Sequence[str] = (), separator: str | None = None,
               coverage: str | Sequence[str] = "auto", duplicates: str = "error", files: str = "auto") -> CoderData:
    """Human coding from one path or several (CSV/TSV/XLSX of any shape, REFI-QDA .qdpx).

    ``coder``: the coder of a file without a coder column, or one name per file;
    ``coverage``: one for all files, or one per file (see :mod:`qualkit.ingest.human`).
    ``id_fallback``: a column to use as the unit id when none is detected (the
    survey's id column). ``files``: ``auto`` (each file keeps its own units when a
    coder codes the same id in two files), ``same`` (the files code the same units)
    or ``separate``. ``texts``: a CSV/XLSX or Markdown file with each unit's text.
    Other options: :func:`qualkit.ingest.human.read_coding_file`.
    """
    many = isinstance(paths, (list, tuple))
    paths = [Path(p) for p in (paths if many else [paths])]
    check_choice("files", files, FILES)
    covers = [coverage] * len(paths) if isinstance(coverage, str) else list(coverage)
    covers += [covers[-1] if covers else "auto"] * (len(paths) - len(covers))
    for c in covers:
        if c not in COVERAGES:
            raise InputError(192, coverage=c)
    seen: set = set()
    for p in paths:
        if p.resolve() in seen:
            raise InputError(197, path=str(p))
        seen.add(p.resolve())
    names = [coder] * len(paths) if coder is None or isinstance(coder, str) else list(coder)
    parts, options = [], []
    for k, (p, coverage) in enumerate(zip(paths, covers)):
        if p.suffix.lower() == ".qdpx":
            from qualkit.refi import import_qdpx

            project = import_qdpx(p)
            data = coder_data_from_codings(project.codings, project.corpus,
                                           coverage=None if coverage == "all" else "coded")
            per = data.long.drop_duplicates(["unit", "coder"])["coder"].value_counts(sort=False)
            data.notes.insert(0, ("note_units", {"file": p.name, "units": data.long["unit"].nunique(),
                                                 "per_coder": ", ".join(f"{c}: {n}" for c, n in per.items())}))
            parts.append(data)
            options.append(None)
            continue
        options.append(dict(
            id_column=id_column, id_fallback=id_fallback, coder_column=coder_column,
            coder=names[k] if k < len(names) else None, question_column=question_column, question=question,
            codes=codes, text_column=text_column, encoding=encoding, delimiter=delimiter, sheet=sheet,
            missing=missing, separator=separator, coverage=coverage, duplicates=duplicates))
        parts.append(read_coding_file(p, shape, **options[-1]))
    if len(parts) > 1 and any(d.shape == "form" and any(k == "note_unsplit" for k, _ in d.notes) for d in parts):
        known = form_choices(parts)                     # options chosen alone in any round split the others
        parts = [read_coding_file(p, shape, **{**opts, "choices": known}) if d.shape == "form" else d
                 for p, d, opts in zip(paths, parts, options)]
    names = short_names(paths)
    for part, name in zip(parts, names):
        part.notes = [(k, {**f, "file": name}) if "file" in f else (k, f) for k, f in part.notes]
    if len(parts) == 1:
        data = match_leading_zeros(parts[0])
    else:
        apart = files == "separate" or (files == "auto" and _ids_repeat(parts))
        labels = file_labels(paths) if apart else None
        data = match_leading_zeros(combine(parts, labels))
        reads = [f for k, f in data.notes if k.startswith("note_read")]
        if len(reads) > 1:
            data.notes.append(("note_total_empty" if any(f["empty"] for f in reads) else "note_total",
                               {"files": len(reads), "rows": sum(f["rows"] for f in reads),
                                "empty": sum(f["empty"] for f in reads), "lines": sum(f["lines"] for f in reads),
                                "units": data.long["unit"].nunique()}))
        if apart:
            data.notes.append(("note_files", {"n": len(paths), "labels": ", ".join(labels)}))
        first = ("note_read", "note_read_empty", "note_units", "note_total", "note_total_empty")
        data.notes.sort(key=lambda n: first.index(n[0]) // 3 if n[0] in first else 2)
    if texts is not None:
        known = set(data.long["unit"])
        data.texts.update({u: t for u, t in read_texts(texts).items() if u in known})
        data.blank -= set(data.texts)
    return data


def form_choices(parts: Sequence[CoderData]) -> dict[str, set[str]]:
    """Per coding-form question the options some coder chose alone (no comma) in any part."""
    known: dict[str, set[str]] = {}
    for d in parts:
        if d.shape == "form":
            for code in d.codes:
                q, _, choice = str(code).partition(": ")
                if choice and "," not in choice:
                    known.setdefault(q, set()).add(choice)
    return known


def _ids_repeat(parts: Sequence[CoderData]) -> bool:
    """True when some coder codes the same unit id in two of the parts."""
    seen: dict[tuple, int] = {}
    for k, d in enumerate(parts):
        for key in set(zip(d.long["unit"], d.long["coder"])):
            if seen.setdefault(key, k) != k:
                return True
    return False


def short_names(paths: Sequence[Path]) -> list[str]:
    """The shortest path endings that tell the files apart, for messages.

    >>> short_names([Path("irr/1/data.csv"), Path("irr/2/data.csv")]), short_names([Path("a/x.csv")])
    (['1/data.csv', '2/data.csv'], ['x.csv'])
    """
    for n in range(1, max(len(p.parts) for p in paths) + 1):
        names = ["/".join(p.parts[-n:]) for p in paths]
        if len(set(names)) == len(names):
            return names
    return [str(p) for p in paths]


def file_labels(paths: Sequence[Path]) -> list[str]:
    """The shortest path endings (without suffix) that tell the files apart.

    >>> file_labels([Path("irr/1/data.csv"), Path("irr/2/data.csv")])
    ['1', '2']
    >>> file_labels([Path("a/ronde1.csv"), Path("b/ronde2.xlsx")])
    ['ronde1', 'ronde2']
    """
    stems = [p.with_suffix("") for p in paths]
    depth = max(len(s.parts) for s in stems)
    for n in range(1, depth + 1):
        labels = ["/".join(s.parts[-n:]) for s in stems]
        if len(set(labels)) == len(labels):
            if n > 1 and len({s.name for s in stems}) == 1:
                labels = ["/".join(s.parts[-n:-1]) for s in stems]    # irr/1/data -> 1
            return labels
    return [str(p) for p in paths]


def coder_data_from_codings(codings: pd.DataFrame, corpus: Corpus, by: str = "doc_id",
                            coverage: Mapping | str | None = None, *, coders: Sequence | None = None,
                            codes: Sequence[str] | None = None,
                            categories: Mapping[str, tuple] | None = None) -> CoderData:
    """Codings frames with a ``coder`` column (qualkit's, a learned model's, a REFI-QDA
    import's) as :class:`CoderData`, one unit per ``doc_id`` (answer) or ``unit_id``
    (respondent), over the corpus's non-empty answers. ``coverage`` maps a coder to the
    units they coded; ``"coded"`` means the units where the coder applied a code (as in
    every coding file); None: every coder coded every unit (a machine coder). ``codes``
    are 0/1 codes to write explicit zeros for (so the data can sit beside a file that
    writes its zeros); ``categories`` maps a code column such as ``"sentiment=1"`` to
    ``("sentiment", 1)`` (a learned model's categories).
    """
    from qualkit.stats.agreement import from_codings

    segs = [s for s in corpus.segments if s.coded]
    meta = {getattr(s, by): (s.unit_id, s.question if by == "doc_id" else "") for s in segs}
    if coverage == "coded":
        docs = {c: set(g["doc_id"]) for c, g in codings.groupby("coder")}
        unit_docs: dict[str, set[str]] = {}
        for s in segs:
            unit_docs.setdefault(getattr(s, by), set()).add(s.doc_id)
        coverage = {c: [u for u, ds in unit_docs.items() if ds & d] for c, d in docs.items()}
    elif isinstance(coverage, str):
        raise InputError(192, coverage=coverage)
    long = from_codings(codings, list(meta), by=by, coders=coders, coverage=coverage)
    long["value"] = long["value"].astype(object)
    if categories:
        hit = long["code"].isin(list(categories))
        pairs = [categories[c] for c in long.loc[hit, "code"]]
        long.loc[hit, "code"] = [p[0] for p in pairs]
        long.loc[hit, "value"] = pd.Series([p[1] for p in pairs], index=long.index[hit], dtype=object)
    if codes:
        binary = [c for c in codes if c not in {p[0] for p in (categories or {}).values()}]
        have = set(zip(long["unit"], long["coder"], long["code"]))
        marks = long[long["code"].isna()]
        zeros = [(u, c, k, 0.0) for u, k in zip(marks["unit"], marks["coder"]) for c in binary
                 if (u, k, c) not in have]
        long = pd.concat([long, pd.DataFrame(zeros, columns=["unit", "code", "coder", "value"])], ignore_index=True)
    long["respondent"] = [meta[u][0] for u in long["unit"]]
    long["question"] = [meta[u][1] for u in long["unit"]]
    texts: dict[str, list[str]] = {}
    for s in segs:
        texts.setdefault(getattr(s, by), []).append(s.text)
    return CoderData(long[COLUMNS], {u: "\n".join(t) for u, t in texts.items()}, "codings", list(corpus.sources),
                     absent="missing" if codes else "auto")


def check_machines(survey: bool, codebook=None, model=None) -> None:
    """QK158 unless a survey to code and a codebook or model come together (or neither)."""
    if (codebook is not None or model is not None) and not survey:
        raise InputError(158)
    if survey and codebook is None and model is None:
        raise InputError(169)


def machine_coders(data: CoderData, corpus: Corpus | None, *, codebook=None,
                   model=None) -> tuple[list[CoderData], dict[str, pd.DataFrame]]:
    """qualkit's codebook coding (coder ``qualkit``) and/or a learned model's (coder
    ``model``) of ``corpus`` (the survey or transcripts the people coded, read with
    :func:`qualkit.read_inputs`), as coders beside ``data``, and their codings frames
    (to explain disagreements). ``codebook``: a path or a Codebook; ``model``: a model
    folder or a loaded model. No corpus and no codebook or model: no machines; QK158
    when one is given without the other."""
    machines: list[CoderData] = []
    explain: dict[str, pd.DataFrame] = {}
    check_machines(corpus is not None, codebook, model)
    if corpus is None:
        return machines, explain
    zeros = data.binary_codes
    if codebook is not None:
        from qualkit.codebook import Codebook, load_codebook
        from qualkit.scale import code_corpus

        res = code_corpus(corpus, codebook if isinstance(codebook, Codebook) else load_codebook(codebook))
        machines.append(coder_data_from_codings(res.codings, corpus, coders=["qualkit"], codes=zeros))
        explain["qualkit"] = res.why()   # with the matches a negation cancelled, and their cue
    if model is not None:
        from qualkit.coding.learned_use import code_with_model
        from qualkit.coding.learned_store import load_model

        m = load_model(model) if isinstance(model, (str, Path)) else model
        res = code_with_model(corpus, m)
        machines.append(coder_data_from_codings(res.codings, corpus, coders=["model"], codes=zeros,
                                                categories=m.categories))
        explain["model"] = res.codings
    return machines, explain


def validate_coding(result, human: CoderData, *, n_boot: int = 4000, random_state=0) -> pd.DataFrame:
    """Code shares corrected for the machine coder's errors, per question and code.

    ``result``: the machine coder's :class:`~qualkit.coding.CodingResult` (qualkit's
    codebook or a learned model, as ``qualkit code`` makes it); ``human``: a person's coding of a
    random sample of the same answers (any coding-file shape, read with
    :func:`read_human`; units are answers ``<respondent>/<question>``). For each 0/1
    code in both: the machine's raw share of the coded answers, its sensitivity and
    specificity on the sample, and the Rogan-Gladen share with its 95% interval
    (:mod:`qualkit.stats.prevalence`). Errors: QK195 no answer in common.

    >>> validate_coding(result, read_human("sample.csv", question="Q23"))    # doctest: +SKIP
    """
    from qualkit.stats.prevalence import COLUMNS, prevalence_table

    codings, corpus = result.codings, result.corpus
    answers = {s.doc_id: s.question for s in corpus.segments if s.coded}
    h = human.at("answer")
    h = h[h["unit"].isin(set(answers))]
    if h.empty:
        theirs = ", ".join(repr(u) for u in human.units[:3])
        ours = ", ".join(repr(u) for u in list(answers)[:3])
        raise InputError(195, theirs=theirs, ours=ours)
    known = set(codings["code"]) | set(getattr(result.codebook, "ids", []) if result.codebook is not None else [])
    codes = [c for c in human.binary_codes if c in known]
    marks = h[h["code"].isna()]
    hv = h[h["code"].isin(codes)].pivot_table(index="unit", columns="code", values="value", aggfunc="max")
    hv = hv.reindex(index=list(dict.fromkeys(marks["unit"])), columns=codes)
    if human.absent != "missing":
        hv = hv.fillna(0)                                  # a coded answer without the code: 0
    applied = codings[codings["doc_id"].isin(set(answers)) & codings["code"].isin(codes)]
    frames = []
    for k, q in enumerate(dict.fromkeys(answers.values())):
        units = [d for d, qq in answers.items() if qq == q]
        m = pd.DataFrame(0, index=units, columns=codes)
        hit = applied[applied["doc_id"].isin(set(units))].drop_duplicates(["doc_id", "code"])
        for d, c in zip(hit["doc_id"], hit["code"]):
            m.at[d, c] = 1
        sample = hv[hv.index.isin(set(units))]
        if len(sample):
            frames.append(prevalence_table(m, sample, question=q, n_boot=n_boot, random_state=(random_state, k)))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)


__all__ = ["FILES", "coder_data_from_codings", "file_labels", "machine_coders", "read_human", "short_names",
           "validate_coding"]
