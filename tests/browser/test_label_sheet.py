"""The printed label sheet scans: Chromium renders it as it prints (A4 width, print media,
300 dpi), and every QR code on the screenshot decodes to its Digital Link URI (zxing-cpp).
"""

import pytest

pytestmark = pytest.mark.browser

MM_PER_INCH = 25.4
CSS_PX_PER_INCH = 96
PRINT_DPI = 300


@pytest.fixture
def label_lot(transactional_db):
    from tests.conftest import ensure_wagtail_tree
    from tests.provenance.factories import build_chain

    ensure_wagtail_tree()
    # nine serials: three full rows of the three-column sheet (right column, bottom row)
    return build_chain(serials=tuple(f"S{i:04d}" for i in range(1, 10)))


@pytest.fixture
def staff_context(browser, live_server, django_user_model, transactional_db):
    from django.conf import settings
    from django.test import Client

    user = django_user_model.objects.create_user(
        username="labels", email="labels@example.com", password="x", is_staff=True
    )
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(
        viewport={"width": round(210 / MM_PER_INCH * CSS_PX_PER_INCH), "height": 1123},
        device_scale_factor=PRINT_DPI / CSS_PX_PER_INCH,
        locale="vi-VN",
    )
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
    )
    yield context
    context.close()


def test_every_code_on_the_printed_label_sheet_decodes(staff_context, live_server, label_lot):
    from django.conf import settings

    from provenance import qr
    from tests.qr_decode import decode, decode_symbols

    page = staff_context.new_page()
    page.emulate_media(media="print")
    response = page.goto(f"{live_server.url}/vi/trace/labels/{label_lot.pk}/")
    assert response.status == 200

    codes = page.locator(".label svg")
    assert codes.count() == 9
    # printed at the size the sheet promises: 30 mm, square, nothing clipped
    expected_px = qr.LABEL_QR_MM / MM_PER_INCH * CSS_PX_PER_INCH
    for i in range(codes.count()):
        box = codes.nth(i).bounding_box()
        assert box["width"] == pytest.approx(expected_px, abs=0.5)
        assert box["height"] == pytest.approx(expected_px, abs=0.5)

    expected = [
        f"{settings.SITE_URL.rstrip('/')}/01/{label_lot.gtin}/10/{label_lot.lot_number}/21/S{i:04d}"
        for i in range(1, 10)
    ]
    sheet = page.locator(".sheet").screenshot()
    assert sorted(decode(sheet)) == sorted(expected)

    # each label on its own as well (what a phone sees when it frames one pack)
    for i, label in enumerate(page.locator(".label").all()):
        symbols = decode_symbols(label.screenshot())
        assert [s.text for s in symbols] == [expected[i]]
        assert symbols[0].ec_level == "M"

    # Decoders forgive a lot (error correction rebuilt the clipped codes of the old sheet):
    # check what was printed, module by module, inside each code's own box: the whole
    # symbol (no right column or bottom row cut off) and a light quiet zone of 4 modules.
    for i in range(codes.count()):
        printed = modules_printed(codes.nth(i).screenshot(), qr.modules(expected[i]))
        wanted = [
            [bool(dark) for dark in row]
            for row in qr.make_qr(expected[i]).matrix_iter(scale=1, border=4)
        ]
        wrong = [
            (r, c)
            for r, row in enumerate(wanted)
            for c, dark in enumerate(row)
            if printed[r][c] != dark
        ]
        assert wrong == [], f"label {i + 1}: {len(wrong)} modules differ, e.g. {wrong[:5]}"


def modules_printed(png, n):
    """Dark or light at the centre of each of n x n modules of a rendered code."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    pixels = image.load()
    return [
        [pixels[int((c + 0.5) * width / n), int((r + 0.5) * height / n)] < 128 for c in range(n)]
        for r in range(n)
    ]
