"""Replaces Oscar's ``url_tags`` library (TEMPLATES "libraries"): every absolute link in
Oscar's e-mails comes from SITE_URL (scheme, host and port), not from a Site domain
and the OSCAR_URL_SCHEMA default "http"."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def absolute_url(domain, path):
    return settings.SITE_URL.rstrip("/") + path
