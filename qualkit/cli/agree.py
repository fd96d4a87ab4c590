"""``qualkit agree``: intercoder agreement between human coders, qualkit and a learned model."""
from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Optional

import typer
from rich import box
from rich.table import Table

from qualkit.cli import app
from qualkit.cli._common import cli_errors, shown
from qualkit.cli._common import console as make_console

CODING = typer.Argument(..., help="Coding files: CSV/TSV/XLSX (0/1 matrix, 'Code 1, Code 2' lists, long id/code/coder, "
                        "one column per coder, ATLAS.ti quotation export, coding-form export) or a REFI-QDA project (.qdpx).")
SHAPE = typer.Option(None, "--shape", help="Shape of the coding files: matrix, codelist, long, atlas, form or coders "
                     "(one column per coder) (default: detected).")
CODER = typer.Option(None, "--coder", help="Coder name of a file without a coder column (default: the file name); repeat once per file.")
CODER_COLUMN = typer.Option(None, "--coder-column", help="Column naming the coder (default: coder, codeur, author, creator ...).")
CODER_COLUMNS = typer.Option(None, "--coder-column", help="Column naming the coder (default: coder, codeur, author, creator "
                             "...); repeat to name the columns of a file with one column per coder (primary, secondary).")
CODING_ID = typer.Option(None, "--coding-id-column", help="Id column of the coding files (default: detected, else --id-column).")
CODE = typer.Option(None, "--code", help="Code column of a matrix with other values than 0/1 (sentiment -1/0/1), or a known "
                    "code/choice name for splitting cells; repeat for several.")
TEXT_COLUMN = typer.Option(None, "--text-column", help="Column with the coded text in the coding file.")
TEXTS = typer.Option(None, "--texts", help="Texts per unit: a CSV/XLSX (id, text) or a Markdown file with '## <id>' headings.")
MISSING = typer.Option(None, "--missing", help="Cell text that means 'not coded', e.g. NA (default: none; NA and N/A are codes). Repeat for several.")
SEPARATOR = typer.Option(None, "--separator", help="Separator of multi-select cells, e.g. ';' (default: split on commas only "
                         "where every piece is a known choice).")
COVERAGE = typer.Option(None, "--coverage", help="Which units a coder coded: 'auto' (default: their rows; a row without "
                        "codes means 'no code applies', but not coded in a file that writes 0 for absent codes), 'coded' "
                        "(only units they gave a code) or 'all' (every row or document in the file; blank = no code "
                        "applies). Once for all files, or once per file in order.")
MERGE = typer.Option(False, "--merge-duplicates", help="Join rows with the same unit and coder (default: an error).")
FILES = typer.Option("auto", "--files", help="Several coding files: 'auto' (each file keeps its own units when ids repeat for "
                     "a coder, as in rounds), 'same' (same units) or 'separate'.")
UNIT = typer.Option("segment", "--unit", help="Unit compared: segment (as in the coding file), answer (respondent x question) or respondent.")
ID_COLUMN = typer.Option(None, "--id-column", "-i", help="Respondent id column of the survey.")
QUESTION = typer.Option(None, "--question", "-q", help="Open-question column of the survey; repeat for several.")
ENCODING = typer.Option(None, "--encoding", help="Text encoding of the survey (default: detected).")
DELIMITER = typer.Option(None, "--delimiter", help="CSV delimiter of the survey (default: detected).")
SHEET = typer.Option(None, "--sheet", help="XLSX sheet of the coding files and survey (default: the first).")


