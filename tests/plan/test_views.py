"""The staff report and the public page: staff only, filters, every link opens, the CSV
says what the page says, vi and en, a query budget that stays flat as records grow."""

import csv
import html
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory
from tests.plan import data

pytestmark = pytest.mark.django_db

#: Queries for the staff report, whatever the number of records (measured: 22, the same
#: with 12 more of every kind of record).
STAFF_BUDGET = 25
#: The public page: computed on a cache miss (measured: 26, with the page's chrome), then
#: read from the cache (measured: 2, both the site menu's locale lookup; none for figures).
PUBLIC_COLD_BUDGET = 30
PUBLIC_WARM_BUDGET = 2


@pytest.fixture
def known():
    return data.build()


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def staff_url(language="vi", **query):
    with translation.override(language):
        url = reverse("plan-staff:report")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def public_url(language="vi"):
    with translation.override(language):
        return reverse("plan:transparency")


def data_values(page):
    return [html.unescape(v) for v in re.findall(r'data-value="([^"]*)"', page)]


def test_translated_public_urls():
    assert public_url("vi") == "/vi/minh-bach/"
    assert public_url("en") == "/en/transparency/"


def test_the_staff_report_is_for_staff_only(client, known):
    assert client.get(staff_url()).status_code == 302
    client.force_login(UserFactory(is_staff=False))
    response = client.get(staff_url())
    assert response.status_code == 302 and "login" in response["Location"]


def test_staff_report_shows_figures_tables_and_charts(staff_client, known):
    page = staff_client.get(staff_url(year=known["THIS"])).content.decode()
    assert 'data-key="figure:coded_share" data-value="58.3"' in page
    # One chart per table that has one (areas, harvest, sales by month, people, oversight).
    assert page.count('<svg class="plan-chart"') == 5
    assert "58,3 %" in page  # Vietnamese number format
    assert "không có dữ liệu" in page  # communes with no area on record
    english = staff_client.get(staff_url("en", year=known["THIS"])).content.decode()
    assert "58.3 %" in english and "no data" in english


def test_every_link_on_the_staff_report_opens(staff_client, known):
    page = staff_client.get(staff_url(year=known["THIS"])).content.decode()
    main = page[page.index('class="plan-report"') :]
    links = {html.unescape(h) for h in re.findall(r'href="([^"#]+)"', main)}
    links = {h for h in links if h.startswith("/") and not h.startswith(("//", "/static/"))}
    links.discard(staff_url())
    assert len(links) > 30
    for link in sorted(links):
        response = staff_client.get(link)
        assert response.status_code == 200, link


def test_filters_by_year_and_commune(staff_client, known):
    page = staff_client.get(staff_url(year=known["LAST"], commune="Mồ Sì San")).content.decode()
    assert 'data-key="figure:area_ha" data-value="80.00"' in page
    assert 'data-key="figure:coded_share" data-value="100.0"' in page
    # Unknown filters fall back to this year and the whole district.
    page = staff_client.get(staff_url(year="abc", commune="Nowhere")).content.decode()
    assert 'data-key="figure:area_ha" data-value="120.00"' in page


def test_the_csv_says_what_the_page_says(staff_client, known):
    for language in ("vi", "en"):
        query = {"year": known["THIS"], "commune": "Sì Lở Lầu"}
        page = staff_client.get(staff_url(language, **query)).content.decode()
        response = staff_client.get(staff_url(language, format="csv", **query))
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert [r[4] for r in rows[1:]] == data_values(page)
        labels = {r[1] for r in rows[1:]}
        for label in labels:
            assert html.escape(label, quote=False) in page or label in page


def test_printable_report_is_titled_dated_with_methods(staff_client, known):
    page = staff_client.get(
        reverse("plan-staff:print") + f"?year={known['THIS']}&commune=Sì Lở Lầu"
    ).content.decode()
    assert "<h1>" in page and str(known["THIS"]) in page and "Sì Lở Lầu" in page
    assert "@media print" not in page  # the print rules are in the stylesheet
    assert "css/plan.css" in page
    assert page.count('class="plan-figure__method"') >= 15
    assert "Tính từ hồ sơ lúc" in page or "Computed from the records at" in page


def test_staff_query_budget_stays_flat_as_records_grow(staff_client, known, settings):
    url = staff_url(year=known["THIS"])
    staff_client.get(url)  # sessions, content types, the menu's lookups warm
    with CaptureQueriesContext(connection) as small:
        assert staff_client.get(url).status_code == 200
    data.add_noise(known, 12)
    with CaptureQueriesContext(connection) as large:
        assert staff_client.get(url).status_code == 200
    print(f"\nstaff report: {len(small)} queries, {len(large)} with 12 more of each record")
    assert len(large) == len(small)
    assert len(large) <= STAFF_BUDGET


def test_public_page_in_both_languages(client, known):
    vi = client.get(public_url("vi")).content.decode()
    assert "Minh bạch" in vi or "minh bạch" in vi
    assert 'data-key="figure:coded_share" data-value="58.3"' in vi
    assert "58,3 %" in vi and "II.2.1 ¶2" in vi
    en = client.get(public_url("en")).content.decode()
    assert "Transparency" in en and "58.3 %" in en
    assert 'hreflang="en" href="http://testserver/en/transparency/"' in vi
    with translation.override("vi"):
        assert reverse("provenance:checkpoints") in vi


def test_public_csv_matches_the_page(client, known):
    page = client.get(public_url("en")).content.decode()
    rows = list(
        csv.reader(
            io.StringIO(client.get(public_url("en") + "?format=csv").content.decode("utf-8-sig"))
        )
    )
    assert [r[1] for r in rows[1:]] == data_values(page)
    assert rows[1][0] == "Area with an active growing-area code"


def test_public_page_shows_the_latest_signed_checkpoint(client, known):
    from provenance.services.checkpoints import create_checkpoint

    create_checkpoint()
    checkpoint = create_checkpoint()
    from plan.services import clear_public_summary

    clear_public_summary()
    page = client.get(public_url("en")).content.decode()
    assert f"Checkpoint #{checkpoint.pk}" in page
    assert checkpoint.digest in page
    assert "signature checks out" in page


def test_public_page_query_budget(client, known, django_assert_max_num_queries):
    with django_assert_max_num_queries(PUBLIC_COLD_BUDGET):
        client.get(public_url("vi"))
    with django_assert_max_num_queries(PUBLIC_WARM_BUDGET):
        client.get(public_url("en"))


def test_footer_links_to_the_transparency_page(client, known):
    page = client.get(public_url("en")).content.decode()
    footer = page[page.index("<footer") :]
    assert 'href="/en/transparency/"' in footer


def test_dashboard_menu_has_plan_progress_for_staff_only(staff_client, known):
    page = staff_client.get(reverse("dashboard:index")).content.decode()
    assert reverse("plan-staff:report") in page
    from shop.dashboard.menu import get_nodes

    member = UserFactory(is_staff=False)
    labels = [str(node.label) for node in get_nodes(member)]
    assert "Plan progress" not in labels and "Tiến độ kế hoạch" not in labels


def test_wagtail_admin_menu_has_plan_progress(staff_client, known, wagtail_root):
    page = staff_client.get("/cms-admin/").content.decode()
    assert reverse("plan-staff:report") in page
