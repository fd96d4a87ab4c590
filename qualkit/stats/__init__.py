"""Statistics: code frequencies with confidence intervals, crosstabs, intercoder agreement.

Pure functions over pandas; nothing here prints. Error numbers QK401..QK429.
Every table is counted by one counter, :class:`~qualkit.stats.counts.Counts`.
The agreement statistics are imported lazily, so coding a survey does not load
them (and their libraries).
"""
from __future__ import annotations

import importlib

from qualkit.stats._common import UNCODED
from qualkit.stats.counts import Counts, crosstab, frequency_table
from qualkit.stats.crosstab import Crosstab
from qualkit.stats.frequency import SEGMENT_COLUMNS, segments_table, wilson
from qualkit.stats.matrix import code_matrix

_AGREEMENT = ["OVERALL", "PRF", "AgreementResult", "agreement", "bootstrap_alpha", "cohen_kappa", "disagreements",
              "from_codings", "interpret", "krippendorff_alpha", "percent_agreement", "precision_recall_f1",
              "reliability_matrix"]
_EXPORTS = {name: "qualkit.stats.agreement" for name in _AGREEMENT}
__all__ = sorted([*_AGREEMENT, "UNCODED", "Counts", "Crosstab", "SEGMENT_COLUMNS", "code_matrix", "crosstab",
                  "frequency_table", "segments_table", "wilson"])


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'qualkit.stats' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
