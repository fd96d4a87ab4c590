"""Statistics: code frequencies with confidence intervals, crosstabs, intercoder agreement.

Pure functions over pandas; nothing here prints. Error numbers QK401..QK419.
"""
from qualkit.stats.agreement import (
    OVERALL, PRF, AgreementResult, agreement, bootstrap_alpha, cohen_kappa, disagreements,
    from_codings, interpret, krippendorff_alpha, percent_agreement, precision_recall_f1,
    reliability_matrix,
)
from qualkit.stats.crosstab import Crosstab, crosstab
from qualkit.stats.frequency import UNCODED, code_matrix, frequency_table, segments_table, wilson

__all__ = [
    "OVERALL", "PRF", "UNCODED", "AgreementResult", "Crosstab", "agreement", "bootstrap_alpha",
    "code_matrix", "cohen_kappa", "crosstab", "disagreements", "frequency_table", "from_codings",
    "interpret", "krippendorff_alpha", "percent_agreement", "precision_recall_f1",
    "reliability_matrix", "segments_table", "wilson",
]
