"""Oscar's dashboard product table; Oscar's get_class finds it here first."""

from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django_tables2 import TemplateColumn
from oscar.apps.dashboard.catalogue import tables as oscar_tables


def _select_all_header():
    return format_html('<span class="sr-only">{}</span>', _("Select all"))


class ProductTable(oscar_tables.ProductTable):
    # Oscar's checkbox column is sortable, which leaves an empty link in its header; its
    # header names the "select all" box that Oscar's script adds (static/js/site.js).
    checkbox = TemplateColumn(
        verbose_name=lazy(_select_all_header, SafeString)(),
        template_name="oscar/dashboard/catalogue/product_row_checkbox.html",
        orderable=False,
    )

    class Meta(oscar_tables.ProductTable.Meta):
        pass
