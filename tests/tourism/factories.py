"""Farm-visit test data: a small page tree (home → visits index → visit, vi + en),
hosts, slots and bookings."""

import datetime
import zoneinfo

from django.contrib.auth.models import Permission
from django.utils import timezone

from cms.services import add_child_page, add_translation
from tests.conftest import ensure_wagtail_tree
from tests.factories import PartnerFactory, UserFactory
from tests.provenance.factories import CooperativeFactory
from tourism import services
from tourism.models import ExperienceIndexPage, ExperiencePage, Resource

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def host_user(cooperative, name):
    user = UserFactory(email=f"{name}@host.example", username=f"host-{name}", is_staff=False)
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    cooperative.partner.users.add(user)
    return user


_hosts = iter(range(1, 10**6))


def make_host(name=None):
    name = name or f"host{next(_hosts)}"
    partner = PartnerFactory(name=f"HTX {name}", code=f"htx-{name}")
    cooperative = CooperativeFactory(partner=partner, legal_name=f"Hợp tác xã {name}")
    return cooperative


def site_index():
    """Home (vi, en) and the farm-visits index (vi, en), created once."""
    from wagtail.models import Site

    from cms.models import HomePage

    root = ensure_wagtail_tree()
    home = HomePage.objects.filter(locale__language_code="vi").first()
    if home is None:
        for page in root.get_children().filter(content_type__model="page"):
            page.delete()
        home = add_child_page(root, HomePage(title="Trang chủ", slug="trang-chu", hero_title="Sâm"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home},
        )
        home = HomePage.objects.get(pk=home.pk)
        add_translation(home, "en", title="Home", hero_title="Ginseng")
    index = ExperienceIndexPage.objects.filter(locale__language_code="vi").first()
    if index is None:
        index = add_child_page(
            home, ExperienceIndexPage(title="Tham quan vườn sâm", slug="tham-quan")
        )
        add_translation(index, "en", title="Farm visits", slug="farm-visits")
    return index


def make_experience(host=None, *, translate=True, slug=None, **fields):
    index = site_index()
    host = host or make_host()
    n = ExperiencePage.objects.count() + 1
    defaults = dict(
        title=f"Thăm vườn sâm {n}",
        slug=slug or f"tham-vuon-{n}",
        introduction="Đi bộ dưới tán rừng tới vườn sâm.",
        host=host,
        commune="Sin Suối Hồ",
        meeting_point="Nhà văn hoá bản",
        latitude="22.377000",
        longitude="103.233000",
        duration_minutes=180,
        guide_languages=["vi", "en", "hmn"],
        price_adult=450_000,
        price_child=200_000,
        min_group=1,
        max_group=6,
        min_age=0,
        cutoff_hours=24,
        free_cancel_days=7,
        late_refund_percent=50,
        itinerary=[("step", {"time": "08:00", "title": "Gặp hướng dẫn viên", "text": ""})],
    )
    defaults.update(fields)
    page = add_child_page(index, ExperiencePage(**defaults))
    if translate:
        add_translation(
            page,
            "en",
            title=f"Ginseng garden walk {n}",
            slug=f"garden-walk-{n}",
            introduction="A walk under the forest to the garden.",
        )
    return ExperiencePage.objects.get(pk=page.pk)


def english(page):
    from wagtail.models import Locale

    return page.get_translation(Locale.objects.get(language_code="en")).specific


def in_days(days, hour=8):
    day = (timezone.now().astimezone(TZ) + datetime.timedelta(days=days)).date()
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=TZ)


def make_slot(experience, days=10, capacity=10, hour=8, **kwargs):
    slot, _created = services.create_slot(experience, in_days(days, hour), capacity, **kwargs)
    return slot


def make_resource(host, capacity, name="Guide Sùng A Páo"):
    return Resource.objects.create(cooperative=host, name=name, capacity=capacity)


def book(slot, adults=1, children=0, **kwargs):
    kwargs.setdefault("name", "Nguyễn Văn A")
    kwargs.setdefault("email", "a@example.com")
    return services.place_booking(slot.pk, adults=adults, children=children, **kwargs)
