import pytest

from core.money import format_vnd, to_dong


@pytest.mark.parametrize(
    ("amount", "language", "expected"),
    [
        (1234567, "vi", "1.234.567 ₫"),
        (1234567, "en", "₫1,234,567"),
        (0, "vi", "0 ₫"),
        (0, "en", "₫0"),
        (999, "vi", "999 ₫"),
        (1000, "vi", "1.000 ₫"),
        (1000, "en", "₫1,000"),
        (95_000_000, "vi", "95.000.000 ₫"),
        ("1234567.00", "vi", "1.234.567 ₫"),
        (-50000, "vi", "-50.000 ₫"),
        (-50000, "en", "-₫50,000"),
    ],
)
def test_format_vnd(amount, language, expected):
    assert format_vnd(amount, language) == expected


def test_half_dong_rounds_up():
    assert to_dong("1234566.5") == 1234567


@pytest.mark.parametrize("bad", ["abc", "NaN", "Infinity", True])
def test_not_an_amount(bad):
    with pytest.raises((ValueError, TypeError)):
        to_dong(bad)
