"""Theme suggestion around BERTopic: what is said that the codebook does not cover yet.

>>> from qualkit.topics import suggest_themes                               # doctest: +SKIP
>>> ts = suggest_themes(corpus, codings, codebook, out="out/themes")        # doctest: +SKIP
>>> [(t.label, t.size) for t in ts.themes_ if t.new]                        # doctest: +SKIP
"""
from qualkit.topics.api import suggest_themes
from qualkit.topics.output import plot_html, stubs_yaml, write_csv, write_outputs, write_plot, write_stubs, write_xlsx
from qualkit.topics.records import Quote, Theme
from qualkit.topics.suggest import ThemeSuggester

__all__ = ["Quote", "Theme", "ThemeSuggester", "plot_html", "stubs_yaml", "suggest_themes", "write_csv",
           "write_outputs", "write_plot", "write_stubs", "write_xlsx"]
