"""qualkit: qualitative text analysis of open survey answers and interview transcripts.

>>> import qualkit
>>> corpus = qualkit.read_inputs(["corpora/ocmw-werkdruk-2026.csv"], id_column="respondent",
...                              questions=["Q23", "Q24"])                     # doctest: +SKIP
>>> result = qualkit.code_corpus(corpus, qualkit.load_codebook("codebooks/werkdruk.yaml"))  # doctest: +SKIP
>>> result.table("Q23")                                                          # doctest: +SKIP
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "QualkitError": "qualkit.errors",
    "Segment": "qualkit.types", "Corpus": "qualkit.types",
    "Codebook": "qualkit.codebook", "Code": "qualkit.codebook", "Rule": "qualkit.codebook",
    "load_codebook": "qualkit.codebook", "dump_codebook": "qualkit.codebook",
    "load_pipeline": "qualkit.nlp",
    "read_survey": "qualkit.ingest", "read_transcripts": "qualkit.ingest",
    "read_inputs": "qualkit.workflow",
    "code_corpus": "qualkit.coding", "check_examples": "qualkit.coding", "CodingResult": "qualkit.coding",
    "frequency_table": "qualkit.stats", "crosstab": "qualkit.stats", "code_matrix": "qualkit.stats",
    "build_tables": "qualkit.report", "write_outputs": "qualkit.report", "write_report": "qualkit.report",
    "suggest_themes": "qualkit.topics", "ThemeSuggester": "qualkit.topics",
    "agreement": "qualkit.stats", "krippendorff_alpha": "qualkit.stats", "interpret": "qualkit.stats",
    "read_human": "qualkit.agree", "machine_coders": "qualkit.agree", "LearnedCoder": "qualkit.coding.learned",
    "code_with_model": "qualkit.coding.learned", "load_model": "qualkit.coding.learned_store",
    "export_qdc": "qualkit.refi", "import_qdc": "qualkit.refi", "export_qdpx": "qualkit.refi",
    "import_qdpx": "qualkit.refi",
    "run_project": "qualkit.project", "load_project": "qualkit.project", "compare_waves": "qualkit.project",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    """Import the public API lazily, so ``import qualkit`` stays fast."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'qualkit' has no attribute {name!r}")
