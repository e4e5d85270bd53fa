from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from oscar.core.loading import get_class

from core.jsonld import json_ld_script
from shop.catalogue.offers import BRAND, is_health_supplement, offer_for, plain_text

register = template.Library()
Selector = get_class("partner.strategy", "Selector")

SCHEMA = "https://schema.org/"


def _days(low, high):
    return {"@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitCode": "DAY"}


def shipping_details(offer):
    """schema.org OfferShippingDetails, one per country the product is sent to."""
    return [
        {
            "@type": "OfferShippingDetails",
            "shippingRate": {
                "@type": "MonetaryAmount",
                "value": str(rate.price),
                "currency": offer.currency,
            },
            "shippingDestination": {"@type": "DefinedRegion", "addressCountry": rate.country},
            "deliveryTime": {
                "@type": "ShippingDeliveryTime",
                "handlingTime": _days(*rate.handling_days),
                "transitTime": _days(*rate.transit_days),
            },
        }
        for rate in offer.shipping
    ]


def return_policy(offer, request, language):
    """schema.org MerchantReturnPolicy from ``SHOP_RETURN_POLICY`` (the returns page says
    the same in words; it is linked when it exists)."""
    from core.navigation import policy_links

    policy = settings.SHOP_RETURN_POLICY
    data = {
        "@type": "MerchantReturnPolicy",
        "applicableCountry": [rate.country for rate in offer.shipping] or ["VN"],
        "returnPolicyCategory": SCHEMA + policy["category"],
    }
    if policy["category"] == "MerchantReturnFiniteReturnWindow":
        data["merchantReturnDays"] = policy["days"]
    if policy["category"] != "MerchantReturnNotPermitted":
        data["returnMethod"] = SCHEMA + policy["method"]
        data["returnFees"] = SCHEMA + policy["fees"]
    link = policy_links(language).get("returns")
    if link:
        data["merchantReturnLink"] = request.build_absolute_uri(link["url"])
    return data


def product_data(product, offer, request, image_url=""):
    """schema.org Product data of a product page (a dict)."""
    language = get_language() or "vi"
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "description": plain_text(product.description or "")[:500],
        "sku": product.upc or str(product.pk),
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "brand": {"@type": "Brand", "name": BRAND},
        "countryOfOrigin": {"@type": "Country", "name": "VN"},
    }
    if offer.gtin:
        data["gtin"] = offer.gtin
    if image_url:
        data["image"] = request.build_absolute_uri(image_url)
    if offer.price is not None:
        data["offers"] = {
            "@type": "Offer",
            "priceCurrency": offer.currency,
            "price": str(offer.price),
            "availability": SCHEMA + ("InStock" if offer.available else "OutOfStock"),
            "itemCondition": SCHEMA + "NewCondition",
            "url": data["url"],
            "shippingDetails": shipping_details(offer),
            "hasMerchantReturnPolicy": return_policy(offer, request, language),
        }
        if offer.gtin:
            data["offers"]["gtin"] = offer.gtin
        if offer.seller_name:
            seller = {"@type": "Organization", "name": offer.seller_name}
            if offer.seller_url:
                seller["url"] = request.build_absolute_uri(offer.seller_url)
            data["offers"]["seller"] = seller
    return data


@register.simple_tag(takes_context=True)
def product_offer(context, product):
    """The product's offer (shop.catalogue.offers), worked out once per page."""
    offer = getattr(product, "_page_offer", None)
    if offer is None:
        request = context["request"]
        strategy = getattr(request, "strategy", None) or Selector().strategy(request)
        offer = product._page_offer = offer_for(product, strategy)
    return offer


#: Decree 15/2018/NĐ-CP, art. 27: a health supplement's label and advertising say so.
SUPPLEMENT_NOTICE_VI = (
    "Thực phẩm này không phải là thuốc và không có tác dụng thay thế thuốc chữa bệnh"
)


@register.simple_tag
def health_supplement_notice(product):
    """The notice Vietnamese law requires on a health supplement, in the page's language."""
    if not is_health_supplement(product):
        return ""
    return format_html(
        '<p class="health-supplement-notice" role="note"><strong>{}</strong></p>',
        # Translators: Decree 15/2018/NĐ-CP art. 27; keep the legal wording.
        _("This food is not a medicine and cannot replace medicines that treat disease."),
    )


@register.simple_tag(takes_context=True)
def product_jsonld(context, product, session=None, image_url=""):
    """schema.org Product data for a product page, as a JSON-LD script element."""
    offer = product_offer(context, product)
    return json_ld_script(product_data(product, offer, context["request"], image_url))
