"""``qualkit learn``: train a coder from human coding, report its reliability, suggest what to code next."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from qualkit.cli import app
from qualkit.cli._common import cli_errors, console
from qualkit.cli.agree import (
    CODE, CODER, CODER_COLUMN, CODING, CODING_ID, DELIMITER, ENCODING, ID_COLUMN, MERGE, QUESTION, SHAPE, SHEET,
    TEXT_COLUMN, TEXTS, UNIT, _num, read_options,
)


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
    merge_duplicates: bool = MERGE,
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
        question=question, code=code, text_column=text_column, texts=texts, sheet=sheet, coverage="all",
        merge_duplicates=merge_duplicates))
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
    render(result, lang, min_positives)
    typer.echo(f"\nModel written to {out}/ (model.json, weights.npz, vocabulary.json"
               f"{', codebook.yaml' if cb else ''}, scores.csv). Code a new wave with it: "
               f"qualkit code NEW.csv --model {out} ...")
    if sheet_df is not None:
        target = suggest_out or out.with_name(out.name + "-suggestions.csv")
        write_bytes(target, sheet_df.to_csv(index=False).encode("utf-8-sig"), inputs=read)
        typer.echo(f"Wrote {len(sheet_df)} suggestions to code next to {target} (fill in the code columns with "
                   "1, then learn again with both files).")


def render(result, lang: str, min_positives: int) -> None:
    """Per-code cross-validated scores, the do-not-use flags and the summary."""
    from qualkit.stats import interpret
    from qualkit.stats.agreement import OVERALL

    s = result.summary
    several = s["human_alpha"] == s["human_alpha"]
    against = "each person" if several else "the coder"
    t = Table(title=f"Learned coder vs the people's coding: {s['cv']}-fold cross-validation on {s['n_units']} units")
    cols = ["code", "status", "n+", "precision", "recall", "F1", f"alpha vs {against}", "95% CI"]
    cols += ["people's alpha", "95% CI ", "use"] if several else ["use"]
    for col in cols + ["reading"]:
        t.add_column(col, justify="left" if col in ("code", "status", "reading", "use") else "right",
                     overflow="fold", max_width=48 if col == "code" else None)
    for r in result.scores.itertuples():
        row = [str(r.code), r.status, str(r.n_positive), _num(r.precision), _num(r.recall), _num(r.f1),
               _num(r.alpha), _ci(r.alpha_low, r.alpha_high)]
        if several:
            row += [_num(r.human_alpha), _ci(r.human_alpha_low, r.human_alpha_high)]
        t.add_row(*row, r.use, interpret(r.alpha, lang))
    console().print(t)
    line = (f"micro-F1 {_num(s['micro_f1'])}, macro-F1 {_num(s['macro_f1'])} against the people's consensus; "
            f"alpha {_num(s['alpha'])} against {against} ({interpret(s['alpha'], lang)})")
    if several:
        line += f"; the people's alpha against each other {_num(s['human_alpha'])} ({interpret(s['human_alpha'], lang)})"
    typer.echo(line + f". Learned in {s['fit_seconds']:.1f} s (+ {s['cv_seconds']:.1f} s cross-validation).")
    per = result.scores[result.scores["code"] != OVERALL]
    flagged = per[(per["use"] == "no") & (per["status"] != "rare")]
    if len(flagged):
        why = "agrees less with the people than they do with each other" if several else "alpha below .667"
        typer.echo(f"Do not use automatically ({why}): " + ", ".join(flagged["code"].astype(str))
                   + ". Check these codes by hand, or code more examples and learn again.")
    unlearned = per["status"].isin(["rules", "rare"])
    everywhere = per[unlearned & (per["n_positive"] >= min_positives)]   # too few units WITHOUT the code
    if len(everywhere):
        typer.echo(f"Fewer than {min_positives} units without the code, so nothing to tell apart (not learned, "
                   "never coded): " + ", ".join(everywhere["code"].astype(str)))
    rare = per[unlearned & (per["n_positive"] < min_positives)]
    if len(rare):
        by = {st: ", ".join(rare.loc[rare.status == st, "code"].astype(str)) for st in ("rules", "rare")}
        typer.echo(f"Fewer than {min_positives} coded units, not learned: "
                   + "; ".join(f"{'coded by their rules' if st == 'rules' else 'never coded (code more examples)'}: {v}"
                               for st, v in by.items() if v))
    if s["n_units_without_text"]:
        typer.echo(f"{s['n_units_without_text']} coded units had no text and were left out.")


def _ci(low: float, high: float) -> str:
    return "" if low != low else f"{low:.3f}–{high:.3f}"
