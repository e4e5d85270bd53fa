"""The product page's schema.org Product data, checked against what Google's merchant
listing documentation requires and recommends, and the health-supplement notice."""

import re
from urllib.parse import urlparse

import pytest

from shop.catalogue.templatetags.catalogue_extras import SUPPLEMENT_NOTICE_VI
from tests.feeds.helpers import build_catalogue, jsonld_product

pytestmark = pytest.mark.django_db

#: Source: Google Search Central, "Merchant listing (Product, Offer) structured data",
#: https://developers.google.com/search/docs/appearance/structured-data/merchant-listing
#: (sections "Structured data type definitions": Product, Offer, OfferShippingDetails,
#: and "Return policy" → MerchantReturnPolicy, as published in 2025). "required" are the
#: properties without which a page is not eligible; "recommended" are those the issue
#: asks for on top (gtin, seller, countryOfOrigin, shippingDetails, return policy).
GOOGLE_MERCHANT_LISTING = {
    "Product": {
        "required": ["name", "image", "offers"],
        "recommended": ["description", "sku", "gtin", "brand", "countryOfOrigin"],
    },
    "Offer": {
        # price (or priceSpecification.price) and priceCurrency
        "required": ["price", "priceCurrency"],
        "recommended": [
            "availability",
            "itemCondition",
            "shippingDetails",
            "hasMerchantReturnPolicy",
            "seller",
            "url",
        ],
    },
    "OfferShippingDetails": {
        "required": ["shippingDestination", "shippingRate"],
        "recommended": ["deliveryTime"],
    },
    "DefinedRegion": {"required": ["addressCountry"]},
    "MonetaryAmount": {"required": ["value", "currency"]},
    "ShippingDeliveryTime": {"required": ["handlingTime", "transitTime"]},
    "QuantitativeValue": {"required": ["minValue", "maxValue", "unitCode"]},
    "MerchantReturnPolicy": {
        # merchantReturnDays is required when the category is a finite window
        "required": ["applicableCountry", "returnPolicyCategory"],
        "recommended": ["merchantReturnDays", "returnMethod", "returnFees"],
    },
}
RETURN_CATEGORIES = {
    "https://schema.org/MerchantReturnFiniteReturnWindow",
    "https://schema.org/MerchantReturnNotPermitted",
    "https://schema.org/MerchantReturnUnlimitedWindow",
}
AVAILABILITY = {"https://schema.org/InStock", "https://schema.org/OutOfStock"}


def has_all(data, type_name, which=("required", "recommended")):
    wanted = [p for kind in which for p in GOOGLE_MERCHANT_LISTING[type_name].get(kind, [])]
    missing = [p for p in wanted if data.get(p) in (None, "", [])]
    assert missing == [], f"{type_name} lacks {missing}"
    if "@type" in data:
        assert data["@type"] == type_name or type_name == "Product"


def gtin_ok(value):
    """A GTIN-8/12/13/14 with a correct GS1 check digit."""
    if not re.fullmatch(r"\d{8}|\d{12,14}", value):
        return False
    digits = [int(d) for d in value.zfill(14)]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(digits[:-1]))
    return (10 - total % 10) % 10 == digits[-1]


