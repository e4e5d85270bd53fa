"""What a product page offers, worked out in one place.

The product page's schema.org data (``catalogue_extras.product_jsonld``), its
health-supplement notice, the ad feeds and the JSON API (``feeds/``) all read a product
through :func:`offer_for`, so a feed cannot say another price, availability or GTIN
than the page. Price and availability come from the shop's strategy (the one
``{% purchase_info_for_product %}`` uses), the GTIN from the packed lot on sale for the
chosen stock record (``provenance.services.current_lot``), the seller from that stock
record's partner, and where it ships from ``shop.catalogue.destinations``.

Given products fetched with :func:`offer_queryset` (or the product page's own
queryset), nothing here runs a query per product: stock records, their lots and
partners, attribute values and ship-to countries come prefetched; the countries served
and the sellers' public profiles are read once per call of :func:`offers_for`.
"""

import html
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.html import strip_tags
from oscar.core.loading import get_class, get_model

from provenance.services import current_lot
from shop.catalogue.destinations import VIETNAM, allowed_countries
from shop.shipping.weights import charge_for_weight

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")
Selector = get_class("partner.strategy", "Selector")

WEIGHT_ATTRIBUTE = "net_weight_g"  # as shop.shipping.methods
DEFAULT_ITEM_WEIGHT_G = 300  # as shop.shipping.methods
#: A product attribute (boolean) marking a product sold as a health supplement
#: ("thực phẩm bảo vệ sức khỏe"): its page carries the notice of Decree 15/2018/NĐ-CP,
#: art. 27, and feeds may leave it out (``feeds`` options).
HEALTH_SUPPLEMENT_ATTRIBUTE = "health_supplement"
#: Brand on the page's schema.org data and in every feed.
BRAND = "Sâm Lai Châu"
#: Transit days, as the shipping methods describe them (shop.shipping.methods).
TRANSIT_DAYS = {"domestic": (2, 5), "international": (7, 14)}


def plain_text(markup):
    """Description HTML as plain text: no tags, entities decoded, one space between words."""
    text = html.unescape(strip_tags(re.sub(r"<(br|/p|/li|/h\d)[^>]*>", " ", markup or "")))
    return " ".join(text.split())


@dataclass
class ShippingRate:
    country: str  # ISO 3166-1 alpha-2
    price: int  # VND, for one unit
    service: str  # "domestic" or "international"
    handling_days: tuple
    transit_days: tuple


@dataclass
class Offer:
    product: object
    price: int | None  # VND, as the page shows it (VAT included)
    currency: str
    available: bool  # "in stock" on the page
    for_sale: bool  # a price, and not withheld by the provenance rule
    availability_message: str
    stockrecord: object = None
    lot: object = None
    gtin: str = ""
    seller_name: str = ""
    seller_url: str = ""  # the cooperative's public profile, relative
    shipping: list = field(default_factory=list)
    health_supplement: bool = False

    @property
    def availability(self):
        """Google's and schema.org's word for it."""
        return "in_stock" if self.available else "out_of_stock"


def offer_queryset(queryset=None):
    """Products with everything :func:`offer_for` reads, prefetched."""
    queryset = queryset if queryset is not None else Product.objects.all()
    return (
        queryset.prefetch_attribute_values()
        .select_related("product_class")
        .prefetch_related(
            Prefetch(
                "stockrecords",
                queryset=StockRecord.objects.select_related("partner__cooperative"),
            ),
            "stockrecords__provenance_lots",
            "images",
            "ship_to_countries",
            "product_class__ship_to_countries",
        )
    )


def _attribute(product, code):
    for value in product.get_attribute_values():
        if value.attribute.code == code:
            return value.value
    return None


def is_health_supplement(product):
    return bool(_attribute(product, HEALTH_SUPPLEMENT_ATTRIBUTE))


def weight_g(product):
    return int(_attribute(product, WEIGHT_ATTRIBUTE) or DEFAULT_ITEM_WEIGHT_G)


