"""Bar charts as inline SVG, drawn on the server. Pure Python: no Django.

A chart is a picture of a table shown beside it (the table is what screen readers and
the CSV use); the SVG scales to its box (``viewBox``, no fixed size), so it is as wide
as a phone's screen at 390 px and keeps its text readable there: the drawing is 360
units wide, about one unit per CSS pixel on a phone.
"""

from decimal import Decimal
from html import escape

WIDTH = 360
BAR_AREA_TOP = 12
BAR_AREA_HEIGHT = 150
LEFT = 8
AXIS_GAP = 18
#: Fill colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by
#: the legend's text too, never by colour alone.
COLOURS = ("#1f4d3a", "#a34700", "#335f9c", "#6b4c9a")


def _number(value):
    if value is None:
        return Decimal(0)
    return Decimal(str(value))


def bar_chart(*, title, categories, series, format_value=str, chart_id="chart"):
    """Stacked vertical bars.

    ``categories``: labels along the bottom (e.g. months); ``series``: ``[(label,
    [value per category]), ...]`` stacked in order (``None`` draws nothing: no data);
    ``format_value`` writes the largest total on the axis. Returns SVG markup.
    """
    count = max(len(categories), 1)
    totals = [
        sum((_number(values[i]) for _label, values in series), Decimal(0)) for i in range(count)
    ]
    top = max(totals + [Decimal(0)])
    legend_rows = len(series) if len(series) > 1 else 0
    height = BAR_AREA_TOP + BAR_AREA_HEIGHT + AXIS_GAP + legend_rows * 16 + 4
    slot = (WIDTH - LEFT * 2) / count
    bar = max(slot * 0.7, 2)
    title_id = f"{chart_id}-title"
    parts = [
        f'<svg class="plan-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{escape(title_id)}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<line x1="{LEFT}" y1="{BAR_AREA_TOP + BAR_AREA_HEIGHT}" x2="{WIDTH - LEFT}" '
        f'y2="{BAR_AREA_TOP + BAR_AREA_HEIGHT}" stroke="#555" stroke-width="1"/>',
    ]
    if top > 0:
        parts.append(
            f'<text x="{LEFT}" y="{BAR_AREA_TOP - 2}" font-size="11" fill="#333">'
            f"{escape(format_value(top))}</text>"
        )
        parts.append(
            f'<line x1="{LEFT}" y1="{BAR_AREA_TOP}" x2="{WIDTH - LEFT}" y2="{BAR_AREA_TOP}" '
            f'stroke="#bbb" stroke-width="0.5" stroke-dasharray="3 3"/>'
        )
    for i, label in enumerate(categories):
        x = LEFT + slot * i + (slot - bar) / 2
        base = BAR_AREA_TOP + BAR_AREA_HEIGHT
        for s, (_name, values) in enumerate(series):
            value = _number(values[i])
            if value <= 0 or top <= 0:
                continue
            h = float(value / top) * BAR_AREA_HEIGHT
            base -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[s % len(COLOURS)]}"/>'
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{BAR_AREA_TOP + BAR_AREA_HEIGHT + 13}" '
            f'font-size="11" text-anchor="middle" fill="#333">{escape(str(label))}</text>'
        )
    y = BAR_AREA_TOP + BAR_AREA_HEIGHT + AXIS_GAP + 6
    for s, (name, _values) in enumerate(series if legend_rows else []):
        parts.append(
            f'<rect x="{LEFT}" y="{y + s * 16 - 9}" width="10" height="10" '
            f'fill="{COLOURS[s % len(COLOURS)]}"/>'
            f'<text x="{LEFT + 16}" y="{y + s * 16}" font-size="11" fill="#333">'
            f"{escape(str(name))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
