"""Oscar's dashboard product table; Oscar's get_class finds it here first."""

from django_tables2 import TemplateColumn
from oscar.apps.dashboard.catalogue import tables as oscar_tables


class ProductTable(oscar_tables.ProductTable):
    # Oscar's checkbox column is sortable, which leaves an empty link in its header.
    checkbox = TemplateColumn(
        verbose_name="",
        template_name="oscar/dashboard/catalogue/product_row_checkbox.html",
        orderable=False,
    )
