"""Writing a fitted :class:`~qualkit.topics.ThemeSuggester`'s results, atomically.

:func:`write_outputs` writes the whole set into one folder that appears whole
or not at all (:func:`qualkit.io.output_dir`):

* ``themes.csv`` - one row per theme (label, size, keywords, codes, quotes, stub)
* ``assignments.csv`` - one row per analysed segment with its theme
* ``comparison.csv`` - for each theme, the codebook codes on its segments and their share
* ``themes.xlsx`` - the three tables as sheets
* ``code_stubs.yaml`` - a codebook of the suggested codes, to review and paste from
* ``themes.html`` - a map and table of the themes: one small page, no script, works offline

>>> write_outputs(ts, "out/themes")        # doctest: +SKIP
[PosixPath('out/themes/themes.csv'), ...]
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd
import yaml

from qualkit.errors import ModelError, NotFittedError
from qualkit.io import HTML_CSP, output_dir, write_bytes, write_text

FORMATS = ("csv", "xlsx", "yaml", "html")


def _fitted(ts: Any) -> None:
    if not hasattr(ts, "themes_"):
        raise NotFittedError(393)


def write_csv(ts: Any, path: str | Path, table: str = "themes") -> None:
    """Write one table (``themes``, ``assignments`` or ``comparison``) as UTF-8 CSV."""
    write_text(path, _table(ts, table).to_csv(index=False))


def _table(ts: Any, table: str) -> pd.DataFrame:
    _fitted(ts)
    if table == "themes":
        return ts.themes_frame()
    if table == "assignments":
        return ts.assignments_
    if table == "comparison":
        return ts.comparison_
    raise ModelError(332, table=table)


def write_xlsx(ts: Any, path: str | Path) -> None:
    """Write the themes, assignments and comparison tables as sheets of one workbook
    (:func:`qualkit.io.sheets.xlsx_bytes`: text stays text, never a formula)."""
    from qualkit.io.sheets import xlsx_bytes

    sheets = {name: (_table(ts, name).map(_cell), "A2") for name in ("themes", "assignments", "comparison")}
    write_bytes(path, xlsx_bytes(sheets))


def _cell(v: Any) -> Any:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    return v


def stubs_yaml(ts: Any, only_new: bool = False) -> str:
    """The suggested codes as a small codebook (YAML text) that ``qualkit.codebook.io.loads`` reads.

    Each entry under ``codes:`` can be pasted into another codebook's ``codes:`` list.
    """
    _fitted(ts)
    themes = [t for t in ts.themes_ if t.new or not only_new]
    coded = carries_codes(ts)
    lang = getattr(ts, "language_", "nl")
    head = yaml.safe_dump({"name": "suggested themes", "version": "0.1", "language": lang}, sort_keys=False,
                          allow_unicode=True)
    lines = ["# Codes suggested by qualkit themes. Review each one before use: change the label, add a",
             "# description, and keep only the include rules that mean what the code means. Then paste",
             "# the entries you want into the 'codes:' list of your codebook.", head.rstrip(), "codes:"]
    stubs = 0
    for t in themes:
        codes = ", ".join(f"{c} {s:.0%}" for c, s in list(t.codes.items())[:3]) or "none"
        about = f"# theme {t.id}: {t.size} segments" + (f", {t.uncoded_share:.0%} uncoded; codes: {codes}" if coded else "")
        if not t.keywords:  # every word of it is a stop word or a name: no rule worth pasting
            lines.append(f"{about}; no stub: none of its words is left as a keyword (read its quotes in themes.html)")
            continue
        lines += [about, t.stub.rstrip()]
        stubs += 1
    if not stubs:
        lines[lines.index("codes:")] = "codes: []"
    return "\n".join(lines) + "\n"


def carries_codes(ts: Any) -> bool:
    """Whether any theme's segments carry a codebook code (else "new" and "uncoded" say nothing:
    no codebook, or only what it left uncoded)."""
    return any(t.codes for t in ts.themes_)


def write_stubs(ts: Any, path: str | Path, only_new: bool = False) -> None:
    """Write :func:`stubs_yaml` to ``path``."""
    write_text(path, stubs_yaml(ts, only_new))


PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:70rem;
 padding:0 1rem;color:#1f2328}
h1{font-size:1.5rem;margin:0 0 .3rem}.sum{color:#59636e;margin:0 0 1.2rem}
.grid{display:grid;grid-template-columns:minmax(16rem,26rem) 1fr;gap:2rem;align-items:start}
@media (max-width:50rem){.grid{grid-template-columns:1fr}}
svg{width:100%;height:auto;border:1px solid #d1d9e0;border-radius:6px;background:#fafbfc}
svg text{font-size:11px;fill:#fff;font-weight:600;text-anchor:middle;dominant-baseline:central;
 paint-order:stroke;stroke:#3d2270;stroke-width:2px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;vertical-align:top;
 border-bottom:1px solid #eaeef2}th{font-size:.8rem;color:#59636e;font-weight:600}
td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.bar{display:flex;height:.7rem;min-width:2px;border-radius:2px;overflow:hidden;margin-top:.3rem}
.bar .u{background:#6e40c9}.bar .c{background:#d8b9ff}
.label{font-weight:600}.kw{color:#59636e;font-size:.85rem}.new{font-size:.7rem;background:#ddf4ff;color:#0969da;
 border-radius:1em;padding:0 .5em;margin-left:.3em}
details{margin-top:.3rem}summary{cursor:pointer;color:#0969da;font-size:.85rem}
blockquote{margin:.3rem 0;padding:.2rem .6rem;border-left:3px solid #d1d9e0;color:#333;font-size:.9rem}
.legend{font-size:.8rem;color:#59636e;margin:.4rem 0 0}
.legend i{display:inline-block;width:.8em;height:.8em;border-radius:2px;vertical-align:-.1em;margin:0 .25em 0 .6em}
</style></head><body>
<h1>{{ title }}</h1>
<p class="sum">{{ summary }}</p>
<div class="grid"><div>
<svg viewBox="0 0 {{ w }} {{ h }}" role="img" aria-label="Map of the themes: closer circles are more alike">
{% for c in circles %}<g><title>{{ c.id }}: {{ c.label }} ({{ c.size }} segments)</title>
<circle cx="{{ c.x }}" cy="{{ c.y }}" r="{{ c.r }}" fill="{{ c.fill }}" fill-opacity=".85"></circle></g>
{% endfor %}{% for c in circles %}<text x="{{ c.x }}" y="{{ c.y }}">{{ c.id }}</text>
{% endfor %}</svg>
<p class="legend">Closer circles: themes that are more alike. Area: segments.
{% if coded %}Colour:<i style="background:#6e40c9"></i>mostly uncoded<i style="background:#d8b9ff"></i>mostly coded{% endif %}</p>
</div><div><table>
<thead><tr><th>#</th><th>theme</th><th style="text-align:right">segments</th></tr></thead><tbody>
{% for t in themes %}<tr><td class="n">{{ t.id }}</td><td><span class="label">{{ t.label }}</span>
{% if coded and t.new %}<span class="new">new</span>{% endif %}
{% if t.keywords %}<div class="kw">{{ t.keywords }}</div>{% elif not t.label_words %}<div class="kw">no keywords: its words are stop words or names</div>{% endif %}{% if t.codes %}<div class="kw">codes: {{ t.codes }}</div>{% endif %}
<div class="bar" style="width:{{ t.width }}%"><span class="u" style="width:{{ t.uncoded }}%"></span>
<span class="c" style="width:{{ 100 - t.uncoded }}%"></span></div>
{% if t.quotes %}<details><summary>{{ t.quotes|length }} quotes</summary>
{% for q in t.quotes %}<blockquote>{{ q }}</blockquote>{% endfor %}</details>{% endif %}
</td><td class="n">{{ t.size }}</td></tr>
{% endfor %}</tbody></table></div></div>
</body></html>
"""


