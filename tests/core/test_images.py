"""Images over the pixel limit are refused from their header alone, quickly and
without allocating their pixels: product images, application certificates."""

import time
import tracemalloc

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from core.images import validate_image_pixels
from tests.core.images_helpers import huge_png
from tests.factories import ProductFactory, jpeg_file

MESSAGE = {
    "en": "This image has more than 40 megapixels.",
    "vi": "Ảnh này có hơn 40 megapixel.",
}
SIZED = {
    "en": "This image is 7000 × 7000 pixels; the most we accept is 40 megapixels.",
    "vi": "Ảnh này có 7000 × 7000 điểm ảnh; chúng tôi chỉ nhận tối đa 40 megapixel.",
}


def png_upload(name="big.png", size=(12_000, 12_000)):
    return SimpleUploadedFile(name, huge_png(*size), content_type="image/png")


def test_limits_agree():
    assert settings.IMAGE_MAX_PIXELS == 40_000_000
    assert Image.MAX_IMAGE_PIXELS == settings.IMAGE_MAX_PIXELS
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == settings.IMAGE_MAX_PIXELS


def test_huge_png_is_refused_quickly_without_allocating_it():
    upload = png_upload()
    assert upload.size < 200
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ValidationError) as exc:
        validate_image_pixels(upload)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert exc.value.code == "too_many_pixels"
    assert elapsed < 1.0
    assert peak < 5 * 1024 * 1024  # the decoded image would be 432 MB


@pytest.mark.parametrize("language", ["en", "vi"])
def test_just_over_the_limit_says_its_size(language):
    with translation.override(language):
        with pytest.raises(ValidationError) as exc:
            validate_image_pixels(png_upload(size=(7000, 7000)))
        assert SIZED[language] in " ".join(exc.value.messages)


def test_a_normal_photo_passes():
    validate_image_pixels(jpeg_file("ok.jpg", size=(1600, 1200)))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "vi"])
def test_dashboard_product_image_form_refuses_it(language):
    from shop.dashboard.catalogue.forms import ProductImageForm

    product = ProductFactory()
    with translation.override(language):
        form = ProductImageForm(
            data={"images-0-product": product.pk, "images-0-display_order": 0},
            files={"images-0-original": png_upload()},
            prefix="images-0",
        )
        assert not form.is_valid()
        assert MESSAGE[language] in " ".join(form.errors["original"])


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "vi"])
def test_application_certificate_image_is_refused(client, wagtail_root, language):
    from cooperatives.models import Application
    from tests.cooperatives.test_applications import form_data

    with translation.override(language):
        url = reverse("cooperatives:apply")
    response = client.post(url, {**form_data(), "certificates": [png_upload("gacp.png")]})
    assert response.status_code == 200
    assert MESSAGE[language] in response.content.decode()
    assert not Application.objects.exists()
