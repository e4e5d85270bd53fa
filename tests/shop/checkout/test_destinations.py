"""What may ship where: fresh roots and seedlings stay in Vietnam, dried goods go
abroad; the address step, the later steps and place_order refuse the rest before any
payment, in Vietnamese and English. Export lines wait for a permit reference."""

import pytest
from django.utils import translation
from oscar.core.loading import get_model

from payments.models import Payment
from shop.catalogue import destinations
from shop.checkout import services
from tests.factories import ProductClassFactory, ProductFactory
from tests.shop.checkout.helpers import foreign_address, make_basket, place
from tests.shop.checkout.test_checkout_views import DE_ADDRESS, VN_ADDRESS

Order = get_model("order", "Order")
Country = get_model("address", "Country")
pytestmark = pytest.mark.django_db

REFUSAL = {
    "en": "Sorry, we cannot send these products to Germany",
    "vi": "Rất tiếc, chúng tôi không thể gửi các sản phẩm này đến Đức",
}
RULE = {"en": "ships in Vietnam only", "vi": "chỉ giao trong Việt Nam"}


def fresh_root(**kwargs):
    return ProductFactory(
        product_class=ProductClassFactory(ship_to="vn"),
        title_en="Fresh root",
        title_vi="Củ sâm tươi",
        **kwargs,
    )


def test_rule_comes_from_product_then_parent_then_type(countries):
    fresh = fresh_root()
    dried = ProductFactory()
    assert destinations.may_ship_to(fresh, "VN") and not destinations.may_ship_to(fresh, "DE")
    assert destinations.may_ship_to(dried, "DE")
    # A product overrides its type: this one may go to Japan too, not to Germany.
    fresh.ship_to = "listed"
    fresh.save()
    fresh.ship_to_countries.add(Country.objects.get(pk="JP"))
    assert destinations.may_ship_to(fresh, "JP") and destinations.may_ship_to(fresh, "VN")
    assert not destinations.may_ship_to(fresh, "DE")
    # A variant takes its parent's rule.
    parent = ProductFactory(structure="parent", product_class=ProductClassFactory(ship_to="vn"))
    child = ProductFactory(structure="child", parent=parent, product_class=None)
    assert not destinations.may_ship_to(child, "DE")
    # Export permits: abroad only, by type unless the product says otherwise.
    permit_class = ProductClassFactory(export_permit_required=True)
    root = ProductFactory(product_class=permit_class)
    assert destinations.export_permit_required(root, "DE")
    assert not destinations.export_permit_required(root, "VN")
    root.export_permit_required = False
    assert not destinations.export_permit_required(root, "DE")


@pytest.mark.parametrize("language", ["en", "vi"])
def test_place_order_refuses_a_fresh_root_abroad(countries, language):
    basket = make_basket((fresh_root(stock=5), 1), (ProductFactory(stock=5), 1))
    with translation.override(language), pytest.raises(services.DestinationNotAllowed) as exc:
        place(basket, address=foreign_address())
    assert REFUSAL[language] in str(exc.value)
    assert RULE[language] in str(exc.value)
    assert not Order.objects.exists() and not Payment.objects.exists()
    # The same basket to Vietnam is fine.
    assert place(basket).lines.count() == 2


def start(client, lang, product):
    shop = f"/{lang}/shop"
    client.post(f"{shop}/basket/add/{product.pk}/", {"quantity": 1})
    client.post(f"{shop}/checkout/", {"username": "anna@example.de", "options": "anonymous"})
    return shop


@pytest.mark.parametrize("language", ["en", "vi"])
def test_address_step_refuses_a_foreign_address_for_fresh_roots(countries, client, language):
    shop = start(client, language, fresh_root(stock=5))
    response = client.post(f"{shop}/checkout/shipping-address/", DE_ADDRESS)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["country"])
    assert REFUSAL[language] in errors and RULE[language] in errors
    assert client.post(f"{shop}/checkout/shipping-address/", VN_ADDRESS).status_code == 302