def plot_html(ts: Any, title: str = "Suggested themes") -> str:
    """A standalone HTML page (no script, no network) with a map of the themes (closer =
    more alike; area = segments; colour = share uncoded) and a table with each theme's
    label, keywords, size (coded and uncoded) and quotes."""
    _fitted(ts)
    from jinja2 import Environment
    from markupsafe import Markup

    from qualkit.topics.embed import first_passage

    themes = ts.themes_
    w, h, pad = 400, 320, 34
    xy = _layout(getattr(ts, "centroids_", np.zeros((len(themes), 2))), getattr(ts, "random_state", 42))
    if len(themes):
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        span = np.where(hi - lo > 0, hi - lo, 1)
        xy = pad + (xy - lo) / span * np.array([w - 2 * pad, h - 2 * pad])
    biggest = max([t.size for t in themes], default=1)
    coded = carries_codes(ts)
    circles = [{"id": t.id, "label": t.label, "size": t.size, "x": round(float(x), 1), "y": round(float(y), 1),
                "r": round(8 + 22 * float(np.sqrt(t.size / biggest)), 1), "fill": _colour(t.uncoded_share if coded else 1.0)}
               for t, (x, y) in zip(themes, xy)]
    rows = [{"id": t.id, "label": t.label, "size": t.size, "new": t.new,
             "keywords": "" if t.words and ", ".join(t.words[:10]) == t.label else ", ".join(t.words[:10]), "width": max(1, round(100 * t.size / biggest)),
             "uncoded": round(100 * t.uncoded_share) if coded else 100, "label_words": bool(t.words),
             "codes": ", ".join(f"{c} {s:.0%}" for c, s in list(t.codes.items())[:3]),
             "quotes": [first_passage(q.text, 400) for q in t.quotes]} for t in themes]
    s = getattr(ts, "summary_", {})
    parts = [f"{s.get('segments', 0):,} segments, {len(themes)} themes"]
    if s:
        parts.append(f"{s['analysed']:,} analysed: {s['assigned']:,} in a theme, {s['unassigned']:,} unassigned "
                     f"({s['unassigned'] / max(s['analysed'], 1):.0%} of those analysed)")
        if s.get("other_language"):
            parts.append("set apart as another language: "
                         + ", ".join(f"{n} {k}" for k, n in s["other_language"].items()))
        if s.get("no_words"):
            parts.append(f"{s['no_words']} without content words")
    env = Environment(autoescape=True)
    return env.from_string(PAGE).render(title=title, lang=getattr(ts, "language_", "nl"), w=w, h=h,
                                        csp=Markup(HTML_CSP),
                                        circles=circles, themes=rows, coded=coded, summary="; ".join(parts) + ".")


