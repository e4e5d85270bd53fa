"""The Django admin carries the site's name, and every app and model in its list reads
in the staff's language (core/admin_site.py)."""

import pytest

from tests.core.language_check import other_language_strings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, header", [("vi", "Quản trị Sâm Lai Châu"), ("en", "Sâm Lai Châu: administration")]
)
def test_admin_index_is_named_for_the_site_and_in_one_language(admin_client, language, header):
    admin_client.cookies["django_language"] = language
    page = admin_client.get("/django-admin/").content.decode()
    assert f">{header}<" in page
    assert "Django" not in page
    assert other_language_strings(page, language, names=["Wagtail", "Oscar"]) == []


def test_untranslated_app_and_model_names_have_ours(admin_client):
    admin_client.cookies["django_language"] = "vi"
    page = admin_client.get("/django-admin/").content.decode()
    for name in ("Trang tĩnh", "Tác vụ nền", "Kết quả tác vụ", "Ảnh (Wagtail)", "Lượt đăng nhập"):
        assert name in page
    for english in ("Flat Pages", "Task Results", "Wagtail images", "mong muốns", "Axes"):
        assert english not in page


def test_changelist_checkboxes_and_app_page_in_vietnamese(admin_client):
    admin_client.cookies["django_language"] = "vi"
    listing = admin_client.get("/django-admin/order/order/").content.decode()
    assert "Select this object" not in listing and "Select all objects" not in listing
    assert other_language_strings(listing, "vi", names=["Wagtail", "Oscar"]) == []
    app = admin_client.get("/django-admin/flatpages/").content.decode()
    assert "Các mục trong ứng dụng Trang tĩnh" in app
