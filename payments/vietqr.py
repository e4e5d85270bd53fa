"""VietQR (NAPAS) payloads: EMVCo merchant-presented QR for a bank transfer.

Pure Python, no Django. A payload is a run of TLV fields: a two-digit tag, a two-digit
length and the value. Tag 38 holds the NAPAS account data (GUID ``A000000727``, the
bank's BIN and the account number, service ``QRIBFTTA``); tag 63 is a CRC-16/CCITT-FALSE
over everything before it, ``6304`` included.
"""

import unicodedata
from dataclasses import dataclass

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"


class PayloadError(ValueError):
    """A payload that does not parse or whose CRC does not match."""


def crc16_ccitt(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no xor-out."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def tlv(tag: str, value: str) -> str:
    if len(tag) != 2 or not tag.isdigit():
        raise ValueError(f"bad tag {tag!r}")
    if len(value) > 99:
        raise ValueError(f"value for tag {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def parse_tlv(data: str) -> list[tuple[str, str]]:
    """``[(tag, value), ...]`` in order; raises PayloadError on a malformed run."""
    fields = []
    pos = 0
    while pos < len(data):
        if pos + 4 > len(data):
            raise PayloadError(f"truncated field at {pos}")
        tag, length = data[pos : pos + 2], data[pos + 2 : pos + 4]
        if not (tag.isdigit() and length.isdigit()):
            raise PayloadError(f"bad tag or length at {pos}")
        end = pos + 4 + int(length)
        if end > len(data):
            raise PayloadError(f"field {tag} runs past the end")
        fields.append((tag, data[pos + 4 : end]))
        pos = end
    return fields


def clean_reference(text: str) -> str:
    """Banks carry only plain ASCII letters, digits and spaces in a transfer's message:
    Vietnamese letters lose their marks (``Đơn`` → ``Don``)."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c == " ")).strip()[:25]


def build_payload(*, bin_code: str, account: str, amount: int, reference: str) -> str:
    """A dynamic (one-off) VietQR payload for ``amount`` dong to ``account`` at ``bin_code``."""
    if not (bin_code.isdigit() and len(bin_code) == 6):
        raise ValueError("the bank BIN has 6 digits")
    if not account or not account.isalnum():
        raise ValueError("the account number is letters and digits")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ValueError("the amount is a positive whole number of dong")
    reference = clean_reference(reference)
    beneficiary = tlv("00", bin_code) + tlv("01", account)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_TO_ACCOUNT)
    body = (
        tlv("00", "01")
        + tlv("01", "12")
        + tlv("38", merchant)
        + tlv("53", CURRENCY_VND)
        + tlv("54", str(amount))
        + tlv("58", COUNTRY_VN)
        + (tlv("62", tlv("08", reference)) if reference else "")
        + "6304"
    )
    return body + f"{crc16_ccitt(body.encode('utf-8')):04X}"


@dataclass(frozen=True)
class Transfer:
    guid: str
    bin_code: str
    account: str
    service: str
    currency: str
    amount: int | None
    country: str
    reference: str
    dynamic: bool


def parse_payload(payload: str) -> Transfer:
    """Decode a VietQR payload, checking its CRC first."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise PayloadError("no CRC field at the end")
    expected = crc16_ccitt(payload[:-4].encode("utf-8"))
    if f"{expected:04X}" != payload[-4:].upper():
        raise PayloadError("CRC does not match")
    fields = dict(parse_tlv(payload[:-8]))
    merchant = dict(parse_tlv(fields.get("38", "")))
    beneficiary = dict(parse_tlv(merchant.get("01", "")))
    extra = dict(parse_tlv(fields.get("62", "")))
    amount = fields.get("54")
    return Transfer(
        guid=merchant.get("00", ""),
        bin_code=beneficiary.get("00", ""),
        account=beneficiary.get("01", ""),
        service=merchant.get("02", ""),
        currency=fields.get("53", ""),
        amount=int(amount) if amount else None,
        country=fields.get("58", ""),
        reference=extra.get("08", ""),
        dynamic=fields.get("01") == "12",
    )
