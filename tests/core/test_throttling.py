"""No throttling anywhere: 25 wrong passwords, then the right one, signed in on the
shop, the dashboard, /django-admin/ and /cms-admin/. Now 10 failures for one account
from one address lock that pair for 30 minutes, with a translated page in the site
layout; staff unlock in the admin."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory

from core.throttling import client_ip
from tests.factories import UserFactory

PASSWORD = "Nui-rung-Phong-Tho-2026"
EMAIL = "boss@example.com"

LOGINS = {
    "shop": ("/en/shop/accounts/login/", "login-username", "login-password", {"login_submit": "1"}),
    "dashboard": ("/en/shop/dashboard/login/", "username", "password", {}),
    "django-admin": ("/django-admin/login/", "username", "password", {}),
    "cms-admin": ("/cms-admin/login/", "username", "password", {}),
}


@pytest.fixture
def boss(db):
    user = UserFactory(email=EMAIL, username="boss", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def attempt(client, where, password, username=EMAIL, **extra):
    url, user_field, password_field, more = LOGINS[where]
    return client.post(url, {user_field: username, password_field: password, **more}, **extra)


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("where", list(LOGINS))
def test_right_password_after_25_wrong_ones_is_refused(client, boss, wagtail_root, where):
    for _ in range(25):
        attempt(client, where, "wrong-password")
    response = attempt(client, where, PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert not signed_in(client)
    html = response.content.decode()
    assert "Too many sign-in attempts" in html
    assert "30 minutes" in html
    assert 'class="site-footer' in html or "</footer>" in html  # the site layout


@pytest.mark.django_db
@pytest.mark.parametrize("where", list(LOGINS))
def test_a_few_mistakes_still_sign_in(client, boss, wagtail_root, where):
    for _ in range(3):
        attempt(client, where, "wrong-password")
    response = attempt(client, where, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_the_lock_is_per_account_and_address(client, boss, wagtail_root):
    for _ in range(10):
        attempt(client, "shop", "wrong-password", username="BOSS@example.com ")
    assert attempt(client, "shop", PASSWORD).status_code == 429  # any spelling: one account
    # The same account from another address, and another account from this one, go on.
    assert attempt(client, "shop", PASSWORD, REMOTE_ADDR="10.1.2.3").status_code == 302
    client.logout()
    other = UserFactory(email="other@example.com")
    other.set_password(PASSWORD)
    other.save()
    response = attempt(client, "shop", PASSWORD, username="other@example.com")
    assert response.status_code == 302


@pytest.mark.django_db
def test_lockout_page_in_vietnamese(client, boss, wagtail_root):
    for _ in range(11):
        response = client.post(
            "/vi/shop/accounts/login/",
            {"login-username": EMAIL, "login-password": "sai", "login_submit": "1"},
        )
    assert response.status_code == 429
    html = response.content.decode()
    assert 'lang="vi"' in html
    assert "Quá nhiều lần đăng nhập" in html


@pytest.mark.django_db
def test_staff_unlock_in_the_admin(client, admin_client, boss, wagtail_root):
    for _ in range(12):
        attempt(client, "django-admin", "wrong-password")
    assert attempt(client, "django-admin", PASSWORD).status_code == 429
    attempts = AccessAttempt.objects.filter(username=EMAIL)
    assert attempts.exists()
    changelist = "/django-admin/axes/accessattempt/"
    assert admin_client.get(changelist).status_code == 200
    response = admin_client.post(
        changelist,
        {
            "action": "delete_selected",
            "_selected_action": [a.pk for a in attempts],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=EMAIL).exists()
    assert attempt(client, "django-admin", PASSWORD).status_code == 302


def test_client_address_behind_trusted_proxies(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.5"  # no proxy: the header is the client's to invent
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"  # what our proxy saw, not the forged entry
