"""Theme suggestion around BERTopic: what is said that the codebook does not cover yet.

>>> from qualkit.topics import ThemeSuggester, write_outputs          # doctest: +SKIP
>>> ts = ThemeSuggester(min_topic_size=5).fit(corpus, codings, codebook)   # doctest: +SKIP
>>> write_outputs(ts, "out/themes")                                 # doctest: +SKIP
"""
from qualkit.topics.records import Quote, Theme
from qualkit.topics.suggest import ThemeSuggester

__all__ = ["Quote", "Theme", "ThemeSuggester"]
