"""QR codes decode back to their Digital Link URI with a real decoder (zxing-cpp), keep
a 4-module quiet zone and are sized by their own viewBox."""

import re

import pytest
from PIL import Image

from provenance import qr
from tests.provenance.factories import build_chain
from tests.qr_decode import decode

URI = "https://samlaichau.vn/01/08936000000011/10/25DR006/21/A1B2C3D4E5"


def test_png_decodes_to_the_uri():
    assert decode(qr.qr_png(URI)) == [URI]
    assert qr.qr_svg(URI).lstrip().startswith(b"<svg")


def test_png_has_a_quiet_zone_of_four_modules():
    import io

    scale = 8
    image = Image.open(io.BytesIO(qr.qr_png(URI, scale=scale))).convert("L")
    width, height = image.size
    zone = 4 * scale
    pixels = image.load()
    border = [
        pixels[x, y]
        for x in range(width)
        for y in range(height)
        if x < zone or y < zone or x >= width - zone or y >= height - zone
    ]
    assert min(border) == 255  # all light
    # and the code starts right after it: the finder pattern's corner is dark
    assert pixels[zone, zone] == 0 and pixels[zone - 1, zone - 1] == 255


@pytest.mark.parametrize("svg", [lambda: qr.qr_svg_inline(URI), lambda: qr.qr_svg(URI).decode()])
def test_svg_is_sized_by_a_viewbox_that_holds_the_quiet_zone(svg):
    svg = svg()
    size = qr.make_qr(URI).symbol_size(scale=1, border=0)[0]
    match = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    assert match, "an SVG without a viewBox is cut off when CSS resizes it"
    assert int(match[1]) == int(match[2]) == size + 2 * 4
    # the first dark module starts 4 modules in
    assert re.search(r'class="qrline"[^>]*d="M4 4\.5', svg)
    # no fixed size that CSS would clip against (the standalone file has a default size
    # in pixels, which scales with the viewBox)
    if not svg.startswith("<svg xmlns"):
        assert "width=" not in svg.split(">", 1)[0]


@pytest.mark.django_db
def test_lot_and_serial_qr_views(client, admin_client, settings):
    settings.SITE_URL = "https://samlaichau.example"
    lot = build_chain(serials=("S0001",))
    response = client.get(f"/vi/trace/qr/{lot.pk}.png")
    assert response["Content-Type"] == "image/png"
    assert decode(response.content) == [
        f"https://samlaichau.example/01/{lot.gtin}/10/{lot.lot_number}"
    ]
    svg = client.get(f"/en/trace/qr/{lot.pk}.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    # serial codes are for staff (printing labels), not for anyone to harvest
    assert client.get(f"/en/trace/qr/{lot.pk}/S0001.png").status_code == 302
    response = admin_client.get(f"/en/trace/qr/{lot.pk}/S0001.png")
    assert decode(response.content) == [
        f"https://samlaichau.example/01/{lot.gtin}/10/{lot.lot_number}/21/S0001"
    ]
    assert admin_client.get(f"/en/trace/qr/{lot.pk}/NOPE.png").status_code == 404


@pytest.mark.django_db
def test_label_sheet_has_one_label_per_serial(admin_client, client):
    lot = build_chain(serials=("S0001", "S0002", "S0003"))
    html = admin_client.get(f"/en/trace/labels/{lot.pk}/").content.decode()
    assert html.count('class="label"') == 3
    assert "@page" in html and "@media print" in html
    assert "(21)S0003" in html
    assert client.get(f"/en/trace/labels/{lot.pk}/").status_code == 302
