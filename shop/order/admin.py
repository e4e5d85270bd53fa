from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.admin import *  # noqa: F403
from oscar.apps.order.admin import OrderAdmin as OscarOrderAdmin
from oscar.core.loading import get_model

from payments.services import payments_for

Order = get_model("order", "Order")


class OrderAdmin(OscarOrderAdmin):
    """Oscar's order admin plus every payment for the order and its history."""

    readonly_fields = (*getattr(OscarOrderAdmin, "readonly_fields", ()), "payments_summary")
    list_display = (*OscarOrderAdmin.list_display, "payment_method")

    @admin.display(description=_("Payments"))
    def payments_summary(self, obj):
        rows = []
        for payment in payments_for("order", obj.number):
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


admin.site.unregister(Order)
admin.site.register(Order, OrderAdmin)
