"""Joining: apply ("Sell with us"), staff approve (partner, cooperative, profile,
dashboard user, set-password e-mail in the applicant's language) or reject (reason
e-mailed); duplicates, registered tax codes and bad uploads are refused clearly."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from cooperatives import services
from cooperatives.models import Application
from provenance.models import Cooperative

PDF = b"%PDF-1.4\n%fake certificate\n"


def apply_url(language="en"):
    with translation.override(language):
        return reverse("cooperatives:apply")


def form_data(**overrides):
    data = {
        "legal_name": "Hợp tác xã Sâm Mường Tè",
        "kind": "cooperative",
        "tax_code": "6200999888",
        "commune": "Mường Tè",
        "contact_name": "Lò Thị Mai",
        "contact_phone": "0912345678",
        "contact_email": "mai@htx.example",
        "area_codes": "VN-LCPT-0101, VN-LCPT-0102",
        "story": "<p>Chúng tôi trồng sâm</p>",
    }
    data.update(overrides)
    return data


def pdf(name="gacp.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_apply_page_and_submit(client, wagtail_root, language):
    assert client.get(apply_url(language)).status_code == 200
    response = client.post(apply_url(language), {**form_data(), "certificates": [pdf()]})
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.language == language
    assert application.area_codes == ["VN-LCPT-0101", "VN-LCPT-0102"]
    assert application.documents.count() == 1
    assert application.status == "pending"


@pytest.mark.django_db
def test_duplicate_application_is_refused(client, wagtail_root):
    client.post(apply_url(), form_data())
    response = client.post(apply_url(), form_data(contact_email="other@htx.example"))
    assert response.status_code == 200
    assert "already being reviewed" in response.content.decode()
    response = client.post(apply_url(), form_data(tax_code="6200999777"))
    assert "already being reviewed" in response.content.decode()
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_registered_tax_code_is_refused(client, coop_a, wagtail_root):
    response = client.post(apply_url(), form_data(tax_code=coop_a.cooperative.tax_code))
    assert "already sells here" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "upload,message",
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/octet-stream"), "PDF, PNG"),
        (SimpleUploadedFile("fake.pdf", b"<html>", "application/pdf"), "PDF, PNG"),
        (SimpleUploadedFile("big.pdf", PDF + b"0" * 2048, "application/pdf"), "larger than"),
    ],
)
def test_bad_uploads_are_refused(client, wagtail_root, settings, upload, message):
    settings.COOPERATIVE_UPLOAD_MAX_BYTES = 1024
    response = client.post(apply_url(), {**form_data(), "certificates": [upload]})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_bad_area_code_is_refused(client, wagtail_root):
    response = client.post(apply_url(), form_data(area_codes="nonsense"))
    assert "not a valid growing-area code" in response.content.decode()


def submitted(language="en"):
    data = form_data()
    data["area_codes"] = ["VN-LCPT-0101"]
    return services.submit_application(language=language, **data)


@pytest.mark.django_db
@pytest.mark.parametrize("language,phrase", [("en", "approved"), ("vi", "được duyệt")])
def test_approve_creates_seller_and_sends_set_password_link(
    client,
    admin_user,
    mailoutbox,
    django_capture_on_commit_callbacks,
    wagtail_root,
    language,
    phrase,
):
    application = submitted(language)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(application, reviewer=admin_user)
    application.refresh_from_db()
    assert application.status == "approved"
    cooperative = Cooperative.objects.get(tax_code="6200999888")
    partner = cooperative.partner
    user = partner.users.get()
    assert user.email == "mai@htx.example"
    assert user.has_perm("partner.dashboard_access") and not user.is_staff
    assert not user.has_usable_password()
    assert cooperative.profile.is_public
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["mai@htx.example"]
    assert phrase in (mail.subject + mail.body)
    link = next(word for word in mail.body.split() if "/password-reset/confirm/" in word)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    assert response.status_code == 200
    form = response.context["form"]
    assert "new_password1" in form.fields
    # Approving twice does nothing more.
    with pytest.raises(services.ApplicationError):
        services.approve_application(application, reviewer=admin_user)


@pytest.mark.django_db
def test_reject_emails_the_reason(admin_user, mailoutbox, django_capture_on_commit_callbacks):
    application = submitted("en")
    with pytest.raises(services.ApplicationError):
        services.reject_application(application, reason="  ", reviewer=admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_application(
            application, reason="The GACP certificate has expired.", reviewer=admin_user
        )
    application.refresh_from_db()
    assert application.status == "rejected"
    assert "The GACP certificate has expired." in mailoutbox[0].body
    assert not Cooperative.objects.filter(tax_code=application.tax_code).exists()
    # Once rejected, the cooperative may apply again.
    assert services.application_blockers(application.tax_code) == []


@pytest.mark.django_db
def test_staff_review_queue_in_admin(client, admin_user, mailoutbox):
    application = submitted("en")
    client.force_login(admin_user)
    changelist = reverse("admin:cooperatives_application_changelist")
    assert client.get(changelist).status_code == 200
    client.post(
        changelist,
        {"action": "approve", "_selected_action": [application.pk]},
    )
    application.refresh_from_db()
    assert application.status == "approved"


@pytest.mark.django_db
@pytest.mark.parametrize("phone", ["09abc-phone", "12345", "+84 1234"])
def test_bad_phone_is_refused(client, wagtail_root, phone):
    response = client.post(apply_url(), form_data(contact_phone=phone))
    assert response.status_code == 200
    assert 'id="id_contact_phone_error"' in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_phone_is_kept_in_international_form(client, wagtail_root):
    client.post(apply_url(), form_data(contact_phone="091 234 5678"))
    assert Application.objects.get().contact_phone == "+84912345678"


@pytest.mark.django_db
def test_apply_form_is_styled(client, wagtail_root):
    html = client.get(apply_url("vi")).content.decode()
    assert 'class="cooperative-application site-form"' in html
    assert "css/pages.css" in html
    assert 'type="tel"' in html
