"""The plan report and the transparency page on a phone (390 px) and a desktop, in both
languages: no horizontal page overflow, nothing cut off, charts as wide as the screen;
printed, the report drops the menus and filters. Screenshots go to the test's tmp dir."""

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory
from tests.plan import data

OVERFLOW_JS = (Path(__file__).parent / "overflow.js").read_text()


@pytest.fixture
def staff(transactional_db):
    data.build()
    return UserFactory(is_staff=True, is_superuser=True)


def test_plan_pages_fit_a_phone_and_print_without_menus(browser, live_server, staff, tmp_path):
    client = Client()
    client.force_login(staff)
    problems = []
    for width in (390, 1280):
        context = browser.new_context(
            viewport={"width": width, "height": 844}, base_url=live_server.url
        )
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        for language in ("vi", "en"):
            with translation.override(language):
                paths = [
                    reverse("plan-staff:report"),
                    reverse("plan-staff:print"),
                    reverse("plan:transparency"),
                ]
            for path in paths:
                response = page.goto(path)
                assert response.status == 200, path
                found = page.evaluate(OVERFLOW_JS)
                if found["scrollWidth"] > found["width"] or found["cut"]:
                    problems.append((width, path, found))
                name = path.strip("/").replace("/", "-")
                page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)
            if width == 390:
                page.goto(paths[0])
                chart = page.locator("svg.plan-chart").first.bounding_box()
                assert chart["width"] >= 300  # as wide as the phone, text readable
        page.goto(paths[0])
        page.emulate_media(media="print")
        assert page.locator(".plan-filters").is_hidden()
        assert page.locator(".navbar").first.is_hidden()
        assert page.locator(".plan-figure").first.is_visible()
        context.close()
    print(f"\nscreenshots in {tmp_path}")
    assert problems == [], problems
