"""Order views of the dashboard. Staff get Oscar's views. A cooperative user gets
pages of their own: an order shows only their lines, the buyer's name, phone and
shipping address (what they need to ship), and a form to ship those lines. Oscar's
own order page would show every line and the order's totals (django-oscar #2240)."""

from django import forms
from django.contrib import messages
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F403
from oscar.core.loading import get_class, get_model

from cooperatives import access
from core.csv_export import SafeUnicodeCSVWriter
from shop.order import services, statuses

Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderNote = get_model("order", "OrderNote")
PaymentError = get_class("payment.exceptions", "PaymentError")
InvalidOrderStatus = get_class("order.exceptions", "InvalidOrderStatus")


def status_changed_message(old_status, new_status):
    """Oscar quotes the stored codes ('Pending payment' to 'Paid'); staff read the
    words the rest of the site shows (shop.order.statuses)."""
    return _("Order status changed from “%(old_status)s” to “%(new_status)s”.") % {
        "old_status": statuses.label(old_status),
        "new_status": statuses.label(new_status),
    }


def line_status_changed_message(line, old_status, new_status):
    return _("Line %(line_id)s: status changed from “%(old_status)s” to “%(new_status)s”.") % {
        "line_id": line.pk,
        "old_status": statuses.label(old_status) if old_status else "–",
        "new_status": statuses.label(new_status),
    }


class ShipLinesForm(forms.Form):
    lines = forms.ModelMultipleChoiceField(
        queryset=Line.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Lines")
    )
    carrier = forms.CharField(label=_("Carrier"), max_length=64, required=False)
    tracking_code = forms.CharField(label=_("Tracking code"), max_length=128)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].queryset = lines


def own_lines(user, order):
    return access.owned_queryset(user, Line).filter(order=order).order_by("pk")


class PartnerOrderListView(generic.ListView):
    template_name = "shop/dashboard/partner_order_list.html"
    context_object_name = "orders"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        lines = access.owned_queryset(user, Line)
        return (
            access.owned_queryset(user, Order)
            .exclude(status=services.PENDING)
            .order_by("-date_placed")
            .prefetch_related(
                models_prefetch(lines.select_related("product")),
            )
        )


def models_prefetch(lines):
    from django.db.models import Prefetch

    return Prefetch("lines", queryset=lines, to_attr="own_lines")


class PartnerOrderDetailView(generic.DetailView):
    template_name = "shop/dashboard/partner_order_detail.html"
    context_object_name = "order"

    def get_object(self, queryset=None):
        order = access.get_owned_or_404(self.request.user, Order, number=self.kwargs["number"])
        if order.status == services.PENDING:
            raise Http404
        return order

    def get_context_data(self, form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        lines = own_lines(self.request.user, self.object)
        ctx["lines"] = lines.select_related("product")
        ctx["own_total"] = lines.aggregate(total=Sum("line_price_incl_tax"))["total"] or 0
        ctx["address"] = self.object.shipping_address
        ctx["form"] = form or ShipLinesForm(lines=self.shippable(lines))
        return ctx

    def shippable(self, lines):
        return lines.exclude(status=services.SHIPPED).filter(allocation_cancelled=False)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        lines = self.shippable(own_lines(request.user, self.object))
        form = ShipLinesForm(request.POST, lines=lines)
        if form.is_valid():
            try:
                services.ship_lines(
                    request.user,
                    form.cleaned_data["lines"],
                    tracking_code=form.cleaned_data["tracking_code"],
                    carrier=form.cleaned_data["carrier"],
                )
            except services.ExportPermitMissing as exc:
                messages.error(request, str(exc))
            except (services.OrderStateError, services.NotYourLineError):
                messages.error(request, _("These lines cannot be shipped now."))
            else:
                messages.success(request, _("Lines marked as shipped."))
                return redirect("dashboard:order-detail", number=self.object.number)
        return self.render_to_response(self.get_context_data(form=form))


class PartnerLineDetailView(generic.DetailView):
    template_name = "shop/dashboard/partner_line_detail.html"
    context_object_name = "line"

    def get_object(self, queryset=None):
        return access.get_owned_or_404(
            self.request.user,
            Line.objects.select_related("order", "product"),
            pk=self.kwargs["line_id"],
            order__number=self.kwargs["number"],
        )


def _staff_or(staff_view, partner_view):
    def dispatch(self, request, *args, **kwargs):
        if access.is_staff(request.user):
            return staff_view.dispatch(self, request, *args, **kwargs)
        return partner_view.as_view()(request, *args, **kwargs)

    return dispatch


class OrderListView(oscar_views.OrderListView):
    dispatch = _staff_or(oscar_views.OrderListView, PartnerOrderListView)

    def change_order_status(self, request, order):
        """Oscar's bulk action, with the status words staff see elsewhere."""
        new_status = request.POST.get("new_status", "").strip()
        if new_status not in order.available_statuses():
            messages.error(
                request,
                _("Order %(number)s cannot change to “%(status)s”.")
                % {"number": order.number, "status": statuses.label(new_status)},
            )
            return
        old_status = order.status
        try:
            self.get_handler(user=request.user).handle_order_status_change(order, new_status)
        except PaymentError as exc:
            messages.error(
                request, _("Unable to change order status due to payment error: %s") % exc
            )
        except services.OrderStateError as exc:
            messages.error(request, str(exc))
        else:
            message = status_changed_message(old_status, new_status)
            messages.info(request, message)
            order.notes.create(user=request.user, message=message, note_type=OrderNote.SYSTEM)

    def download_selected_orders(self, request, orders):
        """Oscar's export, with cells neutralised (core.csv_export)."""
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{self.get_download_filename(request)}"'
        )
        writer = SafeUnicodeCSVWriter(open_file=response)
        writer.writerow(self.CSV_COLUMNS.values())
        for order in orders:
            row_values = self.get_row_values(order)
            writer.writerow([row_values.get(column, "") for column in self.CSV_COLUMNS])
        return response


