"""QR codes decode back to their Digital Link URI with a real decoder (zbar)."""

import io

import pytest
from PIL import Image

from provenance import qr
from tests.provenance.factories import build_chain

pyzbar = pytest.importorskip("pyzbar.pyzbar")


def decode(png_bytes):
    return [symbol.data.decode() for symbol in pyzbar.decode(Image.open(io.BytesIO(png_bytes)))]


def test_png_decodes_to_the_uri():
    uri = "https://samlaichau.vn/01/08936000000011/10/25DR006/21/A1B2C3D4E5"
    assert decode(qr.qr_png(uri)) == [uri]
    assert qr.qr_svg(uri).lstrip().startswith(b"<svg")


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
