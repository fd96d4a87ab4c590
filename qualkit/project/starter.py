"""``qualkit init``: a commented starter project file.

``demo=True`` writes one for the bundled demo survey (two waves, 2026 and
2027, in ``corpora/`` with ``codebooks/werkdruk.yaml``) that runs as it is.

>>> import tempfile, pathlib
>>> from qualkit.project.config import loads_project
>>> text = starter_text()
>>> "waves:" in text and "rename" in text
True
"""
from __future__ import annotations

import os
from pathlib import Path

from qualkit.errors import ProjectError
from qualkit.io import write_text
from qualkit.project.config import PROJECT_FILE

DEMO_FILES = {"2026": "corpora/ocmw-werkdruk-2026.csv", "2027": "corpora/ocmw-werkdruk-2027.csv"}
DEMO_CODEBOOK = "codebooks/werkdruk.yaml"

_TEMPLATE = """\
# qualkit project file. Describe the study once; rerun it with `qualkit run` when a
# new wave arrives. Paths are relative to this file. `qualkit waves` shows the waves
# and the last comparison. Reference: README, section "Projects and waves".
name: {name}

# The codebook every wave is coded with. A wave can pin its own (see below), for
# example to keep last year's figures coded with last year's codebook.
codebook: {codebook}

# The open questions to code and compare, by column name or glob (after renaming).
questions: [{questions}]

# Respondent variables to break the tables down by (optional).
breakdowns: [{breakdowns}]

# spaCy pipeline (optional): default nl_core_news_md when installed, else the
# offline fallback. Every machine of a Dask cluster needs the same one.
# pipeline: nl_core_news_md

# A learned coder (optional): a model folder from `qualkit learn`. Every wave is then
# coded by it (codes too rare to learn by their rules); engine local only.
# model: models/werkdruk-coder

# Recorded in the manifest; used by steps with randomness (none in rule coding).
seed: 0

# Outputs: <folder>/<wave>/ per wave, <folder>/comparison/, <folder>/manifest.json.
# segments: false leaves out the coded answer texts (segments.csv and its sheet).
outputs:
  folder: out
  xlsx: true
  segments: true

# How to run the coding step (the command line's --engine etc. override this):
#   local   in memory, all tables (default)
#   stream  constant memory, CSV only, `processes` worker processes
#   dask    like stream, on a Dask cluster (`scheduler: tcp://host:8786`, or a
#           local cluster of `processes` workers when no scheduler is given)
scale:
  engine: local
  processes: 1
  chunksize: 20000

waves:
{waves}"""

_WAVE = """\
  - name: "{name}"
    inputs: [{inputs}]
    id_column: {id_column}
"""

_WAVE_EXTRA = """\
    # A question renamed in this wave's export: its column name -> the project's.
    # rename: {{Q23_werkdruk: Q23}}
    # Pin a codebook for this wave only:
    # codebook: codebooks/werkdruk-{name}.yaml
"""


def starter_text(*, demo: bool = False, base: str | Path = ".") -> str:
    """The starter file's text. With ``demo``, paths point from ``base`` (the
    folder the file goes in, relative to the current folder) to the demo files."""
    if demo:
        rel = lambda p: Path(os.path.relpath(os.path.abspath(p), os.path.abspath(base))).as_posix()  # noqa: E731
        waves = "".join(_WAVE.format(name=n, inputs=rel(f), id_column="respondent") for n, f in DEMO_FILES.items())
        waves += _WAVE_EXTRA.format(name="2027")
        return _TEMPLATE.format(name="ocmw-werkdruk", codebook=rel(DEMO_CODEBOOK), questions="Q23, Q24, Q25",
                                breakdowns="admin_uren", waves=waves)
    waves = _WAVE.format(name="2026", inputs="data/survey-2026.csv", id_column="respondent")
    waves += _WAVE.format(name="2027", inputs="data/survey-2027.csv", id_column="respondent")
    waves += _WAVE_EXTRA.format(name="2027")
    return _TEMPLATE.format(name="my-study", codebook="codebooks/my-codebook.yaml", questions="Q1, Q2",
                            breakdowns="", waves=waves)


def write_starter(path: str | Path | None = None, *, demo: bool = False, force: bool = False) -> Path:
    """Write the starter file to ``path`` (a ``.yaml`` file, or a folder to put
    ``qualkit.yaml`` in, created if needed; default ``./qualkit.yaml``). ``[QK711]`` if it exists
    and ``force`` is not set. Returns the path written."""
    p = Path(path) if path is not None else Path(PROJECT_FILE)
    if p.is_dir() or p.suffix.lower() not in (".yaml", ".yml"):
        p = p / PROJECT_FILE
    if p.exists() and not force:
        raise ProjectError(711, path=p)
    write_text(p, starter_text(demo=demo, base=p.parent))
    return p


def demo_missing() -> list[str]:
    """Demo files a ``--demo`` project needs that are not in the current folder
    (they are made by ``python corpora/make_demo.py`` in a qualkit checkout)."""
    return [f for f in (*DEMO_FILES.values(), DEMO_CODEBOOK) if not Path(f).exists()]
