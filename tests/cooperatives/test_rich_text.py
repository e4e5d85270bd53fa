"""Script injection in every rich-text field a cooperative can edit never reaches a
shopper page."""

import pytest
from django.urls import reverse
from django.utils import translation

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(2)">',
    '<a href="javascript:alert(3)">click</a>',
    '<p onclick="alert(4)">hi</p>',
]


def assert_clean(html):
    lowered = html.lower()
    assert "<script>alert" not in lowered
    assert "onerror" not in lowered
    assert "javascript:" not in lowered
    assert "onclick" not in lowered


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["description_vi", "description_en"])
def test_descriptions_are_sanitised_on_save(coop_a, field):
    product = coop_a.product
    setattr(product, field, "<p>Good</p>" + "".join(ATTACKS))
    product.save()
    product.refresh_from_db()
    stored = getattr(product, field)
    assert "<p>Good</p>" in stored
    assert_clean(stored)


def post_product_form(client, product, language, description):
    """Oscar's dashboard product form, as the browser would post it back, with a new
    description (the form's ``description`` is the active language's column)."""
    with translation.override(language):
        url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = getattr(value, "pk", value)
    data["description"] = description
    for formset_name in (
        "stockrecord_formset",
        "image_formset",
        "recommended_formset",
        "category_formset",
    ):
        formset = page.context.get(formset_name)
        if formset is None:
            continue
        management = formset.management_form
        for key in management.fields:
            data[f"{formset.prefix}-{key}"] = management[key].value()
        # Post no extra (empty) forms.
        data[f"{formset.prefix}-TOTAL_FORMS"] = formset.initial_form_count()
        for i, subform in enumerate(formset.forms[: formset.initial_form_count()]):
            for name in subform.fields:
                value = subform[name].value()
                if value is None or value is False:
                    continue
                data[f"{formset.prefix}-{i}-{name}"] = value
    response = client.post(url, data)
    assert response.status_code == 302, response.context[0].flatten().get("form").errors


@pytest.mark.django_db
def test_dashboard_edit_then_product_page(client, coop_a, wagtail_root):
    """A cooperative saves a poisoned description (vi and en) through Oscar's dashboard
    form; the shopper's product page in both languages shows none of it."""
    from oscar.core.loading import get_model

    from tests.factories import CategoryFactory

    client.force_login(coop_a.user)
    product = coop_a.product
    get_model("catalogue", "ProductCategory").objects.create(
        product=product, category=CategoryFactory()
    )
    post_product_form(client, product, "vi", "<p>Sâm</p>" + "".join(ATTACKS))
    post_product_form(client, product, "en", "<p>Ginseng</p>" + "".join(ATTACKS))
    product.refresh_from_db()
    assert "<p>Sâm</p>" in product.description_vi
    assert "<p>Ginseng</p>" in product.description_en
    assert_clean(product.description_vi + product.description_en)
    for language in ("vi", "en"):
        with translation.override(language):
            page = client.get(product.get_absolute_url())
        assert page.status_code == 200
        assert_clean(page.content.decode())


@pytest.mark.django_db
def test_profile_story_from_the_dashboard_is_sanitised(client, coop_a, coop_b, wagtail_root):
    from cooperatives.models import Profile

    profile = Profile.objects.create(cooperative=coop_a.cooperative, slug="alpha", is_public=True)
    other = Profile.objects.create(cooperative=coop_b.cooperative, slug="bravo", is_public=True)
    client.force_login(coop_a.user)
    with translation.override("en"):
        url = reverse("dashboard:cooperative-profile", kwargs={"pk": profile.pk})
        other_url = reverse("dashboard:cooperative-profile", kwargs={"pk": other.pk})
    attack = "".join(ATTACKS)
    response = client.post(url, {"story_vi": "<p>Sâm</p>" + attack, "story_en": attack})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert "<p>Sâm</p>" in profile.story_vi
    assert_clean(profile.story_vi + profile.story_en)
    assert client.post(other_url, {"story_vi": "mine now"}).status_code == 404
    other.refresh_from_db()
    assert other.story_vi == ""
    for language in ("vi", "en"):
        with translation.override(language):
            page = client.get(reverse("cooperatives:detail", kwargs={"slug": "alpha"}))
        assert page.status_code == 200
        assert_clean(page.content.decode())
