"""Farm visits shown on other apps' pages (the trace page of a lot)."""

from django import template
from django.core.cache import cache
from django.utils.translation import get_language

from cms.models import public_pages
from tourism.models import ExperiencePage

register = template.Library()

AREAS_KEY = "tourism:visited-areas"


def visited_areas():
    """{growing-area id: [translation keys of the visits going there]}, cached (cleared
    when a visit is published): a trace page pays no query for an area nobody visits."""

    def build():
        found = {}
        rows = ExperiencePage.objects.filter(growing_areas__isnull=False).values_list(
            "growing_areas", "translation_key"
        )
        for area_id, key in rows:
            found.setdefault(area_id, set()).add(str(key))
        return {area: sorted(keys) for area, keys in found.items()}

    return cache.get_or_set(AREAS_KEY, build, 300)


def forget_visited_areas(**kwargs):
    cache.delete(AREAS_KEY)


@register.inclusion_tag("tourism/partials/visits_for_area.html")
def visits_for_area(area):
    """Live farm visits to ``area``, in the page's language where translated."""
    keys = visited_areas().get(area.pk)
    visits = []
    if keys:
        visits = list(
            public_pages(
                ExperiencePage.objects.live().filter(
                    translation_key__in=keys, locale__language_code=get_language()
                )
            ).order_by("path")[:3]
        )
    return {"visits": visits, "area": area}
