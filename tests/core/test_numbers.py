import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from core.numbers import format_number, format_percent, format_quantity


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (3500000, "vi", "3.500.000"),
        (3500000, "en", "3,500,000"),
        (Decimal("3500.000"), "vi", "3.500"),
        ("3500.000", "en", "3,500"),
        (5.8, "vi", "5,8"),
        (Decimal("5.8000"), "en", "5.8"),
        (0.6, "vi", "0,6"),
        (0, "vi", "0"),
        (-1234.5, "vi", "-1.234,5"),
        (Decimal("-0.001"), "en", "0"),
        (Decimal("2.345"), "en", "2.35"),
        (999, "en", "999"),
    ],
)
def test_format_number(value, language, expected):
    assert format_number(value, language) == expected


def test_units_and_percent():
    assert format_quantity(3500000, "cây", "vi") == "3.500.000 cây"
    assert format_quantity(Decimal("0.600"), "kg", "vi") == "0,6 kg"
    assert format_quantity(Decimal("0.600"), "kg", "en") == "0.6 kg"
    assert format_percent(Decimal("5.8000"), "vi") == "5,8 %"
    assert format_percent(Decimal("5.8000"), "en") == "5.8 %"


@pytest.mark.parametrize("bad", ["abc", "nan", "inf", True, None])
def test_not_a_number(bad):
    with pytest.raises((ValueError, TypeError)):
        format_number(bad)


def test_filters_are_builtin_in_every_template():
    template = Template('{{ q|quantity:"kg" }}|{{ n|number }}|{{ p|percent }}|{{ bad|number }}')
    context = Context({"q": Decimal("0.600"), "n": 3500000, "p": Decimal("5.8000"), "bad": "x"})
    with translation.override("vi"):
        assert template.render(context) == "0,6 kg|3.500.000|5,8 %|x"
    with translation.override("en"):
        assert template.render(context) == "0.6 kg|3,500,000|5.8 %|x"


def test_english_dates_are_day_month_year_without_am_pm():
    moment = datetime.datetime(2026, 12, 2, 9, 5)
    with translation.override("en"):
        assert formats.date_format(moment.date(), "SHORT_DATE_FORMAT") == "02/12/2026"
        assert formats.date_format(moment.date(), "DATE_FORMAT") == "2 December 2026"
        text = formats.date_format(moment, "DATETIME_FORMAT")
        assert text == "2 December 2026, 09:05"
        assert "m." not in formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    with translation.override("vi"):
        assert formats.date_format(moment.date(), "SHORT_DATE_FORMAT") == "02/12/2026"
        assert formats.date_format(moment.date(), "DATE_FORMAT") == "2 tháng 12 năm 2026"
