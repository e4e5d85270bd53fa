import re

from playwright.sync_api import expect


def test_home_in_both_languages_switch_and_browse_to_a_product(
    page, live_server, browser_site, watch
):
    page.goto(f"{live_server.url}/vi/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sâm Lai Châu")
    expect(page.locator(".product-card").first).to_be_visible()
    expect(page.get_by_text("2.500.000 ₫")).to_be_visible()

    # Switch language: the same page, in English.
    page.locator('.lang-switch a[data-lang="en"]').click()
    expect(page).to_have_url(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text("₫2,500,000")).to_be_visible()

    # Browse to the shop and open a product.
    page.get_by_role("link", name="Shop", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/en/shop/catalogue/$"))
    page.get_by_role("link", name="Fresh Lai Châu ginseng root").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fresh Lai Châu ginseng root")
    expect(page.locator(".price_color").first).to_have_text("₫2,500,000")

    # And back to Vietnamese on the product page itself.
    page.locator('.lang-switch a[data-lang="vi"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Củ sâm Lai Châu tươi")
    expect(page.locator(".price_color").first).to_have_text("2.500.000 ₫")
    watch.assert_clean()


def test_story_page_switches_to_its_translation(page, live_server, browser_site, watch):
    page.goto(f"{live_server.url}/vi/cau-chuyen/hanh-trinh/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hành trình của củ sâm")
    page.locator('.lang-switch a[data-lang="en"]').click()
    expect(page).to_have_url(f"{live_server.url}/en/stories/journey/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The journey of a root")
    watch.assert_clean()


def test_search_without_diacritics_in_the_header(page, live_server, browser_site, watch):
    page.goto(f"{live_server.url}/vi/")
    page.get_by_role("searchbox").fill("cu sam lai chau tuoi")
    page.get_by_role("searchbox").press("Enter")
    expect(page.get_by_role("link", name="Củ sâm Lai Châu tươi").first).to_be_visible()
    watch.assert_clean()


def test_mobile_menu_opens_and_keeps_focus_visible(page, live_server, browser_site, watch):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/en/")
    nav = page.locator("#site-nav")
    expect(nav).to_be_hidden()
    toggle = page.locator(".nav-toggle")
    toggle.click()
    expect(nav).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    watch.assert_clean()
