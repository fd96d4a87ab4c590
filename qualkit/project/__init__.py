"""Projects: a study described once in ``qualkit.yaml``, rerun per wave.

Waves with their inputs and column mappings, one codebook (or one per wave),
questions, breakdowns and outputs. :func:`run_project` reads, codes (only what
changed since the last run, thanks to the coding cache), tabulates and writes
every wave, compares the waves and writes a manifest that proves which
inputs, codebook and software produced the tables. Errors: QK701-QK723.

>>> from qualkit.project import run_project, write_starter
>>> write_starter("qualkit.yaml", demo=True)                       # doctest: +SKIP
>>> run = run_project("qualkit.yaml")                              # doctest: +SKIP
>>> run.comparison[["question", "code", "pct_from", "pct_to", "diff_pp", "p_holm"]]  # doctest: +SKIP
"""
from qualkit.project.cache import CodingCache
from qualkit.project.compare import COMPARISON_COLUMNS, compare_waves, new_codes
from qualkit.project.config import Project, ScaleSpec, WaveSpec, find_project, load_project, loads_project
from qualkit.project.manifest import check_manifest, file_sha256, read_manifest, software, verify_outputs
from qualkit.project.run import ProjectRun, WaveRun, run_project
from qualkit.project.starter import starter_text, write_starter

__all__ = [
    "COMPARISON_COLUMNS", "CodingCache", "Project", "ProjectRun", "ScaleSpec", "WaveRun",
    "WaveSpec", "check_manifest", "compare_waves", "file_sha256", "find_project",
    "load_project", "loads_project", "new_codes", "read_manifest", "run_project", "software",
    "starter_text", "verify_outputs", "write_starter",
]
