from django import template
from django.utils import timezone
from django.utils.html import strip_tags

from core.jsonld import json_ld_script

register = template.Library()


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


@register.simple_tag(takes_context=True)
def event_jsonld(context, page, image_url=""):
    """schema.org Event data for an event page, as a JSON-LD script element."""
    request = context["request"]
    address = {
        "@type": "PostalAddress",
        "streetAddress": page.address,
        "addressLocality": page.commune,
        "addressRegion": page.city,
        "addressCountry": page.country,
    }
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": strip_tags(page.introduction or page.search_description or "")[:500],
        "startDate": _iso(page.start),
        "endDate": _iso(page.end),
        "eventStatus": page.schema_status,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": page.locale.language_code,
        "url": request.build_absolute_uri(page.url),
        "location": {
            "@type": "Place",
            "name": page.venue,
            "address": {key: value for key, value in address.items() if value},
        },
        "organizer": {"@type": "Organization", "name": "Sâm Lai Châu"},
    }
    if page.status == page.Status.RESCHEDULED and page.previous_start:
        data["previousStartDate"] = _iso(page.previous_start)
    if image_url:
        data["image"] = request.build_absolute_uri(image_url)
    if page.link:
        data["sameAs"] = page.link
    return json_ld_script(data)


@register.inclusion_tag("events/includes/attended_training.html", takes_context=True)
def attended_training(context, cooperative):
    """The training a cooperative's members attended (for its public profile)."""
    from events.services import attended_training as sessions

    return {"sessions": list(sessions(cooperative)[:20]), "request": context.get("request")}
