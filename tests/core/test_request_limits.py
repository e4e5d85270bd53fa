"""Request bodies over their path's limit get a 413 page in the site layout before
anything reads them: the body stream is untouched and the view never runs."""

import io

import pytest
from django.test import signals
from django.urls import reverse
from django.utils import translation

from core.request_limits import CappedStream, RequestBodyTooLarge, limit_for

MB = 1024 * 1024


class WatchedStream:
    """A wsgi.input that records every read (and would hand out endless bytes)."""

    def __init__(self):
        self.bytes_read = 0
        self.calls = 0

    def read(self, size=-1):
        self.calls += 1
        size = 65536 if size is None or size < 0 else min(size, 65536)
        self.bytes_read += size
        return b"x" * size

    def readline(self, size=-1):
        return self.read(size)


@pytest.fixture
def rendered():
    templates = []

    def record(sender, template, context, **kwargs):
        templates.append(template.name)

    signals.template_rendered.connect(record)
    yield templates
    signals.template_rendered.disconnect(record)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "Too much to send"), ("vi", "Dữ liệu gửi quá lớn")],
)
def test_a_40_mb_application_is_refused_without_reading_it(
    client, wagtail_root, rendered, language, text
):
    from cooperatives.models import Application

    with translation.override(language):
        url = reverse("cooperatives:apply")
    stream = WatchedStream()
    response = client.post(
        url,
        data=b"",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(40 * MB),
        **{"wsgi.input": stream},
    )
    assert response.status_code == 413
    assert stream.calls == 0 and stream.bytes_read == 0
    assert "cooperatives/apply.html" not in rendered  # the view never ran
    assert "413.html" in rendered and "base.html" in rendered  # the site's layout
    page = response.content.decode()
    assert text in page and 'id="main"' in page
    assert not Application.objects.exists()


def test_limits_are_per_path(settings):
    assert limit_for("/vi/cooperatives/apply/") < limit_for("/en/shop/dashboard/catalogue/")
    assert limit_for("/vi/shop/checkout/shipping-address/") == settings.REQUEST_BODY_DEFAULT_LIMIT
    assert limit_for("/vi/shop/checkout/") <= MB
    assert limit_for("/cms-admin/images/multiple/add/") >= 20 * MB


@pytest.mark.django_db
def test_a_dashboard_upload_under_its_limit_is_read(client, wagtail_root):
    """5 MB to the dashboard passes the size check (then the login rule applies)."""
    with translation.override("en"):
        url = reverse("dashboard:index")
    response = client.post(url, {"f": "x" * (5 * MB)})
    assert response.status_code != 413


def test_capped_stream_stops_at_the_limit():
    stream = CappedStream(io.BytesIO(b"a" * 100), limit=10)
    assert stream.read(10) == b"a" * 10
    with pytest.raises(RequestBodyTooLarge):
        stream.read()
