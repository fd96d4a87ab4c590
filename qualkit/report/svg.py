"""Small inline SVG charts: horizontal bars with 95% interval whiskers, and heat maps.

No JavaScript, no external fonts or files: each chart is one ``<svg>`` element
to put inside an HTML page. Every piece of text is escaped and every colour is
checked, so labels from a codebook or a data file cannot inject markup.

>>> svg = bar_chart([Bar("Meer personeel", 45.0, 37.1, 53.2, 66)], title="Q23")
>>> svg.startswith("<svg") and "Meer personeel" in svg
True
>>> "<script>" in bar_chart([Bar("<script>x</script>", 10.0, 5.0, 15.0, 3)], title="t")
False
"""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from typing import Sequence

PALETTE = ["#2a6fb0", "#e07b39", "#3a9a5b", "#c44e52", "#8172b2", "#937860", "#da8bc3", "#5f9ea0"]
MUTED = "#9aa3ad"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")
_LOW, _HIGH = (247, 251, 255), (8, 69, 148)  # heat map: near-white to dark blue


def esc(value) -> str:
    """``value`` as text safe inside an HTML/SVG element or a quoted attribute."""
    return html.escape(str(value), quote=True)


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
              label_width: int = 260) -> str:
    """A horizontal bar chart of percentages with whiskers for their 95% intervals.

    The axis runs from 0 to the next multiple of 10 above the highest interval
    end. ``title`` is the chart's accessible name (and tooltip).
    """
    row, top, bottom = 26, 8, 30
    height = top + row * max(len(bars), 1) + bottom
    hi = max([b.high for b in bars if _ok(b.high)] + [b.pct for b in bars if _ok(b.pct)] + [1.0])
    xmax = min(100.0, max(10.0, math.ceil(hi / 10.0) * 10.0))
    x0, x1 = label_width + 10, width - 56
    scale = (x1 - x0) / xmax
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
           f'width="{width}" role="img" aria-label="{esc(title)}"><title>{esc(title)}</title>']
    step = 10 if xmax <= 50 else 20
    axis_y = top + row * len(bars) + 4
    for t in range(0, int(xmax) + 1, step):
        x = x0 + t * scale
        out.append(f'<line x1="{x:.1f}" y1="{top - 2}" x2="{x:.1f}" y2="{axis_y}" class="grid"/>'
                   f'<text x="{x:.1f}" y="{axis_y + 15}" class="tick" text-anchor="middle">{t}%</text>')
    for i, b in enumerate(bars):
        y = top + i * row
        cy = y + row / 2
        fill = MUTED if b.muted else colour(b.colour, PALETTE[0])
        label = short(b.label, 38)
        cls = "lbl cat" if b.strong else "lbl"
        tip = b.tooltip or f"{b.label}: {b.pct:.1f}% (n = {b.n})"
        out.append(f'<g><title>{esc(tip)}</title>'
                   f'<text x="{label_width}" y="{cy + 4:.1f}" text-anchor="end" class="{cls}">{esc(label)}</text>')
        if _ok(b.pct):
            w = max(b.pct * scale, 0.0)
            out.append(f'<rect x="{x0}" y="{y + 5}" width="{w:.1f}" height="{row - 10}" fill="{fill}" rx="2"/>')
            end = x0 + w
            if _ok(b.low) and _ok(b.high):
                lo, hi_x = x0 + b.low * scale, x0 + b.high * scale
                out.append(f'<path d="M{lo:.1f} {cy:.1f}H{hi_x:.1f}M{lo:.1f} {cy - 5:.1f}V{cy + 5:.1f}'
                           f'M{hi_x:.1f} {cy - 5:.1f}V{cy + 5:.1f}" class="ci"/>')
                end = max(end, hi_x)
            out.append(f'<text x="{end + 5:.1f}" y="{cy + 4:.1f}" class="val">{_fmt(b.pct, decimal)}%</text>')
        out.append("</g>")
    out.append(f'<line x1="{x0}" y1="{top - 2}" x2="{x0}" y2="{axis_y}" class="axis"/></svg>')
    return "".join(out)


