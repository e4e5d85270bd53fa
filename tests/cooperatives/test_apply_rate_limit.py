"""Anonymous "Sell with us" applications are limited per address and hour, with a
clear message in the visitor's language; nothing is stored past the limit."""

import pytest
from django.urls import reverse
from django.utils import translation

from cooperatives.models import Application
from tests.cooperatives.test_applications import form_data

MESSAGE = {
    "en": "Too many applications have come from your connection in the last hour.",
    "vi": "Đã có quá nhiều đơn đăng ký gửi từ kết nối của bạn trong một giờ qua.",
}


def application(n):
    return form_data(tax_code=f"62009990{n:02d}", contact_email=f"coop{n}@htx.example")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "vi"])
def test_fourth_application_in_an_hour_is_refused(client, wagtail_root, language):
    with translation.override(language):
        url = reverse("cooperatives:apply")
    for n in range(3):
        assert client.post(url, application(n)).status_code == 302
    response = client.post(url, application(3))
    assert response.status_code == 429
    assert MESSAGE[language] in response.content.decode()
    assert Application.objects.count() == 3
    # Another address may still apply.
    other = client.post(url, application(4), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


@pytest.mark.django_db
def test_many_failed_tries_are_limited_too(client, wagtail_root, settings):
    with translation.override("en"):
        url = reverse("cooperatives:apply")
    bad = {**application(0), "tax_code": "x"}
    for _n in range(settings.COOPERATIVE_APPLY_TRIES_PER_HOUR):
        assert client.post(url, bad).status_code == 200
    response = client.post(url, application(1))
    assert response.status_code == 429
    assert not Application.objects.exists()
