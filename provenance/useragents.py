"""A user agent's family, coarse on purpose (no Django, nothing stored per person)."""

_FAMILIES = (
    ("Zalo", "Zalo"),
    ("FBAN", "Facebook"),
    ("FBAV", "Facebook"),
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("CocCoc", "Cốc Cốc"),
    ("coc_coc", "Cốc Cốc"),
    ("Firefox/", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("curl/", "curl"),
    ("python", "script"),
    ("bot", "bot"),
)


def family(user_agent: str) -> str:
    text = user_agent or ""
    for needle, name in _FAMILIES:
        if needle.lower() in text.lower():
            return name
    return "other" if text else ""