def heat_colour(t: float) -> str:
    """The heat map fill for ``t`` in 0..1 (near-white to dark blue).

    >>> heat_colour(0.0), heat_colour(1.0)
    ('#f7fbff', '#084594')
    """
    t = min(max(t, 0.0), 1.0) if _ok(t) else 0.0
    rgb = [round(a + (b - a) * t) for a, b in zip(_LOW, _HIGH)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def heatmap(rows: Sequence[str], groups: Sequence[str], bases: Sequence[int], pct: Sequence[Sequence[float]],
            counts: Sequence[Sequence[int]], notes: Sequence[str], *, title: str, note_title: str = "p",
            decimal: str = ".", label_width: int = 250) -> str:
    """A code x group heat map of column percentages, one cell per code and group,
    with a last column of ``notes`` (for example a p value with stars).

    >>> svg = heatmap(["Personeel"], ["<10u", ">20u"], [10, 12], [[20.0, 50.0]], [[2, 6]], ["0.04*"], title="t")
    >>> "&lt;10u" in svg and "50%" in svg
    True
    """
    cw = max(58, min(110, int(560 / max(len(groups), 1))))
    row, head = 26, 42
    nw = 84
    width = label_width + 10 + cw * len(groups) + nw
    height = head + row * max(len(rows), 1) + 6
    finite = [v for line in pct for v in line if _ok(v)]
    vmax = max(finite + [1.0])
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart heat" viewBox="0 0 {width} {height}" '
           f'width="{width}" role="img" aria-label="{esc(title)}"><title>{esc(title)}</title>']
    x0 = label_width + 10
    for j, (g, n) in enumerate(zip(groups, bases)):
        cx = x0 + j * cw + cw / 2
        out.append(f'<g><title>{esc(g)} (n = {int(n)})</title>'
                   f'<text x="{cx:.1f}" y="16" text-anchor="middle" class="ghead">{esc(short(g, max(cw // 8, 4)))}</text>'
                   f'<text x="{cx:.1f}" y="32" text-anchor="middle" class="tick">n = {int(n)}</text></g>')
    out.append(f'<text x="{x0 + cw * len(groups) + nw / 2:.1f}" y="24" text-anchor="middle" class="ghead">'
               f'{esc(note_title)}</text>')
    for i, label in enumerate(rows):
        y = head + i * row
        out.append(f'<g><title>{esc(label)}</title><text x="{label_width}" y="{y + row / 2 + 4:.1f}" '
                   f'text-anchor="end" class="lbl">{esc(short(label, 38))}</text></g>')
        for j, g in enumerate(groups):
            v = pct[i][j]
            k = counts[i][j]
            t = v / vmax if _ok(v) else 0.0
            fill = heat_colour(t) if _ok(v) else "#ffffff"
            ink = "#ffffff" if t > 0.55 else "#1b1f24"
            txt = f"{v:.0f}%".replace(".", decimal) if _ok(v) else "–"
            x = x0 + j * cw
            out.append(f'<g><title>{esc(label)} · {esc(g)}: {esc(txt)} ({int(k)}/{int(bases[j])})</title>'
                       f'<rect x="{x + 1}" y="{y + 1}" width="{cw - 2}" height="{row - 2}" fill="{fill}" class="cell"/>'
                       f'<text x="{x + cw / 2:.1f}" y="{y + row / 2 + 4:.1f}" text-anchor="middle" fill="{ink}" '
                       f'class="cellval">{esc(txt)}</text></g>')
        note = notes[i] if i < len(notes) else ""
        out.append(f'<text x="{x0 + cw * len(groups) + nw / 2:.1f}" y="{y + row / 2 + 4:.1f}" '
                   f'text-anchor="middle" class="note">{esc(note)}</text>')
    out.append("</svg>")
    return "".join(out)


def _ok(x) -> bool:
    try:
        return x is not None and math.isfinite(float(x))
    except (TypeError, ValueError):
        return False