def shipping_countries():
    """The countries the shop ships to and advertises (``FEEDS_SHIPPING_COUNTRIES``),
    as ISO codes: one query."""
    wanted = [code.upper() for code in settings.FEEDS_SHIPPING_COUNTRIES]
    found = set(
        Country.objects.filter(is_shipping_country=True, pk__in=wanted).values_list("pk", flat=True)
    )
    return [code for code in wanted if code in found]


def shipping_rates(product, price, countries):
    """One unit of ``product`` to each country it may go to: by weight plus packaging,
    as checkout charges it (shop.shipping.methods); free at home from the threshold."""
    allowed = allowed_countries(product)
    grams = weight_g(product) + settings.SHOP_PACKAGING_G
    handling = tuple(settings.FEEDS_HANDLING_DAYS)
    rates = []
    for country in countries:
        if allowed is not None and country not in allowed:
            continue
        if country == VIETNAM:
            free = price is not None and price >= settings.SHOP_FREE_SHIPPING_FROM_VND
            amount = (
                0
                if free
                else charge_for_weight(
                    grams,
                    base=settings.SHOP_DOMESTIC_BASE_VND,
                    per_step=settings.SHOP_DOMESTIC_PER_500G_VND,
                )
            )
            service = "domestic"
        else:
            amount = charge_for_weight(
                grams,
                base=settings.SHOP_INTERNATIONAL_BASE_VND,
                per_step=settings.SHOP_INTERNATIONAL_PER_500G_VND,
            )
            service = "international"
        rates.append(ShippingRate(country, amount, service, handling, TRANSIT_DAYS[service]))
    return rates


def _seller_profiles(partner_ids):
    """Partner id → URL of its cooperative's public profile (one query)."""
    from cooperatives.models import Profile

    profiles = Profile.objects.filter(
        is_public=True, cooperative__partner_id__in=set(partner_ids)
    ).select_related("cooperative")
    return {p.cooperative.partner_id: p.get_absolute_url() for p in profiles}


def _seller_name(partner):
    cooperative = getattr(partner, "cooperative", None)
    return cooperative.legal_name if cooperative is not None else partner.name


def offer_for(product, strategy=None, *, countries=None, profiles=None):
    """The offer of one product as its page shows it."""
    strategy = strategy or Selector().strategy()
    if "stockrecords" not in getattr(product, "_prefetched_objects_cache", {}):
        prefetch_related_objects(
            [product],
            Prefetch(
                "stockrecords",
                queryset=StockRecord.objects.select_related("partner__cooperative"),
            ),
        )
    info = strategy.fetch_for_product(product)
    price = None
    if info.price.exists:
        amount = info.price.incl_tax if info.price.is_tax_known else info.price.excl_tax
        price = int(amount)
    withheld = getattr(info.availability, "code", "") == "not-for-sale"
    record = info.stockrecord
    lot = current_lot(record) if record is not None else None
    if countries is None:
        countries = shipping_countries()
    if profiles is None:
        profiles = _seller_profiles([record.partner_id] if record is not None else [])
    offer = Offer(
        product=product,
        price=price,
        currency=info.price.currency if info.price.exists else "VND",
        available=bool(info.availability.is_available_to_buy),
        for_sale=price is not None and not withheld,
        availability_message=str(info.availability.message),
        stockrecord=record,
        lot=lot,
        gtin=lot.gtin if lot is not None and lot.gtin else "",
        health_supplement=is_health_supplement(product),
    )
    if record is not None:
        offer.seller_name = _seller_name(record.partner)
        offer.seller_url = profiles.get(record.partner_id, "")
    offer.shipping = shipping_rates(product, price, countries)
    return offer


def offers_for(products, strategy=None):
    """Offers of many products (fetched with :func:`offer_queryset`) in a fixed number
    of queries."""
    products = list(products)
    strategy = strategy or Selector().strategy()
    partner_ids = [
        record.partner_id for product in products for record in product.stockrecords.all()
    ]
    countries = shipping_countries()
    profiles = _seller_profiles(partner_ids)
    return [
        offer_for(product, strategy, countries=countries, profiles=profiles) for product in products
    ]
