"""Django's Site (domain, name) follows SITE_URL: synced after every ``migrate``, so
anything that still reads ``Site`` (Oscar's e-mails, the admin's "view on site")
never says example.com."""

from urllib.parse import urlsplit

from django.conf import settings


def site_domain():
    return urlsplit(settings.SITE_URL).netloc or "localhost"


def sync_site(using="default", **kwargs):
    from django.contrib.sites.models import Site

    domain, name = site_domain(), settings.OSCAR_SHOP_NAME
    site, _ = Site.objects.using(using).get_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": name}
    )
    if (site.domain, site.name) != (domain, name):
        site.domain, site.name = domain, name
        site.save(using=using)
    Site.objects.clear_cache()
    return site


def sync_site_after_migrate(sender, using="default", **kwargs):
    sync_site(using=using)
