"""Canonical hashing, chain verification and GeoJSON helpers: pure, no database."""

import datetime
from decimal import Decimal

import pytest

from provenance import geo, useragents
from provenance.hashing import (
    GENESIS,
    ChainRecord,
    canonical_json,
    event_hash,
    normalise,
    verify_records,
)


def test_canonical_json_is_order_independent_and_keeps_unicode():
    a = canonical_json({"b": 1, "a": "Sâm", "c": [1, {"y": 2, "x": 1}]})
    b = canonical_json({"c": [1, {"x": 1, "y": 2}], "a": "Sâm", "b": 1})
    assert a == b == '{"a":"Sâm","b":1,"c":[1,{"x":1,"y":2}]}'


def test_normalise_turns_decimals_and_dates_into_text():
    data = normalise({"q": Decimal("12.500"), "d": datetime.date(2025, 1, 2), "n": Decimal("3")})
    assert data == {"q": "12.5", "d": "2025-01-02", "n": "3"}


def test_hash_depends_on_content_and_previous():
    content = {"step": "harvest", "kg": "300"}
    h = event_hash(content, GENESIS)
    assert len(h) == 64
    assert event_hash(dict(content), GENESIS) == h
    assert event_hash({**content, "kg": "301"}, GENESIS) != h
    assert event_hash(content, h) != h


def chain(n=3):
    records, previous = [], GENESIS
    for i in range(1, n + 1):
        content = {"sequence": i}
        digest = event_hash(content, previous)
        records.append(ChainRecord(i, i, content, previous, digest))
        previous = digest
    return records


def test_intact_chain_verifies():
    verdict = verify_records(chain())
    assert verdict.ok and verdict.checked == 3


def test_tampered_content_is_named():
    records = chain()
    records[1] = ChainRecord(
        2, 2, {"sequence": 2, "kg": "999"}, records[1].previous_hash, records[1].hash
    )
    verdict = verify_records(records)
    assert not verdict.ok and verdict.failed_ident == 2 and verdict.reason == "hash"


def test_missing_event_breaks_the_chain():
    records = chain()
    del records[1]
    verdict = verify_records(records)
    assert not verdict.ok and verdict.failed_ident == 3 and verdict.reason == "sequence"


def test_relinked_event_is_named():
    records = chain()
    records[2] = ChainRecord(
        3, 3, records[2].content, GENESIS, event_hash(records[2].content, GENESIS)
    )
    verdict = verify_records(records)
    assert not verdict.ok and verdict.failed_ident == 3 and verdict.reason == "link"


SQUARE = {
    "type": "Polygon",
    "coordinates": [[[103.0, 22.0], [103.1, 22.0], [103.1, 22.1], [103.0, 22.1], [103.0, 22.0]]],
}


def test_polygon_to_svg_path():
    svg = geo.svg_path(SQUARE, width=200, height=200)
    assert svg["d"].startswith("M") and svg["d"].endswith("Z")
    assert svg["centre"] == pytest.approx((22.05, 103.05))


@pytest.mark.parametrize(
    "bad",
    [
        None,
        {"type": "Point", "coordinates": [103, 22]},
        {"type": "Polygon", "coordinates": [[[103, 22], [104, 22], [104, 23]]]},
        {"type": "Polygon", "coordinates": [[[103, 22], [104, 22], [104, 23], [103, 23]]]},
        {"type": "Polygon", "coordinates": [[[303, 22], [104, 22], [104, 23], [303, 22]]]},
        {"type": "Polygon", "coordinates": [[["a", 22], [104, 22], [104, 23], ["a", 22]]]},
    ],
)
def test_invalid_polygons(bad):
    with pytest.raises(geo.InvalidBoundary):
        geo.polygon_rings(bad)


def test_user_agent_families():
    assert useragents.family("Mozilla/5.0 (iPhone) AppleWebKit Zalo iOS") == "Zalo"
    assert useragents.family("Mozilla/5.0 Chrome/120 Safari/537") == "Chrome"
    assert useragents.family("") == ""
