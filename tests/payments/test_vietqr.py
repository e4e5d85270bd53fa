import pytest

from payments import vietqr


def test_crc_known_vector():
    assert vietqr.crc16_ccitt(b"123456789") == 0x29B1


def test_payload_decodes_field_by_field_and_crc_verifies():
    payload = vietqr.build_payload(
        bin_code="970436", account="0011009999999", amount=1_234_567, reference="SLC100042"
    )
    fields = dict(vietqr.parse_tlv(payload))
    assert fields["00"] == "01"
    assert fields["01"] == "12"  # dynamic: one amount, one order
    merchant = dict(vietqr.parse_tlv(fields["38"]))
    assert merchant["00"] == "A000000727"
    assert dict(vietqr.parse_tlv(merchant["01"])) == {"00": "970436", "01": "0011009999999"}
    assert merchant["02"] == "QRIBFTTA"
    assert fields["53"] == "704"
    assert fields["54"] == "1234567"
    assert fields["58"] == "VN"
    assert dict(vietqr.parse_tlv(fields["62"])) == {"08": "SLC100042"}
    assert payload[-8:-4] == "6304"
    assert int(payload[-4:], 16) == vietqr.crc16_ccitt(payload[:-4].encode())

    transfer = vietqr.parse_payload(payload)
    assert transfer.amount == 1_234_567
    assert transfer.reference == "SLC100042"
    assert transfer.bin_code == "970436" and transfer.guid == vietqr.NAPAS_GUID


def test_tampered_payload_fails_crc():
    payload = vietqr.build_payload(
        bin_code="970436", account="0011009999999", amount=100000, reference="SLC1"
    )
    tampered = payload.replace("5406100000", "5406900000")
    with pytest.raises(vietqr.PayloadError):
        vietqr.parse_payload(tampered)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"bin_code": "97043", "account": "1", "amount": 1, "reference": ""},
        {"bin_code": "970436", "account": "", "amount": 1, "reference": ""},
        {"bin_code": "970436", "account": "1", "amount": 0, "reference": ""},
        {"bin_code": "970436", "account": "1", "amount": 1.5, "reference": ""},
    ],
)
def test_bad_inputs_refused(kwargs):
    with pytest.raises(ValueError):
        vietqr.build_payload(**kwargs)


def test_reference_is_plain_ascii():
    assert vietqr.clean_reference("Đơn SLC-100042!") == "Don SLC100042"


def test_rendered_qr_scans_back_to_the_payload():
    from payments import qr
    from tests.qr_decode import decode

    payload = vietqr.build_payload(
        bin_code="970436", account="0011009999999", amount=9_500_000, reference="SLC100001"
    )
    svg = qr.svg(payload)
    assert svg.startswith("<svg") and 'class="vietqr"' in svg
    decoded = decode(qr.png(payload))
    assert decoded == [payload]
    assert vietqr.parse_payload(decoded[0]).amount == 9_500_000
