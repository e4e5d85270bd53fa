"""GS1 check digits and Digital Link parsing: pure functions, no database."""

import pytest

from provenance import gs1


@pytest.mark.parametrize("gtin", ["09506000134352", "4006381333931", "96385074", "036000291452"])
def test_valid_gtins(gtin):
    assert gs1.is_valid_gtin(gtin)
    assert len(gs1.normalize_gtin(gtin)) == 14


@pytest.mark.parametrize(
    "gtin", ["09506000134353", "4006381333932", "123", "abcdefghijklm", "", "0950600013435X"]
)
def test_invalid_gtins(gtin):
    assert not gs1.is_valid_gtin(gtin)
    with pytest.raises(gs1.InvalidCode):
        gs1.normalize_gtin(gtin)


def test_check_digit_of_known_body():
    assert gs1.gtin_check_digit("0950600013435") == 2
    assert gs1.with_check_digit("400638133393") == "4006381333931"


def test_build_and_parse_round_trip_with_serial():
    uri = gs1.build_digital_link("https://example.vn/", "9506000134352", "AB/12", "S%01")
    assert uri == "https://example.vn/01/09506000134352/10/AB%2F12/21/S%2501"
    link = gs1.parse_digital_link("/01/09506000134352/10/AB%2F12/21/S%2501")
    assert (link.gtin, link.lot, link.serial) == ("09506000134352", "AB/12", "S%01")


def test_parse_without_serial_and_trailing_slash():
    link = gs1.parse_digital_link("/01/09506000134352/10/L001/")
    assert link.serial is None and link.lot == "L001"


@pytest.mark.parametrize(
    "path",
    [
        "/01/09506000134353/10/L001",  # bad check digit
        "/01/09506000134352/10/" + "L" * 21,  # lot too long
        "/01/09506000134352",  # no lot
        "/02/09506000134352/10/L001",
        "garbage",
        "/01/09506000134352/10/L001/21/",
    ],
)
def test_parse_rejects_bad_paths(path):
    with pytest.raises(gs1.InvalidCode):
        gs1.parse_digital_link(path)


def test_ai_values():
    assert gs1.is_valid_ai_value("25DR001")
    assert not gs1.is_valid_ai_value("lô-sâm")  # not GS1 character set 82
    assert not gs1.is_valid_ai_value("")
