"""The dashboard product form's image slots: choosing a picture in one new slot hides
that slot's upload button and opens the next slot, whose button shows, however many
slots are filled in a row. Oscar's dashboard.js rewrites a cloned slot's handler ids only
for an image whose alt text is "thumbnail"; ours has an empty alt (a placeholder), so the
second new slot once toggled the first slot's button."""

import pytest
from django.test import Client

from tests.factories import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_each_new_image_slot_toggles_its_own_upload_button(page, live_server, browser_site, watch):
    from django.urls import reverse
    from django.utils import translation

    from tests.factories import UserFactory

    staff = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(staff)
    product = browser_site["products"][1]  # no image yet
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    with translation.override("vi"):
        page.goto(
            live_server.url + reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
        )
    page.locator("a[href='#product_images']").click()
    slots = page.locator("#product_images .upload-image > li")
    first_new = slots.count() - 1
    button = "#upload_button_id_images-{}-original-image"
    expect_visible = lambda index: page.locator(button.format(index)).is_visible()  # noqa: E731
    assert expect_visible(first_new)
    picture = {"name": "sam.png", "mimeType": "image/png", "buffer": png_bytes()}
    for step in range(3):
        index = first_new + step
        page.set_input_files(f"#id_images-{index}-original", picture)
        # This slot shows the picture and hides its button; a new slot opens, button shown.
        page.wait_for_function(
            "id => document.querySelector(id).offsetParent === null",
            arg=button.format(index),
        )
        page.locator(button.format(index + 1)).wait_for(state="visible")
        assert slots.count() == first_new + step + 2
        # Every slot filled so far keeps its button hidden.
        for filled in range(first_new, index + 1):
            assert not expect_visible(filled), (step, filled)
        assert expect_visible(index + 1), step
    watch.assert_clean()
