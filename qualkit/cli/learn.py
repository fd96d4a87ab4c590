"""``qualkit learn``: train a coder from human coding, report its reliability, suggest what to code next."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from qualkit.cli import app
from qualkit.cli._common import cli_errors
from qualkit.cli.agree import (
    CODE, CODER, CODER_COLUMN, CODING, CODING_ID, DELIMITER, ENCODING, ID_COLUMN, QUESTION, SHAPE, SHEET,
    TEXT_COLUMN, TEXTS, UNIT, _num, read_codings,
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
    c: float = typer.Option(4.0, "--c", help="Inverse regularisation strength of the logistic regressions."),
    threshold: str = typer.Option("0.5", "--threshold", help="Probability cut-off, or 'auto' (tuned per code by inner cross-validation)."),
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
    from qualkit.coding.learned import LearnedCoder, suggest as suggest_units
    from qualkit.coding.learned_store import save_model
    from qualkit.coding.learned_train import train
    from qualkit.errors import ModelError
    from qualkit.io import write_bytes
    from qualkit.nlp import load_pipeline
    from qualkit.stats import interpret
    from qualkit.ingest import ReadOptions, read_inputs

    interpret(0.0, lang)
    try:
        cut = threshold if threshold == "auto" else float(threshold)
    except ValueError:
        raise ModelError(351, f"--threshold {threshold!r}: use 'auto' or a number between 0 and 1.") from None
    if suggest and not (suggest_from or corpus_input):
        raise ModelError(352, "--suggest picks uncoded answers from a survey: give --corpus-input or --suggest-from.")
    data = read_codings(coding, shape=shape, coders=coder, coder_column=coder_column,
                        coding_id_column=coding_id_column, id_column=id_column, question=question, codes=code,
                        text_column=text_column, texts=texts, sheet=sheet)
    read = ReadOptions(id_column=id_column, questions=question or None, encoding=encoding, delimiter=delimiter,
                       sheet=sheet)
    corpus = read_inputs(corpus_input, read) if corpus_input else None
    cb = None
    if codebook is not None:
        from qualkit.codebook import load_codebook

        cb = load_codebook(codebook)
    pipeline = load_pipeline(language or (cb.language if cb else "nl"))
    est = LearnedCoder(C=c, min_positives=min_positives, threshold=cut, random_state=seed)
    result = train(data, corpus, cb, pipeline, unit=unit, coder=est, cv=cv, n_boot=boot, random_state=seed)
    sheet_df = None
    if suggest:  # before anything is written: no model without its suggestions
        pool = read_inputs(suggest_from, read) if suggest_from else corpus
        done = set(data.units) | set(data.long["respondent"]) if not suggest_from else set()
        sheet_df = suggest_units(result.model, pool, suggest, exclude=done, pipeline=pipeline)
    save_model(result.model, out)
    render(result, lang, min_positives)
    typer.echo(f"\nModel written to {out}/ (model.json, weights.npz, vocabulary.json"
               f"{', codebook.yaml' if cb else ''}, scores.csv). Code a new wave with it: "
               f"qualkit code NEW.csv --model {out} ...")
    if sheet_df is not None:
        target = suggest_out or out.with_name(out.name + "-suggestions.csv")
        write_bytes(target, sheet_df.to_csv(index=False).encode("utf-8-sig"))
        typer.echo(f"Wrote {len(sheet_df)} suggestions to code next to {target} (fill in the code columns with "
                   "1, then learn again with both files).")


def render(result, lang: str, min_positives: int) -> None:
    """Per-code cross-validated scores and the summary."""
    from qualkit.stats import interpret
    from qualkit.stats.agreement import OVERALL

    s = result.summary
    t = Table(title=f"Learned coder vs the people's coding: {s['cv']}-fold cross-validation on {s['n_units']} units")
    for col in ("code", "status", "n+", "precision", "recall", "F1", "kappa", "alpha", "95% CI", "people's alpha", "reading"):
        t.add_column(col, justify="left" if col in ("code", "status", "reading") else "right", overflow="fold",
                     max_width=48 if col == "code" else None)
    for r in result.scores.itertuples():
        ci = "" if r.alpha_low != r.alpha_low else f"{r.alpha_low:.3f}–{r.alpha_high:.3f}"
        t.add_row(str(r.code), r.status, str(r.n_positive), _num(r.precision), _num(r.recall), _num(r.f1),
                  _num(r.kappa), _num(r.alpha), ci, _num(r.human_alpha), interpret(r.alpha, lang))
    Console().print(t)
    line = (f"micro-F1 {_num(s['micro_f1'])}, macro-F1 {_num(s['macro_f1'])}, alpha {_num(s['alpha'])} "
            f"({interpret(s['alpha'], lang)})")
    if s["human_alpha"] == s["human_alpha"]:
        line += f"; the people's own alpha {_num(s['human_alpha'])} ({interpret(s['human_alpha'], lang)})"
    typer.echo(line + f". Trained in {s['seconds']:.1f} s.")
    rare = result.scores[result.scores["status"].isin(["rules", "rare"]) & (result.scores["code"] != OVERALL)]
    if len(rare):
        by = {st: ", ".join(rare.loc[rare.status == st, "code"].astype(str)) for st in ("rules", "rare")}
        typer.echo(f"Fewer than {min_positives} coded units, not learned: "
                   + "; ".join(f"{'coded by their rules' if st == 'rules' else 'never coded (code more examples)'}: {v}"
                               for st, v in by.items() if v))
    if s["n_units_without_text"]:
        typer.echo(f"{s['n_units_without_text']} coded units had no text and were left out.")
