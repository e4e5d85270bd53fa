"""Scan signals a stranger cannot forge (issue 9): distinct devices from a signed
first-party cookie, never raw hits; unknown codes rate-limited per client and counted
in one row per day and prefix; buyers can report a suspect pack, staff see it."""

import pytest
from django.test import Client

from provenance import scans
from provenance.models import ScanRecord, SuspectPackReport, UnknownCodeTally
from tests.provenance.factories import build_chain

pytestmark = pytest.mark.django_db

COPY_WARNING = "this may be a copy"


@pytest.fixture
def lot(wagtail_root):
    return build_chain(serials=("S0001", "S0002"))


def dl(lot, serial=None):
    path = f"/01/{lot.gtin}/10/{lot.lot_number}"
    return path + (f"/21/{serial}" if serial else "")


def scan(lot, serial, ip, client=None, **extra):
    client = client or Client()
    response = client.get(dl(lot, serial), REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE="en", **extra)
    assert response.status_code == 200
    return response


# ---------------------------------------------------------------- distinct devices


def test_five_anonymous_requests_from_one_client_do_not_flag_the_next_buyer(lot):
    # the attack: a stranger with no cookies requests a genuine pack's code five times
    for _ in range(5):
        scan(lot, "S0001", "203.0.113.7")  # a new Client each time: cookies dropped
    html = scan(lot, "S0001", "198.51.100.20").content.decode()
    assert COPY_WARNING not in html
    assert "scanned on one other device" in html
    # five hits, one device; and the repeats did not even write rows
    assert ScanRecord.objects.exclude(device="").values("device").distinct().count() == 2
    assert ScanRecord.objects.filter(serial__serial="S0001").count() <= 3


def test_the_same_stranger_keeping_its_cookie_counts_once(lot):
    stranger = Client()
    for _ in range(10):
        scan(lot, "S0001", "203.0.113.7", client=stranger)
    html = scan(lot, "S0001", "203.0.113.7", client=stranger).content.decode()
    assert "Only this device has scanned this code so far." in html
    assert ScanRecord.objects.count() == 1  # one row per serial, device and day


def test_ipv6_clients_cannot_rotate_addresses_inside_their_network(lot):
    for i in range(6):
        scan(lot, "S0001", f"2001:db8:1:2::{i + 1:x}")
    html = scan(lot, "S0001", "198.51.100.20").content.decode()
    assert "scanned on one other device" in html and COPY_WARNING not in html


def test_many_devices_on_different_networks_do_warn(lot, settings):
    settings.PROVENANCE_SCAN_WARNING_THRESHOLD = 3
    for i in range(3):
        scan(lot, "S0002", f"198.51.100.{i + 1}")
    html = scan(lot, "S0002", "192.0.2.50").content.decode()
    assert COPY_WARNING in html
    assert "scanned on 3 other devices" in html
    assert "In the last 30 days: 3 other devices." in html
    assert ScanRecord.objects.filter(result=ScanRecord.Result.OVERSCANNED).exists()
    # the page says what the count means and what to do
    assert "not the number of times it was opened" in html
    assert "/en/trace/report/?gtin=" in html


def test_a_client_introduces_few_new_devices_a_day(lot, settings):
    settings.PROVENANCE_SCAN_NEW_DEVICES_PER_CLIENT_PER_DAY = 1
    scan(lot, "S0001", "203.0.113.7")
    scan(lot, "S0002", "203.0.113.7")  # second new device from this network today
    assert ScanRecord.objects.filter(serial__serial="S0002").get().device == ""


def test_the_cookie_is_signed_random_and_not_stored(lot):
    response = scan(lot, "S0001", "203.0.113.7")
    cookie = response.cookies[scans.COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) > 86400 * 300
    value = cookie.value
    raw_id, _timestamp, _signature = value.split(":")  # signed with a timestamp
    assert len(raw_id) >= 20
    record = ScanRecord.objects.get()
    assert record.device and record.device != raw_id and raw_id not in record.device
    assert record.device == scans.device_key(raw_id)
    # a forged (unsigned) cookie is not a device: the client gets a new one
    forger = Client()
    forger.cookies[scans.COOKIE_NAME] = raw_id + ":forged"
    response = scan(lot, "S0002", "198.51.100.3", client=forger)
    assert response.cookies[scans.COOKIE_NAME].value != raw_id + ":forged"


def test_trace_pages_inside_the_language_prefix_do_not_count(lot):
    client = Client()
    for _ in range(3):
        client.get(f"/en/trace/01/{lot.gtin}/10/{lot.lot_number}/21/S0001/", REMOTE_ADDR="1.2.3.4")
    assert ScanRecord.objects.count() == 0


# ---------------------------------------------------------------- codes we never issued


def test_300_requests_for_unknown_serials_do_not_write_300_rows(lot, settings):
    settings.PROVENANCE_UNKNOWN_CODES_PER_CLIENT = 30
    statuses = []
    for i in range(300):
        # ten networks, thirty each: every one reaches its limit
        response = Client().get(dl(lot, f"FAKE{i:04d}"), REMOTE_ADDR=f"203.0.113.{i % 10}")
        statuses.append(response.status_code)
    assert ScanRecord.objects.count() == 0
    tally = UnknownCodeTally.objects.get()
    assert tally.reason == UnknownCodeTally.Reason.UNKNOWN_SERIAL and tally.lot_id == lot.pk
    assert tally.hits == 300 and tally.clients == 10
    assert statuses.count(404) == 300


