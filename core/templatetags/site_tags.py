from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from core.navigation import tree_version

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """For each language: where this same page lives in it.

    A Wagtail page links to its translation (or to that language's home page when it
    has none yet); any other page keeps its path with the other language prefix.
    """
    request = context.get("request")
    if request is None:
        return []
    current = get_language() or settings.LANGUAGE_CODE
    cached = getattr(request, "_language_links", None)
    if cached is not None and cached[0] == current:
        return cached[1]
    page = context.get("page") or context.get("self")
    if isinstance(page, Page):
        page_urls = translation_urls(page, request)
    # A view may name its own page in each language (e.g. the GS1 resolver, which lives
    # outside the language prefix): {"vi": "/vi/...", "en": "/en/..."}.
    alternates = context.get("alternate_language_urls") or {}
    links = []
    for code, name in settings.LANGUAGES:
        if code in alternates:
            url = alternates[code]
        elif isinstance(page, Page):
            url = page_urls.get(code) or f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
            }
        )
    request._language_links = (current, links)
    return links


def translation_urls(page, request):
    """{language: url} of a page's live translations, cached until the tree changes."""
    key = f"page-translations:{page.pk}:{tree_version()}"
    urls = cache.get(key)
    if urls is None:
        urls = {
            translated.locale.language_code: translated.get_url(request)
            for translated in page.get_translations(inclusive=True).live().select_related("locale")
        }
        cache.set(key, urls, 3600)
    return urls


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.filter(name="sanitize_html")
def sanitize_html(value):
    from django.utils.safestring import mark_safe

    from core.sanitize import clean_html

    return mark_safe(clean_html(str(value or "")))


@register.simple_tag
def policy_links():
    """The contact, shipping, returns and privacy pages in the current language."""
    from django.conf import settings
    from django.utils.translation import get_language

    from core.navigation import policy_links as links

    return links(get_language() or settings.LANGUAGE_CODE)
