"""Statistics: code frequencies with confidence intervals, crosstabs, intercoder agreement.

Pure functions over pandas; nothing here prints. Error numbers QK401..QK429.
Every table is counted by one counter, :class:`~qualkit.stats.counts.Counts`.
"""
from qualkit.stats._common import UNCODED
from qualkit.stats.agreement import (
    OVERALL, PRF, AgreementResult, agreement, bootstrap_alpha, cohen_kappa, disagreements,
    from_codings, interpret, krippendorff_alpha, percent_agreement, precision_recall_f1,
    reliability_matrix,
)
from qualkit.stats.counts import Counts, crosstab, frequency_table
from qualkit.stats.crosstab import Crosstab
from qualkit.stats.frequency import SEGMENT_COLUMNS, segments_table, wilson
from qualkit.stats.matrix import code_matrix

__all__ = [
    "OVERALL", "PRF", "SEGMENT_COLUMNS", "UNCODED", "AgreementResult", "Counts", "Crosstab", "agreement",
    "bootstrap_alpha", "code_matrix", "cohen_kappa", "crosstab", "disagreements", "frequency_table", "from_codings",
    "interpret", "krippendorff_alpha", "percent_agreement", "precision_recall_f1", "reliability_matrix",
    "segments_table", "wilson",
]
