"""Many tourists at once, on PostgreSQL: real row locks, one connection per thread."""

import random
import threading

import pytest
from django.db import close_old_connections, connection

from tests.tourism.factories import make_experience, make_host, make_resource, make_slot
from tourism import services
from tourism.models import Booking

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_tourists(requests):
    """``requests``: (slot pk, seats) per tourist; all start together."""
    results = [None] * len(requests)
    barrier = threading.Barrier(len(requests))

    def attempt(i, slot_pk, seats):
        try:
            barrier.wait(timeout=60)
            services.place_booking(
                slot_pk, adults=seats, name=f"Tourist {i}", email=f"t{i}@example.com"
            )
            results[i] = ("ok", seats)
        except services.SlotFull as exc:
            results[i] = ("full", str(exc.message))
        except Exception as exc:  # noqa: BLE001 - reported by the assertions below
            results[i] = ("error", repr(exc))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(i, slot_pk, seats))
        for i, (slot_pk, seats) in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    close_old_connections()
    return results


def seats_of(slot):
    return sum(b.seats for b in Booking.objects.filter(slot=slot, status__in=Booking.SEAT_HOLDING))


def test_thirty_tourists_one_slot_of_ten():
    slot = make_slot(make_experience(translate=False), capacity=10)
    rng = random.Random(11)
    requests = [(slot.pk, rng.randint(1, 3)) for _ in range(30)]
    results = run_tourists(requests)
    assert not [r for r in results if r[0] == "error"], results
    booked = sum(r[1] for r in results if r[0] == "ok")
    assert booked == seats_of(slot) <= 10
    assert booked >= 8  # the slot really filled (a 3 can be refused with 2 left)
    refused = [r[1] for r in results if r[0] == "full"]
    assert refused and all("Rất tiếc" in message for message in refused)
    assert len(refused) + sum(1 for r in results if r[0] == "ok") == 30


def test_two_experiences_sharing_one_guide():
    host = make_host()
    guide = make_resource(host, capacity=10)
    one = make_experience(host, translate=False)
    two = make_experience(host, translate=False)
    for page in (one, two):
        page.resources.add(guide)
        page.save_revision().publish()
    s1 = make_slot(one, capacity=10)
    s2 = make_slot(two, capacity=10)
    rng = random.Random(7)
    requests = [(rng.choice([s1.pk, s2.pk]), rng.randint(1, 3)) for _ in range(30)]
    results = run_tourists(requests)
    assert not [r for r in results if r[0] == "error"], results
    assert seats_of(s1) + seats_of(s2) <= 10
    assert seats_of(s1) + seats_of(s2) >= 8
    assert any(r[0] == "full" for r in results)