def read_options(*, shape=None, coder=None, coder_column=None, coding_id_column=None, id_column=None, question=None,
                 code=None, text_column=None, texts=None, sheet=None, missing=None, separator=None, coverage=None,
                 merge_duplicates=False, files="auto") -> dict:
    """The CLI's coding-file options as keyword arguments of :func:`qualkit.agree.read_human`."""
    return dict(shape=shape, coder=coder or None, coder_column=coder_column or None, id_column=coding_id_column,
                id_fallback=id_column, question=question[0] if question and len(question) == 1 else None,
                codes=code, text_column=text_column, texts=texts, sheet=sheet, missing=missing or (),
                separator=separator, coverage=_one(coverage) or "auto",
                duplicates="merge" if merge_duplicates else "error",
                files=files)


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
    coder_column: Optional[list[str]] = CODER_COLUMNS,
    code: Optional[list[str]] = CODE,
    text_column: Optional[str] = TEXT_COLUMN,
    texts: Optional[Path] = TEXTS,
    missing: Optional[list[str]] = MISSING,
    separator: Optional[str] = SEPARATOR,
    coverage: Optional[list[str]] = COVERAGE,
    merge_duplicates: bool = MERGE,
    files: str = FILES,
    overlap: str = typer.Option("all", "--overlap", help="Units compared: 'all' (coded by every coder compared) or 'pairs' (by any two coders; many coders, each unit by a few)."),
    unit: str = UNIT,
    reference: Optional[str] = typer.Option(None, "--reference", help="Coder to score the others against (precision, recall, F1), e.g. a gold standard or the student."),
    level: str = typer.Option("nominal", "--level", help="Level of measurement for alpha: nominal, ordinal, interval or ratio."),
    boot: int = typer.Option(1000, "--boot", help="Bootstrap replicates for alpha's 95% interval (0: none)."),
    min_positives: int = typer.Option(5, "--min-positives", help="A 0/1 code applied to fewer units is 'too rare to judge'."),
    top: int = typer.Option(10, "--top", help="Disagreements to show in the terminal."),
    lang: str = typer.Option("en", "--lang", help="Language of the output: en or nl."),
    explain: bool = typer.Option(True, "--explain/--no-explain", help="Print a plain-language line per statistic and how to read the table."),
    seed: int = typer.Option(0, "--seed", help="Random seed of the bootstrap."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write agreement.csv, disagreements.csv (and by_coder.csv) to this folder (replaced as a whole)."),
    encoding: Optional[str] = ENCODING,
    delimiter: Optional[str] = DELIMITER,
    sheet: Optional[str] = SHEET,
) -> None:
    """Agreement between coders (people, qualkit's codebook, a learned model): per-code kappa, AC1, alpha, disagreements."""
    from qualkit.agree import check_machines, machine_coders, read_human
    from qualkit.coding.compare import compare, write_comparison
    from qualkit.stats.reading import words

    w = words(lang)  # QK417 on an unknown language, before the work
    check_machines(bool(qualkit_run), codebook, model)
    data = read_human(coding, **read_options(
        shape=shape, coder=coder, coder_column=coder_column, coding_id_column=coding_id_column, id_column=id_column,
        question=question, code=code, text_column=text_column, texts=texts, sheet=sheet, missing=missing,
        separator=separator, coverage=coverage, merge_duplicates=merge_duplicates, files=files))
    corpus = None
    if qualkit_run:
        from qualkit.ingest import ReadOptions, read_inputs

        corpus = read_inputs(qualkit_run, ReadOptions(id_column=id_column, questions=question or None,
                                                      encoding=encoding, delimiter=delimiter, sheet=sheet))
    machines, why = machine_coders(data, corpus, codebook=codebook, model=model)
    cmp = compare(data, machines, unit, reference=reference, n_boot=boot, level=level, random_state=seed,
                  explain=why, overlap=overlap, min_positives=min_positives)
    render(cmp, lang, top, why, explain)
    if out is not None:
        written = write_comparison(cmp, out, lang,
                                   inputs=[*coding, *(qualkit_run or []), codebook, model, texts])
        typer.echo("\n" + w["wrote"].format(n=len(written), out=out, files=", ".join(p.name for p in written)))


def _one(values):
    """A repeatable option: None, its one value, or the list."""
    if values is None or isinstance(values, str):
        return values
    return values[0] if len(values) == 1 else (list(values) or None)


def _num(v, fmt: str = "{:.3f}") -> str:
    return "" if v is None or v != v else fmt.format(v)


def _alpha(v) -> str:
    """Alpha or an interval bound: :func:`_r`, with a third decimal where two would round onto a
    reading's threshold (.795 is not .80: the reading says 'tentative')."""
    text = _r(v)
    return text if text not in (".80", ".67") else _r3(v)


def _r3(v) -> str:
    return f"{v:.3f}".replace("0.", ".", 1)


def _r(v) -> str:
    """A coefficient that cannot pass 1 in APA style: two decimals, no leading zero (.94, -.12, 1.00)."""
    text = _num(v, "{:.2f}")
    text = text[1:] if text in ("-0.00",) else text          # no minus sign on a value that rounds to 0
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _wrap(console, text: str, indent: str = "") -> None:
    width = min(console.width, 100)
    console.print(textwrap.fill(shown(text), width=width, initial_indent=indent, subsequent_indent=indent or "  "),
                  highlight=False, markup=False, soft_wrap=True)


