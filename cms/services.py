"""Page-tree operations used by the demo loader and by tests."""

from wagtail.models import Locale, Page


def add_child_page(parent, page):
    """Add ``page`` under ``parent`` (same locale) and publish it; or return the live page
    with the same slug that is already there."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    page.locale = parent.locale if parent.depth > 1 else Locale.get_default()
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_translation(page, language_code, **fields):
    """Create and publish ``page`` in another language with the given fields, once.

    Uses Wagtail's own copy-for-translation, so the two pages share a translation key
    and the language switcher and wagtail-localize see them as one page.
    """
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated.specific


def live_page(page_class, **filters):
    return page_class.objects.live().filter(**filters).first()


def home_for(language_code):
    return Page.objects.filter(depth=2, locale__language_code=language_code).live().first()
