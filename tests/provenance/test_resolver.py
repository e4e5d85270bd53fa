"""The GS1 Digital Link resolver, trace pages in both languages, EPCIS output, scans."""

import json
from pathlib import Path
from unittest import mock

import jsonschema
import pytest
from django.db import DatabaseError
from django.utils import translation

from provenance import gs1
from provenance.models import ScanRecord, UnknownCodeTally
from tests.provenance.factories import build_chain

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture
def lot(wagtail_root):
    return build_chain(serials=("S0001", "S0002"))


def dl(lot, serial=None):
    path = f"/01/{lot.gtin}/10/{lot.lot_number}"
    return path + (f"/21/{serial}" if serial else "")


def test_resolver_renders_the_trace_page_in_vietnamese_by_default(client, lot):
    response = client.get(dl(lot))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert lot.lot_number in html
    assert lot.product.title_vi in html
    assert "VN-LCPT-" in html  # growing-area code
    assert "<svg" in html and '<path d="M' in html  # inline map, no tiles
    assert "KQ-" in html  # lab certificate number


def test_resolver_follows_accept_language(client, lot):
    response = client.get(dl(lot), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert lot.product.title_en in html
    assert "From seed to pack" in html
    assert "Chain verification" in html and "Verified" in html
    # the language switcher points at the language-prefixed trace pages
    assert f'href="/vi/trace/01/{lot.gtin}/10/{lot.lot_number}/"' in html
    assert f'href="/en/trace/01/{lot.gtin}/10/{lot.lot_number}/"' in html


@pytest.mark.parametrize("language", ["vi", "en"])
def test_language_prefixed_trace_pages(client, lot, language):
    response = client.get(f"/{language}/trace/01/{lot.gtin}/10/{lot.lot_number}/")
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


def test_resolver_accepts_gtin13_and_trailing_slash(client, lot):
    assert (
        client.get(dl(lot).replace(f"/01/{lot.gtin}", f"/01/{lot.gtin[1:]}") + "/").status_code
        == 200
    )


@pytest.mark.parametrize(
    "path",
    [
        "/01/{bad_check}/10/{lot}",
        "/01/09506000134352/10/{lot}",  # valid GTIN we never issued
        "/01/{gtin}/10/NOPE123",  # unknown lot
        "/01/{gtin}/10/{lot}/21/NOTISSUED",  # serial never issued
        "/01/abc/10/xyz",
        "/01/{gtin}",
        "/01/",
        "/01/{gtin}/10/%3Cscript%3E",
    ],
)
def test_bad_codes_are_a_translated_404(client, lot, path):
    gtin = lot.gtin
    bad_check = gtin[:-1] + str((int(gtin[-1]) + 1) % 10)
    url = path.format(gtin=gtin, lot=lot.lot_number, bad_check=bad_check)
    for language in ("vi", "en"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 404
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        assert "may not be genuine" in html or "không" in html.lower()


def test_epcis_link_type_validates_against_the_gs1_schema(client, lot):
    response = client.get(dl(lot), {"linkType": "gs1:epcis"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(response.content)
    schema = json.loads((DATA / "EPCIS-JSON-Schema.json").read_text())
    jsonschema.Draft7Validator(schema).validate(document)
    events = document["epcisBody"]["eventList"]
    steps = [e["slc:step"] for e in events]
    assert steps[:3] == ["seedlings", "planting", "harvest"]
    assert "processing" in steps and "lab_test" in steps and steps[-1] == "packing"
    packing = events[-1]
    assert packing["type"] == "TransformationEvent"
    assert packing["outputEPCList"] == [
        gs1.build_digital_link("http://testserver", lot.gtin, lot.lot_number, s).replace(
            "http://testserver", lot.digital_link_uri()[: -len(dl(lot))]
        )
        for s in ("S0001", "S0002")
    ]
    # the context the document names is GS1's (a copy is kept beside the schema)
    context = json.loads((DATA / "epcis-context.jsonld").read_text())
    assert "@context" in context
    assert (
        document["@context"][0] == "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
    )


def test_pip_link_type_redirects_to_the_product_page(client, lot):
    response = client.get(dl(lot), {"linkType": "gs1:pip"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    with translation.override("en"):
        assert response["Location"] == lot.product.get_absolute_url()
    assert response["Location"].startswith("/en/shop/")


def test_first_scan_of_a_serial_says_so_and_is_logged(client, lot):
    response = client.get(
        dl(lot, "S0001"), HTTP_USER_AGENT="Mozilla/5.0 Zalo", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "first time this code has been scanned" in response.content.decode()
    scan = ScanRecord.objects.get()
    assert scan.serial.serial == "S0001"
    assert scan.user_agent_family == "Zalo" and scan.language == "en"
    assert scan.result == ScanRecord.Result.GENUINE
    assert not hasattr(scan, "ip") and "REMOTE_ADDR" not in str(scan.__dict__)
    # the language-prefixed page is navigation, not a scan
    client.get(f"/en/trace/01/{lot.gtin}/10/{lot.lot_number}/21/S0001/")
    assert ScanRecord.objects.count() == 1


def test_a_serial_scanned_on_many_devices_warns_with_the_first_scan_date(lot, settings):
    from django.test import Client

    settings.PROVENANCE_SCAN_WARNING_THRESHOLD = 3
    for i in range(3):  # three phones on three networks
        Client().get(dl(lot, "S0002"), HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=f"198.51.100.{i}")
    html = Client().get(dl(lot, "S0002"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "scanned on many different devices since" in html
    assert "scanned on 3 other devices" in html
    assert ScanRecord.objects.filter(result=ScanRecord.Result.OVERSCANNED).exists()


def test_unknown_serials_are_counted_for_staff(client, lot, admin_client):
    client.get(dl(lot, "FAKE0001"))
    assert not ScanRecord.objects.exists()
    tally = UnknownCodeTally.objects.get()
    assert tally.reason == UnknownCodeTally.Reason.UNKNOWN_SERIAL and tally.lot_id == lot.pk
    html = admin_client.get("/en/trace/staff/suspicious/").content.decode()
    assert "FAKE0001" in html


def test_suspicious_codes_are_staff_only(client, lot):
    response = client.get("/en/trace/staff/suspicious/")
    assert response.status_code == 302


def test_a_failing_scan_write_never_fails_the_page(client, lot):
    with mock.patch.object(ScanRecord.objects, "create", side_effect=DatabaseError("disk full")):
        response = client.get(dl(lot, "S0001"))
    assert response.status_code == 200


@pytest.mark.parametrize("extra_processing", [0, 12])
def test_trace_page_query_count_does_not_grow_with_the_chain(
    client, wagtail_root, django_assert_max_num_queries, extra_processing
):
    lot = build_chain(extra_processing=extra_processing)
    client.get(dl(lot))  # warm caches shared by every page (site, menu)
    with django_assert_max_num_queries(15):
        response = client.get(dl(lot, "S0001"))
    assert response.status_code == 200
    assert (
        response.content.decode().count("trace-timeline__item--processing") == 1 + extra_processing
    )


def test_a_lot_trace_leaves_out_other_lots_made_from_the_same_harvest(client, lot):
    from decimal import Decimal

    from provenance import services
    from provenance.models import Lot

    harvest = Lot.objects.get(pk__in=lot.ancestor_ids, kind=Lot.Kind.HARVEST)
    services.record_processing(
        inputs=[(harvest, Decimal("5"))], code="PR-OTHER", process="tea", quantity=Decimal("4")
    )
    html = client.get(dl(lot), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "PR-OTHER" not in html
    assert html.count("trace-timeline__item--processing") == 1


@pytest.mark.parametrize("language", ["vi", "en"])
def test_trace_page_says_the_whole_chain_is_verified_and_how_many_events_it_lists(
    client, lot, language
):
    response = client.get(f"/{language}/trace/01/{lot.gtin}/10/{lot.lot_number}/")
    context = response.context
    html = response.content.decode()
    listed = len(context["timeline"])
    checked = context["verification"].checked
    assert checked >= listed
    assert f'data-verified-events="{checked}"' in html
    with translation.override(language):
        from django.utils.translation import ngettext

        whole = ngettext(
            "The %(counter)s event of this lot's own journey is listed below.",
            "The %(counter)s events of this lot's own journey are listed below.",
            listed,
        ) % {"counter": listed}
    assert whole in html
    assert f"{checked} recorded events" not in html


def test_a_held_lot_past_its_best_before_is_flagged(client, lot):
    import datetime

    from django.utils import timezone

    response = client.get(f"/en/trace/01/{lot.gtin}/10/{lot.lot_number}/")
    assert 'data-alert="expired"' not in response.content.decode()
    lot.best_before = timezone.localdate() - datetime.timedelta(days=1)
    lot.save(update_fields=["best_before"])
    html = client.get(f"/en/trace/01/{lot.gtin}/10/{lot.lot_number}/").content.decode()
    assert 'data-alert="expired"' in html
    assert "Past its best-before date" in html
    vi = client.get(f"/vi/trace/01/{lot.gtin}/10/{lot.lot_number}/").content.decode()
    assert 'data-alert="expired"' in vi
