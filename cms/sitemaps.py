"""The CMS's part of /sitemap.xml: every live Wagtail page of every locale (assembled
with the other apps' parts in config/urls.py)."""

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page


class PageSitemap(WagtailSitemap):
    def items(self):
        return (
            Page.objects.live()
            .public()
            .filter(depth__gte=2)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
