"""Buyers clicking twice, or two tabs at once, on PostgreSQL: real row locks, one
connection per thread. One quote accepted eight times at once is one order and one
payment; one form sent eight times at once is one enquiry."""

import threading
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import close_old_connections, connection

from payments.models import Payment
from tests.cooperatives.conftest import make_coop
from tests.trade.factories import BUYER, make_enquiry, quote_for
from trade import services
from trade.models import Enquiry, TradeOrder

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def together(n, action):
    results = [None] * n
    barrier = threading.Barrier(n)

    def run(i):
        try:
            barrier.wait(timeout=60)
            results[i] = ("ok", action(i))
        except Exception as exc:  # noqa: BLE001 - reported by the assertions below
            results[i] = ("error", repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    close_old_connections()
    return results


def test_one_quote_accepted_eight_times_at_once_is_one_order():
    coop = make_coop("alpha", 1_000_000)
    staff = get_user_model().objects.create_user("staff", "staff@example.com", "x", is_staff=True)
    enquiry = make_enquiry((coop.product, 5))
    quote = quote_for(enquiry, staff)
    results = together(8, lambda i: services.accept_quote(enquiry, quote).pk)
    assert [r for r in results if r[0] == "error"] == []
    assert len({r[1] for r in results}) == 1
    assert TradeOrder.objects.count() == 1
    assert Payment.objects.filter(purpose="trade").count() == 1


def test_one_form_sent_eight_times_at_once_is_one_enquiry():
    coop = make_coop("alpha", 1_000_000)
    lines = [(coop.product, Decimal(5), "kg")]
    results = together(
        8,
        lambda i: services.submit_enquiry(nonce="same", lines=lines, language="en", **BUYER)[0].pk,
    )
    assert [r for r in results if r[0] == "error"] == []
    assert len({r[1] for r in results}) == 1
    assert Enquiry.objects.count() == 1
