"""The error catalogue: every ``[QKnnn]`` code with its message template and explanation.

The entries are kept in one file per range of codes, each sorted by code, and merged here:

- ``catalogue_1xx.py``: QK1xx reading inputs (survey exports, transcripts, coding files)
- ``catalogue_2xx_3xx.py``: QK2xx codebooks; QK3xx language pipelines, coding, learned models, themes
- ``catalogue_4xx_6xx.py``: QK4xx statistics and agreement; QK5xx REFI-QDA; QK6xx reports
- ``catalogue_7xx_9xx.py``: QK7xx projects, waves, engines; QK8xx resource limits; QK9xx output files

Add a new or changed message to the file of its code, one entry per code, in your range
(TEAM.md); raise it from :mod:`qualkit.errors` with the template's fields, then regenerate the
reference page with ``python docs/make_errors.py``. Messages say what is wrong, where (file, row,
column, code) and how to fix it, in command-line words; never respondent text.
"""
from __future__ import annotations

from qualkit.errors import catalogue_1xx, catalogue_2xx_3xx, catalogue_4xx_6xx, catalogue_7xx_9xx
from qualkit.errors.message import Message

PARTS = (catalogue_1xx, catalogue_2xx_3xx, catalogue_4xx_6xx, catalogue_7xx_9xx)
"""The files of the catalogue, in order of their codes."""

MESSAGES: dict[int, Message] = {code: msg for part in PARTS for code, msg in part.MESSAGES.items()}
"""The error catalogue: code -> :class:`Message`. One template per code."""


RANGES = {1: "Reading inputs: survey exports, transcripts, coding files", 2: "Codebooks",
          3: "Language pipelines, coding, learned models, themes", 4: "Statistics and agreement", 5: "REFI-QDA",
          6: "Reports and interview studies", 7: "Projects, waves and engines", 8: "Resource limits",
          9: "Output files"}
"""The hundreds of the codes: what part of qualkit a code comes from."""