def _colour(uncoded: float) -> str:
    a, b = np.array([0xd8, 0xb9, 0xff]), np.array([0x6e, 0x40, 0xc9])
    r, g, bl = (a + (b - a) * float(np.clip(uncoded, 0, 1))).round().astype(int)
    return f"#{r:02x}{g:02x}{bl:02x}"


def _layout(centroids: np.ndarray, random_state: int | None) -> np.ndarray:
    c = np.asarray(centroids, dtype=float)
    if c.ndim != 2 or c.shape[0] < 3 or c.shape[1] < 2:
        n = c.shape[0] if c.ndim == 2 else 0
        return np.column_stack([np.arange(n, dtype=float), np.arange(n, dtype=float) % 2])
    from sklearn.decomposition import PCA

    return PCA(n_components=2, random_state=random_state).fit_transform(c)


def write_plot(ts: Any, path: str | Path, title: str = "Suggested themes") -> None:
    """Write :func:`plot_html` to ``path``."""
    write_text(path, plot_html(ts, title))


def write_outputs(ts: Any, out: str | Path, formats: Sequence[str] = FORMATS, *,
                  inputs: Sequence[str | Path | None] = ()) -> list[Path]:
    """Write every output of ``formats`` into the folder ``out``, atomically; return the paths.
    ``out`` may not hold any of ``inputs`` (:func:`qualkit.io.output_dir`)."""
    _fitted(ts)
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ModelError(394, format=bad[0], formats=', '.join(FORMATS))
    names: list[str] = []
    with output_dir(out, inputs=inputs, command="themes") as stage:
        if "csv" in formats:
            for table in ("themes", "assignments", "comparison"):
                write_csv(ts, stage / f"{table}.csv", table)
                names.append(f"{table}.csv")
        if "xlsx" in formats:
            write_xlsx(ts, stage / "themes.xlsx")
            names.append("themes.xlsx")
        if "yaml" in formats:
            write_stubs(ts, stage / "code_stubs.yaml")
            names.append("code_stubs.yaml")
        if "html" in formats:
            write_plot(ts, stage / "themes.html")
            names.append("themes.html")
    return [Path(out) / n for n in names]