def test_unknown_codes_are_rate_limited_per_client(lot, settings):
    settings.PROVENANCE_UNKNOWN_CODES_PER_CLIENT = 5
    statuses = [
        Client().get(dl(lot, f"FAKE{i:04d}"), REMOTE_ADDR="203.0.113.9").status_code
        for i in range(12)
    ]
    assert statuses == [404] * 5 + [429] * 7
    assert UnknownCodeTally.objects.get().hits == 5
    # another client is not affected
    assert Client().get(dl(lot, "FAKE9999"), REMOTE_ADDR="198.51.100.1").status_code == 404


def test_unknown_lots_and_foreign_gtins_are_counted_per_prefix(lot):
    client = Client()
    for i in range(4):
        client.get(f"/01/{lot.gtin}/10/NOPE{i}/21/X{i}", REMOTE_ADDR="203.0.113.1")
    for gtin in ("04006381333931", "00012345600012", "09501101530003"):
        client.get(f"/01/{gtin}/10/ANY/21/X", REMOTE_ADDR="203.0.113.1")
    rows = {(t.reason, t.gtin, t.lot_number): t.hits for t in UnknownCodeTally.objects.all()}
    assert rows == {
        (UnknownCodeTally.Reason.UNKNOWN_LOT, lot.gtin, ""): 4,
        (UnknownCodeTally.Reason.UNKNOWN_GTIN, "", ""): 3,
    }


def test_staff_see_unknown_codes_and_new_reports(lot, admin_client):
    Client().get(dl(lot, "FAKE0001"))
    SuspectPackReport.objects.create(gtin=lot.gtin, description="Seal was broken")
    html = admin_client.get("/en/trace/staff/suspicious/").content.decode()
    assert "FAKE0001" in html and "Seal was broken" in html


def test_the_not_found_page_links_to_the_report_form(lot):
    response = Client().get(dl(lot, "FAKE0001"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    html = response.content.decode()
    assert f"/en/trace/report/?gtin={lot.gtin}&amp;lot={lot.lot_number}&amp;serial=FAKE0001" in html


# ---------------------------------------------------------------- suspect pack reports


def report(client, ip="203.0.113.5", **data):
    payload = {"description": "The seal looks different and the code was scanned before."}
    payload.update(data)
    return client.post("/en/trace/report/", payload, REMOTE_ADDR=ip)


def test_a_buyer_reports_a_suspect_pack_and_staff_see_it(lot, admin_client):
    client = Client()
    form = client.get(
        f"/en/trace/report/?gtin={lot.gtin}&lot={lot.lot_number}&serial=S0001"
    ).content.decode()
    assert f'value="{lot.gtin}"' in form and 'value="S0001"' in form
    response = report(
        client,
        gtin=lot.gtin,
        lot_number=lot.lot_number,
        serial="S0001",
        where_bought="Chợ Phong Thổ",
        contact="0912 345 678",
    )
    assert response.status_code == 302 and response["Location"] == "/en/trace/report/sent/"
    saved = SuspectPackReport.objects.get()
    assert saved.lot_id == lot.pk and saved.status == SuspectPackReport.Status.NEW
    assert saved.language == "en"
    changelist = admin_client.get("/django-admin/provenance/suspectpackreport/").content.decode()
    assert lot.lot_number in changelist
    change = admin_client.get(f"/django-admin/provenance/suspectpackreport/{saved.pk}/change/")
    assert change.status_code == 200 and "Chợ Phong Thổ" in change.content.decode()


def test_report_accepts_other_gtin_formats_and_refuses_bad_ones(lot):
    gtin13 = lot.gtin[1:]
    spaced = " ".join([gtin13[:1], gtin13[1:7], gtin13[7:]])
    assert report(Client(), gtin=spaced, lot_number=lot.lot_number).status_code == 302
    assert SuspectPackReport.objects.get().gtin == lot.gtin
    bad = lot.gtin[:-1] + str((int(lot.gtin[-1]) + 1) % 10)
    response = report(Client(), ip="198.51.100.5", gtin=bad)
    assert response.status_code == 200 and "not a valid GTIN" in response.content.decode()
    response = report(Client(), ip="198.51.100.5", serial="Sâm 01")
    assert response.status_code == 200 and SuspectPackReport.objects.count() == 1


def test_report_refuses_huge_input(lot):
    response = report(Client(), description="x" * 100_000, where_bought="y" * 5000)
    assert response.status_code == 200
    assert SuspectPackReport.objects.count() == 0


def test_repeated_reports_are_one_and_a_flood_is_refused(lot, settings):
    settings.PROVENANCE_SUSPECT_REPORTS_PER_CLIENT = 3
    client = Client()
    for _ in range(3):
        report(client, gtin=lot.gtin, lot_number=lot.lot_number, serial="S0001")
    assert SuspectPackReport.objects.count() == 1
    for i in range(2):
        assert report(client, gtin=lot.gtin, serial=f"X{i}").status_code == 302
    response = report(client, gtin=lot.gtin, serial="X9")
    assert response.status_code == 429
    assert SuspectPackReport.objects.count() == 3
    assert report(Client(), ip="198.51.100.77", gtin=lot.gtin, serial="X9").status_code == 302


def test_report_form_needs_a_csrf_token(lot):
    client = Client(enforce_csrf_checks=True)
    assert report(client).status_code == 403
    assert SuspectPackReport.objects.count() == 0
