import pytest
from django.core.exceptions import ValidationError

from core.phones import parse_phone, validate_phone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0912345678", "+84912345678"),
        ("091 234 5678", "+84912345678"),
        ("091.234.5678", "+84912345678"),
        ("+84 91 234 5678", "+84912345678"),
        ("0084912345678", "+84912345678"),
        ("0213 3876 543", "+842133876543"),  # Lai Châu landline, 11 digits
        ("(0213) 387-654", "+84213387654"),
        ("+33 1 42 68 53 00", "+33142685300"),
        ("+1 (212) 555-0100", "+12125550100"),
    ],
)
def test_accepted_numbers_are_normalised(text, expected):
    assert parse_phone(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "09abc-phone",
        "",
        "   ",
        "12345",
        "091234567",  # one digit short
        "09123456789",  # one digit too many for a mobile
        "0112345678",  # no such prefix
        "+84 1234",
        "+0 123 456 789",
        "+1234567890123456",  # longer than E.164
        "0912345678 ext 5",
        "9" * 200,
        "０９１２３４５６７８",  # full-width digits
        "0９１２３４５６７８",
    ],
)
def test_rejected(text):
    with pytest.raises(ValueError):
        parse_phone(text)
    with pytest.raises(ValidationError):
        validate_phone(text)
