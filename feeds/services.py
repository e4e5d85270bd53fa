"""Product feeds for ad platforms and marketplaces, built from the offers the product
pages show (``shop.catalogue.offers``): the same price, availability and GTIN.

Reading a feed writes nothing to the database: a built feed is kept in the cache under
a version that any save of a product, stock record, lot, image, category link, exchange
rate or profile moves on (cache writes only), and for ``FEEDS_CACHE_SECONDS`` at most,
so a lot past its best-before date leaves the feed within that time.
"""

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from core import csv_export
from core.fx import estimate, rounded
from shop.catalogue.offers import (
    BRAND,
    offer_queryset,
    offers_for,
    plain_text,
    weight_g,
)

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Selector = get_class("partner.strategy", "Selector")

PLATFORMS = ("google", "meta")
#: A pseudo-category: products marked as health supplements (shop.catalogue.offers).
HEALTH_SUPPLEMENTS = "health-supplements"
VERSION_KEY = "feeds:version"
GOOGLE_NS = "http://base.google.com/ns/1.0"
ET.register_namespace("g", GOOGLE_NS)

TITLE_MAX = 150  # Google: 150 characters
DESCRIPTION_MAX = 5000  # Google: 5,000 characters


class UnknownCurrency(Exception):
    """No exchange rate is kept for this currency."""


# --------------------------------------------------------------------------- cache


def feed_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = int(timezone.now().timestamp())
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def forget_feeds(**kwargs):
    """Any feed built before is stale (a signal receiver; a cache write only)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(timezone.now().timestamp()), None)


#: What a feed item reads; saving or deleting any of them makes the feeds stale.
WATCHED_MODELS = (
    ("catalogue", "Product"),
    ("catalogue", "ProductImage"),
    ("catalogue", "ProductCategory"),
    ("catalogue", "Category"),
    ("catalogue", "ProductAttributeValue"),
    ("catalogue", "ProductClass"),
    ("partner", "StockRecord"),
    ("partner", "Partner"),
    ("provenance", "Lot"),
    ("provenance", "Cooperative"),
    ("payments", "ExchangeRate"),
    ("cooperatives", "Profile"),
    ("address", "Country"),
)


def connect_cache_invalidation():
    for app_label, model_name in WATCHED_MODELS:
        model = get_model(app_label, model_name)
        for signal in (post_save, post_delete):
            signal.connect(
                forget_feeds, sender=model, dispatch_uid=f"feeds-{app_label}.{model_name}"
            )


def cached(key_parts, build):
    """``build()`` kept in the cache under the feeds' current version."""
    key = ":".join(["feeds", str(feed_version()), *map(str, key_parts)])
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.FEEDS_CACHE_SECONDS)
    return value


# --------------------------------------------------------------------------- items


@dataclass
class Shipping:
    country: str
    service: str
    price: Decimal


@dataclass
class FeedItem:
    id: str
    title: str
    description: str
    link: str
    image_link: str
    availability: str  # in_stock / out_of_stock
    price: Decimal
    currency: str
    brand: str
    gtin: str
    condition: str
    product_type: str
    weight_g: int
    num_in_stock: int
    health_supplement: bool
    shipping: list = field(default_factory=list)
    images: list = field(default_factory=list)  # every image, the primary first


@dataclass
class Rate:
    currency: str
    vnd_per_unit: Decimal
    updated_at: object


def rate_for(currency):
    """None for VND (the shop's own prices); the staff-kept rate otherwise."""
    currency = (currency or "VND").upper()
    if currency == "VND":
        return None
    from payments.models import ExchangeRate

    found = ExchangeRate.objects.filter(currency=currency).first()
    if found is None:
        raise UnknownCurrency(currency)
    return Rate(currency, found.vnd_per_unit, found.updated_at)


def in_currency(amount_vnd, rate):
    """VND as it is; another currency as the site's estimate (core.fx, as checkout)."""
    if rate is None:
        return Decimal(int(amount_vnd))
    return rounded(estimate(amount_vnd, rate.vnd_per_unit), rate.currency)


def excluded_paths(slugs):
    """Tree paths of the categories named (their subcategories share the prefix)."""
    slugs = [slug for slug in slugs if slug and slug != HEALTH_SUPPLEMENTS]
    if not slugs:
        return []
    return list(Category.objects.filter(slug__in=slugs).values_list("path", flat=True))


