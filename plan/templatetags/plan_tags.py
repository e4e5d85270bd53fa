from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from plan import present

register = template.Library()


@register.simple_tag
def plan_value(value, unit):
    """The value in the page's language, or "no data" (never a 0 for a missing value)."""
    if value is None or value == "":
        return format_html('<span class="plan-nodata">{}</span>', _("no data"))
    return present.format_value(value, unit)


@register.filter
def plain(value):
    return present.plain(value)


@register.filter
def plan_cells(row, table):
    return row.cells(table.columns)
