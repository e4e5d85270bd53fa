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
    link_localized_translation(page, translated)
    return Page.objects.get(pk=translated.pk).specific


def _position_keys(values):
    """Keys for a page's translatable strings that are the same in two languages when
    the pages have the same shape: block ids become positions, and strings that share a
    field (the sentences of a paragraph) are numbered."""
    import re

    uuid = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    positions, counts, keys = {}, {}, []
    for value in values:
        parts, prefix = [], ""
        for part in value.path.split("."):
            if uuid.match(part):
                part = str(
                    positions.setdefault(
                        (prefix, part), sum(1 for k in positions if k[0] == prefix)
                    )
                )
            parts.append(part)
            prefix = ".".join(parts)
        path = ".".join(parts)
        counts[path] = counts.get(path, -1) + 1
        keys.append((path, counts[path]))
    return keys


def link_localized_translation(source_page, translated_page):
    """Make ``translated_page`` a wagtail-localize translation of ``source_page``.

    wagtail-localize keeps the source's strings (a TranslationSource) and each string's
    translation (StringTranslation) and writes the translated page from them. Here the
    translations are read from ``translated_page``'s own content, string by string in
    the same position, so "Sync translated pages" in /cms-admin/ rebuilds the same page
    and later edits of the source show up as strings to translate. Idempotent.
    """
    from wagtail_localize.models import (
        String,
        StringTranslation,
        TranslationContext,
        TranslationSource,
    )
    from wagtail_localize.models import Translation as LocalizeTranslation
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    source_page, translated_page = source_page.specific, translated_page.specific
    source, _ = TranslationSource.get_or_create_from_instance(source_page)
    locale = translated_page.locale

    def strings(page):
        return [v for v in extract_segments(page) if isinstance(v, StringSegmentValue)]

    source_values = strings(source_page)
    target_values = strings(translated_page)
    target = dict(zip(_position_keys(target_values), target_values, strict=True))
    for key, value in zip(_position_keys(source_values), source_values, strict=True):
        match = target.get(key)
        if match is None:
            continue
        string = String.from_value(source.locale, value.string)
        context, _ = TranslationContext.objects.get_or_create(
            object_id=source.object_id, path=value.path
        )
        StringTranslation.objects.update_or_create(
            translation_of=string,
            locale=locale,
            context=context,
            defaults={
                "data": match.string.data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    translation, _ = LocalizeTranslation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    # Write the translated page the way "Sync translated pages" will. wagtail-localize
    # publishes in transaction.on_commit, from the page object it holds: inside a longer
    # transaction (load_demo) that object's tree counters are stale by then (children
    # added meanwhile), and publishing it would hide the children. Save the draft, then
    # publish it now from the database's row.
    translation.save_target(publish=False)
    fresh = Page.objects.get(pk=translated_page.pk).specific
    fresh.get_latest_revision().publish()
    return translation


def live_page(page_class, **filters):
    return page_class.objects.live().filter(**filters).first()


def home_for(language_code):
    return Page.objects.filter(depth=2, locale__language_code=language_code).live().first()
