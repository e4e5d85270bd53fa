"""Demo farm visits (issue 11): the visits index under the home page, one garden walk
hosted by the Sin Suối Hồ cooperative with weekend slots for the coming weeks, and the
home page's community-tourism link pointing at the index."""

import datetime

from django.utils import timezone

from cms import models as cms
from provenance.models import Cooperative, GrowingArea
from tourism import services
from tourism.models import ExperienceIndexPage, ExperiencePage, Resource

HOST_CODE = "htx-sin-suoi-ho"


def ensure_tourism(loader, home, home_en, note_vi, note_en):
    index = loader.add_pair(
        home,
        ExperienceIndexPage(
            title="Tham quan vườn sâm",
            slug="tham-quan-vuon-sam",
            show_in_menus=True,
            introduction="Đặt chỗ tham quan vườn sâm do các hợp tác xã tổ chức. " + note_vi,
        ),
        title="Farm visits",
        slug="farm-visits",
        introduction="Book a ginseng-garden visit run by the cooperatives. " + note_en,
    )
    host = Cooperative.objects.filter(partner__code=HOST_CODE).first()
    if host is None:
        host = Cooperative.objects.order_by("pk").first()
    if host is None:
        return index
    experience = index.get_children().filter(slug="di-bo-vuon-sam-sin-suoi-ho").first()
    if experience is None:
        guide, _ = Resource.objects.get_or_create(
            cooperative=host,
            name="Hướng dẫn viên Giàng A Sử (dữ liệu mẫu)",
            defaults={"kind": Resource.Kind.GUIDE, "capacity": 12},
        )
        page = ExperiencePage(
            title="Đi bộ tới vườn sâm dưới tán rừng Sin Suối Hồ",
            slug="di-bo-vuon-sam-sin-suoi-ho",
            introduction="Nửa ngày đi bộ cùng người Mông tới vườn sâm dưới tán rừng. " + note_vi,
            host=host,
            commune="Sin Suối Hồ",
            meeting_point="Nhà văn hoá bản Sin Suối Hồ",
            latitude="22.377500",
            longitude="103.238900",
            duration_minutes=240,
            difficulty="moderate",
            included="Hướng dẫn viên, nước uống, trà sâm.",
            bring="Giày đi bộ, áo mưa.",
            guide_languages=["vi", "en", "hmn"],
            price_adult=450_000,
            price_child=200_000,
            min_group=1,
            max_group=8,
            min_age=6,
            cutoff_hours=24,
            free_cancel_days=7,
            late_refund_percent=50,
            deposit_percent=30,
            pay_on_arrival=True,
            border_paperwork=True,
            paperwork_note="Chủ nhà gửi giấy phép qua e-mail trước chuyến đi.",
            itinerary=[
                ("step", {"time": "08:00", "title": "Gặp nhau ở nhà văn hoá", "text": ""}),
                ("step", {"time": "08:30", "title": "Đi bộ vào rừng", "text": ""}),
                (
                    "step",
                    {"time": "10:00", "title": "Thăm vườn sâm, nghe cách chăm cây", "text": ""},
                ),
                ("step", {"time": "11:30", "title": "Trà sâm ở nhà dân", "text": ""}),
            ],
        )
        index.add_child(instance=page)
        page.growing_areas.set(GrowingArea.objects.filter(cooperative=host.partner)[:2])
        page.resources.set([guide])
        page.save_revision().publish()
        loader.note(f"farm visit {page.slug}")
        experience = page
    experience = ExperiencePage.objects.get(pk=experience.pk)
    loader.translate(
        experience,
        title="A walk to the ginseng gardens under the Sin Suối Hồ forest",
        slug="sin-suoi-ho-garden-walk",
        introduction="Half a day on foot with the Hmong to the gardens under the trees. " + note_en,
        meeting_point="Sin Suối Hồ village hall",
        included="Guide, drinking water, ginseng tea.",
        bring="Walking shoes, a raincoat.",
        paperwork_note="The host e-mails the permit before the visit.",
    )
    today = timezone.localdate()
    created = services.create_slots_from_rule(
        experience,
        start_date=today + datetime.timedelta(days=2),
        end_date=today + datetime.timedelta(weeks=6),
        weekdays=[5, 6],
        times=[datetime.time(8, 0)],
        capacity=10,
    )
    if created:
        loader.note(f"{len(created)} farm-visit slots")
    link_community_page(loader, home, index)
    for page in (home, home_en):
        page = cms.HomePage.objects.get(pk=page.pk)
        target = ExperienceIndexPage.objects.get(pk=index.pk).get_translation(page.locale)
        if page.tourism_page_id != target.pk:
            page.tourism_page = target
            page.save_revision().publish()
    return index


def link_community_page(loader, home, index):
    """The static "Community tourism" page ends with a button to the bookable visits."""
    community = home.get_children().filter(slug="du-lich-cong-dong").first()
    if community is None:
        return
    buttons = {
        "vi": ("Đặt chỗ tham quan vườn sâm", "Xem lịch và đặt chỗ"),
        "en": ("Book a farm visit", "See dates and book"),
    }
    for page in [community.specific, *[p.specific for p in community.get_translations()]]:
        if any(block.block_type == "call_to_action" for block in page.body):
            continue
        language = page.locale.language_code
        target = index.get_translation_or_none(page.locale) or index
        title, button = buttons.get(language, buttons["vi"])
        page.body.append(
            (
                "call_to_action",
                {"title": title, "text": "", "page": target, "url": "", "button_text": button},
            )
        )
        page.save_revision().publish()
        loader.note(f"booking link on {page.slug}")
