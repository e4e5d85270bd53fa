"""The cooperative back office on a phone (390 px) and a desktop, in both languages:
every dashboard page a cooperative member reaches has no horizontal page overflow and
no link or button cut off at the right edge; the brand is ours, not Oscar's; the public
story is edited with the rich-text editor and saved as sanitised HTML."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from demo.loader import cooperative_email
from tests.core.language_check import walk

OVERFLOW_JS = (Path(__file__).parent / "overflow.js").read_text()


@pytest.fixture
def demo_member(transactional_db, search_index, settings):
    settings.DEBUG = True
    from tests.conftest import ensure_wagtail_tree

    ensure_wagtail_tree()
    call_command("load_demo", "--no-index", stdout=open("/dev/null", "w"))
    settings.DEBUG = False
    return get_user_model().objects.get(email=cooperative_email("htx-si-lo-lau"))


def logged_in_context(browser, live_server, member, width):
    client = Client()
    client.force_login(member)
    context = browser.new_context(
        viewport={"width": width, "height": 844}, locale="vi-VN", base_url=live_server.url
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return client, context


def test_every_dashboard_page_fits_the_screen_and_wears_our_brand(
    browser, live_server, demo_member
):
    problems, seen = [], 0
    for width in (390, 1280):
        client, context = logged_in_context(browser, live_server, demo_member, width)
        page = context.new_page()
        for language in ("vi", "en"):
            paths = [
                path
                for path, _html in walk(
                    client, [f"/{language}/shop/dashboard/"], language, per_kind=1
                )
                if "/dashboard/" in path
            ]
            assert len(paths) >= 8, paths
            for path in paths:
                page.goto(path)
                seen += 1
                found = page.evaluate(OVERFLOW_JS)
                if found["scrollWidth"] > found["width"] or found["cut"]:
                    problems.append((width, path, found))
                if path.endswith("/lots/"):
                    page.screenshot(
                        path=f"/tmp/dashboard-lots-{language}-{width}.png", full_page=True
                    )
        brand = page.locator(".navbar-brand")
        assert "Sâm Lai Châu" in brand.inner_text()
        assert brand.locator("img").get_attribute("src").endswith("img/logo.svg")
        assert "logo_oscar" not in brand.evaluate("el => getComputedStyle(el).backgroundImage")
        context.close()
    assert seen >= 32
    assert problems == [], problems


def test_story_is_edited_with_the_rich_text_editor(browser, live_server, demo_member):
    from cooperatives.models import Profile

    profile = Profile.objects.get(cooperative__partner__users=demo_member)
    _client, context = logged_in_context(browser, live_server, demo_member, 390)
    page = context.new_page()
    page.goto(f"/vi/shop/dashboard/profile/{profile.pk}/")
    editors = page.locator(".richtext__area")
    assert editors.count() == 2  # vi and en
    assert page.locator("textarea[name=story_vi]").is_hidden()
    editor = editors.first
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type("Sâm dưới tán rừng ")
    page.locator(".richtext").first.get_by_role("button", name="Đậm").click()
    page.keyboard.type("Phong Thổ")
    # Pasted markup is cut down to the sanitised subset before it is posted.
    editor.evaluate(
        "el => { const p = document.createElement('p');"
        ' p.innerHTML = \'<span style="color:red" onclick="x()">đỏ</span>'
        '<script>alert(1)</script><a href="javascript:alert(1)">xấu</a>\';'
        " el.appendChild(p); el.dispatchEvent(new Event('input')); }"
    )
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(f"**/dashboard/profile/{profile.pk}/")
    profile.refresh_from_db()
    story = profile.story_vi
    assert "<strong>Phong Thổ</strong>" in story
    assert "Sâm dưới tán rừng" in story
    assert "đỏ" in story and "xấu" in story
    for bad in ("<span", "style=", "onclick", "<script", "javascript:"):
        assert bad not in story
    context.close()
