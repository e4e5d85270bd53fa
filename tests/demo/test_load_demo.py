import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from oscar.core.loading import get_model
from wagtail.images import get_image_model
from wagtail.models import Page

from demo import content

pytestmark = pytest.mark.django_db(transaction=False)

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")


def counts():
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label
        in {"wagtailcore", "cms", "catalogue", "partner", "auth", "wagtailimages", "taggit"}
    }


@pytest.fixture
def demo(settings, search_index):
    settings.DEBUG = True
    from tests.conftest import ensure_wagtail_tree

    ensure_wagtail_tree()
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_load_demo_is_idempotent(demo, settings):
    before = counts()
    pages_before = list(Page.objects.values_list("pk", "latest_revision_id", "path", "numchild"))
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert counts() == before
    assert (
        list(Page.objects.values_list("pk", "latest_revision_id", "path", "numchild"))
        == pages_before
    )


def test_demo_content_is_a_realistic_site(demo, client):
    assert Product.objects.count() >= 24
    assert Partner.objects.count() >= 4
    classes = set(Product.objects.values_list("product_class__slug", flat=True))
    assert classes == {
        "fresh-root",
        "dried-root",
        "honey-soaked",
        "ginseng-wine",
        "ginseng-tea",
        "seedlings",
    }
    for product in Product.objects.all():
        assert product.title_vi and product.title_en
        assert ProductImage.objects.filter(product=product).exists()
        record = StockRecord.objects.get(product=product)
        assert record.price > 0 and record.num_in_stock > 0
    descriptions = " ".join(Product.objects.values_list("description_vi", flat=True))
    assert "Sì Lở Lầu" in descriptions  # real diacritics
    story_and_culture = Page.objects.live().filter(
        content_type__model__in=["storypage", "culturepage"], locale__language_code="vi"
    )
    assert story_and_culture.count() >= 6
    for slug_vi, slug_en in [(p["slug"][0], p["slug"][1]) for p in content.STANDARD_PAGES]:
        assert client.get(f"/vi/{slug_vi}/").status_code == 200
        assert client.get(f"/en/{slug_en}/").status_code == 200
    # The plan's eight communes are named on the site's pages.
    names = " ".join(content.COMMUNES)
    for commune in [
        "Sì Lở Lầu",
        "Mồ Sì San",
        "Vàng Ma Chải",
        "Tung Qua Lìn",
        "Dào San",
        "Bản Lang",
        "Sin Suối Hồ",
        "Lản Nhì Thàng",
    ]:
        assert commune in names
    assert "Lản Nhì Thàng" in client.get("/vi/cau-chuyen/nghi-quyet-17/").content.decode()
    assert get_image_model().objects.filter(title__startswith="demo-").count() >= 8
    # Every demo cooperative has a public profile, linked from every page's footer.
    for spec in content.COOPERATIVES:
        assert client.get(f"/en/cooperatives/{spec['code']}/").status_code == 200
    assert (
        'href="/vi/cooperatives/htx-si-lo-lau/"' in client.get("/vi/cooperatives/").content.decode()
    )
    assert 'href="/vi/cooperatives/apply/"' in client.get("/vi/").content.decode()


def test_demo_accounts_can_sign_in(demo, client):
    User = get_user_model()
    admin = User.objects.get(email="admin@samlaichau.example")
    assert admin.is_staff and admin.is_superuser
    assert client.login(username="admin@samlaichau.example", password="sam-lai-chau-demo")
    for spec in content.COOPERATIVES:
        user = User.objects.get(email=f"{spec['code']}@samlaichau.example")
        assert user.has_perm("partner.dashboard_access")
        assert Partner.objects.get(code=spec["code"]).users.filter(pk=user.pk).exists()


def test_demo_products_are_searchable(demo, client):
    response = client.get("/vi/shop/search/", {"q": "ruou sam"})
    titles = [r.object.title for r in response.context["page_obj"].object_list]
    assert titles and all("Rượu" in t or "rượu" in t for t in titles)


def test_load_demo_refuses_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo")


def test_load_demo_shows_its_progress(demo):
    from io import StringIO

    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    for number, name in enumerate(content_steps(), start=1):
        assert f"[{number}/7] {name} (" in text
    assert "demo content ready (0 things created in " in text


def content_steps():
    from demo.loader import DemoLoader

    return DemoLoader.STEPS
