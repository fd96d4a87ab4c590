"""``qualkit init``, ``qualkit run`` and ``qualkit waves``: projects and survey waves."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from qualkit.cli import app
from qualkit.cli._common import cli_errors, console

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
    engine: Optional[str] = typer.Option(None, "--engine", "-e", help="local (in memory, all tables), stream "
                                         "(constant memory, CSV) or dask (coding on a Dask cluster). Default: the file's."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 "
                                            "(default: a local cluster)."),
    processes: Optional[int] = typer.Option(None, "--processes", "-p", min=1, help="Worker processes (local pool or "
                                            "local Dask workers)."),
    chunksize: Optional[int] = typer.Option(None, "--chunksize", min=100, help="Rows per chunk when streaming."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Recode everything (the cache is left as it is)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no tables; just the summary."),
    allow_outside: bool = typer.Option(False, "--allow-outside", help="Let the project file put its outputs folder "
                                       "outside the project folder (refused otherwise)."),
) -> None:
    """Run a project: code each wave (only what changed), write its tables, compare the waves, write a manifest."""
    from qualkit.project import run_project

    out = console()
    with _progress(quiet) as callback:
        result = run_project(project, engine=engine, processes=processes, scheduler=scheduler,
                             chunksize=chunksize, cache=not no_cache, progress=callback,
                             allow_outside=allow_outside)
    p = result.project
    if not quiet:
        if result.comparison is not None:
            render_comparison(result.comparison, out)
        else:
            from qualkit.cli.code import render_tables

            for wr in result.waves.values():
                render_tables(wr.tables)
    for name, wr in result.waves.items():
        s = wr.stats
        repeats = f", {s.repeats:,} repeated" if s.repeats else ""
        typer.echo(f"wave {name}: {s.segments:,} answers ({s.recoded:,} coded, {s.hits:,} from the cache{repeats}), "
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
    from qualkit.errors import ProjectError
    from qualkit.project import check_manifest, load_project, read_manifest
    from qualkit.project.status import last_comparison, wave_status

    p = load_project(project)
    out = console()
    t = Table(title=f"{p.name}: {len(p.waves)} wave(s), outputs in {p.rel(p.outputs)}/")
    for col in ("wave", "inputs", "codebook", "last run", "status"):
        t.add_column(col)
    for r in wave_status(p):
        when = (r["last_run"] or "")[:16].replace("T", " ")
        t.add_row(r["wave"], ", ".join(r["inputs"]), r["codebook"], when, r["status"])
    out.print(t)
    if check:
        manifest = read_manifest(p.outputs / "manifest.json")
        if manifest is None:
            raise ProjectError(721, f"{p.rel(p.outputs)}/manifest.json: no manifest yet. Run 'qualkit run' first.")
        problems = check_manifest(manifest, p.root)
        for msg in problems:
            typer.echo(f"  CHANGED {msg}")
        if problems:
            raise ProjectError(724, f"{len(problems)} file(s) differ from the last manifest. Rerun 'qualkit run' "
                               "to bring the tables up to date.")
        typer.echo("Every input and table matches the last manifest.")
    df = last_comparison(p)
    if df is not None and len(df):
        render_comparison(df, out)


def render_comparison(df, out) -> None:
    """One table per question and wave pair: shares, difference, Holm-adjusted test."""
    for (q, a, b), part in df.groupby(["question", "wave_from", "wave_to"], sort=False):
        t = Table(title=f"{q}: % of respondents who answered, {a} -> {b}",
                  caption="% (95% CI); p: z or Fisher (F) test, Holm-adjusted over the codes")
        for col, just in (("code", "left"), (f"{a}", "right"), (f"{b}", "right"), ("change pp", "right"),
                          ("p / note", "left")):
            t.add_column(col, justify=just, no_wrap=True)
        for r in part.itertuples():
            indent = "  " if isinstance(r.parent, str) and r.parent else ""
            t.add_row(indent + str(r.code), _share(r.pct_from, r.ci_low_from, r.ci_high_from),
                      _share(r.pct_to, r.ci_low_to, r.ci_high_to), _diff(r), _p(r) or str(r.note or ""))
        out.print(t)


def _share(pct, low, high) -> str:
    return "" if pct != pct else f"{pct:.1f} ({low:.0f}–{high:.0f})"


def _diff(r) -> str:
    return "" if r.diff_pp != r.diff_pp else f"{r.diff_pp:+.1f}"


def _p(r) -> str:
    p = r.p_holm
    if p != p:
        return ""
    stars = "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""
    return ("<.001" if p < 0.001 else f"{p:.3f}") + stars + (" F" if r.test == "fisher" else "")


class _progress:
    """A rich progress bar on stderr, fed by the library's ProgressEvents; it
    appears with the first event and is removed at the end."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = None
        self.tasks: dict = {}

    def __enter__(self):
        return None if self.quiet else self.update

    def update(self, e) -> None:
        if self.bar is None:
            from rich.progress import BarColumn, Progress, TextColumn

            self.bar = Progress(TextColumn("{task.description}", markup=False), BarColumn(), TextColumn("{task.fields[info]}", markup=False),
                                console=console(stderr=True), transient=True)
            self.bar.start()
        key = (e.wave, e.stage)
        if key not in self.tasks:
            self.tasks[key] = self.bar.add_task(f"{e.wave or ''} {e.stage}".strip(), total=e.total, info="")
        scale, unit = (1 / 2**20, "MiB") if e.unit == "bytes" else (1, e.unit)
        eta = "" if e.eta is None else f", ETA {int(e.eta // 60)}:{int(e.eta % 60):02d}"
        info = f"{e.done * scale:,.0f}/{(e.total or 0) * scale:,.0f} {unit}, {e.rate * scale:,.0f} {unit}/s{eta}"
        self.bar.update(self.tasks[key], completed=e.done, total=e.total, info=info)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