def _table(title: str, columns: list[tuple[str, str]], word_width: int = 0) -> Table:
    """A table that fits 80 columns: numbers and words never wrap, the code column takes the rest."""
    t = Table(title=title, box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, show_edge=False, collapse_padding=True,
              title_justify="left")
    for name, kind in columns:
        if kind == "text":
            t.add_column(name, overflow="fold", ratio=1, min_width=12)
        else:
            t.add_column(name, justify="right" if kind == "num" else "left", no_wrap=True,
                         min_width=word_width if kind == "word" else None)
    return t


def render(cmp, lang: str, top: int, explain_coders: dict, explain: bool = True) -> None:
    """Coverage and notes, the agreement table, per-code detail, the top disagreements, how to read them."""
    from qualkit.coding.compare import ranked
    from qualkit.stats.agreement import OVERALL
    from qualkit.stats.reading import EXPLAIN, HOW_TO_READ, SHORT, per_coder, words

    w, res, console = words(lang), cmp.result, make_console()
    cov = res.coverage
    _wrap(console, w["units_line"].format(overlap=cov.overlap, per_coder=per_coder(cov.per_coder, lang),
                                          mode=w["mode_all" if cov.mode == "all" else "mode_pairs"]))
    for key, fields in cmp.notes:
        _wrap(console, w[key].format(**fields))
    for warn in cov.warnings:
        coder, fewest = cov.fewest
        _wrap(console, w[f"warn_{warn}"].format(overlap=cov.overlap, fewest=fewest, coder=coder))
    two = len(res.coders) == 2
    cols = [(w["code"], "text"), (w["units"], "num"), (w["percent"], "num")]
    cols += [(w["kappa"], "num")] if two else []
    cols += [(w["ac1"], "num"), (w["bp"], "num"), (w["alpha"], "num"), (w["ci"], "num"), (w["reading"], "word")]
    t = _table(w["title"].format(unit=cmp.unit), cols, max(len(v) for v in SHORT[lang].values()))
    unused = res.table["code"].ne(OVERALL) & res.table["n_applied"].eq(0).fillna(False).astype(bool)
    table = res.table[~unused]
    for r in table.itertuples():
        ci = "" if r.alpha_low != r.alpha_low else f"{_alpha(r.alpha_low)}–{_alpha(r.alpha_high)}"
        row = [w["all_codes"] if r.code == OVERALL else shown(r.code), str(r.n_units), _num(r.percent, "{:.0f}")]
        row += [_r(r.kappa)] if two else []
        row += [_r(r.ac1), _r(r.bp), _alpha(r.alpha), ci, SHORT[lang][r.reading]]
        t.add_row(*row)
    console.print(t)
    if res.versus is not None:
        _render_versus(console, res.versus[~res.versus["code"].isin(set(res.table.loc[unused, "code"]))], w, lang)
    if unused.any():
        names = [str(c) for c in res.table.loc[unused, "code"]]
        _wrap(console, w["unused"].format(n=len(names), codes=", ".join(names[:12]) + (" ..." if len(names) > 12 else "")))
    binary = table[table["n_applied"].notna() & (table["code"] != OVERALL)]
    if len(binary):
        names = [str(c) for c in res.coders]
        head = w["positives"]
        cols = [(w["code"], "text"), (head, "num"), (w["pos_agree"], "num"), (w["neg_agree"], "num")]
        if res.reference is not None:
            cols += [(w["precision"], "num"), (w["recall"], "num"), (w["f1"], "num")]
        d = _table(shown(w["detail_title"].format(coders="/".join(names) if len(names) <= 3 else "min–max")), cols)
        for r in binary.itertuples():
            pos = res.positives.loc[r.code] if r.code in res.positives.index else None
            counts = "" if pos is None else ("/".join(str(int(v)) for v in pos) if len(names) <= 3
                                             else f"{int(pos.min())}–{int(pos.max())}")
            row = [shown(r.code), counts, _r(r.pos_agree), _r(r.neg_agree)]
            if res.reference is not None:
                row += [_r(r.precision), _r(r.recall), _r(r.f1)]
            d.add_row(*row)
        console.print(d)
    other = res.table[res.table["n_applied"].isna() & (res.table["code"] != OVERALL)]
    if res.reference is not None and len(other):
        d = _table(shown(w["prf_title"].format(reference=res.reference)),
                   [(w["code"], "text"), (w["precision"], "num"), (w["recall"], "num"), (w["f1"], "num")])
        for r in other.itertuples():
            d.add_row(shown(r.code), _r(r.precision), _r(r.recall), _r(r.f1))
        console.print(d)
    if cmp.machine_only:
        _wrap(console, w["not_compared"].format(codes=", ".join(cmp.machine_only[:20])))
    dis = ranked(cmp)
    if not len(dis) or top <= 0:
        _wrap(console, w["dis_none"].format(total=len(dis)))
    else:
        console.print(w["dis_title"].format(shown=min(top, len(dis)), total=len(dis)), style="italic", highlight=False)
        names = [str(c) for c in res.coders]
        for _, r in dis.head(top).iterrows():
            console.print(shown(f"  {r['unit']} · {r['code']}"), highlight=False, markup=False)
            who = _who(r, names, w)
            rules = [f"{w['rule'].format(coder=k)}: {str(r[f'{k} rule'])[:60]}" for k in explain_coders
                     if str(r[f"{k} rule"])]
            _wrap(console, "; ".join([who, *rules]), "    ")
            text = " ".join(str(r["text"]).split())
            if text:
                _wrap(console, "“" + text[:160] + ("…" if len(text) > 160 else "") + "”", "    ")
    if explain:
        console.print(f"\n{w['how']}", style="bold", highlight=False)
        lines = HOW_TO_READ[lang]
        for line in ([w["how_pairs"], *lines[1:]] if cov.mode == "pairs" else lines):
            _wrap(console, "- " + line, "")
        stats = ["n", "percent", *(["kappa"] if two else []), "ac1", "bp", "alpha", "interval"]
        stats += ["pos_agree", "positives"] if len(binary) else []
        stats += ["prf"] if res.reference is not None else []
        for key in stats:
            _wrap(console, "- " + EXPLAIN[lang][key].format(min_positives=res.min_positives), "")


