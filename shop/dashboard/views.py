"""Dashboard pages: the index (a cooperative user is sent to their sales, since Oscar's
index sums whole orders), and the sales report by month and product, from the same
ownership rule as everything else (cooperatives.access)."""

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views import generic
from oscar.apps.dashboard import views as oscar_views
from oscar.apps.dashboard.views import *  # noqa: F403
from oscar.core.loading import get_model

from cooperatives import access
from cooperatives.models import Profile
from core import csv_export
from shop.order.statuses import SOLD_STATUSES

Line = get_model("order", "Line")
Product = get_model("catalogue", "Product")


class IndexView(oscar_views.IndexView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.is_staff(request.user):
            return redirect("dashboard:cooperative-sales")
        return super().dispatch(request, *args, **kwargs)


def sales_rows(user):
    """(month, product, quantity, revenue) for the lines ``user`` may see, sold orders
    only, newest month first."""
    return (
        access.owned_queryset(user, Line)
        .filter(order__status__in=SOLD_STATUSES)
        .annotate(month=TruncMonth("order__date_placed", tzinfo=timezone.get_current_timezone()))
        .values("month", "partner_sku", "title", "product_id")
        .annotate(
            quantity=Sum("quantity"),
            revenue=Sum("line_price_incl_tax"),
            orders=Count("order", distinct=True),
        )
        .order_by("-month", "title")
    )


class SalesReportView(generic.TemplateView):
    template_name = "shop/dashboard/sales_report.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = list(sales_rows(self.request.user))
        # A line keeps the title it was sold under (in the buyer's language); the report
        # shows the product's title in the page's language.
        products = Product.objects.filter(pk__in={row["product_id"] for row in rows})
        titles = {product.pk: product.get_title() for product in products}
        for row in rows:
            row["title"] = titles.get(row["product_id"], row["title"])
        ctx["rows"] = rows
        ctx["total_quantity"] = sum(row["quantity"] or 0 for row in rows)
        ctx["total_revenue"] = sum(row["revenue"] or 0 for row in rows)
        ctx["profiles"] = access.owned_queryset(self.request.user, Profile).select_related(
            "cooperative"
        )
        return ctx

    def csv_response(self):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="sales.csv"'
        writer = csv_export.writer(response)
        writer.writerow(["month", "sku", "product", "orders", "quantity", "revenue_vnd"])
        for row in sales_rows(self.request.user):
            writer.writerow(
                [
                    row["month"].strftime("%Y-%m") if row["month"] else "",
                    row["partner_sku"],
                    row["title"],
                    row["orders"],
                    row["quantity"],
                    int(row["revenue"] or 0),
                ]
            )
        return response
