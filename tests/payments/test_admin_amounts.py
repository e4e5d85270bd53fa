"""Amounts in the Django admin's payment pages go through the site's one VND formatter
(core.money: ``1.234.567 ₫`` in Vietnamese), as the shop shows them."""

import pytest

from core.money import format_vnd
from payments.models import Payment
from tests.payments.test_statement_import import statement, two_orders, upload  # noqa: F401

pytestmark = pytest.mark.django_db


def test_statement_results_and_payments_show_amounts_as_the_shop_does(
    two_orders,  # noqa: F811
    admin_client,
    django_capture_on_commit_callbacks,
):
    from payments.models import StatementImport

    first, _ = two_orders
    payment = Payment.objects.get(reference=first.number)
    shown = format_vnd(payment.amount, "vi")
    assert shown.endswith(" ₫") and "." in shown
    data = statement(("FT9", "2026-11-28", payment.amount, f"SLC{first.number}"))
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, data)
    record = StatementImport.objects.get()
    results = admin_client.get(f"/django-admin/payments/statementimport/{record.pk}/change/")
    assert f'<td class="amount">{shown}</td>' in results.content.decode()
    listing = admin_client.get("/django-admin/payments/payment/").content.decode()
    assert shown in listing
    detail = admin_client.get(f"/django-admin/payments/payment/{payment.pk}/change/")
    assert shown in detail.content.decode()
    assert f">{payment.amount}<" not in detail.content.decode()
