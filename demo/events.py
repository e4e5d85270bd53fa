"""Demo step: fairs and festivals (one past, one coming, one cancelled) in both languages,
and training sessions for growers (one coming with a hand-out, one past whose attendance
was recorded, so a cooperative's profile shows the training its members attended)."""

import datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from demo import content

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(days, hour, minute=0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=VN)


EVENTS = [
    {
        "slug": ("hoi-cho-nong-san-lai-chau", "lai-chau-farm-produce-fair"),
        "title": (
            "Hội chợ Nông sản và Dược liệu Lai Châu (dữ liệu mẫu)",
            "Lai Châu Farm Produce and Medicinal Herbs Fair (sample data)",
        ),
        "kind": "fair",
        "days": (30, 33),
        "venue": ("Quảng trường trung tâm tỉnh", "The province's central square"),
        "address": ("Đường Trần Hưng Đạo", ""),
        "commune": "Tân Phong",
        "intro": (
            "Các hợp tác xã sâm Phong Thổ giới thiệu sâm tươi, sâm khô, trà và mật ong sâm; "
            "có khu thử trà và hướng dẫn quét mã truy xuất nguồn gốc.",
            "Phong Thổ's ginseng cooperatives show fresh and dried ginseng, ginseng tea and "
            "honey; with a tea-tasting corner and help with scanning the traceability codes.",
        ),
        "status": "scheduled",
    },
    {
        "slug": ("le-hoi-sam-si-lo-lau", "si-lo-lau-ginseng-festival"),
        "title": (
            "Ngày hội Sâm Sì Lở Lầu (dữ liệu mẫu)",
            "Sì Lở Lầu Ginseng Festival (sample data)",
        ),
        "kind": "festival",
        "days": (-60, -59),
        "venue": ("Sân văn hoá bản", "The village's cultural ground"),
        "address": ("", ""),
        "commune": "Sì Lở Lầu",
        "intro": (
            "Người Hà Nhì mời khách thăm vườn sâm dưới tán rừng, xem múa và thưởng thức món ăn "
            "truyền thống.",
            "The Hà Nhì invite visitors to the ginseng gardens under the forest, to dances and "
            "to their traditional food.",
        ),
        "status": "scheduled",
    },
    {
        "slug": ("trien-lam-duoc-lieu-vung-cao", "highland-herbs-exhibition"),
        "title": (
            "Triển lãm Dược liệu vùng cao (dữ liệu mẫu)",
            "Highland Medicinal Herbs Exhibition (sample data)",
        ),
        "kind": "exhibition",
        "days": (45, 46),
        "venue": ("Nhà văn hoá xã", "The commune's culture house"),
        "address": ("", ""),
        "commune": "Sin Suối Hồ",
        "intro": (
            "Triển lãm các loài dược liệu trồng dưới tán rừng ở Phong Thổ.",
            "An exhibition of the medicinal plants grown under the forest in Phong Thổ.",
        ),
        "status": "cancelled",
        "note": (
            "Huỷ vì mưa lũ làm sạt lở đường lên xã.",
            "Cancelled: floods brought landslides onto the road to the commune.",
        ),
    },
]


def ensure_events(loader, home):
    """An events index under ``home`` (vi, with its English translation) and the events."""
    from events.models import EventIndexPage, EventPage

    index = loader.add_pair(
        home,
        EventIndexPage(
            title="Sự kiện",
            slug="su-kien",
            # Listed on the home page when upcoming; the menu keeps to one row.
            show_in_menus=False,
            introduction="Hội chợ, triển lãm và lễ hội có mặt Sâm Lai Châu.",
        ),
        title="Events",
        slug="events",
        introduction="Fairs, exhibitions and festivals where Lai Châu ginseng is shown.",
    )
    for i, spec in enumerate(EVENTS):
        image = loader.wagtail_image(f"event-{i}", "")
        start_day, end_day = spec["days"]
        note = spec.get("note", ("", ""))
        loader.add_pair(
            index,
            EventPage(
                title=spec["title"][0],
                slug=spec["slug"][0],
                kind=spec["kind"],
                start=_at(start_day, 8),
                end=_at(end_day, 17),
                status=spec["status"],
                status_note=note[0],
                venue=spec["venue"][0],
                address=spec["address"][0],
                commune=spec["commune"],
                city="Lai Châu",
                country="VN",
                introduction=spec["intro"][0],
                hero_image=image,
                hero_image_alt=spec["title"][0],
                description=[("paragraph", f"<p>{content.DEMO_NOTE_VI}</p>")],
            ),
            title=spec["title"][1],
            slug=spec["slug"][1],
            status_note=note[1],
            venue=spec["venue"][1],
            address=spec["address"][1],
            introduction=spec["intro"][1],
            hero_image_alt=spec["title"][1],
            description=[("paragraph", f"<p>{content.DEMO_NOTE_EN}</p>")],
        )
    return index


def handout_pdf(title):
    """A one-page PDF whose only text is ``title`` (ASCII), offsets computed."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 18 Tf 60 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def ensure_training(loader):
    from events.models import TrainingDocument, TrainingRegistration, TrainingSession
    from provenance.models import Cooperative

    host = Cooperative.objects.filter(partner__code="htx-si-lo-lau").first()
    guest = Cooperative.objects.filter(partner__code="htx-mo-si-san").first()
    if host is None or guest is None:
        return
    coming, made = TrainingSession.objects.get_or_create(
        title_vi="Thực hành trồng sâm theo GACP-WHO (dữ liệu mẫu)",
        defaults={
            "title_en": "Growing ginseng to GACP-WHO practice (sample data)",
            "description_vi": "Chọn đất dưới tán rừng, làm giàn che, ghi sổ nhật ký vùng trồng.",
            "description_en": "Choosing land under the forest, building shade, keeping the "
            "growing-area logbook.",
            "topic": TrainingSession.Topic.GACP,
            "starts_at": _at(14, 8),
            "ends_at": _at(14, 16, 30),
            "place": "Nhà văn hoá bản Sì Lở Lầu",
            "commune": "Sì Lở Lầu",
            "host_cooperative": host,
            "trainer": "Kỹ sư nông nghiệp (dữ liệu mẫu)",
            "capacity": 25,
        },
    )
    if made:
        loader.note("training session: GACP practice")
        TrainingDocument.objects.create(
            session=coming,
            title="GACP-WHO checklist (sample data)",
            language="en",
            file=ContentFile(handout_pdf("GACP-WHO checklist - sample data"), "gacp-checklist.pdf"),
        )
    past, made = TrainingSession.objects.get_or_create(
        title_vi="Thu hoạch và sơ chế sâm (dữ liệu mẫu)",
        defaults={
            "title_en": "Harvesting and first processing of ginseng (sample data)",
            "topic": TrainingSession.Topic.HARVESTING,
            "starts_at": _at(-21, 8),
            "ends_at": _at(-21, 16),
            "place": "Nhà văn hoá bản Sì Lở Lầu",
            "commune": "Sì Lở Lầu",
            "host_cooperative": host,
            "capacity": 20,
        },
    )
    if made:
        loader.note("training session: harvesting (past, attendance recorded)")
        for name, came in (("Lý A Sáng", True), ("Tẩn Thị Mẩy", True), ("Chảo A Phìn", False)):
            TrainingRegistration.objects.create(
                session=past,
                cooperative=guest,
                attendee_name=f"{name} (dữ liệu mẫu)",
                attended=came,
                attendance_recorded_at=past.ends_at,
            )
