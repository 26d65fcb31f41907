"""Server-side SVG charts: light (no script, no library), accessible.

Each chart is an inline <svg role="img"> named by its <title> and described by
its <desc>, which states every value; pages put a data table beside it for
people who prefer one (and for screen readers that skip images). Colours and
sizes are SVG attributes, so the charts need no stylesheet. Every text placed
in the markup is escaped here; the result is safe to insert in a template.
"""

import itertools
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = "#1f5fa8"
LINE = "#b8460b"
GRID = "#d5dbe3"
INK = "#1d2430"
MUTED = "#555f6d"

_ids = itertools.count(1)


def _number(value: float) -> str:
    """Coordinates with at most one decimal, without trailing zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _scale_top(maximum: float) -> int:
    """A round upper bound for the axis: 1, 2, 5, 10, 20, 50, …"""
    if maximum <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= maximum:
                return step * factor
        step *= 10


def bar_chart(
    bars: Sequence[tuple[str, float]],
    *,
    title: str,
    description: str,
    value_label=str,
    line: Sequence[float] | None = None,
    line_label: str = "",
    width: int = 640,
    height: int = 240,
) -> SafeString:
    """Vertical bars with their value above each, and an optional line (e.g. a running total).

    `bars`: (label under the bar, value). `value_label` formats a value for
    display (localised numbers). `line`: one value per bar, drawn on the same
    axis; `line_label` names it in the legend.
    """
    uid = next(_ids)
    left, right, top, bottom = 8, 8, 22 if line else 12, 34
    plot_width, plot_height = width - left - right, height - top - bottom
    values = [value for _label, value in bars]
    maximum = _scale_top(max([*values, *(line or [])], default=0))
    slot = plot_width / max(len(bars), 1)
    bar_width = max(slot * 0.64, 1)
    label_every = max(1, -(-len(bars) * 48 // plot_width))  # keep labels from colliding

    def y(value: float) -> float:
        return top + plot_height - (value / maximum) * plot_height

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" height="{height}" '
        f'aria-labelledby="chart-{uid}-title chart-{uid}-desc" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="chart-{uid}-title">{escape(title)}</title>',
        f'<desc id="chart-{uid}-desc">{escape(description)}</desc>',
        f'<line x1="{left}" x2="{width - right}" y1="{_number(y(0))}" y2="{_number(y(0))}" '
        f'stroke="{GRID}"/>',
    ]
    for index, (label, value) in enumerate(bars):
        x = left + index * slot + (slot - bar_width) / 2
        bar_top = y(value)
        centre = _number(x + bar_width / 2)
        parts.append(
            f'<rect x="{_number(x)}" y="{_number(bar_top)}" width="{_number(bar_width)}" '
            f'height="{_number(y(0) - bar_top)}" fill="{BAR}"/>'
        )
        if value:
            parts.append(
                f'<text x="{centre}" y="{_number(bar_top - 4)}" text-anchor="middle" '
                f'fill="{INK}">{escape(value_label(value))}</text>'
            )
        if index % label_every == 0:
            parts.append(
                f'<text x="{centre}" y="{height - bottom + 16}" text-anchor="middle" '
                f'fill="{MUTED}">{escape(label)}</text>'
            )
    if line:
        points = " ".join(
            f"{_number(left + index * slot + slot / 2)},{_number(y(value))}"
            for index, value in enumerate(line)
        )
        parts.append(f'<polyline points="{points}" fill="none" stroke="{LINE}" stroke-width="2"/>')
        parts.append(
            f'<line x1="{width - right - 150}" x2="{width - right - 132}" y1="10" y2="10" '
            f'stroke="{LINE}" stroke-width="2"/>'
            f'<text x="{width - right - 128}" y="14" fill="{INK}">{escape(line_label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
