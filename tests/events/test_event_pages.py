"""Event pages (vi/en): schema.org Event with its status, cancelled and moved events
shown as such, the .ics file, the home page's upcoming list, the index's query budget."""

import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from events import services
from events.models import EventPage
from tests.core.ical_check import read
from tests.events.conftest import add_event, in_days

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    events = [json.loads(b) for b in blocks if json.loads(b).get("@type") == "Event"]
    assert len(events) == 1, blocks
    return events[0]


def en(page):
    return page.get_translation(page.locale.__class__.objects.get(language_code="en")).specific


@pytest.mark.parametrize("language", ["vi", "en"])
def test_event_page_renders_with_scheduled_status(client, events_site, language):
    page = events_site["upcoming"]
    page = page if language == "vi" else en(page)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    data = json_ld(html)
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["name"] == page.title
    assert data["inLanguage"] == language
    assert data["startDate"] == page.start.astimezone(VN).isoformat()
    assert data["startDate"].endswith("+07:00")
    assert data["location"]["name"] == "Nhà văn hoá huyện"
    assert data["location"]["address"]["addressCountry"] == "VN"
    assert "previousStartDate" not in data
    assert page.ics_url() in html


@pytest.mark.parametrize(
    "language,words", [("vi", "Sự kiện này đã bị huỷ"), ("en", "This event has been cancelled")]
)
def test_cancelled_event_says_so(client, events_site, language, words, settings):
    page = events_site["cancelled"]
    page = page if language == "vi" else en(page)
    html = client.get(page.url).content.decode()
    assert json_ld(html)["eventStatus"] == "https://schema.org/EventCancelled"
    assert words in html
    assert "event-status--cancelled" in html
    assert page.ics_url() not in html  # no "add to calendar" for a cancelled event


def test_cancel_event_service_cancels_every_language(client, events_site):
    page = events_site["upcoming"]
    sequence = page.sequence
    services.cancel_event(page, note="Mưa lớn, sạt lở đường.")
    for translation in (EventPage.objects.get(pk=page.pk), en(page)):
        assert translation.status == EventPage.Status.CANCELLED
        assert translation.sequence > sequence
        html = client.get(translation.url).content.decode()
        assert json_ld(html)["eventStatus"] == "https://schema.org/EventCancelled"
        assert "Mưa lớn, sạt lở đường." in html
    # The home page no longer lists it.
    assert "Hội chợ nông sản" not in client.get("/vi/").content.decode()


def test_moved_event_shows_old_and_new_date(client, events_site):
    page = events_site["upcoming"]
    old_start = page.start
    services.reschedule_event(page, start=in_days(30), end=in_days(31, 17))
    page = EventPage.objects.get(pk=page.pk)
    assert page.previous_start == old_start
    for translation in (page, en(page)):
        html = client.get(translation.url).content.decode()
        data = json_ld(html)
        assert data["eventStatus"] == "https://schema.org/EventRescheduled"
        assert data["previousStartDate"] == old_start.astimezone(VN).isoformat()
        assert data["startDate"] == in_days(30).isoformat()
        assert "event-status--rescheduled" in html
    assert "Moved: first planned for" in client.get(en(page).url).content.decode()


def test_postponed_event(client, events_site):
    services.postpone_event(events_site["upcoming"])
    html = client.get(en(events_site["upcoming"]).url).content.decode()
    assert json_ld(html)["eventStatus"] == "https://schema.org/EventPostponed"
    assert "postponed" in html


def test_a_moved_event_needs_its_first_date_and_no_event_ends_before_it_starts(events_site):
    page = events_site["upcoming"]
    page.status = EventPage.Status.RESCHEDULED
    with pytest.raises(ValidationError):
        page.full_clean()
    with pytest.raises(ValidationError):
        services.reschedule_event(page, start=in_days(30), end=in_days(29))


HOSTILE = "Hội chợ </script><script>alert(1)</script> & <!--"


def test_json_ld_stays_inside_its_script_element(client, events_site):
    page = add_event(
        events_site["index"],
        events_site["index_en"],
        "hostile",
        HOSTILE,
        HOSTILE,
        in_days(3),
        in_days(3, 17),
    )
    html = client.get(page.url).content.decode()
    assert json_ld(html)["name"] == HOSTILE
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("language", ["vi", "en"])
def test_ics_download_is_valid_with_vietnam_time(client, events_site, language):
    page = events_site["upcoming"]
    page = page if language == "vi" else en(page)
    response = client.get(page.ics_url())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    _calendar, (event,) = read(response.content)
    assert str(event["SUMMARY"]) == page.title
    start = event.decoded("DTSTART")
    assert start == page.start
    assert start.utcoffset().total_seconds() == 7 * 3600
    assert start.hour == 8  # wall clock in Vietnam, as the page says
    assert event.decoded("DTEND") == page.end
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert event["STATUS"] == "CONFIRMED"
    assert str(event["URL"]).endswith(page.url)


