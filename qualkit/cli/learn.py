"""``qualkit learn``: train a coder from human coding, report its reliability, suggest what to code next."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from qualkit.cli import app
from qualkit.cli._common import cli_errors, console
from qualkit.cli.agree import (
    CODE, CODER, CODER_COLUMN, CODING, CODING_ID, DELIMITER, ENCODING, ID_COLUMN, MERGE, MISSING, QUESTION, SEPARATOR,
    SHAPE, SHEET,
    TEXT_COLUMN, TEXTS, UNIT, _alpha, _num, _r, _table, _wrap, read_options,
)

READ_NOTES = ("note_read", "note_read_empty", "note_units", "note_total", "note_total_empty", "note_title",
              "note_merged", "note_files", "note_zeros", "note_numbers", "note_unsplit", "note_platform")
"""The reading notes of ``qualkit agree`` that ``learn`` prints too (what was read, which columns were not
codes, answers kept whole); the ones about --coverage are left out: ``learn`` takes every row as coded."""


NOT_LEARNED = {"en": "not learned", "nl": "niet geleerd"}
"""The reading of a code with too few units with (or without) it to learn."""


@app.command()
@cli_errors
def learn(
    coding: list[Path] = CODING,
    out: Path = typer.Option(..., "--out", "-o", help="Model folder to write (replaced as a whole)."),
    corpus_input: Optional[list[Path]] = typer.Option(None, "--corpus-input", help="Survey export (or transcripts) holding the coded texts (default: texts in the coding file)."),
    codebook: Optional[Path] = typer.Option(None, "--codebook", "-c", help="YAML codebook: its rule hits become features, and codes too rare to learn are coded by their rules."),
    id_column: Optional[str] = ID_COLUMN,
    question: Optional[list[str]] = QUESTION,
    coding_id_column: Optional[str] = CODING_ID,
    coder: Optional[list[str]] = CODER,
    coder_column: Optional[str] = CODER_COLUMN,
    code: Optional[list[str]] = CODE,
    text_column: Optional[str] = TEXT_COLUMN,
    texts: Optional[Path] = TEXTS,
    shape: Optional[str] = SHAPE,
    missing: Optional[list[str]] = MISSING,
    separator: Optional[str] = SEPARATOR,
    merge_duplicates: bool = MERGE,
    unit: str = UNIT,
    language: Optional[str] = typer.Option(None, "--language", help="Language of the texts: nl or en (default: the codebook's, else nl)."),
    cv: int = typer.Option(5, "--cv", help="Cross-validation folds for the reliability scores."),
    min_positives: int = typer.Option(5, "--min-positives", help="Codes with fewer coded units are not learned (rules only, or flagged)."),
    c: float = typer.Option(1.0, "--c", help="Inverse regularisation strength of the linear SVMs."),
    threshold: str = typer.Option("auto", "--threshold", help="'auto' (per code the cut-off that agrees best with the people, Krippendorff's alpha, in the cross-validation) or one probability cut-off for all codes."),
    suggest: int = typer.Option(0, "--suggest", help="Also write the N uncoded answers the model is least sure of, as a sheet to code next."),
    suggest_from: Optional[list[Path]] = typer.Option(None, "--suggest-from", help="Survey to pick suggestions from (default: --corpus-input)."),
    suggest_out: Optional[Path] = typer.Option(None, "--suggest-out", help="Suggestions CSV (default: <out>-suggestions.csv)."),
    boot: int = typer.Option(1000, "--boot", help="Bootstrap replicates for alpha's 95% interval (0: none)."),
    lang: str = typer.Option("en", "--lang", help="Language of the plain-language reading: en or nl."),
    seed: int = typer.Option(0, "--seed", help="Random seed (folds, bootstrap)."),
    encoding: Optional[str] = ENCODING,
    delimiter: Optional[str] = DELIMITER,
    sheet: Optional[str] = SHEET,
) -> None:
    """Learn to code like the people who coded: cross-validated F1 and alpha per code, a saved model folder."""
    from qualkit.coding.learned import LearnedCoder
    from qualkit.coding.learned_use import suggest as suggest_units
    from qualkit.coding.learned_store import save_model
    from qualkit.coding.learned_train import train
    from qualkit.errors import ModelError
    from qualkit.io import write_bytes
    from qualkit.stats import interpret
    from qualkit.ingest import ReadOptions, read_inputs

    from qualkit.io import check_output_dir, check_output_file

    read = [*coding, *(corpus_input or []), *(suggest_from or []), codebook, texts]
    check_output_dir(out, read)  # before the work, not after
    if suggest_out is not None:
        check_output_file(suggest_out, read)
    interpret(0.0, lang)
    try:
        cut = threshold if threshold == "auto" else float(threshold)
    except ValueError:
        raise ModelError(351, threshold=threshold) from None
    if suggest and not (suggest_from or corpus_input):
        raise ModelError(352)
    from qualkit.agree import read_human

    # every row of a training sheet is an example: rows without a code are negatives (coverage 'all')
    data = read_human(coding, **read_options(
        shape=shape, coder=coder, coder_column=coder_column, coding_id_column=coding_id_column, id_column=id_column,
        question=question, code=code, text_column=text_column, texts=texts, sheet=sheet, missing=missing,
        separator=separator, merge_duplicates=merge_duplicates, coverage="all"))
    options = ReadOptions(id_column=id_column, questions=question or None, encoding=encoding, delimiter=delimiter,
                          sheet=sheet)
    corpus = read_inputs(corpus_input, options) if corpus_input else None
    cb = None
    if codebook is not None:
        from qualkit.codebook import load_codebook

        cb = load_codebook(codebook)
    est = LearnedCoder(C=c, min_positives=min_positives, threshold=cut, random_state=seed)
    result = train(data, corpus, cb, unit=unit, coder=est, cv=cv, n_boot=boot,
                   language=language or (cb.language if cb else "nl"), random_state=seed)
    sheet_df = None
    if suggest:  # before anything is written: no model without its suggestions
        pool = read_inputs(suggest_from, options) if suggest_from else corpus
        done = set(data.units) | set(data.long["respondent"]) if not suggest_from else set()
        sheet_df = suggest_units(result.model, pool, suggest, exclude=done)
    save_model(result.model, out, inputs=read)
    render(result, lang, min_positives, data.notes)
    typer.echo(f"\nModel written to {out}/ (model.json, weights.npz, vocabulary.json"
               f"{', codebook.yaml' if cb else ''}, scores.csv). Code a new wave with it: "
               f"qualkit code NEW.csv --model {out} ...")
    if sheet_df is not None:
        target = suggest_out or out.with_name(out.name + "-suggestions.csv")
        write_bytes(target, sheet_df.to_csv(index=False).encode("utf-8-sig"), inputs=read)
        categorical = sorted({code for code, _ in result.model.categories.values()})
        fill = "1 where a code applies" + (f", the category in {', '.join(categorical)}" if categorical else "")
        typer.echo(f"Wrote {len(sheet_df)} suggestions to code next to {target} (fill in the code columns: "
                   f"{fill}; then learn again with both files).")


def render(result, lang: str, min_positives: int, notes: list = ()) -> None:
    """What was read, the per-code cross-validated scores (80 columns, readings from alpha's interval as
    in ``qualkit agree``), the do-not-use flags and the summary."""
    from qualkit.stats.agreement import OVERALL
    from qualkit.stats.reading import SHORT, interpret, verdict, words

    s, w, con = result.summary, words(lang), console()
    for key, fields in notes:
        if key in READ_NOTES:
            _wrap(con, w[key].format(**fields))
    several = s["human_alpha"] == s["human_alpha"]
    against = "each person" if several else "the coder"
    cols = [("code", "text"), ("n+", "num"), ("F1", "num"),
            ("alpha", "num"), ("95% CI", "num")]
    cols += [("people", "num"), ("95% CI", "num"), ("use", "num")] if several else [("use", "num")]
    _wrap(con, f"Learned coder vs the people: {s['cv']}-fold cross-validation on {s['n_units']} units")
    t = _table(None, cols + [("reading", "word")], max(len(v) for v in SHORT[lang].values()))
    for r in result.scores.itertuples():
        never = r.status == "rare"                                     # not learned, no rules: never coded
        row = [str(r.code), str(r.n_positive), "" if never else _r(r.f1),
               _alpha(r.alpha), _ci(r.alpha_low, r.alpha_high)]
        if several:
            row += [_alpha(r.human_alpha), _ci(r.human_alpha_low, r.human_alpha_high)]
        reading = (NOT_LEARNED[lang] if r.status in ("rules", "rare")
                   else SHORT[lang][verdict(r.alpha, r.alpha_low, r.alpha_high)])
        t.add_row(*row, r.use, reading)
    con.print(t)
    _wrap(con, "n+: units the people's consensus gave the code (a categorical code: units with a category); "
               "F1: against that consensus (precision and recall are in scores.csv); alpha: Krippendorff's alpha of the model "
               f"against {against}" + (", people: the people's alpha against each other" if several else "")
          + "; the reading uses alpha's 95% interval (reliable from .800, tentative from .667).")
    line = (f"micro-F1 {_num(s['micro_f1'])}, macro-F1 {_num(s['macro_f1'])} against the people's consensus; "
            f"alpha {_num(s['alpha'])} against {against} "
            f"({interpret(s['alpha'], lang, s.get('alpha_low'), s.get('alpha_high'))})")
    if several:
        line += (f"; the people's alpha against each other {_num(s['human_alpha'])} "
                 f"({interpret(s['human_alpha'], lang, s.get('human_alpha_low'), s.get('human_alpha_high'))})")
    rules = " and matching the codebook's rules" if result.model.codebook is not None else ""
    _wrap(con, line + f". Learned in {s['fit_seconds']:.1f} s (+ {s['cv_seconds']:.1f} s cross-validation; "
               f"{s['prepare_seconds']:.1f} s reading the codings and texts{rules}).")
    per = result.scores[result.scores["code"] != OVERALL]
    flagged = per[(per["use"] == "no") & (per["status"] == "model")]   # rules and rare codes: the line below
    if len(flagged):
        why = "agrees less with the people than they do with each other" if several else "alpha below .667"
        _wrap(con, f"Do not use automatically ({why}): " + ", ".join(flagged["code"].astype(str))
              + ". Check these codes by hand, or code more examples and learn again.")
    rare = per[per["status"].isin(["rules", "rare"])]
    if len(rare):
        by = {st: ", ".join(rare.loc[rare.status == st, "code"].astype(str)) for st in ("rules", "rare")}
        _wrap(con, f"Fewer than {min_positives} units with the code (or without it), not learned: "
              + "; ".join(f"{'coded by their rules' if st == 'rules' else 'never coded (code more examples)'}: {v}"
                          for st, v in by.items() if v))
    if s["n_units_without_text"]:
        _wrap(con, f"{s['n_units_without_text']} coded units had no text and were left out.")


def _ci(low: float, high: float) -> str:
    return "" if low != low else f"{_alpha(low)}–{_alpha(high)}"
