from django import template
from django.utils.html import strip_tags
from oscar.core.loading import get_class

from core.jsonld import json_ld_script

register = template.Library()
Selector = get_class("partner.strategy", "Selector")


@register.simple_tag(takes_context=True)
def product_jsonld(context, product, session, image_url=""):
    """schema.org Product data for a product page, as a JSON-LD script element."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "description": strip_tags(product.description or "")[:500],
        "sku": product.upc or str(product.pk),
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "brand": {"@type": "Brand", "name": "Sâm Lai Châu"},
    }
    if image_url:
        data["image"] = request.build_absolute_uri(image_url)
    if session and session.price.exists:
        price = session.price.incl_tax if session.price.is_tax_known else session.price.excl_tax
        data["offers"] = {
            "@type": "Offer",
            "priceCurrency": session.price.currency,
            "price": str(int(price)),
            "availability": "https://schema.org/InStock"
            if session.availability.is_available_to_buy
            else "https://schema.org/OutOfStock",
            "url": data["url"],
        }
    return json_ld_script(data)
