"""Running a project: every wave read, coded (incrementally), tabulated and
written, then the waves compared and a manifest written.

Outputs (under the project's ``outputs`` folder)::

    <wave>/        frequencies.csv, crosstab_<var>.csv, matrix.csv, segments.csv,
                   qualkit.xlsx, run.json, manifest.json (engines stream and dask:
                   codings/part-*.parquet instead of matrix and segments)
    comparison/    comparison.csv, new_codes.csv, comparison.xlsx
    manifest.json  hashes of inputs, codebooks and tables; software; settings; date
    .cache/        the coding cache (delete it to recode everything)

The whole folder is published in one step (:func:`qualkit.io.output_dir`): it is
built beside the previous one and swapped in when every wave, the comparison and
the manifest are written, so after a failure or a kill the previous complete set
is what is on disk. The cache moves along with it.

>>> run = run_project("qualkit.yaml")                         # doctest: +SKIP
>>> run.comparison.query("significant")[["question", "code", "diff_pp", "p_holm"]]  # doctest: +SKIP
>>> run.stats.recoded                                         # doctest: +SKIP
0
"""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.errors import OutputError, ProjectError, QualkitError
from qualkit.io import output_dir
from qualkit.project import manifest as mf
from qualkit.project.cache import CACHE_FILE, CodingCache
from qualkit.project.config import ENGINES, Project, WaveSpec, load_project
from qualkit.project.waves import in_wave, read_wave_chunks
from qualkit.report.files import hashes, write_frames, write_tables
from qualkit.scale.cache import CacheStats
from qualkit.scale.progress import Position, ProgressCallback

log = logging.getLogger("qualkit")
COMPARISON = "comparison"


@dataclass
class WaveRun:
    """One wave's results: its codebook, tables (:class:`qualkit.report.Tables`),
    cache statistics, manifest record and the files written under ``out_dir``."""

    name: str
    codebook: Codebook
    tables: object
    stats: CacheStats
    record: dict
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    result: object = None
    """The :class:`~qualkit.coding.CodingResult` (local engine only; None when streamed)."""


@dataclass
class ProjectRun:
    """A whole run: per wave results, the comparison (None with one wave),
    the manifest written, and warnings (such as a codebook changed between waves)."""

    project: Project
    waves: dict[str, WaveRun]
    comparison: pd.DataFrame | None
    manifest: dict
    warnings: list[str]
    files: list[Path]

    @property
    def stats(self) -> CacheStats:
        total = CacheStats()
        for w in self.waves.values():
            total.add(w.stats)
        return total


def run_project(project: Project | str | Path | None = None, *, engine: str | None = None,
                processes: int | None = None, scheduler: str | None = None, chunksize: int | None = None,
                cache: bool = True, progress: ProgressCallback | None = None,
                allow_outside: bool = False) -> ProjectRun:
    """Run ``project`` (a :class:`Project` or the path of its file, default
    ``./qualkit.yaml``). ``engine`` (``local``, ``stream`` or ``dask``),
    ``processes``, ``scheduler`` and ``chunksize`` override the file's ``scale``
    settings. ``cache=False`` recodes everything (and leaves the cache alone).
    The outputs folder must lie inside the project folder unless ``allow_outside``.
    A full disk or any other file-system or cache failure is a QK9xx error.
    """
    p = project if isinstance(project, Project) else load_project(project)
    settings = _settings(p, engine, processes, scheduler, chunksize, cache)
    out = p.outputs
    if not allow_outside and p.root.resolve() not in out.resolve().parents:
        raise ProjectError(725, path=p.rel(p.path), outputs=p.rel(out))
    try:
        return _run(p, settings, cache, progress)
    except sqlite3.Error as e:
        raise OutputError(910, path=p.rel(out / ".cache" / CACHE_FILE), reason=str(e).split(":")[0]) from None
    except OSError as e:
        if isinstance(e, QualkitError):
            raise
        raise OutputError(901, path=p.rel(out), reason=e.strerror or e.__class__.__name__) from None