def test_ics_uid_is_shared_by_the_languages_and_status_follows(client, events_site):
    page = events_site["upcoming"]
    vi = read(client.get(page.ics_url()).content)[1][0]
    services.cancel_event(page)
    en_event = read(client.get(en(page).ics_url()).content)[1][0]
    assert str(vi["UID"]) == str(en_event["UID"])
    assert en_event["STATUS"] == "CANCELLED"
    assert int(en_event["SEQUENCE"]) > int(vi["SEQUENCE"])


@pytest.mark.parametrize("language", ["vi", "en"])
def test_home_lists_only_upcoming_events(client, events_site, language):
    html = client.get(f"/{language}/").content.decode()
    titles = {
        "vi": ("Hội chợ nông sản", "Lễ hội năm ngoái", "Triển lãm bị huỷ"),
        "en": ("Farm produce fair", "Last year&#x27;s festival", "Cancelled exhibition"),
    }[language]
    upcoming, past, cancelled = titles
    assert 'class="card-grid card-grid--3 upcoming-events"' in html
    assert upcoming in html
    assert past not in html
    assert cancelled not in html
    # The other language's events are not listed.
    other = "Farm produce fair" if language == "vi" else "Hội chợ nông sản"
    assert other not in html


def test_home_without_events_has_no_section(client, bilingual_site):
    assert "upcoming-events" not in client.get("/vi/").content.decode()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_index_lists_upcoming_and_past(client, events_site, language):
    index = events_site["index"] if language == "vi" else events_site["index_en"]
    html = client.get(index.url).content.decode()
    coming, past = html.split('id="past-title"')
    upcoming = events_site["upcoming"] if language == "vi" else en(events_site["upcoming"])
    assert upcoming.title in coming
    assert en(events_site["past"]).title if language == "en" else events_site["past"].title
    assert "event-status--cancelled" in coming  # listed, marked cancelled


def test_index_query_budget_does_not_grow_with_events(
    client, events_site, django_assert_max_num_queries
):
    index = events_site["index"]
    client.get(index.url)
    with django_assert_max_num_queries(12) as few:
        assert client.get(index.url).status_code == 200
    from wagtail.images import get_image_model

    from tests.factories import jpeg_file

    for n in range(8):
        image = get_image_model().objects.create(title=f"e{n}", file=jpeg_file(f"e{n}.jpg"))
        add_event(
            index,
            events_site["index_en"],
            f"more-{n}",
            f"Sự kiện {n}",
            f"Event {n}",
            in_days(n + 1 if n % 2 else -n - 1),  # coming and past
            in_days(n + 1 if n % 2 else -n - 1, 17),
            hero_image=image,
            hero_image_alt=f"Ảnh {n}",
        )
    client.get(index.url)
    with django_assert_max_num_queries(12) as many:
        assert client.get(index.url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_home_shows_a_new_or_cancelled_event_at_once(client, events_site):
    assert "Hội chợ mùa xuân" not in client.get("/vi/").content.decode()  # cached now
    add_event(
        events_site["index"],
        events_site["index_en"],
        "xuan",
        "Hội chợ mùa xuân",
        "Spring fair",
        in_days(2),
        in_days(2, 17),
    )
    html = client.get("/vi/").content.decode()
    assert "Hội chợ mùa xuân" in html
    assert html.index("Hội chợ mùa xuân") < html.index("Hội chợ nông sản")  # soonest first
    services.cancel_event(events_site["upcoming"])
    assert "Hội chợ nông sản" not in client.get("/vi/").content.decode()


def test_home_costs_no_query_more_with_events(client, events_site, django_assert_max_num_queries):
    client.get("/en/")
    with django_assert_max_num_queries(12) as with_events:
        html = client.get("/en/").content.decode()
    assert "Farm produce fair" in html
    assert events_site["index_en"].url in html  # "All events"
    for page in (events_site["upcoming"], events_site["past"]):
        services.cancel_event(page)
    client.get("/en/")
    with django_assert_max_num_queries(12) as without:
        html = client.get("/en/").content.decode()
    assert "upcoming-events" not in html
    assert len(with_events.captured_queries) == len(without.captured_queries)


def test_sync_in_the_admin_copies_dates_and_status_and_keeps_translated_words(
    client, events_site, django_user_model
):
    """An editor moves the Vietnamese event and syncs: the English page gets the new date
    and status (synchronised fields) and keeps its own title."""
    from django.urls import reverse
    from wagtail_localize.models import TranslationSource

    client.force_login(
        django_user_model.objects.create_superuser(
            username="editor", email="editor@example.org", password="pw"
        )
    )
    page = EventPage.objects.get(pk=events_site["upcoming"].pk)
    page.previous_start = page.start
    page.start, page.end = in_days(50), in_days(51, 17)
    page.status = EventPage.Status.RESCHEDULED
    page.save_revision().publish()
    source = TranslationSource.objects.get_for_instance_or_none(page)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert client.post(sync_url, {"publish_translations": "on"}).status_code == 302
    english = en(page)
    assert english.status == EventPage.Status.RESCHEDULED
    assert english.start == in_days(50)
    assert english.title == "Farm produce fair"
    assert english.sequence > 0
