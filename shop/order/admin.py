from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.admin import *  # noqa: F403
from oscar.apps.order.admin import OrderAdmin as OscarOrderAdmin
from oscar.core.loading import get_model

from payments.models import Method
from payments.services import payments_for
from shop.order.services import PAYMENT_PURPOSE

Order = get_model("order", "Order")


class OrderAdmin(OscarOrderAdmin):
    """Oscar's order admin plus every payment for the order and its history."""

    readonly_fields = (*getattr(OscarOrderAdmin, "readonly_fields", ()), "payments_summary")
    list_display = (
        *(f if f != "date_placed" else "placed" for f in OscarOrderAdmin.list_display),
        "payment_method",
        "cod_confirmed_at",
    )

    @admin.display(description=_("Date placed"), ordering="date_placed")
    def placed(self, obj):
        """Oscar's field has no verbose name: the column would say "Date placed" in
        every language."""
        return obj.date_placed

    @admin.display(description=_("Payments"))
    def payments_summary(self, obj):
        rows = []
        for payment in payments_for(PAYMENT_PURPOSE, obj.number):
            history = ", ".join(
                f"{c.at:%Y-%m-%d %H:%M} {c.old_status or '·'}→{c.new_status} {c.note}"
                for c in payment.history.all()
            )
            events = ", ".join(f"{e.provider}:{e.type} {e.outcome}" for e in payment.events.all())
            rows.append(
                (
                    reverse("admin:payments_payment_change", args=[payment.pk]),
                    payment.get_method_display(),
                    payment.amount,
                    payment.currency,
                    payment.get_status_display(),
                    payment.provider_id or "-",
                    history,
                    events or "-",
                )
            )
        if not rows:
            return "-"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> {} {} — {} ({})<br>{}<br>{}</li>',
                rows,
            ),
        )


class ShipForm(forms.Form):
    carrier = forms.CharField(label=_("Carrier"), max_length=64, initial="VNPost")
    tracking_code = forms.CharField(label=_("Tracking code"), max_length=128)


@admin.action(description=_("Cancel selected orders and release their stock"))
def cancel_orders(modeladmin, request, queryset):
    from shop.order.services import cancel_order

    done = sum(1 for order in queryset.order_by("pk") if cancel_order(order, reason="by staff"))
    modeladmin.message_user(request, _("%(count)d orders cancelled.") % {"count": done})


@admin.action(description=_("Mark selected orders as paid"))
def mark_orders_paid(modeladmin, request, queryset):
    from shop.order.services import PENDING, record_manual_payment

    done = 0
    for order in queryset.filter(status=PENDING).order_by("pk"):
        record_manual_payment(order, note="marked paid by staff", user=request.user)
        done += 1
    modeladmin.message_user(request, _("%(count)d orders marked as paid.") % {"count": done})


@admin.action(description=_("Ship selected orders (with tracking code)"))
def ship_orders(modeladmin, request, queryset):
    from shop.order.services import OrderStateError, ship_order

    form = ShipForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        for order in queryset.order_by("pk"):
            try:
                ship_order(order, **form.cleaned_data)
            except OrderStateError as exc:
                modeladmin.message_user(request, str(exc), level=messages.WARNING)
        return None
    return TemplateResponse(
        request,
        "admin/order/ship_orders.html",
        {
            **modeladmin.admin_site.each_context(request),
            "form": form,
            "orders": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "title": _("Ship orders"),
        },
    )


@admin.action(description=_("Cash on delivery: confirmed by phone"))
def confirm_cod_by_phone(modeladmin, request, queryset):
    from shop.order.services import OrderStateError, confirm_cod_order

    done = 0
    for order in queryset.filter(payment_method=Method.COD).order_by("pk"):
        try:
            confirm_cod_order(order, by_staff=request.user)
        except OrderStateError as exc:
            modeladmin.message_user(request, str(exc), level=messages.WARNING)
        else:
            done += 1
    modeladmin.message_user(request, _("%(count)d orders confirmed.") % {"count": done})


OrderAdmin.actions = [ship_orders, cancel_orders, mark_orders_paid, confirm_cod_by_phone]


admin.site.unregister(Order)
admin.site.register(Order, OrderAdmin)