def _run(p: Project, settings: dict, cache: bool, progress: ProgressCallback | None) -> ProjectRun:
    out = p.outputs
    previous = mf.read_manifest(out / mf.MANIFEST)
    guarded = [p.path, p.codebook, p.model, *(f for w in p.waves for f in (*w.inputs, w.codebook, w.validate))]
    waves: dict[str, WaveRun] = {}
    with output_dir(out, inputs=guarded, command="run", option="'outputs' in the project file",
                    carry=[".cache"]) as stage:
        store = CodingCache(stage / ".cache" / CACHE_FILE, shown=p.rel(out / ".cache" / CACHE_FILE)) if cache else None
        try:
            for w in p.waves:
                waves[w.name] = _run_wave(p, w, settings, store, progress, stage)
        finally:
            if store is not None:
                store.close()
        records = {name: wr.record for name, wr in waves.items()}
        changes = mf.codebook_changes(records)
        since = mf.changes_since(previous, records)
        warnings = [c["message"] for c in changes] + [c["message"] for c in since]
        comparison, files, cmp_hashes = None, [f for wr in waves.values() for f in wr.files], {}
        if len(waves) >= 2:
            comparison, names, cmp_hashes = _write_comparison(p, waves, stage / COMPARISON)
            files += [out / COMPARISON / n for n in names]
        manifest = {
            "manifest_version": mf.MANIFEST_VERSION, "date": mf.now(),
            "project": {"name": p.name, "path": p.rel(p.path), "sha256": p.sha256},
            "outputs": p.rel(out), "seed": p.seed, "settings": settings, "software": mf.software(),
            "model": _model_record(p),
            "waves": records, "codebook_changes": changes, "changed_since_last_run": since,
            "comparison": {"tables": cmp_hashes} if comparison is not None else None,
            "warnings": warnings,
        }
        (stage / mf.MANIFEST).write_text(mf.dumps(manifest), encoding="utf-8")
        files.append(out / mf.MANIFEST)
    for msg in warnings:
        log.warning("%s", msg)
    return ProjectRun(project=p, waves=waves, comparison=comparison, manifest=manifest, warnings=warnings,
                      files=files)


def _settings(p: Project, engine, processes, scheduler, chunksize, cache) -> dict:
    s = p.scale
    engine = engine or s.engine
    if engine not in ENGINES:
        raise ProjectError(736, engine=engine, engines=', '.join(ENGINES))
    scheduler = scheduler if scheduler is not None else s.scheduler
    if scheduler and engine != "dask":
        raise ProjectError(714)
    processes = processes or s.processes
    chunksize = chunksize or s.chunksize
    if processes < 1 or chunksize < 100:
        raise ProjectError(735)
    if p.model is not None and engine != "local":
        raise ProjectError(737, model=p.rel(p.model))
    return {"engine": engine, "processes": processes, "scheduler": scheduler, "chunksize": chunksize,
            "cache": cache, "pipeline": p.pipeline, "questions": p.questions, "breakdowns": p.breakdowns,
            **({"skip_speakers": p.skip_speakers} if p.skip_speakers else {})}


def _run_wave(p: Project, w: WaveSpec, settings: dict, store: CodingCache | None,
              progress: ProgressCallback | None, staging: Path) -> WaveRun:
    from qualkit.codebook import load_codebook

    cb_path = p.codebook_for(w)
    try:
        cb = load_codebook(cb_path)
    except QualkitError as e:
        raise in_wave(e, w.name) from None
    cb.path = p.rel(cb_path)
    inputs = [{"path": p.rel(f), "sha256": mf.file_sha256(f), "bytes": f.stat().st_size} for f in w.inputs]
    record = {"inputs": inputs, "codebook": mf.codebook_record(cb, cb.path), "pipeline": None}
    target = p.outputs / w.name
    stage = staging / w.name
    stage.mkdir()
    tables, stats, extra, result = _code(p, w, cb, settings, store, progress, stage, record)
    names = write_tables(tables, stage, xlsx=p.xlsx, segments=p.segments)
    if w.validate is not None and result is not None:   # shares corrected for coder error (local engine)
        from qualkit.agree import read_human, validate_coding

        human = read_human(w.validate, id_fallback=w.id_column, question=(w.questions or p.questions)[0]
                           if len(w.questions or p.questions) == 1 else None)
        validate_coding(result, human, random_state=p.seed).to_csv(stage / "prevalence.csv", index=False)
        names.append("prevalence.csv")
    parts = extra.pop("parts", [])
    record.update(segments=stats.segments, recoded=stats.recoded, cache_hits=stats.hits,
                  repeats=stats.repeats, **extra)
    record["tables"] = hashes(stage, names + parts)
    wave_manifest = {"manifest_version": mf.MANIFEST_VERSION, "date": mf.now(), "wave": w.name,
                     "project": p.rel(p.path), "software": mf.software(), "settings": settings, **record}
    (stage / mf.MANIFEST).write_text(mf.dumps(wave_manifest), encoding="utf-8")
    names.append(mf.MANIFEST)
    return WaveRun(name=w.name, codebook=cb, tables=tables, stats=stats, record=record, out_dir=target,
                   files=[target / n for n in names], result=result)


