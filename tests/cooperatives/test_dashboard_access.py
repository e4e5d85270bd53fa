"""The ownership rule over the whole Oscar dashboard: every URL pattern under the
``dashboard`` namespace, walked as cooperative A with cooperative B's objects (denied)
and with A's own (only the cooperative pages open)."""

import pytest
from django.urls import reverse
from django.utils import translation

from cooperatives import access
from tests.cooperatives.conftest import line_of
from tests.cooperatives.urlwalk import patterns_in

SKIP = {"logout", "login"}

#: What a cooperative user may open with their own objects. A new dashboard view that
#: opens for cooperatives must be added here on purpose.
OPEN_TO_COOPERATIVES = {
    "index",  # redirects to their sales
    "cooperative-sales",
    "cooperative-lots",
    "cooperative-harvest",
    "cooperative-processing",
    "cooperative-lab-test",
    "cooperative-pack",
    "cooperative-profile",
    "catalogue-product-list",
    "catalogue-product-create",
    "catalogue-product-lookup",
    "catalogue-product-bulk-action",  # acts only on owned products
    "catalogue-product",
    "catalogue-product-delete",
    "order-list",
    "order-detail",
    "order-detail-note",
    "order-line-detail",
    "events-training",
    "events-training-attendance",
    "cooperative-visits",  # tourism: the host's farm visits, slots and check-in lists
    "cooperative-visit",
    "cooperative-visit-slot",
    "cooperative-visit-slot-csv",
    "trade-enquiries",  # trade: wholesale enquiries naming their products, their lines only
    "trade-enquiry",
    "cooperative-marketplace-csv",  # feeds: their own products in Shopee's columns
}


def objects_of(coop, order, line, note):
    return {
        "product": coop.product.pk,
        "partner": coop.partner.pk,
        "user": coop.user.pk,
        "number": order.number,
        "line_id": line.pk,
        "note_id": note.pk,
        "stockrecord": coop.stockrecord.pk,
        "lot": planting_of(coop).pk,
        "harvest": lot_of(coop, "harvest").pk,
        "processed": lot_of(coop, "processed").pk,
        "profile": profile_of(coop).pk,
        "trainingsession": training_hosted_by(coop).pk,
        **visit_of(coop),
        "enquiry": enquiry_of(coop).pk,
    }


def enquiry_of(coop):
    """A wholesale enquiry naming only this cooperative's product."""
    from trade.models import Enquiry

    found = Enquiry.objects.filter(lines__partner=coop.partner).first()
    if found is not None:
        return found
    from tests.trade.factories import make_enquiry

    return make_enquiry((coop.product, 5))


def visit_of(coop):
    from tests.tourism.factories import make_experience, make_slot
    from tourism.models import ExperiencePage

    experience = ExperiencePage.objects.filter(host=coop.cooperative).first()
    if experience is None:
        experience = make_experience(coop.cooperative, translate=False)
    slot = experience.slots.first() or make_slot(experience)
    return {"experience": experience.pk, "slot": slot.pk}


def training_hosted_by(coop):
    from django.utils import timezone

    from events.models import TrainingSession

    start = timezone.now() - timezone.timedelta(hours=1)
    return TrainingSession.objects.get_or_create(
        host_cooperative=coop.cooperative,
        defaults={
            "title_vi": f"Tập huấn của {coop.partner.name}",
            "topic": "gacp",
            "starts_at": start,
            "ends_at": start + timezone.timedelta(hours=4),
            "place": "Phong Thổ",
            "capacity": 10,
        },
    )[0]


def profile_of(coop):
    from cooperatives.models import Profile

    return Profile.objects.get_or_create(
        cooperative=coop.cooperative, defaults={"slug": coop.partner.code}
    )[0]


#: Dashboard pages that act on a lot of one kind (the others take a planting).
LOT_KIND_OF_PAGE = {
    "cooperative-processing": "harvest",
    "cooperative-lab-test": "processed",
    "cooperative-pack": "processed",
}


def lot_of(coop, kind):
    from provenance.models import Lot

    return Lot.objects.filter(cooperative=coop.partner, kind=kind).first()


def planting_of(coop):
    from provenance.models import Lot

    return Lot.objects.filter(cooperative=coop.partner, kind=Lot.Kind.PLANTING).first()


