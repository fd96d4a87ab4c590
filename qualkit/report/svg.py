"""Small inline SVG charts: horizontal bars with 95% interval whiskers, and heat maps.

No JavaScript, no external fonts or files: each chart is one ``<svg>`` element
to put inside an HTML page, rendered from a template in ``templates/svg`` with
autoescape, and every colour is checked, so labels from a codebook or a data
file cannot inject markup.

>>> svg = bar_chart([Bar("Meer personeel", 45.0, 37.1, 53.2, 66)], title="Q23")
>>> svg.startswith("<svg") and "Meer personeel" in svg
True
>>> "<script>" in bar_chart([Bar("<script>x</script>", 10.0, 5.0, 15.0, 3)], title="t")
False
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from qualkit.report.templating import Markup, render

PALETTE = ["#2a6fb0", "#e07b39", "#3a9a5b", "#c44e52", "#8172b2", "#937860", "#da8bc3", "#5f9ea0"]
MUTED = "#9aa3ad"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")
_LOW, _HIGH = (247, 251, 255), (8, 69, 148)  # heat map: near-white to dark blue


def colour(value, default: str) -> str:
    """``value`` when it is a ``#rgb``/``#rrggbb`` colour, else ``default``.

    >>> colour("#1f77b4", "#000"), colour("red;background:url(x)", "#000")
    ('#1f77b4', '#000')
    """
    return value if isinstance(value, str) and _COLOUR.fullmatch(value) else default


def short(text: str, n: int) -> str:
    """``text`` cut to ``n`` characters with an ellipsis.

    >>> short("Minder administratieve taken", 12)
    'Minder admi…'
    """
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: max(n - 1, 1)].rstrip() + "…"


@dataclass
class Bar:
    """One bar: ``pct`` with interval ``low``-``high`` (0-100) for ``n`` respondents."""

    label: str
    pct: float
    low: float
    high: float
    n: int
    colour: str | None = None
    strong: bool = False
    """A category (a code with children): its label is bold."""
    muted: bool = False
    tooltip: str = ""


def _fmt(x: float, decimal: str) -> str:
    return f"{x:.0f}" if decimal == "." else f"{x:.0f}".replace(".", decimal)


def bar_chart(bars: Sequence[Bar], *, title: str, width: int = 920, decimal: str = ".",
              label_width: int = 260, counts: bool = False) -> Markup:
    """A horizontal bar chart of percentages with whiskers for their 95% intervals,
    or (``counts=True``) of counts in ``Bar.pct`` without whiskers or ``%``.

    The axis runs from 0 to the next multiple of 10 above the highest interval
    end (for counts: a round step above the largest). ``title`` is the chart's
    accessible name (and tooltip).
    """
    row, top, bottom = 26, 8, 30
    height = top + row * max(len(bars), 1) + bottom
    hi = max([b.high for b in bars if _ok(b.high)] + [b.pct for b in bars if _ok(b.pct)] + [1.0])
    if counts:
        step = _step(hi)
        xmax = math.ceil(hi / step) * step
    else:
        xmax = min(100.0, max(10.0, math.ceil(hi / 10.0) * 10.0))
        step = 10 if xmax <= 50 else 20
    x0, x1 = label_width + 10, width - 56
    scale = (x1 - x0) / xmax
    ticks = [{"x": f"{x0 + t * scale:.1f}", "label": t} for t in range(0, int(xmax) + 1, int(step))]
    out = []
    for i, b in enumerate(bars):
        y = top + i * row
        cy = y + row / 2
        item = {"label": short(b.label, 38), "cls": "lbl cat" if b.strong else "lbl",
                "tooltip": b.tooltip or f"{b.label}: {b.pct:.1f}% (n = {b.n})", "text_y": f"{cy + 4:.1f}",
                "rect_y": y + 5, "width": None, "whisker": "",
                "fill": MUTED if b.muted else colour(b.colour, PALETTE[0])}
        if _ok(b.pct):
            w = max(b.pct * scale, 0.0)
            end = x0 + w
            if _ok(b.low) and _ok(b.high):
                lo, hi_x = x0 + b.low * scale, x0 + b.high * scale
                item["whisker"] = (f"M{lo:.1f} {cy:.1f}H{hi_x:.1f}M{lo:.1f} {cy - 5:.1f}V{cy + 5:.1f}"
                                   f"M{hi_x:.1f} {cy - 5:.1f}V{cy + 5:.1f}")
                end = max(end, hi_x)
            item.update(width=f"{w:.1f}", value_x=f"{end + 5:.1f}", value=_fmt(b.pct, decimal))
        out.append(item)
    return render("svg/bar_chart.svg.j2", width=width, height=height, title=title, ticks=ticks, bars=out,
                  unit="" if counts else "%",
                  x0=x0, label_width=label_width, grid_top=top - 2, axis_y=top + row * len(bars) + 4,
                  bar_height=row - 10)


def _step(hi: float) -> int:
    """A round axis step giving at most about 10 ticks up to ``hi``.

    >>> _step(7), _step(47), _step(230)
    (1, 5, 50)
    """
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if hi / step <= 10:
            return step
    return 10 ** len(str(int(hi)))


def heat_colour(t: float) -> str:
    """The heat map fill for ``t`` in 0..1 (near-white to dark blue).

    >>> heat_colour(0.0), heat_colour(1.0)
    ('#f7fbff', '#084594')
    """
    t = min(max(t, 0.0), 1.0) if _ok(t) else 0.0
    rgb = [round(a + (b - a) * t) for a, b in zip(_LOW, _HIGH)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


@dataclass
class Column:
    """A heat map column: its ``label``, a second header line ``sub`` and a ``tooltip``."""

    label: str
    sub: str = ""
    tooltip: str = ""


def grid(rows: Sequence[str], columns: Sequence[Column], values: Sequence[Sequence[float]],
         texts: Sequence[Sequence[str]], tips: Sequence[Sequence[str]], *, title: str,
         notes: Sequence[str] | None = None, note_title: str = "", label_width: int = 250,
         min_cell: int = 58) -> Markup:
    """A heat map: one row per ``rows`` label, one cell per column, coloured by
    ``values`` relative to the largest (missing values white), showing ``texts``
    with ``tips`` as tooltips; an optional last column of ``notes``.

    >>> svg = grid(["Personeel"], [Column("<10u", "n = 10")], [[2.0]], [["2"]], [["2 of 10"]], title="t")
    >>> "&lt;10u" in svg and ">2<" in svg
    True
    """
    cw = max(min_cell, min(110, int(560 / max(len(columns), 1))))
    row, head = 26, 42
    nw = 84 if notes is not None else 0
    x0 = label_width + 10
    finite = [v for line in values for v in line if _ok(v)]
    vmax = max(finite + [1.0])
    cols = [{"x": f"{x0 + j * cw + cw / 2:.1f}", "label": short(c.label, max(cw // 8, 4)), "sub": c.sub,
             "tooltip": c.tooltip or c.label} for j, c in enumerate(columns)]
    out = []
    for i, label in enumerate(rows):
        y = head + i * row
        cells = []
        for j in range(len(columns)):
            v = values[i][j]
            t = v / vmax if _ok(v) else 0.0
            x = x0 + j * cw
            cells.append({"x": x + 1, "text_x": f"{x + cw / 2:.1f}", "fill": heat_colour(t) if _ok(v) else "#ffffff",
                          "ink": "#ffffff" if t > 0.55 else "#1b1f24", "text": texts[i][j], "tooltip": tips[i][j]})
        out.append({"label": short(label, 38), "tooltip": label, "text_y": f"{y + row / 2 + 4:.1f}", "rect_y": y + 1,
                    "cells": cells, "note": (notes[i] if notes is not None and i < len(notes) else "")})
    return render("svg/heatmap.svg.j2", width=x0 + cw * len(columns) + nw, height=head + row * max(len(rows), 1) + 6,
                  title=title, columns=cols, rows=out, label_width=label_width, cell_width=cw - 2,
                  cell_height=row - 2, note_title=note_title,
                  note_x=f"{x0 + cw * len(columns) + nw / 2:.1f}" if notes is not None else None)


def heatmap(rows: Sequence[str], groups: Sequence[str], bases: Sequence[int], pct: Sequence[Sequence[float]],
            counts: Sequence[Sequence[int]], notes: Sequence[str], *, title: str, note_title: str = "p",
            decimal: str = ".", label_width: int = 250) -> Markup:
    """A code x group heat map of column percentages, one cell per code and group,
    with a last column of ``notes`` (for example a p value with stars).

    >>> svg = heatmap(["Personeel"], ["<10u", ">20u"], [10, 12], [[20.0, 50.0]], [[2, 6]], ["0.04*"], title="t")
    >>> "&lt;10u" in svg and "50%" in svg
    True
    """
    texts = [[f"{v:.0f}%".replace(".", decimal) if _ok(v) else "–" for v in line] for line in pct]
    tips = [[f"{label} · {g}: {texts[i][j]} ({int(counts[i][j])}/{int(bases[j])})" for j, g in enumerate(groups)]
            for i, label in enumerate(rows)]
    columns = [Column(g, f"n = {int(n)}", f"{g} (n = {int(n)})") for g, n in zip(groups, bases)]
    return grid(rows, columns, pct, texts, tips, title=title, notes=list(notes), note_title=note_title,
                label_width=label_width)


def _ok(x) -> bool:
    try:
        return x is not None and math.isfinite(float(x))
    except (TypeError, ValueError):
        return False
