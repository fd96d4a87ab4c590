"""``qualkit agree``: intercoder agreement between human coders, qualkit and a learned model."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from qualkit.cli import app
from qualkit.cli._common import cli_errors

CODING = typer.Argument(..., help="Coding files: CSV/TSV/XLSX (0/1 matrix, 'Code 1, Code 2' lists, long id/code/coder, "
                        "ATLAS.ti quotation export, coding-form export) or a REFI-QDA project (.qdpx).")
SHAPE = typer.Option(None, "--shape", help="Shape of the coding files: matrix, codelist, long, atlas or form (default: detected).")
CODER = typer.Option(None, "--coder", help="Coder name of a file without a coder column (default: the file name); repeat once per file.")
CODER_COLUMN = typer.Option(None, "--coder-column", help="Column naming the coder (default: coder, codeur, author, creator ...).")
CODING_ID = typer.Option(None, "--coding-id-column", help="Id column of the coding files (default: detected, else --id-column).")
CODE = typer.Option(None, "--code", help="Code column of a matrix with other values than 0/1 (sentiment -1/0/1); repeat for several.")
TEXT_COLUMN = typer.Option(None, "--text-column", help="Column with the coded text in the coding file.")
TEXTS = typer.Option(None, "--texts", help="Texts per unit: a CSV/XLSX (id, text) or a Markdown file with '## <id>' headings.")
COVERAGE = typer.Option("all", "--coverage", help="REFI-QDA projects: 'all' (every coder coded every document) or "
                        "'coded' (only the documents where the coder applied a code).")
UNIT = typer.Option("segment", "--unit", help="Unit compared: segment (as in the coding file), answer (respondent x question) or respondent.")
ID_COLUMN = typer.Option(None, "--id-column", "-i", help="Respondent id column of the survey.")
QUESTION = typer.Option(None, "--question", "-q", help="Open-question column of the survey; repeat for several.")
ENCODING = typer.Option(None, "--encoding", help="Text encoding of the survey (default: detected).")
DELIMITER = typer.Option(None, "--delimiter", help="CSV delimiter of the survey (default: detected).")
SHEET = typer.Option(None, "--sheet", help="XLSX sheet of the coding files and survey (default: the first).")


def read_codings(paths: list[Path], *, shape=None, coders=None, coder_column=None, coding_id_column=None,
                 id_column=None, question=None, codes=None, text_column=None, texts=None, sheet=None,
                 coverage="all"):
    """Every coding file as one CoderData (REFI-QDA projects through qualkit.refi)."""
    from qualkit.errors import InputError
    from qualkit.ingest.human import coder_data_from_codings, combine, read_human, read_texts

    parts = []
    for k, p in enumerate(paths):
        if p.suffix.lower() == ".qdpx":
            from qualkit.refi import import_qdpx

            project = import_qdpx(p)
            parts.append(coder_data_from_codings(project.codings, project.corpus,
                                                 coverage=None if coverage == "all" else coverage))
            continue
        kw = dict(coder_column=coder_column, coder=coders[k] if coders and k < len(coders) else None,
                  question=question[0] if question and len(question) == 1 else None, codes=codes,
                  text_column=text_column, sheet=sheet)
        try:
            parts.append(read_human(p, shape, id_column=coding_id_column, **kw))
        except InputError as e:
            if e.code != 142 or coding_id_column or not id_column or "needs an id column" not in e.message:
                raise
            parts.append(read_human(p, shape, id_column=id_column, **kw))
    data = combine(parts) if len(parts) > 1 else parts[0]
    if texts is not None:
        data.texts.update({u: t for u, t in read_texts(texts).items() if u in set(data.long["unit"])})
    return data


def machine_coders(data, inputs, *, codebook=None, model=None, id_column=None, question=None, encoding=None,
                   delimiter=None, sheet=None):
    """qualkit's codebook coding and/or a learned model's coding of the survey, as coders."""
    from qualkit.ingest import ReadOptions, read_inputs
    from qualkit.ingest.human import coder_data_from_codings

    machines, explain = [], {}
    if not inputs:
        return machines, explain
    corpus = read_inputs(inputs, ReadOptions(id_column=id_column, questions=question or None, encoding=encoding,
                                             delimiter=delimiter, sheet=sheet))
    zeros = data.binary_codes
    if codebook is not None:
        from qualkit.codebook import load_codebook
        from qualkit.scale import code_corpus

        res = code_corpus(corpus, load_codebook(codebook))
        machines.append(coder_data_from_codings(res.codings, corpus, coders=["qualkit"], codes=zeros))
        explain["qualkit"] = res.why()   # with the matches a negation cancelled, and their cue
    if model is not None:
        from qualkit.coding.learned_use import code_with_model
        from qualkit.coding.learned_store import load_model

        m = load_model(model)
        res = code_with_model(corpus, m)
        machines.append(coder_data_from_codings(res.codings, corpus, coders=["model"], codes=zeros,
                                                categories=m.categories))
        explain["model"] = res.codings
    return machines, explain


@app.command()
@cli_errors
def agree(
    coding: list[Path] = CODING,
    shape: Optional[str] = SHAPE,
    qualkit_run: Optional[list[Path]] = typer.Option(None, "--qualkit-run", help="Survey export (or transcripts) to code with --codebook and/or --model; they join as coders 'qualkit' and 'model'."),
    codebook: Optional[Path] = typer.Option(None, "--codebook", "-c", help="YAML codebook for --qualkit-run."),
    model: Optional[Path] = typer.Option(None, "--model", help="Learned model folder (from 'qualkit learn') for --qualkit-run."),
    id_column: Optional[str] = ID_COLUMN,
    question: Optional[list[str]] = QUESTION,
    coding_id_column: Optional[str] = CODING_ID,
    coder: Optional[list[str]] = CODER,
    coder_column: Optional[str] = CODER_COLUMN,
    code: Optional[list[str]] = CODE,
    text_column: Optional[str] = TEXT_COLUMN,
    texts: Optional[Path] = TEXTS,
    coverage: str = COVERAGE,
    unit: str = UNIT,
    reference: Optional[str] = typer.Option(None, "--reference", help="Coder to score the others against (precision, recall, F1), e.g. a gold standard or the student."),
    level: str = typer.Option("nominal", "--level", help="Level of measurement for alpha: nominal, ordinal, interval or ratio."),
    boot: int = typer.Option(1000, "--boot", help="Bootstrap replicates for alpha's 95% interval (0: none)."),
    top: int = typer.Option(10, "--top", help="Disagreements to show in the terminal."),
    lang: str = typer.Option("en", "--lang", help="Language of the plain-language reading: en or nl."),
    seed: int = typer.Option(0, "--seed", help="Random seed of the bootstrap."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write agreement.csv, disagreements.csv (and by_coder.csv) to this folder (replaced as a whole)."),
    encoding: Optional[str] = ENCODING,
    delimiter: Optional[str] = DELIMITER,
    sheet: Optional[str] = SHEET,
) -> None:
    """Agreement between coders (people, qualkit's codebook, a learned model): per-code kappa, alpha, disagreements."""
    from qualkit.coding.compare import compare, write_comparison
    from qualkit.errors import InputError
    from qualkit.stats import interpret

    if (codebook or model) and not qualkit_run:
        raise InputError(158, "--codebook and --model code a survey: name it with --qualkit-run SURVEY.")
    if qualkit_run and not (codebook or model):
        raise InputError(158, "--qualkit-run needs --codebook (qualkit's rules) and/or --model (a learned model).")
    data = read_codings(coding, shape=shape, coders=coder, coder_column=coder_column,
                        coding_id_column=coding_id_column, id_column=id_column, question=question, codes=code,
                        text_column=text_column, texts=texts, sheet=sheet, coverage=coverage)
    machines, explain = machine_coders(data, qualkit_run, codebook=codebook, model=model, id_column=id_column,
                                       question=question, encoding=encoding, delimiter=delimiter, sheet=sheet)
    interpret(0.0, lang)  # QK417 on an unknown language, before the work
    cmp = compare(data, machines, unit, reference=reference, n_boot=boot, level=level, random_state=seed,
                  explain=explain)
    render(cmp, lang, top, explain)
    if out is not None:
        written = write_comparison(cmp, out, lang)
        typer.echo(f"\nWrote {len(written)} files to {out}/: " + ", ".join(p.name for p in written))


def _num(v, fmt: str = "{:.3f}") -> str:
    return "" if v is None or v != v else fmt.format(v)


def render(cmp, lang: str, top: int, explain: dict) -> None:
    """The agreement table and the top disagreements."""
    from qualkit.coding.compare import ranked

    res = cmp.result
    console = Console()
    t = Table(title=f"Agreement per code at unit '{cmp.unit}' ({cmp.n_human_units} units coded by people; "
                    f"coders: {', '.join(map(str, res.coders))})")
    cols = ["code", "units", "% agree", "kappa", "alpha (95% CI)", "reading"]
    if res.reference is not None:
        cols += ["P", "R", "F1"]
    for c in cols:
        t.add_column(c, justify="left" if c in ("code", "reading") else "right", overflow="fold",
                     max_width=48 if c == "code" else None)
    for r in res.to_frame(lang).itertuples():
        ci = "" if r.alpha_low != r.alpha_low else f" ({r.alpha_low:.2f}–{r.alpha_high:.2f})"
        row = [str(r.code), str(r.n_units), _num(r.percent, "{:.1f}"), _num(r.kappa), _num(r.alpha) + ci,
               r.interpretation]
        if res.reference is not None:
            row += [_num(r.precision), _num(r.recall), _num(r.f1)]
        t.add_row(*row)
    console.print(t)
    if cmp.machine_only:
        typer.echo(f"Not compared (not in the coding file): {', '.join(cmp.machine_only[:20])}")
    dis = ranked(cmp)
    if not len(dis) or top <= 0:
        typer.echo(f"{len(dis)} disagreements.")
        return
    d = Table(title=f"Disagreements, least reliable codes first: {min(top, len(dis))} of {len(dis)}")
    names = [str(c) for c in res.coders]
    for c in ["unit", "code", "who coded what", *(f"{k} rule" for k in explain), "text"]:
        d.add_column(c, overflow="fold")
    for _, r in dis.head(top).iterrows():
        who = "; ".join(f"{n}: {r[n]}" for n in names if r[n] == r[n])
        why = [str(r[f"{k} rule"])[:60] for k in explain]
        text = " ".join(str(r["text"]).split())
        d.add_row(str(r["unit"]), str(r["code"]), who, *why, text[:80] + ("…" if len(text) > 80 else ""))
    console.print(d)
