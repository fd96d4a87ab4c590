"""Where each wave stands against the last run: up to date, or what changed.

>>> rows = wave_status(load_project("qualkit.yaml"))      # doctest: +SKIP
>>> [(r["wave"], r["status"]) for r in rows]              # doctest: +SKIP
[('2026', 'up to date'), ('2027', 'not run yet')]
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from qualkit.errors import QualkitError
from qualkit.project import manifest as mf
from qualkit.project.config import Project

UP_TO_DATE = "up to date"
NOT_RUN = "not run yet"


def wave_status(project: Project) -> list[dict]:
    """Per wave: ``wave``, ``inputs`` (file names), ``codebook`` (name and
    version, or the problem loading it), ``last_run`` (date or None) and
    ``status`` (:data:`UP_TO_DATE`, :data:`NOT_RUN`, or what changed)."""
    from qualkit.codebook import load_codebook

    manifest = mf.read_manifest(project.outputs / mf.MANIFEST) or {}
    done = manifest.get("waves") or {}
    rows = []
    for w in project.waves:
        path = project.codebook_for(w)
        try:
            cb = load_codebook(path)
            cb_text, cb_sha = f"{cb.name} {cb.version}", cb.sha256
        except QualkitError as e:
            cb_text, cb_sha = f"invalid ([QK{e.code:03d}])", None
        old = done.get(w.name)
        if old is None:
            status = NOT_RUN
        else:
            changed = []
            old_inputs = {i["path"]: i["sha256"] for i in old.get("inputs", [])}
            now = {project.rel(f): mf.file_sha256(f) for f in w.inputs}
            if old_inputs != now:
                changed.append("inputs changed")
            if (old.get("codebook") or {}).get("sha256") != cb_sha:
                changed.append("codebook changed")
            status = ", ".join(changed) or UP_TO_DATE
        rows.append({"wave": w.name, "inputs": [Path(f).name for f in w.inputs], "codebook": cb_text,
                     "last_run": manifest.get("date") if old is not None else None, "status": status})
    return rows


def last_comparison(project: Project) -> pd.DataFrame | None:
    """The comparison table of the last run, or None when there is none."""
    from qualkit.project.compare import COMPARISON_COLUMNS

    path = project.outputs / "comparison" / "comparison.csv"
    if not path.is_file():
        return None
    try:
        df = pd.read_csv(path, dtype={"wave_from": str, "wave_to": str, "first_wave": str}, keep_default_na=True)
    except (ValueError, OSError, pd.errors.ParserError):  # edited or damaged by hand: nothing to show
        return None
    if not set(COMPARISON_COLUMNS) <= set(df.columns):
        return None
    numeric = [c for c in COMPARISON_COLUMNS if c.startswith(("n_", "base_", "pct_", "ci_", "diff_", "p"))
               and c != "parent"]
    return df.assign(**{c: pd.to_numeric(df[c], errors="coerce") for c in numeric})
