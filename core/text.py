"""Text helpers that need no Django: Vietnamese diacritic folding and slugs."""

import re
import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "D"})


def fold_diacritics(text: str) -> str:
    """``"Sâm Lai Châu, Đà Lạt"`` -> ``"Sam Lai Chau, Da Lat"``.

    Unicode decomposition strips the tone and vowel marks; ``đ`` has no
    decomposition and is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    )


def slugify_vi(text: str) -> str:
    """An ASCII slug that keeps Vietnamese words readable: ``sam-lai-chau``."""
    folded = fold_diacritics(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
