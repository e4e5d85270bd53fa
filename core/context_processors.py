from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from core.navigation import main_menu


def site_chrome(request):
    language = get_language() or settings.LANGUAGE_CODE
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "DEMO_NOTICE": settings.DEMO_NOTICE,
        "main_menu": SimpleLazyObject(lambda: main_menu(language)),
    }
