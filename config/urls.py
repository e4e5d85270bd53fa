from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from cms.sitemaps import PageSitemap
from core import account_views
from core import views as core_views
from shop.catalogue.sitemaps import ProductSitemap
from shop.order import views as order_views

# /sitemap.xml: each app contributes its own part.
sitemaps = {"pages": PageSitemap, "products": ProductSitemap}

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("payments/", include("payments.urls")),
    path("api/v1/", include("feeds.api_urls")),
    # GS1 Digital Link resolver (/01/{gtin}/10/{lot}[/21/{serial}]), in the visitor's language.
    path("", include("provenance.resolver_urls")),
]

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("shop/", RedirectView.as_view(pattern_name="catalogue:index"), name="shop-root"),
    # Before Oscar's: registration that answers alike for known and unknown addresses.
    path("shop/accounts/login/", account_views.SignInView.as_view()),
    path("shop/accounts/register/", account_views.RegistrationView.as_view()),
    path(
        "shop/accounts/register/sent/",
        account_views.registration_sent,
        name="account-registration-sent",
    ),
    path(
        "shop/accounts/activate/<str:uidb64>/<str:token>/",
        account_views.activate,
        name="account-activate",
    ),
    # Before Oscar's: one page per order (issue 15). The account's order page and
    # Oscar's old guest links open the order's page.
    path("shop/accounts/orders/<str:order_number>/", order_views.account_order),
    re_path(
        r"^shop/accounts/order-status(?:-form)?/(?P<order_number>[\w-]*)/(?P<hash>[A-z0-9-_=:]+)/$",
        order_views.guest_order,
    ),
    # Before Oscar's: the plan report lives under the dashboard's path (staff only).
    path("shop/dashboard/plan-progress/", include("plan.staff_urls")),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("trace/", include("provenance.urls")),
    path("cooperatives/", include("cooperatives.urls")),
    path("visits/", include("tourism.urls")),
    path("trade/", include("trade.urls")),
    path("training/", include("events.urls")),
    path("feeds/", include("feeds.urls")),
    path("site-map/", cms_views.site_map, name="site-map"),
    path("", include("plan.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Not django.conf.urls.static.static(): it serves nothing with DEBUG off, and the
    # embedded default (SERVE_MEDIA) serves its local media with DEBUG off too.
    import re

    from django.views.static import serve

    urlpatterns = [
        re_path(
            r"^" + re.escape(settings.MEDIA_URL.lstrip("/")) + r"(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
        *urlpatterns,
    ]

# Error pages in the site layout and the visitor's language (core.errors).
handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
