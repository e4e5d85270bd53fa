"""Taking over a cooperative in advance: someone registers a shop account with the
e-mail a cooperative will apply with. Approval must not hand that account the new
cooperative's dashboard; an existing account gets it only when its owner, signed in,
opens the signed, single-use, expiring claim link mailed to the address at approval."""

import re

import pytest
from django.core import signing
from django.urls import reverse

from cooperatives import services
from cooperatives.models import Application
from provenance.models import Cooperative
from tests.cooperatives.test_applications import submitted
from tests.factories import UserFactory

EMAIL = "mai@htx.example"  # the address the application uses


def approve(admin_user, capture, language="en"):
    application = submitted(language)
    with capture(execute=True):
        services.approve_application(application, reviewer=admin_user)
    return Application.objects.get(pk=application.pk)


def claim_link(mail):
    return re.search(r"https?://\S+/cooperatives/claim/\S+/", mail.body).group(0)


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


@pytest.mark.django_db
def test_an_account_registered_in_advance_does_not_get_the_dashboard(
    client, admin_user, mailoutbox, django_capture_on_commit_callbacks, wagtail_root
):
    attacker = UserFactory(email="MAI@htx.example", username="attacker")
    approve(admin_user, django_capture_on_commit_callbacks)
    partner = Cooperative.objects.get(tax_code="6200999888").partner
    attacker.refresh_from_db()
    assert not partner.users.filter(pk=attacker.pk).exists()
    assert not attacker.has_perm("partner.dashboard_access")
    client.force_login(attacker)
    assert client.get(reverse("dashboard:index")).status_code in (302, 403)

    # The link goes to the applicant's mailbox, not to the account holder's screen.
    assert [m.to for m in mailoutbox] == [[EMAIL]]
    # Without it, the attacker cannot make one: a forged token or another salt fails.
    application = Application.objects.get()
    forged = signing.dumps({"a": application.pk, "u": attacker.pk, "e": "mai@htx.example"})
    response = client.post(reverse("cooperatives:claim", kwargs={"token": forged}))
    assert response.status_code == 400
    assert not partner.users.filter(pk=attacker.pk).exists()


@pytest.mark.django_db
def test_the_owner_claims_once_with_the_mailed_link(
    client, admin_user, mailoutbox, django_capture_on_commit_callbacks, wagtail_root
):
    owner = UserFactory(email=EMAIL, username="owner")
    approve(admin_user, django_capture_on_commit_callbacks)
    partner = Cooperative.objects.get(tax_code="6200999888").partner
    link = claim_link(mailoutbox[0])
    assert "/en/cooperatives/claim/" in link
    path = path_of(link)

    # Signed out: the link leads to the sign-in page and back.
    response = client.get(path)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]

    # Another signed-in account holding the link cannot use it.
    someone = UserFactory(email="someone@example.com")
    client.force_login(someone)
    assert client.post(path).status_code == 400
    assert not partner.users.filter(pk=someone.pk).exists()

    client.force_login(owner)
    assert client.get(path).status_code == 200  # a confirmation page; GET changes nothing
    assert not partner.users.filter(pk=owner.pk).exists()
    response = client.post(path)
    assert response.status_code == 302
    owner.refresh_from_db()
    assert partner.users.filter(pk=owner.pk).exists()
    assert owner.has_perm("partner.dashboard_access")
    application = Application.objects.get()
    assert application.claimed_by == owner and application.claimed_at

    # Single use.
    response = client.post(path)
    assert response.status_code == 400
    assert "already been used" in response.content.decode()


@pytest.mark.django_db
def test_an_expired_claim_link_is_refused(
    client, admin_user, mailoutbox, django_capture_on_commit_callbacks, wagtail_root, settings
):
    owner = UserFactory(email=EMAIL, username="owner")
    approve(admin_user, django_capture_on_commit_callbacks)
    path = path_of(claim_link(mailoutbox[0]))
    settings.COOPERATIVE_CLAIM_MAX_AGE_SECONDS = -1
    client.force_login(owner)
    response = client.post(path)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not Cooperative.objects.get(tax_code="6200999888").partner.users.exists()


@pytest.mark.django_db
def test_claim_link_e_mail_is_in_the_applicants_language(
    admin_user, mailoutbox, django_capture_on_commit_callbacks, wagtail_root
):
    UserFactory(email=EMAIL, username="owner")
    approve(admin_user, django_capture_on_commit_callbacks, language="vi")
    body = mailoutbox[0].body
    assert "/vi/cooperatives/claim/" in body
    assert "đã có tài khoản" in body


@pytest.mark.django_db
def test_staff_can_send_the_claim_link_again(
    admin_client, admin_user, mailoutbox, django_capture_on_commit_callbacks, wagtail_root
):
    UserFactory(email=EMAIL, username="owner")
    application = approve(admin_user, django_capture_on_commit_callbacks)
    response = admin_client.post(
        reverse("admin:cooperatives_application_changelist"),
        {"action": "resend_approval", "_selected_action": [application.pk]},
    )
    assert response.status_code == 302
    assert len(mailoutbox) == 2
    assert "/cooperatives/claim/" in mailoutbox[1].body
