"""Hosts see and run only their own visits (the ownership rule)."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperatives import access
from tests.factories import UserFactory
from tests.tourism.factories import book, host_user, make_experience, make_host, make_slot
from tourism.models import Booking, ExperiencePage, Slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_hosts():
    a, b = make_host("alpha"), make_host("bravo")
    ua, ub = host_user(a, "alpha"), host_user(b, "bravo")
    ea = make_experience(a, translate=False)
    eb = make_experience(b, translate=False)
    sa, sb = make_slot(ea), make_slot(eb)
    ba = book(sa, name='=HYPERLINK("http://evil")', email="x@example.com")
    bb = book(sb)
    return {"a": (a, ua, ea, sa, ba), "b": (b, ub, eb, sb, bb)}


def test_owned_querysets(two_hosts):
    _a, ua, ea, sa, ba = two_hosts["a"]
    _b, _ub, eb, sb, bb = two_hosts["b"]
    assert list(access.owned_queryset(ua, Slot)) == [sa]
    assert list(access.owned_queryset(ua, Booking)) == [ba]
    assert list(access.owned_queryset(ua, ExperiencePage)) == [ea]
    stranger = UserFactory(is_staff=False)
    assert not access.owned_queryset(stranger, Booking).exists()


def test_host_pages_of_another_host_are_404(client, two_hosts):
    _a, ua, ea, sa, ba = two_hosts["a"]
    _b, _ub, eb, sb, bb = two_hosts["b"]
    client.force_login(ua)
    own = [
        reverse("dashboard:cooperative-visits"),
        reverse("dashboard:cooperative-visit", args=[ea.pk]),
        reverse("dashboard:cooperative-visit-slot", args=[sa.pk]),
        reverse("dashboard:cooperative-visit-slot-csv", args=[sa.pk]),
    ]
    for url in own:
        assert client.get(url).status_code == 200, url
    theirs = [
        reverse("dashboard:cooperative-visit", args=[eb.pk]),
        reverse("dashboard:cooperative-visit-slot", args=[sb.pk]),
        reverse("dashboard:cooperative-visit-slot-csv", args=[sb.pk]),
    ]
    for url in theirs:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "close"}).status_code in (404, 405), url
    # someone else's booking id posted on my own slot does nothing
    response = client.post(own[2], {"action": "arrived", "booking": bb.pk})
    assert response.status_code == 404
    assert Slot.objects.get(pk=sb.pk).status == "open"
    index = client.get(own[0]).content.decode()
    assert eb.title not in index


def test_anonymous_and_shoppers_are_kept_out(client, two_hosts):
    _a, _ua, ea, sa, _ba = two_hosts["a"]
    url = reverse("dashboard:cooperative-visit-slot", args=[sa.pk])
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(UserFactory(is_staff=False))
    assert client.get(url).status_code in (403, 404)  # the dashboard's own check first


def test_check_in_list_marks_arrivals_and_exports_neutralised_csv(client, two_hosts):
    _a, ua, ea, sa, ba = two_hosts["a"]
    Booking.objects.filter(pk=ba.pk).update(status=Booking.Status.CONFIRMED)
    client.force_login(ua)
    url = reverse("dashboard:cooperative-visit-slot", args=[sa.pk])
    page = client.get(url).content.decode()
    assert ba.code in page and "data-print" in page
    assert '<script src="http' not in page  # nothing from another host: works offline
    client.post(url, {"action": "arrived", "booking": ba.pk})
    ba.refresh_from_db()
    assert ba.attendance == "arrived"
    client.post(url, {"action": "no_show", "booking": ba.pk})
    ba.refresh_from_db()
    assert ba.attendance == "no_show"
    response = client.get(reverse("dashboard:cooperative-visit-slot-csv", args=[sa.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1].startswith("'=HYPERLINK")


def test_host_creates_slots_from_a_rule_and_cancels_a_date(client, two_hosts):
    _a, ua, ea, sa, ba = two_hosts["a"]
    client.force_login(ua)
    url = reverse("dashboard:cooperative-visit", args=[ea.pk])
    response = client.post(
        url,
        {
            "action": "rule",
            "rule-start_date": "01/02/2027",
            "rule-end_date": "28/02/2027",
            "rule-weekdays": ["5", "6"],
            "rule-times": "08:00, 13:30",
            "rule-capacity": "8",
            "rule-min_participants": "0",
            "rule-exceptions": "06/02/2027",
        },
    )
    assert response.status_code == 302
    assert Slot.objects.filter(experience=ea).count() == 1 + 14
    bad = client.post(url, {"action": "rule", "rule-times": "8h", "rule-start_date": "x"})
    assert bad.status_code == 400
    date = timezone.localtime(sa.starts_at).strftime("%d/%m/%Y")
    response = client.post(
        url,
        {
            "action": "cancel_date",
            "cancel-date": date,
            "cancel-reason": "Sạt lở",
            "cancel-confirm": "on",
        },
    )
    assert response.status_code == 302
    ba.refresh_from_db()
    assert ba.status == Booking.Status.CANCELLED


def test_host_cannot_lower_capacity_below_booked(client, two_hosts):
    _a, ua, ea, sa, ba = two_hosts["a"]
    book(sa, adults=3)  # 1 + 3 seats taken
    client.force_login(ua)
    url = reverse("dashboard:cooperative-visit-slot", args=[sa.pk])
    response = client.post(url, {"action": "capacity", "capacity": "3"}, follow=True)
    assert Slot.objects.get(pk=sa.pk).capacity == 10
    assert "4 chỗ" in response.content.decode()
    client.post(url, {"action": "capacity", "capacity": "4"})
    assert Slot.objects.get(pk=sa.pk).capacity == 4


@pytest.mark.parametrize("language", ["vi", "en"])
def test_host_pages_name_the_visit_in_the_page_language(client, language):
    from django.utils import translation

    host = make_host("lang")
    user = host_user(host, "lang")
    experience = make_experience(host, title="Thăm vườn sâm buổi sáng")  # en: Ginseng garden walk
    slot = make_slot(experience)
    client.force_login(user)
    title = {"vi": "Thăm vườn sâm buổi sáng", "en": "Ginseng garden walk"}[language]
    other = {"vi": "Ginseng garden walk", "en": "Thăm vườn sâm"}[language]
    with translation.override(language):
        urls = [
            reverse("dashboard:cooperative-visits"),
            reverse("dashboard:cooperative-visit", args=[experience.pk]),
            reverse("dashboard:cooperative-visit-slot", args=[slot.pk]),
        ]
    for url in urls:
        html = client.get(url).content.decode()
        assert title in html, url
        assert other not in html, url
