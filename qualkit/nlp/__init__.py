"""spaCy pipelines: the installed model, or the offline fallback."""
from qualkit.nlp.pipeline import Pipeline, load_pipeline

__all__ = ["Pipeline", "load_pipeline"]
