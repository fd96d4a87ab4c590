"""The Jinja2 environment that renders the report and its charts.

Templates live in ``qualkit/report/templates`` (package data). Autoescaping is on
for every template, so every value put in with ``{{ ... }}`` is escaped unless it
is :class:`~markupsafe.Markup` (only the charts and the stylesheet, which are
built by qualkit itself from escaped values). Undefined names are errors, so a
misspelt field fails a test instead of rendering as nothing.

>>> environment().from_string("<p>{{ text }}</p>").render(text="<b>x</b>")
'<p>&lt;b&gt;x&lt;/b&gt;</p>'
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

__all__ = ["Markup", "render", "source"]


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one environment: package templates, autoescape on, strict undefined."""
    return Environment(loader=PackageLoader("qualkit.report", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render(name: str, **context: Any) -> Markup:
    """Template ``name`` rendered with ``context``, as markup safe to put in another template."""
    return Markup(environment().get_template(name).render(**context))


def source(name: str) -> Markup:
    """A template file as it is (the stylesheet), not rendered."""
    env = environment()
    return Markup(env.loader.get_source(env, name)[0])  # type: ignore[union-attr]