def _code(p, w, cb, settings, store, progress, stage, record):
    """The wave through the one engine (:func:`qualkit.scale.code_chunks`): read in
    chunks, coded (only what the cache does not hold), counted as it goes. Engine
    ``local`` keeps everything in memory for the matrix and segments tables;
    ``stream`` and ``dask`` keep only counts and write the codings as Parquet parts."""
    from qualkit.report import Tables, build_tables
    from qualkit.report.sinks import CodingsParquet
    from qualkit.scale import Collector, code_chunks
    from qualkit.stats import Counts

    local = settings["engine"] == "local"
    learned = None
    if p.model is not None:  # the learned coder (rules for codes it could not learn); not cached
        from qualkit.coding.learned_store import load_model

        learned = load_model(p.model)
    pos = Position()
    chunks = read_wave_chunks(p, w, chunksize=settings["chunksize"], on_bytes=pos.update)
    rules, cb = cb, learned.coding_codebook(cb) if learned is not None else cb
    counts = Counts(cb, variables=p.breakdowns)
    keep = Collector() if local else None
    parts = None if local else CodingsParquet(stage / "codings")
    run = code_chunks(chunks, rules, [counts, keep or parts], model=p.pipeline, learned=learned,
                      processes=1 if learned is not None else settings["processes"], dask=settings["engine"] == "dask",
                      scheduler=settings["scheduler"], cache=None if learned is not None else store,
                      progress=progress, position=pos, wave=w.name)
    record["pipeline"] = run.pipeline
    inputs = [i["path"] for i in record["inputs"]]
    if keep is not None:
        result = keep.result(cb, run)
        tables = build_tables(result, by=p.breakdowns, questions=run.questions, inputs=inputs)
        tables.run.pop("date", None)
        return tables, run.stats, {"respondents": run.units, "questions": run.questions, "codings": run.codings}, result
    assert parts is not None
    info = {"qualkit": mf.software()["qualkit"], "inputs": inputs, "codebook": record["codebook"],
            "pipeline": run.pipeline, "unit": cb.unit, "questions": run.questions, "breakdowns": p.breakdowns,
            "segments_coded": run.stats.segments, "codings": run.codings}
    tables = Tables(frequencies={q: counts.frequency_table(q) for q in run.questions},
                    crosstabs=counts.crosstabs(), run=info, codebook=cb)
    extra = {"questions": run.questions, "codings": run.codings, "partitions": len(parts.parts),
             "parts": [f"codings/{n}" for n in parts.parts]}
    return tables, run.stats, extra, None


def _model_record(p: Project) -> dict | None:
    """Path and content hash of the learned model folder (every file in it)."""
    if p.model is None or not p.model.exists():
        return None
    files = sorted(f for f in p.model.rglob("*") if f.is_file()) if p.model.is_dir() else [p.model]
    return {"path": p.rel(p.model), "sha256": {str(f.relative_to(p.model) if p.model.is_dir() else f.name):
                                                mf.file_sha256(f) for f in files}}


def _write_comparison(p: Project, waves: dict[str, WaveRun], folder: Path):
    from qualkit.project.compare import compare_waves, new_codes

    freqs = {n: wr.tables.frequencies for n, wr in waves.items()}
    cbs = {n: wr.codebook for n, wr in waves.items()}
    df = compare_waves(freqs, cbs)
    folder.mkdir()
    shares = [f"{k}_{w}" for w in ("from", "to") for k in ("pct", "ci_low", "ci_high")]
    formats = {**{c: "0.0" for c in [*shares, "diff_pp", "diff_ci_low", "diff_ci_high"]},
               "statistic": "0.00", "p": "0.000", "p_holm": "0.000"}   # percentages (0-100) with one decimal
    names = write_frames({"comparison": df, "new_codes": new_codes(cbs)}, folder,
                         xlsx_name="comparison.xlsx" if p.xlsx else None, formats={"comparison": formats})
    return df, names, hashes(folder, names)
