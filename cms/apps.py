from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        # Tags are words in the page's own language: "Sync translated pages" must not
        # copy the Vietnamese tags onto the English story (wagtail-localize synchronises
        # every field it does not translate, tags included).
        from wagtail_localize.fields import get_translatable_fields

        from cms.models import StoryPage

        StoryPage.translatable_fields = [
            field
            for field in get_translatable_fields(StoryPage)
            if field.field_name not in {"tags", "tagged_items"}
        ]
