"""qualkit: qualitative text analysis of open survey answers and interview transcripts.

>>> import qualkit
>>> opts = qualkit.ReadOptions(id_column="respondent", questions=["Q23", "Q24"])
>>> corpus = qualkit.read_inputs(["corpora/ocmw-werkdruk-2026.csv"], opts)            # doctest: +SKIP
>>> result = qualkit.code_corpus(corpus, qualkit.load_codebook("codebooks/werkdruk.yaml"))  # doctest: +SKIP
>>> result.table("Q23")                                                               # doctest: +SKIP

``dir(qualkit)`` lists the public API; every name is imported on first use, so
``import qualkit`` stays fast.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    # records and errors
    "QualkitError": "qualkit.errors", "Segment": "qualkit.types", "Corpus": "qualkit.types",
    # reading
    "ReadOptions": "qualkit.ingest", "read_inputs": "qualkit.ingest", "read_chunks": "qualkit.ingest",
    "read_survey": "qualkit.ingest", "read_transcripts": "qualkit.ingest", "read_human": "qualkit.agree", "machine_coders": "qualkit.agree",
    "validate_coding": "qualkit.agree",
    # codebooks and pipelines
    "Codebook": "qualkit.codebook", "Code": "qualkit.codebook", "Rule": "qualkit.codebook",
    "load_codebook": "qualkit.codebook", "dump_codebook": "qualkit.codebook", "load_pipeline": "qualkit.nlp",
    # coding: the engine, and the engine collecting (in memory)
    "code_corpus": "qualkit.scale.collect", "CodingResult": "qualkit.coding.engine",
    "check_examples": "qualkit.coding.examples", "code_chunks": "qualkit.scale.engine",
    "code_inputs": "qualkit.workflow", "code_files": "qualkit.workflow", "report_inputs": "qualkit.workflow",
    "LearnedCoder": "qualkit.coding.learned", "code_with_model": "qualkit.coding.learned_use",
    "load_model": "qualkit.coding.learned_store",
    # tables and statistics
    "Counts": "qualkit.stats", "frequency_table": "qualkit.stats", "crosstab": "qualkit.stats",
    "code_matrix": "qualkit.stats", "agreement": "qualkit.stats", "krippendorff_alpha": "qualkit.stats",
    "interpret": "qualkit.stats",
    # outputs
    "Tables": "qualkit.report", "build_tables": "qualkit.report", "write_outputs": "qualkit.report", "write_report": "qualkit.report",
    "export_qdc": "qualkit.refi", "import_qdc": "qualkit.refi", "export_qdpx": "qualkit.refi",
    "import_qdpx": "qualkit.refi",
    # themes and projects
    "suggest_themes": "qualkit.topics", "ThemeSuggester": "qualkit.topics",
    "run_project": "qualkit.project", "load_project": "qualkit.project", "compare_waves": "qualkit.project",
    "verify_outputs": "qualkit.project",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    """Import the public API lazily, so ``import qualkit`` stays fast."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'qualkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
