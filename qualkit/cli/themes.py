"""``qualkit themes``: what people say that the codebook does not cover yet."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table

from qualkit.cli import app
from qualkit.cli._common import cli_errors, console, shown
from qualkit.cli.code import (CODE_INTERVIEWER, DELIMITER, ENCODING, ID_COLUMN, INPUTS, MODEL, QUESTION, SHEET, SPEAKER,
                              read_options)

STEP_NAMES = {"language": "languages", "lemmas": "lemmas", "embeddings": "embeddings", "themes": "themes",
              "labels": "labels and stubs"}


@app.command()
@cli_errors
def themes(
    inputs: list[Path] = INPUTS,
    codebook: Optional[Path] = typer.Option(None, "--codebook", "-c", help="Codebook: themes are then sought in what it leaves uncoded."),
    mode: str = typer.Option("leftovers", "--mode", help="leftovers (uncoded segments), all, or guided (codes' terms seed the themes)."),
    out: Path = typer.Option(Path("themes-out"), "--out", "-o", help="Output folder (replaced as a whole)."),
    min_topic_size: Optional[int] = typer.Option(None, "--min-topic-size", help="Smallest theme, in segments (default: 1% of the segments, at least 10)."),
    nr_topics: Optional[int] = typer.Option(None, "--nr-topics", help="Merge the themes found until this many are left (default: as many as the data has)."),
    embedding: str = typer.Option("use", "--embedding", help="Offline embeddings: use (multilingual, fast; default), e5 (best themes, ~16x slower: ~330 ms CPU per 1,200-char turn), minilm (English), tfidf (no model)."),
    embedding_model: Optional[str] = typer.Option(None, "--embedding-model", help="Instead of --embedding: a sentence-transformers model on this computer (folder or package name)."),
    stop_word: Optional[list[str]] = typer.Option(None, "--stop-word", help="A word never to use in labels or stubs (repeat the option for more)."),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Keep embeddings per text between runs (vectors only, under ~/.cache/qualkit or $QUALKIT_CACHE_DIR)."),
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
    from qualkit.ingest import read_inputs
    from qualkit.topics.suggest import ThemeSuggester

    ThemeSuggester(mode=mode, min_topic_size=min_topic_size, nr_topics=nr_topics,
                   embedding=embedding, embedding_model=embedding_model, random_state=seed,
                   stop_words=stop_word or ()).validate(codebook is not None)
    from qualkit.topics import suggest_themes
    from qualkit.topics.output import carries_codes
    from qualkit.workflow import code_inputs

    from qualkit.io import check_output_dir

    check_output_dir(out, [*inputs, codebook])  # before the work, not after
    read = read_options(id_column, question, encoding, delimiter, sheet, speaker_pattern,
                        code_interviewer=code_interviewer)
    if codebook is not None:
        result = code_inputs(inputs, codebook, read, model=model)
        corpus, codings, cb = result.corpus, result.codings, result.codebook
    else:
        corpus, codings, cb = read_inputs(inputs, read), None, None
    with Progress(TextColumn("{task.description:<16}", markup=False), BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                  transient=True, console=console(stderr=True)) as bar:
        tasks: dict[str, int] = {}

        def progress(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(STEP_NAMES.get(step, step), total=total or None)
            bar.update(tasks[step], completed=done, total=total or None)

        ts = suggest_themes(corpus, codings, cb, out=out, mode=mode, min_topic_size=min_topic_size,
                            nr_topics=nr_topics, embedding=embedding, embedding_model=embedding_model,
                            random_state=seed, spacy_model=model, stop_words=stop_word or (), cache=cache,
                            progress=progress, inputs=[*inputs, codebook])
    s = ts.summary_
    coded = carries_codes(ts)
    what = {"leftovers": "in what the codebook left uncoded", "all": "in all segments", "guided": "seeded by the codes"}
    title = f"{len(ts.themes_)} themes " + (what[ts.mode_] if codebook is not None else "(no codebook)")
    typer.echo(title + ("; 'new': mostly outside the codebook." if coded else "."))  # a line of its own: never wrapped
    t = Table()
    cols = [("id", "right"), ("label", "left"), ("size", "right")] + ([("new", "left"), ("codes carried", "left")]
                                                                       if coded else [])
    for col, just in cols:
        t.add_column(col, justify=just)
    for th in ts.themes_:
        codes = ", ".join(f"{c} {sh:.0%}" for c, sh in list(th.codes.items())[:3]) if th.codes else ""
        row = [str(th.id), shown(th.label), str(th.size)]
        t.add_row(*row, *(["new" if th.new else "", shown(codes)] if coded else []))
    console().print(t)
    why = (f": not close enough to any theme; {s['reassigned']:,} of the {s['outliers_found']:,} that HDBSCAN "
           "left out were close enough to join one" if s["outliers_found"] else "")
    typer.echo(f"{s['analysed']:,} of {s['segments']:,} segments analysed; {s['assigned']:,} in a theme, "
               f"{s['unassigned']:,} unassigned ({s['unassigned'] / max(s['analysed'], 1):.0%}{why}).")
    if s["other_language"]:
        typer.echo("Set apart as another language (not a theme): "
                   + ", ".join(f"{n:,} {shown(lang)}" for lang, n in s["other_language"].items()) + ".")
    if s["no_words"]:
        typer.echo(f"Without content words (not a theme): {s['no_words']:,}.")
    if ts.mode_ == "guided":
        typer.echo(f"Guided: {s['guided']:,} segments use a code's terms and were moved towards them.")
    typer.echo(f"Wrote {shown(out)}/: " + ", ".join(shown(Path(p).name) for p in ts.output_paths_))
