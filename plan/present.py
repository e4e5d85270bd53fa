"""How a report is written out: values in the page's language, the CSV rows (the same
figures and table cells the page shows, with plain numbers) and each table's chart."""

from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import money, numbers
from plan import charts
from plan.figures import DEFINITIONS, UNIT_LABELS

DECIMALS = {"ha": 2, "percent": 1, "t_fresh": 3, "kg_fresh": 3, "kg_dried": 3}


def plain(value):
    """The value as the CSV and the page's ``data-value`` write it ("" for no data)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def unit_label(unit):
    return str(UNIT_LABELS.get(unit, ""))


def format_value(value, unit, language=None):
    """``1234.5, "ha"`` -> ``1.234,5 ha`` (vi); ``None`` -> "" (the template says no data)."""
    language = language or get_language() or "vi"
    if value is None:
        return ""
    if unit == "text":
        return str(value)
    if unit == "vnd":
        return money.format_vnd(value, language)
    if unit == "percent":
        return numbers.format_percent(value, language, 1)
    text = numbers.format_number(value, language, DECIMALS.get(unit, 0))
    label = unit_label(unit)
    return f"{text} {label}" if label else text


def csv_rows(report):
    """Header, then one row per figure and per table cell, in the page's order."""
    yield [
        _("section"),
        _("figure or table"),
        _("row"),
        _("column"),
        _("value"),
        _("unit"),
        _("target"),
        _("target year"),
        _("source in the plan"),
    ]
    for section in report.sections:
        for figure in section.figures:
            target = figure.target
            yield [
                str(section.title),
                str(figure.label),
                "",
                "",
                plain(figure.value),
                unit_label(figure.unit) or figure.unit,
                plain(target.value) if target else "",
                target.year if target else "",
                target.source if target else "",
            ]
        for table in section.tables:
            for row in table.rows:
                for column, value in zip(table.columns, row.values, strict=True):
                    yield [
                        str(section.title),
                        str(table.title),
                        str(row.label),
                        str(column.label),
                        plain(value),
                        unit_label(column.unit) or column.unit,
                        "",
                        "",
                        "",
                    ]


def chart_svg(table, language=None):
    """The table's chart (its rows without the total), or "" when it has none."""
    if not table.chart:
        return ""
    index = {column.key: i for i, column in enumerate(table.columns)}
    rows = [row for row in table.rows if not row.is_total]
    series = [
        (str(label), [row.values[index[key]] for row in rows])
        for label, key in table.chart["series"]
    ]
    categories = [_short_label(row) for row in rows]
    unit = table.chart.get("unit", "")
    return charts.bar_chart(
        title=str(table.title),
        categories=categories,
        series=series,
        format_value=lambda v: format_value(v, unit, language),
        chart_id=f"chart-{table.key}",
    )


def _short_label(row):
    """Months as their number, communes by their initials (the table names them)."""
    label = str(row.label)
    if len(label) == 7 and label[2] == "/":
        return str(int(label[:2]))
    if len(label) > 6 and " " in label:
        return "".join(word[0] for word in label.split())
    return label


def method_text(figure_key):
    return DEFINITIONS[figure_key].method
