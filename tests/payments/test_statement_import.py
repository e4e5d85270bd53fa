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


def test_amount_with_decimals_is_read_as_dong(two_orders):
    """ "1,264,567.00" is 1,264,567 dong (it used to be read as 126,456,700), and
    "1,800.00" does not pay a 180,000 order (it used to be read as 180,000)."""
    first, second = two_orders
    pay1 = Payment.objects.get(reference=first.number)
    pay2 = Payment.objects.get(reference=second.number)
    Payment.objects.filter(pk=pay2.pk).update(amount=180_000)
    data = statement(
        ("FT1", "2026-11-28", f'"{pay1.amount:,}.00"', f"SLC{first.number}"),
        ("FT2", "2026-11-28", '"1,800.00"', f"SLC{second.number}"),
    )
    report = import_statement(data)
    assert [p.reference for _row, p in report.matched] == [first.number]
    assert [(row.transaction_id, row.amount) for row, _r in report.mismatched] == [("FT2", 1800)]
    pay2.refresh_from_db()
    assert pay2.status == "pending"


def test_ambiguous_and_fractional_amounts_are_refused_and_listed(two_orders):
    first, second = two_orders
    pay1 = Payment.objects.get(reference=first.number)
    data = statement(
        ("FT1", "2026-11-28", "1.800", f"SLC{first.number}"),
        ("FT3", "2026-11-28", "1-2", f"SLC{second.number}"),
    )
    report = import_statement(data)
    assert report.matched == []
    assert [(r.line, r.reason) for r in report.refused] == [(2, "ambiguous"), (3, "malformed")]
    fraction = import_statement(
        statement(("FT2", "2026-11-28", f'"{pay1.amount:,}.50"', f"SLC{first.number}"))
    )
    assert [(r.line, r.reason) for r in fraction.refused] == [(2, "fraction")]
    assert Order.objects.get(pk=first.pk).status == "Pending payment"
    assert ProviderEvent.objects.count() == 0


def test_credits_without_transaction_id_each_count(two_orders):
    first, second = two_orders
    pay1 = Payment.objects.get(reference=first.number)
    pay2 = Payment.objects.get(reference=second.number)
    data = statement(
        ("", "2026-11-28", pay1.amount, f"SLC{first.number}"),
        ("", "2026-11-28", pay2.amount, f"SLC{second.number}"),
        ("", "2026-11-28", 50000, "tien an trua"),
        ("", "2026-11-28", 50000, "tien an trua"),  # a second, identical credit
    )
    report = import_statement(data)
    assert sorted(p.reference for _row, p in report.matched) == sorted(
        [first.number, second.number]
    )
    assert len(report.unmatched) == 2
    assert report.already_imported == []
    assert ProviderEvent.objects.filter(provider="bank").count() == 4

    again = import_statement(data)
    assert again.matched == [] and again.unmatched == []
    assert len(again.already_imported) == 4
    assert ProviderEvent.objects.filter(provider="bank").count() == 4


def upload(admin_client, content, name="sao-ke.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return admin_client.post(
        "/django-admin/payments/payment/import-statement/",
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_admin_statement_upload_runs_as_task_with_progress(
    two_orders, admin_client, django_capture_on_commit_callbacks
):
    from payments.models import StatementImport

    first, _ = two_orders
    payment = Payment.objects.get(reference=first.number)
    data = statement(
        ("FT9", "2026-11-28", payment.amount, f"SLC{first.number}"),
        ("FT10", "2026-11-28", '"1,800"', "SLC1"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, data)
    assert response.status_code == 200
    record = StatementImport.objects.get()
    assert (record.state, record.rows_done, record.rows_total) == ("done", 2, 2)
    assert (record.matched, record.refused) == (1, 1)
    page = admin_client.get(f"/django-admin/payments/statementimport/{record.pk}/change/")
    content = page.content.decode()
    assert "FT9" in content and "2 / 2" in content
    assert 'data-outcome="refused"' in content and "1,800" in content
    payment.refresh_from_db()
    assert payment.status == "paid"
    page = admin_client.get(f"/django-admin/order/order/{first.pk}/change/")
    assert page.status_code == 200
    assert b"bank statement FT9" in page.content


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"transaction_id,date,amount,description\nFT1,x,\xff\xfe,y\n", "UTF-8"),
        (b"foo,bar\n1,2\n", "missing columns"),
        (b"", "errorlist"),
    ],
)
def test_admin_upload_of_unreadable_file_says_why(admin_client, db, content, message):
    response = upload(admin_client, content)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_admin_upload_of_malformed_rows_lists_them(
    admin_client, db, django_capture_on_commit_callbacks
):
    from payments.models import StatementImport

    content = b"transaction_id,date,amount,description\nFT1,2026-11-28\nFT2,2026-11-28,1-2,x\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, content)
    assert response.status_code == 200
    record = StatementImport.objects.get()
    assert [(r["line"], r["refusal"]) for r in record.results] == [
        (2, "short row"),
        (3, "malformed"),
    ]


def test_international_transfer_is_matched_like_a_vietqr_one(two_orders):
    """A SWIFT transfer quotes the same reference (payments.intl_transfer.reference) and
    arrives on the same account: the statement import pays it too."""
    from payments.intl_transfer import reference
    from payments.models import Method

    first, _ = two_orders
    payment = Payment.objects.get(reference=first.number)
    Payment.objects.filter(pk=payment.pk).update(method=Method.INTL_TRANSFER)
    payment.refresh_from_db()
    data = statement(("SW01", "2026-11-28", payment.amount, f"/RFB/{reference(payment)} ACME GMBH"))
    report = import_statement(data)
    assert [p.reference for _row, p in report.matched] == [first.number]
    assert Order.objects.get(pk=first.pk).status == "Paid"
