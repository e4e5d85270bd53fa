"""The shop's part of /sitemap.xml: every product in both languages (assembled with the
other apps' parts in config/urls.py)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import translation
from oscar.core.loading import get_model
from wagtail.models import Site


class ProductSitemap(Sitemap):
    """Products in both languages, on the same canonical host as the Wagtail pages."""

    i18n = True
    alternates = True
    x_default = False

    def __init__(self, request=None):
        self.request = request

    def _root_url(self):
        site = Site.find_for_request(self.request) if self.request else None
        site = site or Site.objects.filter(is_default_site=True).first()
        return urlsplit(site.root_url) if site else None

    def get_protocol(self, protocol=None):
        root = self._root_url()
        return root.scheme if root else super().get_protocol(protocol)

    def get_domain(self, site=None):
        root = self._root_url()
        return root.netloc if root else super().get_domain(site)

    def items(self):
        Product = get_model("catalogue", "Product")
        return (
            Product.objects.browsable()
            .order_by("pk")
            .only("pk", "slug", "date_updated", "structure", "parent_id", "is_public")
        )

    def location(self, obj):
        return obj.get_absolute_url()

    def lastmod(self, obj):
        return obj.date_updated

    def _location(self, item, force_lang_code=None):
        # Django activates each language in turn; reversing in it adds the prefix.
        with translation.override(force_lang_code or settings.LANGUAGE_CODE):
            return super()._location(item, force_lang_code)