def kwargs_for(name, params, view_class, objects):
    model = getattr(view_class, "model", None)
    model_name = model._meta.model_name if model is not None else ""
    kwargs = {}
    for param in params:
        if param == "number":
            kwargs[param] = objects["number"]
        elif param in ("line_id", "note_id"):
            kwargs[param] = objects[param]
        elif param in ("product_pk", "parent_pk"):
            kwargs[param] = objects["product"]
        elif param == "partner_pk":
            kwargs[param] = objects["partner"]
        elif param == "user_pk":
            kwargs[param] = objects["user"]
        elif param == "pk":
            if name.startswith("cooperative-visit-slot"):
                kwargs[param] = objects["slot"]
            elif name == "cooperative-visit":
                kwargs[param] = objects["experience"]
            elif name == "trade-enquiry":
                kwargs[param] = objects["enquiry"]
            elif name in LOT_KIND_OF_PAGE:
                kwargs[param] = objects[LOT_KIND_OF_PAGE[name]]
            elif model_name in ("lot", "profile", "trainingsession"):
                kwargs[param] = objects[model_name]
            elif name.startswith("partner-") or model_name == "partner":
                kwargs[param] = objects["partner"]
            elif model_name == "user" or name.startswith("user"):
                kwargs[param] = objects["user"]
            else:
                kwargs[param] = objects["product"]
        elif param in ("slug", "product_class_slug"):
            kwargs[param] = "x"
        else:
            kwargs[param] = objects["product"]
    return kwargs


def outcome(response):
    if response.status_code == 200:
        return "open"
    if response.status_code == 302:
        location = response["Location"]
        return "denied" if "login" in location else "open"
    if response.status_code in (403, 404, 405):
        return "denied"
    return f"status {response.status_code}"


def walk(client, objects):
    results = {}
    with translation.override("en"):
        for name, params, view_class in patterns_in("dashboard"):
            if name in SKIP:
                continue
            url = reverse(f"dashboard:{name}", kwargs=kwargs_for(name, params, view_class, objects))
            results[name] = (bool(params), outcome(client.get(url)), url)
    return results


@pytest.mark.django_db
def test_every_dashboard_url_denies_another_cooperatives_objects(
    client, coop_a, coop_b, mixed_order, b_order
):
    client.force_login(coop_a.user)
    others = objects_of(coop_b, b_order, b_order.lines.get(), b_order.notes.get())
    results = walk(client, others)
    assert len(results) > 50  # the walk really covers Oscar's dashboard
    leaks = {
        name: (result, url)
        for name, (has_object, result, url) in results.items()
        if has_object and result != "denied"
    }
    assert leaks == {}
    opened = {name for name, (_has, result, _url) in results.items() if result == "open"}
    assert opened <= OPEN_TO_COOPERATIVES


@pytest.mark.django_db
def test_a_cooperative_reaches_its_own_objects_and_nothing_else(
    client, coop_a, coop_b, mixed_order
):
    note = mixed_order.notes.create(message="A's note", note_type="Info")
    client.force_login(coop_a.user)
    results = walk(client, objects_of(coop_a, mixed_order, line_of(mixed_order, coop_a), note))
    opened = {name for name, (_has, result, _url) in results.items() if result == "open"}
    assert opened == OPEN_TO_COOPERATIVES
    odd = {name: r for name, (_h, r, _u) in results.items() if r not in ("open", "denied")}
    assert odd == {}


@pytest.mark.django_db
def test_other_cooperatives_line_of_a_shared_order_is_not_reachable(
    client, coop_a, coop_b, mixed_order
):
    client.force_login(coop_a.user)
    url = reverse(
        "dashboard:order-line-detail",
        kwargs={"number": mixed_order.number, "line_id": line_of(mixed_order, coop_b).pk},
    )
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_owned_queryset_rule(coop_a, coop_b, mixed_order, admin_user, django_user_model):
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    from provenance.models import Cooperative, Lot

    user = coop_a.user
    assert list(access.owned_queryset(user, Product)) == [coop_a.product]
    assert list(access.owned_queryset(user, Order)) == [mixed_order]
    assert list(access.owned_queryset(user, Line)) == [line_of(mixed_order, coop_a)]
    assert list(access.owned_queryset(user, Cooperative)) == [coop_a.cooperative]
    assert set(access.owned_queryset(user, Lot).values_list("cooperative", flat=True)) == {
        coop_a.partner.pk
    }
    assert access.owned_queryset(admin_user, Line).count() == 2
    stranger = django_user_model.objects.create_user("x", "x@example.com", "pw")
    assert not access.owned_queryset(stranger, Product).exists()
    # A model without a rule is nobody's.
    assert not access.owned_queryset(user, get_model("offer", "ConditionalOffer")).exists()


@pytest.mark.django_db
def test_posting_to_another_cooperatives_objects_is_denied(
    client, coop_a, coop_b, mixed_order, b_order
):
    client.force_login(coop_a.user)
    others = objects_of(coop_b, b_order, b_order.lines.get(), b_order.notes.get())
    leaks = {}
    with translation.override("en"):
        for name, params, view_class in patterns_in("dashboard"):
            if name in SKIP or not params:
                continue
            url = reverse(f"dashboard:{name}", kwargs=kwargs_for(name, params, view_class, others))
            result = outcome(client.post(url, {}))
            if result != "denied":
                leaks[name] = result
    assert leaks == {}
