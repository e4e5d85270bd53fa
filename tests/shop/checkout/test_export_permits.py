"""An export line of a product that needs a permit does not ship until staff enter
the permit's reference: the services refuse, the dashboards say why."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from shop.order import services as order_services
from tests.factories import (
    PartnerFactory,
    ProductClassFactory,
    ProductFactory,
    StockRecordFactory,
    UserFactory,
)
from tests.shop.checkout.helpers import foreign_address, make_basket, place

pytestmark = pytest.mark.django_db

MISSING = {
    "en": "need an export permit reference",
    "vi": "cần số giấy phép xuất khẩu",
}


def permit_product(partner=None):
    product = ProductFactory(
        product_class=ProductClassFactory(export_permit_required=True), title_en="Dried root"
    )
    StockRecordFactory(product=product, partner=partner or PartnerFactory(), num_in_stock=5)
    return product


def paid_order(product, address=None):
    order = place(make_basket((product, 1)), address=address or foreign_address())
    order_services.mark_order_paid(order)
    order.refresh_from_db()
    return order


def test_line_abroad_is_marked_and_ship_order_refuses_without_reference(countries):
    order = paid_order(permit_product())
    line = order.lines.get()
    assert line.export_permit_required and not line.export_permit_reference
    for language in ("en", "vi"):
        with translation.override(language):
            with pytest.raises(order_services.ExportPermitMissing) as exc:
                order_services.ship_order(order, tracking_code="EE1", carrier="VNPost")
        assert MISSING[language] in str(exc.value)
    order.refresh_from_db()
    assert order.status == order_services.PAID
    order_services.set_export_permit_reference(line, "  CITES-VN-2026-0042 ")
    line.refresh_from_db()
    assert line.export_permit_reference == "CITES-VN-2026-0042"
    order_services.ship_order(order, tracking_code="EE1", carrier="VNPost")
    order.refresh_from_db()
    assert order.status == order_services.SHIPPED


def test_the_same_product_in_vietnam_needs_no_permit(countries):
    order = place(make_basket((permit_product(), 1)))
    assert not order.lines.get().export_permit_required


@pytest.mark.parametrize("language", ["en", "vi"])
def test_staff_dashboard_refuses_shipping_and_takes_the_reference(
    countries, client, admin_user, language
):
    order = paid_order(permit_product())
    client.force_login(admin_user)
    with translation.override(language):
        detail = reverse("dashboard:order-detail", kwargs={"number": order.number})
        permits = reverse("dashboard:order-export-permits")
    response = client.post(
        detail, {"order_action": "change_order_status", "new_status": "Shipped"}, follow=True
    )
    assert response.status_code == 200
    assert MISSING[language] in " ".join(str(m) for m in response.context["messages"])
    order.refresh_from_db()
    assert order.status == order_services.PAID
    # Marking the line shipped by its status is refused too.
    line = order.lines.get()
    response = client.post(
        detail,
        {
            "line_action": "change_line_statuses",
            "selected_line": [line.pk],
            f"selected_line_qty_{line.pk}": 1,
            "new_status": "Shipped",
        },
        follow=True,
    )
    assert MISSING[language] in " ".join(str(m) for m in response.context["messages"])
    line.refresh_from_db()
    assert line.status != order_services.SHIPPED

    listing = client.get(permits)
    assert listing.status_code == 200 and f'data-line="{line.pk}"' in listing.content.decode()
    client.post(permits, {"line": line.pk, "reference": "GP-XK-0042"})
    line.refresh_from_db()
    assert line.export_permit_reference == "GP-XK-0042"
    client.post(detail, {"order_action": "change_order_status", "new_status": "Shipped"})
    order.refresh_from_db()
    assert order.status == order_services.SHIPPED


@pytest.mark.parametrize("language", ["en", "vi"])
def test_cooperative_cannot_ship_an_export_line_without_the_reference(countries, client, language):
    partner = PartnerFactory()
    user = UserFactory(is_staff=False)
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    partner.users.add(user)
    order = paid_order(permit_product(partner))
    line = order.lines.get()
    client.force_login(user)
    with translation.override(language):
        detail = reverse("dashboard:order-detail", kwargs={"number": order.number})
        permits = reverse("dashboard:order-export-permits")
    data = {"lines": [line.pk], "tracking_code": "EE123", "carrier": "EMS"}
    response = client.post(detail, data, follow=True)
    assert MISSING[language] in " ".join(str(m) for m in response.context["messages"])
    line.refresh_from_db()
    assert line.status != order_services.SHIPPED
    # Only staff enter permits.
    assert client.get(permits).status_code in (302, 403, 404)
    order_services.set_export_permit_reference(line, "GP-XK-0043")
    client.post(detail, data)
    line.refresh_from_db()
    assert line.status == order_services.SHIPPED
