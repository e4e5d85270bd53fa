"""What several browser tests check on each page they open: a full-page screenshot,
no horizontal overflow and no link or button cut off at the edge (overflow.js), and no
string of the other language (tests/core/language_check.py)."""

from pathlib import Path

from tests.core.language_check import other_language_strings

OVERFLOW_JS = (Path(__file__).parent / "overflow.js").read_text()


def overflow(page):
    """``None`` when the page fits its viewport, else what sticks out."""
    found = page.evaluate(OVERFLOW_JS)
    if found["scrollWidth"] > found["width"] or found["cut"]:
        return found
    return None


class Check:
    """``check("name")`` after each page: screenshot to ``folder``, then overflow and
    other-language strings collected in ``problems`` (strings ``ignore(text)`` accepts
    are left out)."""

    def __init__(self, page, folder, width, language, names, ignore=lambda text: False):
        self.page, self.folder, self.width, self.language = page, Path(folder), width, language
        self.names = names
        self.ignore = ignore
        self.problems = []
        self.count = 0

    def __call__(self, name):
        self.page.wait_for_load_state()
        self.count += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(
            path=self.folder / f"{self.language}-{self.width}-{self.count:02d}-{name}.png",
            full_page=True,
        )
        found = overflow(self.page)
        if found:
            self.problems.append((self.language, self.width, name, self.page.url, found))
        strings = [
            text
            for text in other_language_strings(self.page.content(), self.language, self.names)
            if not self.ignore(text)
        ]
        if strings:
            self.problems.append((self.language, self.width, name, self.page.url, strings))
