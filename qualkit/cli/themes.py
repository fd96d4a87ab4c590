"""``qualkit themes``: what people say that the codebook does not cover yet."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table

from qualkit.cli import app
from qualkit.cli._common import cli_errors, console
from qualkit.cli.code import CODE_INTERVIEWER, DELIMITER, ENCODING, ID_COLUMN, INPUTS, MODEL, QUESTION, SHEET, SPEAKER


@app.command()
@cli_errors
def themes(
    inputs: list[Path] = INPUTS,
    codebook: Optional[Path] = typer.Option(None, "--codebook", "-c", help="Codebook: themes are then sought in what it leaves uncoded."),
    mode: str = typer.Option("leftovers", "--mode", help="leftovers (uncoded segments), all, or guided (codes' terms seed the themes)."),
    out: Path = typer.Option(Path("themes-out"), "--out", "-o", help="Output folder (replaced as a whole)."),
    min_topic_size: int = typer.Option(10, "--min-topic-size", help="Smallest theme, in segments."),
    nr_topics: Optional[int] = typer.Option(None, "--nr-topics", help="Number of themes (default: chosen from the data, at most 50)."),
    embedding_model: Optional[str] = typer.Option(None, "--embedding-model", help="A sentence-transformers model available locally (folder or package name); default: offline TF-IDF + SVD on lemmas."),
    seed: int = typer.Option(42, "--seed", help="Random seed: the same input and seed give the same themes."),
    id_column: Optional[str] = ID_COLUMN,
    question: Optional[list[str]] = QUESTION,
    model: Optional[str] = MODEL,
    encoding: Optional[str] = ENCODING,
    delimiter: Optional[str] = DELIMITER,
    sheet: Optional[str] = SHEET,
    speaker_pattern: Optional[str] = SPEAKER,
    code_interviewer: bool = CODE_INTERVIEWER,
) -> None:
    """Suggest themes with BERTopic: labels, keywords, quotes and YAML code stubs to review."""
    from qualkit.topics import suggest_themes
    from qualkit.workflow import code_inputs, read_inputs

    from qualkit.io import check_output_dir

    check_output_dir(out, [*inputs, codebook])  # before the work, not after
    read = dict(id_column=id_column, questions=question, encoding=encoding, delimiter=delimiter, sheet=sheet,
                speaker_pattern=speaker_pattern, code_interviewer=code_interviewer)
    if codebook is not None:
        result = code_inputs(inputs, codebook, model=model, **read)
        corpus, codings, cb = result.corpus, result.codings, result.codebook
    else:
        corpus, codings, cb = read_inputs(inputs, **read), None, None
    with Progress(TextColumn("themes"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                  transient=True, console=console(stderr=True)) as bar:
        task = bar.add_task("assign", total=None)
        ts = suggest_themes(corpus, codings, cb, out=out, mode=mode, min_topic_size=min_topic_size,
                            nr_topics=nr_topics, embedding_model=embedding_model, random_state=seed,
                            spacy_model=model, progress=lambda done, total: bar.update(task, completed=done, total=total),
                            inputs=[*inputs, codebook])
    t = Table(title=f"{len(ts.themes_)} themes ({ts.mode_}); 'new' = mostly outside the codebook")
    for col, just in (("id", "right"), ("label", "left"), ("size", "right"), ("new", "left"), ("codes carried", "left")):
        t.add_column(col, justify=just)
    for th in ts.themes_:
        codes = ", ".join(f"{c} {s:.0%}" for c, s in list(th.codes.items())[:3]) if th.codes else ""
        t.add_row(str(th.id), th.label, str(th.size), "new" if th.new else "", codes)
    console().print(t)
    typer.echo(f"Wrote {out}/: " + ", ".join(Path(p).name for p in ts.output_paths_))
