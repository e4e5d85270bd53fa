"""Many cooperatives registering at once, on PostgreSQL: the session's row lock keeps
the seats taken within the capacity, and every refused request gets the full message."""

import random
import threading

import pytest
from django.db import close_old_connections, connection

from events import services
from events.models import TrainingSession
from tests.events.conftest import dashboard_user, in_days
from tests.factories import PartnerFactory
from tests.provenance.factories import CooperativeFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_thirty_registrations_of_one_to_three_people_for_ten_seats():
    session = TrainingSession.objects.create(
        title_vi="Sơ chế sâm",
        topic="processing",
        starts_at=in_days(3),
        ends_at=in_days(3, 16),
        place="Phong Thổ",
        capacity=10,
    )
    members = []
    for n in range(30):
        partner = PartnerFactory(name=f"HTX race {n}", code=f"htx-race-{n}")
        members.append((CooperativeFactory(partner=partner), dashboard_user(f"race{n}", partner)))
    rng = random.Random(11)
    asks = [rng.randint(1, 3) for _ in members]
    results = {}
    barrier = threading.Barrier(len(members))

    def register(n):
        cooperative, user = members[n]
        try:
            barrier.wait(timeout=30)
            services.register_for_training(
                session,
                user=user,
                cooperative=cooperative,
                names=[f"Người {n}-{i}" for i in range(asks[n])],
            )
            results[n] = "ok"
        except services.TrainingFull as exc:
            results[n] = "full" if exc.code == "full" and exc.messages[0] else repr(exc)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            results[n] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(len(members))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    assert set(results.values()) <= {"ok", "full"}, results
    taken = session.registrations.count()
    assert taken == sum(asks[n] for n, r in results.items() if r == "ok")
    assert taken <= 10
    assert taken >= 8  # someone asking for 1–3 seats fits until at most 2 are left
    assert list(results.values()).count("full") >= 1
