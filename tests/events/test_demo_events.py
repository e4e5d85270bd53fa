"""The demo's events and training sessions, built on a small site (the full demo is
walked by tests/demo and tests/core/test_languages.py)."""

import pytest
from wagtail.models import Locale

from demo.events import ensure_events, ensure_training, handout_pdf
from demo.loader import DemoLoader
from events.models import EventPage, TrainingRegistration, TrainingSession
from tests.factories import PartnerFactory
from tests.provenance.factories import CooperativeFactory

pytestmark = pytest.mark.django_db


def test_demo_events_in_both_languages_and_training(client, bilingual_site):
    for code in ("htx-si-lo-lau", "htx-mo-si-san"):
        CooperativeFactory(partner=PartnerFactory(code=code, name=code))
    loader = DemoLoader(log=lambda message: None)
    for _ in range(2):  # idempotent
        ensure_events(loader, bilingual_site["home"])
        ensure_training(loader)
    en = Locale.objects.get(language_code="en")
    vi_events = EventPage.objects.filter(locale__language_code="vi")
    assert vi_events.count() == 3
    assert {e.status for e in vi_events} == {"scheduled", "cancelled"}
    assert sum(e.is_past for e in vi_events) == 1
    for page in vi_events:
        translation = page.get_translation(en)
        assert translation.title != page.title and "(sample data)" in translation.title
        assert translation.start == page.start and translation.status == page.status
        assert client.get(page.url).status_code == 200
        assert client.get(translation.url).status_code == 200
    assert TrainingSession.objects.count() == 2
    assert TrainingRegistration.objects.filter(attended=True).count() == 2
    coming = TrainingSession.objects.upcoming().get()
    assert coming.documents.get().file.read().startswith(b"%PDF-1.4")
    html = client.get("/en/").content.decode()
    assert "Lai Châu Farm Produce and Medicinal Herbs Fair" in html
    assert "Highland Medicinal Herbs Exhibition" not in html  # cancelled


def test_handout_pdf_has_a_consistent_xref():
    data = handout_pdf("GACP (sample)")
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[start:].startswith(b"xref\n0 6\n")
    entries = data[start:].split(b"\n")[3:8]
    for number, entry in enumerate(entries, 1):
        offset = int(entry[:10])
        assert data[offset:].startswith(f"{number} 0 obj".encode())