def feed_products(exclude=()):
    """Public products a shopper can open, with what an offer reads prefetched."""
    queryset = Product.objects.browsable().filter(structure=Product.STANDALONE).order_by("pk")
    queryset = offer_queryset(queryset)
    if exclude:
        queryset = queryset.prefetch_related("categories")
    return queryset


def _image_urls(product):
    images = sorted(product.images.all(), key=lambda image: (image.display_order, image.pk))
    return [image.original.url for image in images if image.original]


def _is_excluded(product, offer, paths, exclude):
    if HEALTH_SUPPLEMENTS in exclude and offer.health_supplement:
        return True
    if paths:
        for category in product.categories.all():
            if any(category.path.startswith(path) for path in paths):
                return True
    return False


def build_items(absolute, currency="VND", exclude=(), only=None):
    """Feed items of every product that can be sold, in the active language.

    ``absolute`` turns a path into an absolute URL (``request.build_absolute_uri``);
    ``exclude``: category slugs (and ``health-supplements``) to leave out; ``only``: a
    queryset of the products to consider (a cooperative's own)."""
    from shop.shipping.methods import DomesticByWeight, InternationalByWeight

    rate = rate_for(currency)
    exclude = set(exclude)
    paths = excluded_paths(exclude)
    queryset = feed_products(exclude=bool(exclude))
    if only is not None:
        queryset = queryset.filter(pk__in=only.values("pk"))
    products = list(queryset)
    services = {
        "domestic": str(DomesticByWeight.name),
        "international": str(InternationalByWeight.name),
    }
    items = []
    for product, offer in zip(products, offers_for(products), strict=True):
        if not offer.for_sale or _is_excluded(product, offer, paths, exclude):
            continue
        images = [absolute(url) for url in _image_urls(product)]
        description = plain_text(product.description) or product.get_title()
        record = offer.stockrecord
        items.append(
            FeedItem(
                id=product.upc or str(product.pk),
                title=product.get_title()[:TITLE_MAX],
                description=description[:DESCRIPTION_MAX],
                link=absolute(product.get_absolute_url()),
                image_link=images[0] if images else "",
                availability=offer.availability,
                price=in_currency(offer.price, rate),
                currency=rate.currency if rate else "VND",
                brand=BRAND,
                gtin=offer.gtin,
                condition="new",
                product_type=str(product.product_class.name) if product.product_class else "",
                weight_g=weight_g(product),
                num_in_stock=record.net_stock_level if record is not None else 0,
                health_supplement=offer.health_supplement,
                shipping=[
                    Shipping(rate_.country, services[rate_.service], in_currency(rate_.price, rate))
                    for rate_ in offer.shipping
                ],
                images=images,
            )
        )
    return items, rate


def excluded_for(platform, extra=""):
    """The platform's refused categories (settings) and those asked for (``?exclude=``)."""
    configured = settings.FEEDS_EXCLUDED_CATEGORIES.get(platform, [])
    asked = [slug.strip() for slug in (extra or "").split(",") if slug.strip()]
    return sorted(set(configured) | set(asked))


# --------------------------------------------------------------------------- formats


def money(amount, currency):
    return f"{amount} {currency}"


def _rate_note(rate):
    if rate is None:
        return _("Prices in Vietnamese dong, as shown on the product pages.")
    return _(
        "Prices are estimates in %(currency)s at 1 %(currency)s = %(rate)s VND "
        "(rate of %(date)s); buyers are charged in VND."
    ) % {
        "currency": rate.currency,
        "rate": rate.vnd_per_unit.normalize(),
        "date": timezone.localtime(rate.updated_at).date().isoformat(),
    }


