"""Writing a fitted :class:`~qualkit.topics.ThemeSuggester`'s results, atomically.

:func:`write_outputs` writes the whole set into one folder that appears whole
or not at all (:func:`qualkit.io.output_dir`):

* ``themes.csv`` - one row per theme (label, size, keywords, codes, quotes, stub)
* ``assignments.csv`` - one row per analysed segment with its theme
* ``comparison.csv`` - for each theme, the codebook codes on its segments and their share
* ``themes.xlsx`` - the three tables as sheets
* ``code_stubs.yaml`` - a codebook of the suggested codes, to review and paste from
* ``themes.html`` - an interactive map of the themes that works offline

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
from qualkit.io import output_dir, write_bytes, write_text

FORMATS = ("csv", "xlsx", "yaml", "html")


def _fitted(ts: Any) -> None:
    if not hasattr(ts, "themes_"):
        raise NotFittedError(331, "ThemeSuggester is not fitted yet. Call fit() before writing its results.")


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
    raise ModelError(332, f"table {table!r} is not known. Use one of: themes, assignments, comparison.")


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
    lang = getattr(ts, "language_", "nl")
    head = yaml.safe_dump({"name": "suggested themes", "version": "0.1", "language": lang}, sort_keys=False,
                          allow_unicode=True)
    lines = ["# Codes suggested by qualkit themes. Review each one before use: change the label, add a",
             "# description, and keep only the include rules that mean what the code means. Then paste",
             "# the entries you want into the 'codes:' list of your codebook.", head.rstrip(), "codes:"]
    for t in themes:
        codes = ", ".join(f"{c} {s:.0%}" for c, s in list(t.codes.items())[:3]) or "none"
        lines.append(f"# theme {t.id}: {t.size} segments, {t.uncoded_share:.0%} uncoded; codes: {codes}")
        lines.append(t.stub.rstrip())
    if not themes:
        lines[-1] = "codes: []"
    return "\n".join(lines) + "\n"


def write_stubs(ts: Any, path: str | Path, only_new: bool = False) -> None:
    """Write :func:`stubs_yaml` to ``path``."""
    write_text(path, stubs_yaml(ts, only_new))


def plot_html(ts: Any, title: str = "Suggested themes") -> str:
    """A standalone HTML page (plotly inlined, no network needed) with a map of the
    themes (closer = more alike; size = segments; colour = share uncoded) and their sizes."""
    _fitted(ts)
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    themes = ts.themes_
    xy = _layout(getattr(ts, "centroids_", np.zeros((len(themes), 2))), getattr(ts, "random_state", 42))
    hover = [f"<b>{t.id}: {_esc(t.label)}</b><br>{t.size} segments, {t.uncoded_share:.0%} uncoded<br>"
             f"{_esc(', '.join(t.words[:8]))}<br>codes: "
             f"{_esc(', '.join(f'{c} {s:.0%}' for c, s in list(t.codes.items())[:3]) or 'none')}" for t in themes]
    sizes = np.array([t.size for t in themes], dtype=float)
    fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.12,
                        subplot_titles=("Theme map", "Segments per theme"))
    fig.add_trace(go.Scatter(
        x=xy[:, 0], y=xy[:, 1], mode="markers+text", text=[str(t.id) for t in themes], hovertext=hover,
        hoverinfo="text", textposition="middle center",
        marker=dict(size=12 + 40 * np.sqrt(sizes / max(sizes.max(), 1)), color=[t.uncoded_share for t in themes],
                    colorscale="Viridis", cmin=0, cmax=1, showscale=True, opacity=0.8,
                    colorbar=dict(title="uncoded", x=0.52))), row=1, col=1)
    names = [f"{t.id}: {t.label}" for t in themes][::-1]
    coded = [round(t.size * (1 - t.uncoded_share)) for t in themes][::-1]
    fig.add_trace(go.Bar(y=names, x=[t.size - c for t, c in zip(themes[::-1], coded)], orientation="h",
                         name="uncoded", marker_color="#440154"), row=1, col=2)
    fig.add_trace(go.Bar(y=names, x=coded, orientation="h", name="coded", marker_color="#fde725"), row=1, col=2)
    fig.update_layout(title=title, barmode="stack", height=max(500, 22 * len(themes) + 150), showlegend=True,
                      template="plotly_white")
    fig.update_xaxes(showticklabels=False, row=1, col=1)
    fig.update_yaxes(showticklabels=False, row=1, col=1)
    return fig.to_html(full_html=True, include_plotlyjs=True, include_mathjax=False)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _layout(centroids: np.ndarray, random_state: int | None) -> np.ndarray:
    c = np.asarray(centroids, dtype=float)
    if c.ndim != 2 or c.shape[0] < 3 or c.shape[1] < 2:
        n = c.shape[0] if c.ndim == 2 else 0
        return np.column_stack([np.arange(n, dtype=float), np.zeros(n)])
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
        raise ModelError(332, f"output format {bad[0]!r} is not known. Use any of: {', '.join(FORMATS)}.")
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
