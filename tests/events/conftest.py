import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from cms.services import add_child_page, add_translation
from events.models import EventIndexPage, EventPage, TrainingSession
from tests.factories import PartnerFactory, UserFactory
from tests.provenance.factories import CooperativeFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def in_days(days, hour=8):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=VN)


def add_event(index, index_en, slug, title_vi, title_en, start, end, **fields):
    page = add_child_page(
        index,
        EventPage(
            title=title_vi,
            slug=slug,
            start=start,
            end=end,
            venue=fields.pop("venue", "Nhà văn hoá huyện"),
            commune=fields.pop("commune", "Phong Thổ"),
            city=fields.pop("city", "Lai Châu"),
            introduction=fields.pop("introduction", "Giới thiệu sự kiện."),
            **fields,
        ),
    )
    add_translation(page, "en", title=title_en, slug=f"{slug}-en", introduction="About the event.")
    return EventPage.objects.get(pk=page.pk)


@pytest.fixture
def events_site(bilingual_site):
    home = bilingual_site["home"]
    index = add_child_page(home, EventIndexPage(title="Sự kiện", slug="su-kien"))
    index_en = add_translation(index, "en", title="Events", slug="events")
    upcoming = add_event(
        index,
        index_en,
        "hoi-cho",
        "Hội chợ nông sản",
        "Farm produce fair",
        in_days(10),
        in_days(12, 17),
    )
    past = add_event(
        index,
        index_en,
        "le-hoi-cu",
        "Lễ hội năm ngoái",
        "Last year's festival",
        in_days(-40),
        in_days(-38, 17),
        kind=EventPage.Kind.FESTIVAL,
    )
    cancelled = add_event(
        index,
        index_en,
        "trien-lam-huy",
        "Triển lãm bị huỷ",
        "Cancelled exhibition",
        in_days(20),
        in_days(21, 17),
        kind=EventPage.Kind.EXHIBITION,
        status=EventPage.Status.CANCELLED,
    )
    return {
        **bilingual_site,
        "index": index,
        "index_en": index_en,
        "upcoming": upcoming,
        "past": past,
        "cancelled": cancelled,
    }


def dashboard_user(name, partner):
    user = UserFactory(email=f"{name}@coop.example", username=f"user-{name}", is_staff=False)
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    partner.users.add(user)
    return user


@pytest.fixture
def coops(db):
    result = {}
    for key in ("alpha", "bravo", "host"):
        partner = PartnerFactory(name=f"HTX {key}", code=f"htx-{key}")
        cooperative = CooperativeFactory(partner=partner, legal_name=f"Hợp tác xã {key}")
        result[key] = cooperative
        result[f"{key}_user"] = dashboard_user(key, partner)
    return result


@pytest.fixture
def session(coops):
    return TrainingSession.objects.create(
        title_vi="Thực hành GACP",
        title_en="GACP practice",
        topic=TrainingSession.Topic.GACP,
        starts_at=in_days(5),
        ends_at=in_days(5, 16),
        place="Nhà văn hoá Sì Lở Lầu",
        host_cooperative=coops["host"],
        capacity=3,
    )