def render_google(items, rate, link):
    """Google Merchant Center product data in RSS 2.0 with the ``g:`` namespace."""

    def g(parent, name, text):
        element = ET.SubElement(parent, f"{{{GOOGLE_NS}}}{name}")
        element.text = text
        return element

    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = f"{BRAND} ({get_language()})"
    ET.SubElement(channel, "link").text = link
    ET.SubElement(channel, "description").text = _rate_note(rate)
    for item in items:
        node = ET.SubElement(channel, "item")
        g(node, "id", item.id)
        ET.SubElement(node, "title").text = item.title
        ET.SubElement(node, "description").text = item.description
        ET.SubElement(node, "link").text = item.link
        if item.image_link:
            g(node, "image_link", item.image_link)
        g(node, "availability", item.availability)
        g(node, "price", money(item.price, item.currency))
        g(node, "brand", item.brand)
        if item.gtin:
            g(node, "gtin", item.gtin)
        else:
            g(node, "identifier_exists", "no")
        g(node, "condition", item.condition)
        if item.product_type:
            g(node, "product_type", item.product_type)
        g(node, "shipping_weight", f"{item.weight_g + settings.SHOP_PACKAGING_G} g")
        for shipping in item.shipping:
            element = ET.SubElement(node, f"{{{GOOGLE_NS}}}shipping")
            g(element, "country", shipping.country)
            g(element, "service", shipping.service)
            g(element, "price", money(shipping.price, item.currency))
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


META_COLUMNS = [
    "id",
    "title",
    "description",
    "availability",
    "condition",
    "price",
    "link",
    "image_link",
    "brand",
    "gtin",
    "product_type",
]


def render_meta(items):
    """A Meta (Facebook/Instagram) catalogue data feed in CSV; shipping per country in
    Meta's flattened columns (``shipping[0].country``, ``…service``, ``…price``)."""
    most = max((len(item.shipping) for item in items), default=0)
    header = list(META_COLUMNS)
    for index in range(most):
        header += [f"shipping[{index}].{part}" for part in ("country", "service", "price")]
    buffer = io.StringIO()
    writer = csv_export.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for item in items:
        row = [
            item.id,
            item.title,
            item.description,
            item.availability.replace("_", " "),
            item.condition,
            money(item.price, item.currency),
            item.link,
            item.image_link,
            item.brand,
            item.gtin,
            item.product_type,
        ]
        for index in range(most):
            if index < len(item.shipping):
                shipping = item.shipping[index]
                row += [shipping.country, shipping.service, money(shipping.price, item.currency)]
            else:
                row += ["", "", ""]
        writer.writerow(row)
    return buffer.getvalue()


#: Shopee Vietnam Seller Centre, "Đăng hàng loạt" → "Mẫu cơ bản" (the basic mass-upload
#: template, as we know its 2024–2025 version): its column headings, in its order, for
#: products without variations. Shopee's category id ("Ngành hàng") is Shopee's own
#: number, chosen by the seller in the template: left empty here.
SHOPEE_COLUMNS = [
    "Ngành hàng",
    "Tên sản phẩm",
    "Mô tả sản phẩm",
    "SKU sản phẩm",
    "Giá",
    "Kho hàng",
    "Cân nặng",
    "Chiều dài",
    "Chiều rộng",
    "Chiều cao",
    "Ảnh bìa",
    *[f"Hình ảnh sản phẩm {n}" for n in range(1, 9)],
    "Ngày chuẩn bị hàng cho đặt trước",
]
SHOPEE_TITLE_MAX = 120
SHOPEE_DESCRIPTION_MAX = 3000


def shopee_rows(items):
    """Rows under SHOPEE_COLUMNS: name, plain description, SKU, price in VND, stock,
    shipping weight in grams, cover and up to eight more images."""
    rows = []
    for item in items:
        images = item.images
        row = [
            "",
            item.title[:SHOPEE_TITLE_MAX],
            item.description[:SHOPEE_DESCRIPTION_MAX],
            item.id,
            int(item.price),
            max(item.num_in_stock, 0),
            item.weight_g + settings.SHOP_PACKAGING_G,
            "",
            "",
            "",
            images[0] if images else "",
            *[(images[n] if n < len(images) else "") for n in range(1, 9)],
            "",
        ]
        rows.append(row)
    return rows


def marketplace_csv(own_products, absolute):
    """The Shopee basic-template rows of ``own_products`` that can be sold (VND; call it
    with Vietnamese active)."""
    items, _rate = build_items(absolute, "VND", only=own_products)
    buffer = io.StringIO()
    writer = csv_export.writer(buffer, lineterminator="\n")
    writer.writerow(SHOPEE_COLUMNS)
    writer.writerows(shopee_rows(items))
    return buffer.getvalue()