def _render_versus(console, versus, w: dict, lang: str) -> None:
    """Per machine coder: its alpha against each person beside the people's alpha among themselves."""
    from qualkit.stats.agreement import OVERALL
    from qualkit.stats.reading import VERSUS

    def ci(low, high) -> str:
        return "" if low != low else f"{_alpha(low)}–{_alpha(high)}"

    for coder, sub in versus.groupby("coder", sort=False):
        t = _table(shown(w["vs_title"].format(coder=coder)),
                   [(w["code"], "text"), (w["units"], "num"), (w["vs_machine"], "num"), (w["ci"], "num"),
                    (w["vs_people"], "num"), (w["ci"], "num"), (w["reading"], "word")],
                   max(len(v) for v in VERSUS[lang].values()))
        for r in sub.itertuples():
            t.add_row(w["all_codes"] if r.code == OVERALL else shown(r.code), str(r.n_units), _alpha(r.alpha),
                      ci(r.alpha_low, r.alpha_high), _alpha(r.people_alpha), ci(r.people_low, r.people_high),
                      VERSUS[lang][r.reading])
        console.print(t)
        _wrap(console, w["vs_how"].format(coder=coder))


def _value(v) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def _who(r, names: list[str], w: dict, most: int = 6) -> str:
    """What each coder gave a unit (``an: 1 · bo: 0``); past ``most`` coders, how many gave each value."""
    given = [(n, _value(r[n])) for n in names if r[n] == r[n]]
    if len(given) <= most:
        return " · ".join(f"{n}: {v}" for n, v in given)
    counts: dict[str, int] = {}
    for _, v in given:
        counts[v] = counts.get(v, 0) + 1
    return " · ".join(f"{v}: {w['n_coders'].format(n=k)}" for v, k in counts.items())


def render_prevalence(df, lang: str = "en") -> None:
    """The corrected-prevalence tables of ``qualkit code --validate``, one per question (80 columns)."""
    from qualkit.stats.reading import PREVALENCE

    p, console = PREVALENCE[lang], make_console()
    n = int(df.groupby("question")["n_validation"].max().sum()) if len(df) else 0
    for q, sub in df.groupby("question", sort=False):
        t = _table(f"{shown(q)}: {p['title']}", [(p["code"], "text"), (p["raw"], "num"), (p["sample"], "num"),
                                           (p["se"], "num"), (p["sp"], "num"), (p["corrected"], "num"),
                                           (p["ci"], "num")])
        for r in sub.itertuples():
            ci = p[r.note] if r.note else ("" if r.corrected_low != r.corrected_low
                                           else f"{r.corrected_low:.1f}–{r.corrected_high:.1f}")
            t.add_row(shown(r.code), f"{r.raw_pct:.1f}", f"{r.n_validation} ({r.human_pos})",
                      _num(r.sensitivity, "{:.2f}"), _num(r.specificity, "{:.2f}"), _num(r.corrected_pct, "{:.1f}"),
                      ci)
        console.print(t)
    _wrap(console, p["intro"].format(n=n))
    _wrap(console, p["how"])