class OrderDetailView(oscar_views.OrderDetailView):
    dispatch = _staff_or(oscar_views.OrderDetailView, PartnerOrderDetailView)

    def change_order_status(self, request, order):
        """Oscar's, with the status words staff see elsewhere in the message and the
        order's note. Shipping goes through shop.order.services; what it refuses (a
        missing export permit, an order not ready) is a message on the page."""
        form = self.get_order_status_form()
        if not form.is_valid():
            return self.reload_page(error=_("Invalid form submission"))
        old_status, new_status = order.status, form.cleaned_data["new_status"]
        message = status_changed_message(old_status, new_status)
        try:
            self.get_handler(user=request.user).handle_order_status_change(
                order, new_status, note_msg=message
            )
        except PaymentError as exc:
            messages.error(
                request, _("Unable to change order status due to payment error: %s") % exc
            )
        except InvalidOrderStatus:
            messages.error(
                request,
                _("Unable to change order status as the requested new status is not valid"),
            )
        except services.OrderStateError as exc:
            messages.error(request, str(exc))
        else:
            messages.info(request, message)
        return self.reload_page()

    def change_line_statuses(self, request, order, lines, quantities):
        if request.POST.get("new_status", "").strip() == services.SHIPPED:
            try:
                services.check_export_permits(lines)
            except services.ExportPermitMissing as exc:
                messages.error(request, str(exc))
                return self.reload_page()
        return self._change_line_statuses(request, order, lines)

    def _change_line_statuses(self, request, order, lines):
        """Oscar's, with the status words staff see elsewhere."""
        new_status = request.POST.get("new_status", "").strip()
        if not new_status or any(new_status not in line.available_statuses() for line in lines):
            return self.reload_page(
                error=_("“%(status)s” is not a valid new status for these lines.")
                % {"status": statuses.label(new_status)}
            )
        notes = []
        for line in lines:
            notes.append(line_status_changed_message(line, line.status, new_status))
            line.set_status(new_status)
        message = "\n".join(notes)
        messages.info(request, message)
        order.notes.create(user=request.user, message=message, note_type=OrderNote.SYSTEM)
        return self.reload_page()


class ExportPermitForm(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput)
    reference = forms.CharField(label=_("Export permit reference"), max_length=64)


class ExportPermitListView(generic.ListView):
    """Staff: lines going abroad that wait for an export permit reference."""

    template_name = "shop/dashboard/export_permits.html"
    context_object_name = "lines"
    paginate_by = 100

    def get_queryset(self):
        return (
            Line.objects.filter(export_permit_required=True, allocation_cancelled=False)
            .exclude(status=services.SHIPPED)
            .exclude(order__status=services.CANCELLED)
            .select_related("order", "order__shipping_address__country")
            .order_by("export_permit_reference", "order__date_placed", "pk")
        )

    def post(self, request, *args, **kwargs):
        form = ExportPermitForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Enter the export permit reference."))
            return redirect("dashboard:order-export-permits")
        line = self.get_queryset().filter(pk=form.cleaned_data["line"]).first()
        if line is None:
            raise Http404
        try:
            services.set_export_permit_reference(
                line, form.cleaned_data["reference"], user=request.user
            )
        except services.OrderStateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Export permit %(reference)s saved for %(title)s (order %(number)s).")
                % {
                    "reference": form.cleaned_data["reference"],
                    "title": line.title,
                    "number": line.order.number,
                },
            )
        return redirect("dashboard:order-export-permits")


class LineDetailView(oscar_views.LineDetailView):
    dispatch = _staff_or(oscar_views.LineDetailView, PartnerLineDetailView)


class OrderStatsView(oscar_views.OrderStatsView):
    def dispatch(self, request, *args, **kwargs):
        if not access.is_staff(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ShippingAddressUpdateView(oscar_views.ShippingAddressUpdateView):
    def dispatch(self, request, *args, **kwargs):
        if not access.is_staff(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)
