"""Theme suggestion around BERTopic: what is said that the codebook does not cover yet.

>>> from qualkit.topics import suggest_themes                               # doctest: +SKIP
>>> ts = suggest_themes(corpus, codings, codebook, out="out/themes")        # doctest: +SKIP
>>> [(t.label, t.size) for t in ts.themes_ if t.new]                        # doctest: +SKIP

Importing this package is cheap: BERTopic (and UMAP, HDBSCAN) load only when a
model is fitted. :func:`embed` is the one offline embedding call in qualkit.
"""
from importlib import import_module
from typing import Any

_EXPORTS = {
    "suggest_themes": "qualkit.topics.api", "ThemeSuggester": "qualkit.topics.suggest",
    "Quote": "qualkit.topics.records", "Theme": "qualkit.topics.records",
    "embed": "qualkit.topics.embed", "BACKENDS": "qualkit.topics.embed",
    "plot_html": "qualkit.topics.output", "stubs_yaml": "qualkit.topics.output", "write_csv": "qualkit.topics.output",
    "write_outputs": "qualkit.topics.output", "write_plot": "qualkit.topics.output",
    "write_stubs": "qualkit.topics.output", "write_xlsx": "qualkit.topics.output",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'qualkit.topics' has no attribute {name!r}")
