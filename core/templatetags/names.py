"""Vietnamese proper names on pages in another language.

Names of cooperatives, laboratories, growing areas and certificates are official
Vietnamese names: they are not translated, but an English page marks them
``lang="vi"`` (so a screen reader pronounces them, and the language check knows they are
names). The demo's "(dữ liệu mẫu)" marker after invented names is a note, not part of
the name: it is shown in the page's language.
"""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

SAMPLE_MARKER = re.compile(r"\s*\((?:dữ liệu mẫu|mẫu)\)")


@register.filter(name="vi_name")
def vi_name(value):
    """``HTX Sâm Sì Lở Lầu (dữ liệu mẫu)`` -> on English pages
    ``<span lang="vi">HTX Sâm Sì Lở Lầu</span> (sample data)``; unchanged on Vietnamese."""
    if value is None or value == "":
        return ""
    text = str(value)
    if (get_language() or "vi").startswith("vi"):
        return conditional_escape(text)
    sample = bool(SAMPLE_MARKER.search(text))
    name = SAMPLE_MARKER.sub("", text).strip()
    html = format_html('<span lang="vi">{}</span>', name)
    if sample:
        html = mark_safe(f"{html} ({conditional_escape(_('sample data'))})")
    return html


@register.filter(name="vi_name_text")
def vi_name_text(value):
    """The same for plain text (titles, attributes): the marker in the page's language."""
    text = str(value or "")
    if (get_language() or "vi").startswith("vi") or not SAMPLE_MARKER.search(text):
        return text
    return f"{SAMPLE_MARKER.sub('', text).strip()} ({_('sample data')})"