@pytest.mark.parametrize("language", ["en", "vi"])
def test_later_steps_send_back_to_the_address_when_the_basket_changes(countries, client, language):
    shop = start(client, language, ProductFactory(stock=5))
    assert client.post(f"{shop}/checkout/shipping-address/", DE_ADDRESS).status_code == 302
    response = client.get(f"{shop}/checkout/shipping-method/", follow=True)
    assert response.redirect_chain[-1][0].endswith("/checkout/preview/")
    # A fresh root added after the address was given: no step before payment goes on.
    client.post(f"{shop}/basket/add/{fresh_root(stock=5).pk}/", {"quantity": 1})
    for step in ("shipping-method", "payment-method", "preview"):
        response = client.get(f"{shop}/checkout/{step}/", follow=True)
        assert response.redirect_chain[-1][0].endswith("/checkout/shipping-address/"), step
        messages = " ".join(str(m) for m in response.context["messages"])
        assert REFUSAL[language] in messages, step
    response = client.post(
        f"{shop}/checkout/preview/",
        {"action": "place_order", "payment_method": "vietqr"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("/checkout/shipping-address/")
    assert not Order.objects.exists() and not Payment.objects.exists()


def test_demo_data_migration_keeps_fresh_goods_in_vietnam(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "shop.catalogue.migrations.0036_ship_to_of_existing_classes"
    )
    ProductClass = get_model("catalogue", "ProductClass")
    for slug in ("fresh-root", "seedlings", "dried-root", "ginseng-tea"):
        ProductClass.objects.create(name=slug, slug=slug, ship_to="vn")
    migration.forwards(apps, None)
    rules = dict(ProductClass.objects.values_list("slug", "ship_to"))
    assert rules == {
        "fresh-root": "vn",
        "seedlings": "vn",
        "dried-root": "anywhere",
        "ginseng-tea": "anywhere",
    }
    assert ProductClass.objects.get(slug="dried-root").export_permit_required
    assert not ProductClass.objects.get(slug="ginseng-tea").export_permit_required
    # The demo content says the same.
    from demo import content

    demo = {c["slug"]: c["ship_to"] for c in content.PRODUCT_CLASSES}
    assert demo["fresh-root"] == demo["seedlings"] == "vn"
    assert demo["dried-root"] == demo["ginseng-wine"] == "anywhere"


@pytest.mark.parametrize("language", ["en", "vi"])
def test_basket_warns_when_a_line_cannot_go_to_the_address_given(countries, client, language):
    shop = start(client, language, ProductFactory(stock=5))
    assert client.post(f"{shop}/checkout/shipping-address/", DE_ADDRESS).status_code == 302
    page = client.get(f"{shop}/basket/")
    assert REFUSAL[language] not in " ".join(str(m) for m in page.context["messages"])
    client.post(f"{shop}/basket/add/{fresh_root(stock=5).pk}/", {"quantity": 1})
    page = client.get(f"{shop}/basket/")
    assert page.status_code == 200
    assert REFUSAL[language] in " ".join(str(m) for m in page.context["messages"])


def test_staff_set_where_a_product_type_may_ship_in_the_dashboard(countries, client, admin_user):
    from django.urls import reverse

    ProductClass = get_model("catalogue", "ProductClass")
    client.force_login(admin_user)
    with translation.override("en"):
        url = reverse("dashboard:catalogue-class-create")
    form = client.get(url).content.decode()
    assert 'name="ship_to"' in form and 'name="export_permit_required"' in form
    response = client.post(
        url,
        {
            "name": "Fresh seedlings",
            "requires_shipping": "on",
            "track_stock": "on",
            "ship_to": "listed",
            "ship_to_countries": ["JP"],
            "export_permit_required": "on",
            "attributes-TOTAL_FORMS": "0",
            "attributes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    created = ProductClass.objects.get(name="Fresh seedlings")
    assert created.ship_to == "listed" and created.export_permit_required
    assert list(created.ship_to_countries.values_list("pk", flat=True)) == ["JP"]
    assert ProductClass._meta.get_field("ship_to").default == "vn"  # new types stay home
