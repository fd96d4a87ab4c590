"""``qualkit init``, ``qualkit run`` and ``qualkit waves``: projects and survey waves."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from qualkit.cli import app
from qualkit.cli._common import cli_errors, console
from qualkit.cli.progress import ProgressBar

PROJECT = typer.Argument(None, help="Project file, or a folder with qualkit.yaml (default: ./qualkit.yaml).")


@app.command()
@cli_errors
def init(
    path: Optional[Path] = typer.Argument(None, help="File or folder to write qualkit.yaml to (default: ./qualkit.yaml)."),
    demo: bool = typer.Option(False, "--demo", help="Point it at the demo survey (corpora/ocmw-werkdruk-2026/2027.csv)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write a commented starter project file (waves, questions, codebook, outputs)."""
    from qualkit.project.starter import demo_missing, write_starter

    written = write_starter(path, demo=demo, force=force)
    typer.echo(f"Wrote {written}. Edit it, then run: qualkit run {written}")
    missing = demo_missing() if demo else []
    if missing:
        typer.echo(f"Note: {', '.join(missing)} not found here; run 'python corpora/make_demo.py' in a qualkit "
                   "checkout, or run 'qualkit init --demo' from its root.", err=True)


@app.command()
@cli_errors
def run(
    project: Optional[Path] = PROJECT,
    engine: Optional[str] = typer.Option(None, "--engine", "-e", help="local (all tables, the matrix and "
                                         "segments too), stream (counts only, codings as Parquet: memory stays flat) or "
                                         "dask (as stream, coded on a Dask cluster). Default: the file's."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 "
                                            "(default: a local cluster)."),
    processes: Optional[int] = typer.Option(None, "--processes", "-p", min=1, help="Worker processes (local pool or "
                                            "local Dask workers)."),
    chunksize: Optional[int] = typer.Option(None, "--chunksize", min=100, help="Rows per chunk when streaming."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Recode everything (the cache is left as it is)."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar and no tables; just the summary."),
    allow_outside: bool = typer.Option(False, "--allow-outside", help="Let the project file put its outputs folder "
                                       "outside the project folder (refused otherwise)."),
) -> None:
    """Run a project: code each wave (only what changed), write its tables, compare the waves, write a manifest."""
    from qualkit.project import run_project

    out = console()
    with ProgressBar(quiet) as callback:
        result = run_project(project, engine=engine, processes=processes, scheduler=scheduler,
                             chunksize=chunksize, cache=not no_cache, progress=callback,
                             allow_outside=allow_outside)
    p = result.project
    if not quiet:
        from qualkit.cli.tables import render_comparison, render_tables

        if result.comparison is not None:
            render_comparison(result.comparison, out)
        else:
            for wr in result.waves.values():
                render_tables(wr.tables, out)
    for name, wr in result.waves.items():
        s = wr.stats
        what = "turns" if getattr(wr.tables, "interviews", None) is not None else "answers"   # transcripts: turns
        repeats = f", {s.repeats:,} the same as an earlier {what[:-1]} (coded once)" if s.repeats else ""
        typer.echo(f"wave {name}: {s.segments:,} {what} ({s.recoded:,} coded, {s.hits:,} from the cache{repeats}), "
                   f"{wr.record.get('codings', 0):,} codings, codebook {wr.codebook.name} {wr.codebook.version} "
                   f"-> {p.rel(wr.out_dir)}/")
    typer.echo(f"Manifest: {p.rel(p.outputs / 'manifest.json')} ({len(result.files)} files written)")


@app.command()
@cli_errors
def waves(
    project: Optional[Path] = PROJECT,
    check: bool = typer.Option(False, "--check", help="Re-hash inputs and tables against the last manifest."),
) -> None:
    """List the project's waves with their status since the last run, and the last wave comparison."""
    from qualkit.project import load_project, verify_outputs
    from qualkit.project.status import last_comparison, wave_status

    p = load_project(project)
    out = console()
    from qualkit.cli.tables import waves_table

    for part in waves_table(f"{p.name}: {len(p.waves)} wave(s), outputs in {p.rel(p.outputs)}/", wave_status(p),
                            out.width):
        out.print(part)
    if check:
        n = verify_outputs(p)
        typer.echo(f"Every input and table matches the last manifest ({n} files).")
    df = last_comparison(p)
    if df is not None and len(df):
        from qualkit.cli.tables import render_comparison

        render_comparison(df, out)
