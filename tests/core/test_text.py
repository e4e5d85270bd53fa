import pytest

from core.text import fold_diacritics, slugify_vi
from shop.search.analysis import folding_analyzer


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sâm Lai Châu", "Sam Lai Chau"),
        ("Đà Lạt, đường", "Da Lat, duong"),
        ("Sì Lở Lầu", "Si Lo Lau"),
        ("Mồ Sì San", "Mo Si San"),
        ("Vàng Ma Chải", "Vang Ma Chai"),
        ("Lản Nhì Thàng", "Lan Nhi Thang"),
        ("ginseng", "ginseng"),
    ],
)
def test_fold_diacritics(text, folded):
    assert fold_diacritics(text) == folded


def test_slugify_vi():
    assert slugify_vi("Củ sâm Lai Châu tươi 100 g") == "cu-sam-lai-chau-tuoi-100-g"
    assert slugify_vi("  Đặc biệt!! ") == "dac-biet"


def test_search_analyzer_makes_the_same_terms_with_and_without_diacritics():
    analyzer = folding_analyzer()
    with_marks = [token.text for token in analyzer("Sâm Lai Châu")]
    without = [token.text for token in analyzer("sam lai chau")]
    assert with_marks == without == ["sam", "lai", "chau"]
