"""Account enumeration: registration answers alike for known and unknown e-mail
addresses (new accounts activate by an e-mailed link, known ones get a reminder), and
a sign-in attempt hashes the password the same number of times whether or not the
account exists."""

import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

User = get_user_model()
PASSWORD = "Nui-rung-Phong-Tho-2026"


class CountingHasher(MD5PasswordHasher):
    """Django's MD5 hasher (the test settings' one), counting every hash it computes."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.core.test_accounts.CountingHasher"]
    CountingHasher.calls = 0
    return CountingHasher


def hashes_for(counter, **credentials):
    counter.calls = 0
    assert authenticate(None, **credentials) is None
    return counter.calls


@pytest.mark.django_db
def test_a_wrong_password_costs_the_same_for_known_and_unknown_accounts(counting_hasher):
    UserFactory(email="known@example.com", username="known")
    counting_hasher.calls = 0
    known_email = hashes_for(counting_hasher, username="known@example.com", password="wrong")
    unknown_email = hashes_for(counting_hasher, username="nobody@example.com", password="wrong")
    known_name = hashes_for(counting_hasher, username="known", password="wrong")
    unknown_name = hashes_for(counting_hasher, username="nobody", password="wrong")
    assert known_email == unknown_email == known_name == unknown_name == 1


@pytest.mark.django_db
def test_sign_in_by_email_any_case_or_username(client):
    user = UserFactory(email="Mai@Example.com", username="mai")
    user.set_password(PASSWORD)
    user.save()
    assert authenticate(None, username="mai@example.com", password=PASSWORD) == user
    assert authenticate(None, username="mai", password=PASSWORD) == user
    assert authenticate(None, username="mai@example.com", password="wrong") is None
    user.is_active = False
    user.save()
    assert authenticate(None, username="mai@example.com", password=PASSWORD) is None


def register(client, email, path="customer:register", language="en"):
    with translation.override(language):
        url = reverse(path)
    if path == "customer:login":
        data = {
            "registration_submit": "1",
            "registration-email": email,
            "registration-password1": PASSWORD,
            "registration-password2": PASSWORD,
        }
    else:
        data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    return client.post(url, data, follow=True)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["customer:register", "customer:login"])
def test_registration_answers_alike_for_known_and_unknown_addresses(
    client, wagtail_root, mailoutbox, django_capture_on_commit_callbacks, path
):
    UserFactory(email="known@example.com", username="known")
    with django_capture_on_commit_callbacks(execute=True):
        known = register(client, "Known@Example.com", path)
    with django_capture_on_commit_callbacks(execute=True):
        unknown = register(client, "new@example.com", path)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    known_html, unknown_html = known.content.decode(), unknown.content.decode()
    assert "already exists" not in known_html
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert strip.sub("", known_html) == strip.sub("", unknown_html)
    assert not known.wsgi_request.user.is_authenticated
    assert User.objects.filter(email__iexact="known@example.com").count() == 1
    new = User.objects.get(email="new@example.com")
    assert not new.is_active
    # The existing owner is told, and given a password-reset link; the new address gets
    # an activation link. Both are absolute links on SITE_URL.
    assert [m.to for m in mailoutbox] == [["known@example.com"], ["new@example.com"]]
    assert "/en/shop/password-reset/confirm/" in mailoutbox[0].body
    assert "http://127.0.0.1:8000/en/shop/accounts/activate/" in mailoutbox[1].body


@pytest.mark.django_db
def test_the_activation_link_activates_once(
    client, wagtail_root, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(client, "new@example.com")
    link = re.search(r"https?://\S+/activate/\S+/", mailoutbox[0].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert authenticate(None, username="new@example.com", password=PASSWORD) is None
    response = client.get(path)
    assert response.status_code == 302
    assert User.objects.get(email="new@example.com").is_active
    assert authenticate(None, username="new@example.com", password=PASSWORD) is not None
    assert client.get(path).status_code == 400


@pytest.mark.django_db
def test_registration_email_in_vietnamese(
    client, wagtail_root, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.com", username="known")
    with django_capture_on_commit_callbacks(execute=True):
        register(client, "known@example.com", language="vi")
        register(client, "moi@example.com", language="vi")
    assert "/vi/shop/password-reset/confirm/" in mailoutbox[0].body
    assert "đã có tài khoản" in mailoutbox[0].subject
    assert "/vi/shop/accounts/activate/" in mailoutbox[1].body
    assert "Kích hoạt" in mailoutbox[1].subject


@pytest.mark.django_db
@pytest.mark.parametrize("option", ["anonymous", "new"])
def test_checkout_gateway_does_not_tell_which_addresses_have_accounts(client, wagtail_root, option):
    from tests.factories import ProductFactory

    UserFactory(email="known@example.com", username="known")
    product = ProductFactory(stock=4, stock__price=800_000)
    client.post(f"/en/shop/basket/add/{product.pk}/", {"quantity": 1})
    answers = []
    for email in ["known@example.com", "nobody@example.com"]:
        response = client.post("/en/shop/checkout/", {"username": email, "options": option})
        assert response.status_code == 302
        answers.append(response["Location"].replace("known", "X").replace("nobody", "X"))
    assert answers[0] == answers[1]
