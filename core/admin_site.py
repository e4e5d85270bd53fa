"""The Django admin under the site's name, with every app and model in the staff's
language.

Django called itself "Trang quản trị cho Django", and apps without a Vietnamese
catalogue (flat pages, task results, Wagtail images, Axes, taggit) or with Oscar's odd
plural forms ("Danh sách mong muốns") were listed as they came. ``AdminConfig`` (in
INSTALLED_APPS instead of ``django.contrib.admin``) makes ``AdminSite`` the default site,
so every ``admin.site.register`` lands on it. App names are set on their AppConfig (used
by the admin's breadcrumbs, titles and lists alike); model names in the app list come
from ``MODEL_NAMES`` (a model's own verbose name would need a migration in an app that
is not ours).
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

APP_NAMES = {
    "axes": _("Sign-in attempts"),
    "communication": _("Messages to customers"),
    "flatpages": _("Flat pages"),
    "wishlists": _("Wish lists"),
    "shipping": _("Shipping charges"),
    "taggit": _("Tags"),
    "django_tasks_database": _("Background tasks"),
    "wagtailimages": _("Images (Wagtail)"),
    "wagtaildocs": _("Documents (Wagtail)"),
    "reviews": _("Product reviews"),
    "partner": _("Sellers and stock"),
    "analytics": _("Shop statistics"),
}

MODEL_NAMES = {
    "axes.accessattempt": _("Failed sign-in attempts"),
    "axes.accesslog": _("Sign-in log"),
    "axes.accessfailurelog": _("Failed sign-ins"),
    "communication.email": _("E-mails sent"),
    "communication.notification": _("Notifications"),
    "communication.communicationeventtype": _("E-mail templates"),
    "flatpages.flatpage": _("Flat pages"),
    "basket.line": _("Basket lines"),
    "basket.lineattribute": _("Basket line options"),
    "catalogue.attributeoptiongroup": _("Attribute option groups"),
    "catalogue.productcategory": _("Products in categories"),
    "wishlists.wishlist": _("Wish lists"),
    "wishlists.line": _("Wish list lines"),
    "wishlists.wishlistsharedemail": _("Wish list shares by e-mail"),
    "voucher.voucherapplication": _("Voucher uses"),
    "shipping.orderanditemcharges": _("Charges per order and item"),
    "shipping.weightbased": _("Charges by weight"),
    "taggit.tag": _("Tags"),
    "django_tasks_database.dbtaskresult": _("Task results"),
    "analytics.productrecord": _("Product statistics"),
    "analytics.userrecord": _("Customer statistics"),
    "analytics.usersearch": _("Searches"),
    "analytics.userproductview": _("Product views"),
    "wagtaildocs.document": _("Documents"),
    "wagtailimages.image": _("Images"),
    "reviews.productreview": _("Product reviews"),
    "reviews.vote": _("Review votes"),
    "order.shippingaddress": _("Delivery addresses"),
    "order.orderdiscount": _("Order discounts"),
    "order.communicationevent": _("Messages about orders"),
    "partner.partner": _("Sellers"),
    "offer.conditionaloffer": _("Offers"),
    "offer.range": _("Product ranges"),
    "payment.source": _("Payment sources"),
    "payment.sourcetype": _("Payment source types"),
    "payment.bankcard": _("Bank cards"),
    "customer.productalert": _("Back-in-stock alerts"),
}


class AdminSite(admin.AdminSite):
    site_header = _("Sâm Lai Châu: administration")
    site_title = _("Sâm Lai Châu: administration")
    index_title = _("Records and settings")

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for model in app["models"]:
                name = MODEL_NAMES.get(f"{app['app_label']}.{model['object_name'].lower()}")
                if name is not None:
                    model["name"] = capfirst(name)
        return app_list


class AdminConfig(DjangoAdminConfig):
    default_site = "core.admin_site.AdminSite"

    def ready(self):
        for label, name in APP_NAMES.items():
            try:
                apps.get_app_config(label).verbose_name = name
            except LookupError:
                continue
        super().ready()