def check_merchant_listing(data):
    has_all(data, "Product")
    assert gtin_ok(data["gtin"]), data["gtin"]
    assert data["countryOfOrigin"]["@type"] == "Country"
    assert data["countryOfOrigin"]["name"] == "VN"
    offer = data["offers"]
    has_all(offer, "Offer")
    assert int(offer["price"]) > 0
    assert offer["priceCurrency"] == "VND"
    assert offer["availability"] in AVAILABILITY
    assert offer["itemCondition"] == "https://schema.org/NewCondition"
    assert offer["seller"]["@type"] == "Organization" and offer["seller"]["name"]
    assert offer["shippingDetails"], "no country served"
    for detail in offer["shippingDetails"]:
        has_all(detail, "OfferShippingDetails")
        has_all(detail["shippingDestination"], "DefinedRegion")
        assert re.fullmatch(r"[A-Z]{2}", detail["shippingDestination"]["addressCountry"])
        has_all(detail["shippingRate"], "MonetaryAmount")
        assert int(detail["shippingRate"]["value"]) >= 0
        delivery = detail["deliveryTime"]
        has_all(delivery, "ShippingDeliveryTime")
        for part in ("handlingTime", "transitTime"):
            has_all(delivery[part], "QuantitativeValue")
            assert delivery[part]["unitCode"] == "DAY"
            assert 0 <= delivery[part]["minValue"] <= delivery[part]["maxValue"]
    policy = offer["hasMerchantReturnPolicy"]
    has_all(policy, "MerchantReturnPolicy", which=("required",))
    assert policy["returnPolicyCategory"] in RETURN_CATEGORIES
    if policy["returnPolicyCategory"].endswith("FiniteReturnWindow"):
        assert policy["merchantReturnDays"] > 0
        has_all(policy, "MerchantReturnPolicy")
    countries = {d["shippingDestination"]["addressCountry"] for d in offer["shippingDetails"]}
    assert set(policy["applicableCountry"]) == countries


@pytest.fixture
def catalogue(bilingual_site, countries, django_capture_on_commit_callbacks):
    return build_catalogue(django_capture_on_commit_callbacks, count=2)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_product_pages_carry_what_merchant_listings_require(client, catalogue, language):
    products = [*catalogue["sellable"], catalogue["fresh"], catalogue["supplement"]]
    for product in products:
        url = product.get_absolute_url().replace("/vi/", f"/{language}/", 1)
        data = jsonld_product(client.get(url).content.decode())
        check_merchant_listing(data)
        lot = product.stockrecords.get().provenance_lots.get(kind="packed")
        assert data["gtin"] == lot.gtin  # from the lot on sale
        partner = product.stockrecords.get().partner
        assert data["offers"]["seller"]["name"] == partner.cooperative.legal_name
    # Without an image a page is not eligible: the checker says so.
    bare = jsonld_product(client.get(catalogue["no_image"].get_absolute_url()).content.decode())
    with pytest.raises(AssertionError, match="image"):
        check_merchant_listing(bare)
    fresh = jsonld_product(client.get(catalogue["fresh"].get_absolute_url()).content.decode())
    assert [
        d["shippingDestination"]["addressCountry"] for d in fresh["offers"]["shippingDetails"]
    ] == ["VN"]
    dried = jsonld_product(client.get(catalogue["sellable"][1].get_absolute_url()).content.decode())
    countries = [
        d["shippingDestination"]["addressCountry"] for d in dried["offers"]["shippingDetails"]
    ]
    assert countries[0] == "VN" and "US" in countries


def test_the_checker_fails_on_a_missing_field(client, catalogue):
    data = jsonld_product(client.get(catalogue["sellable"][0].get_absolute_url()).content.decode())
    check_merchant_listing(data)
    del data["offers"]["shippingDetails"][0]["shippingDestination"]
    with pytest.raises(AssertionError):
        check_merchant_listing(data)
    assert not gtin_ok("8936000000001")  # wrong check digit


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("vi", SUPPLEMENT_NOTICE_VI),
        ("en", "This food is not a medicine and cannot replace medicines that treat disease."),
    ],
)
def test_health_supplements_carry_the_decree_15_notice(client, catalogue, language, notice):
    supplement = catalogue["supplement"].get_absolute_url().replace("/vi/", f"/{language}/", 1)
    html = client.get(supplement).content.decode()
    assert notice in html
    other = catalogue["sellable"][0].get_absolute_url().replace("/vi/", f"/{language}/", 1)
    other_html = client.get(other).content.decode()
    assert "health-supplement-notice" not in other_html
    assert SUPPLEMENT_NOTICE_VI not in other_html
    if language == "en":
        assert SUPPLEMENT_NOTICE_VI not in html
    assert urlparse(supplement).path.startswith(f"/{language}/")
