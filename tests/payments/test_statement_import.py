import pytest
from oscar.core.loading import get_model

from payments.models import Payment, ProviderEvent
from payments.services import import_statement, mark_paid_by_staff, vietqr_payload
from payments.vietqr import parse_payload
from tests.factories import ProductFactory, UserFactory
from tests.shop.checkout.helpers import make_basket, place

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db


def statement(*rows):
    lines = ["transaction_id,date,amount,description"]
    lines += [",".join(str(v) for v in row) for row in rows]
    return "\n".join(lines).encode()


@pytest.fixture
def two_orders(countries):
    product = ProductFactory(stock=10, stock__price=300_000)
    return place(make_basket((product, 1))), place(make_basket((product, 2)))


def test_matches_by_reference_and_amount_and_is_idempotent(two_orders):
    first, second = two_orders
    pay1 = Payment.objects.get(reference=first.number)
    pay2 = Payment.objects.get(reference=second.number)
    data = statement(
        ("FT001", "2026-11-28", pay1.amount, f"CK SLC{first.number} NGUYEN VAN A"),
        ("FT002", "2026-11-28", pay2.amount - 1000, f"SLC {second.number}"),
        ("FT003", "2026-11-28", 50000, "tien an trua"),
        ("FT004", "2026-11-28", -20000, "phi"),
    )
    report = import_statement(data)
    assert [p.reference for _row, p in report.matched] == [first.number]
    assert [(row.transaction_id, "amount" in reason) for row, reason in report.mismatched] == [
        ("FT002", True)
    ]
    assert [row.transaction_id for row in report.unmatched] == ["FT003"]
    assert Order.objects.get(pk=first.pk).status == "Paid"
    assert Order.objects.get(pk=second.pk).status == "Pending payment"  # never guessed
    pay2.refresh_from_db()
    assert pay2.status == "pending"

    again = import_statement(data)
    assert again.matched == [] and again.mismatched == []
    assert len(again.already_imported) == 3
    assert ProviderEvent.objects.filter(provider="bank").count() == 3


def test_staff_can_mark_paid_by_hand(two_orders):
    first, _ = two_orders
    staff = UserFactory(is_staff=True)
    payment = Payment.objects.get(reference=first.number)
    mark_paid_by_staff(payment, user=staff, note="cash at the shop")
    assert Order.objects.get(pk=first.pk).status == "Paid"
    assert payment.history.last().by == staff


def test_qr_payload_carries_amount_and_reference(two_orders, settings):
    first, _ = two_orders
    payment = Payment.objects.get(reference=first.number)
    transfer = parse_payload(vietqr_payload(payment))
    assert transfer.amount == payment.amount
    assert transfer.reference == f"{settings.VIETQR_REFERENCE_PREFIX}{first.number}"
    assert transfer.account == settings.VIETQR_ACCOUNT_NUMBER


def test_admin_statement_upload(two_orders, admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    first, _ = two_orders
    payment = Payment.objects.get(reference=first.number)
    upload = SimpleUploadedFile(
        "sao-ke.csv", statement(("FT9", "2026-11-28", payment.amount, f"SLC{first.number}"))
    )
    response = admin_client.post(
        "/django-admin/payments/payment/import-statement/", {"file": upload}
    )
    assert response.status_code == 200
    assert b"FT9" in response.content
    payment.refresh_from_db()
    assert payment.status == "paid"
    page = admin_client.get(f"/django-admin/order/order/{first.pk}/change/")
    assert page.status_code == 200
    assert b"bank statement FT9" in page.content
