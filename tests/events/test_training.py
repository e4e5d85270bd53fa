"""Training sessions: registration by cooperative members with the capacity enforced,
attendance recorded only by the host, the cooperative profile's "training attended",
and junk POSTs answered with clear errors."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from cooperatives.models import Profile
from events import services
from events.models import TrainingRegistration, TrainingSession
from tests.events.conftest import in_days
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The services' messages are read in English here (Vietnamese in the page tests)."""
    with translation.override("en"):
        yield


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"events:{name}", kwargs=kwargs)


def started(session):
    TrainingSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timezone.timedelta(hours=1)
    )
    session.refresh_from_db()
    return session


# --------------------------------------------------------------------------- services


def test_members_register_up_to_capacity_then_get_the_full_message(session, coops):
    services.register_for_training(
        session, user=coops["alpha_user"], cooperative=coops["alpha"], names=["A Páo", "Lò Thị Mai"]
    )
    with pytest.raises(services.TrainingFull) as nearly:
        services.register_for_training(
            session, user=coops["bravo_user"], cooperative=coops["bravo"], names=["X", "Y"]
        )
    assert "only 1 seat is left" in " ".join(nearly.value.messages)
    services.register_for_training(
        session, user=coops["bravo_user"], cooperative=coops["bravo"], names=["Vàng A Sử"]
    )
    with pytest.raises(services.TrainingFull) as full:
        services.register_for_training(
            session, user=coops["bravo_user"], cooperative=coops["bravo"], names=["Z"]
        )
    assert "full: all 3 seats are taken" in " ".join(full.value.messages)
    assert session.registrations.count() == 3


def test_the_same_person_twice_is_refused(session, coops):
    args = {"user": coops["alpha_user"], "cooperative": coops["alpha"]}
    with pytest.raises(ValidationError):
        services.register_for_training(session, names=["Lò Mai", " lò  MAI "], **args)
    services.register_for_training(session, names=["Lò Mai"], **args)
    with pytest.raises(ValidationError, match="Already registered"):
        services.register_for_training(session, names=["LÒ MAI"], **args)


def test_non_members_cannot_register_a_cooperative(session, coops):
    outsider = UserFactory(is_staff=False)
    for user in (outsider, coops["bravo_user"]):
        with pytest.raises(PermissionDenied):
            services.register_for_training(
                session, user=user, cooperative=coops["alpha"], names=["Giàng A Lử"]
            )
    assert not session.registrations.exists()


def test_no_registration_for_a_cancelled_or_started_session(session, coops):
    args = {"user": coops["alpha_user"], "cooperative": coops["alpha"], "names": ["A"]}
    TrainingSession.objects.filter(pk=session.pk).update(is_cancelled=True)
    with pytest.raises(ValidationError, match="cancelled"):
        services.register_for_training(session, **args)
    TrainingSession.objects.filter(pk=session.pk).update(is_cancelled=False)
    with pytest.raises(ValidationError, match="started"):
        services.register_for_training(started(session), **args)


def test_attendance_only_by_the_host(session, coops):
    (registration,) = services.register_for_training(
        session, user=coops["alpha_user"], cooperative=coops["alpha"], names=["A Páo"]
    )
    session = started(session)
    for user in (coops["alpha_user"], coops["bravo_user"], UserFactory(is_staff=False)):
        with pytest.raises(PermissionDenied):
            services.record_attendance(session, user=user, attended={registration.pk: True})
    services.record_attendance(session, user=coops["host_user"], attended={registration.pk: True})
    registration.refresh_from_db()
    assert registration.attended is True
    assert registration.attendance_recorded_by == coops["host_user"]
    staff = UserFactory(is_staff=True)
    services.record_attendance(session, user=staff, attended={registration.pk: False})
    registration.refresh_from_db()
    assert registration.attended is False


def test_a_session_hosted_by_staff_takes_attendance_from_staff_only(session, coops):
    TrainingSession.objects.filter(pk=session.pk).update(host_cooperative=None)
    session.refresh_from_db()
    assert not services.may_record_attendance(coops["host_user"], session)
    assert services.may_record_attendance(UserFactory(is_staff=True), session)


def test_attendance_for_another_sessions_registration_is_refused(session, coops):
    other = TrainingSession.objects.create(
        title_vi="Thu hoạch",
        topic="harvesting",
        starts_at=in_days(6),
        ends_at=in_days(6, 16),
        place="Mồ Sì San",
        capacity=5,
        host_cooperative=coops["host"],
    )
    (foreign,) = services.register_for_training(
        other, user=coops["alpha_user"], cooperative=coops["alpha"], names=["A"]
    )
    with pytest.raises(ValidationError):
        services.record_attendance(
            started(session), user=coops["host_user"], attended={foreign.pk: True}
        )
    with pytest.raises(ValidationError):
        services.record_attendance(session, user=coops["host_user"], attended={"x": True})


def test_attendance_waits_for_the_session_to_start(session, coops):
    with pytest.raises(ValidationError, match="started"):
        services.record_attendance(session, user=coops["host_user"], attended={})


# --------------------------------------------------------------------------- pages


def test_member_registers_on_the_page(client, session, coops):
    client.force_login(coops["alpha_user"])
    response = client.post(
        url("training-detail", pk=session.pk),
        {"cooperative": coops["alpha"].pk, "myself": "on", "names": "Lò Thị Mai\n\n"},
    )
    assert response.status_code == 302
    names = set(session.registrations.values_list("attendee_name", flat=True))
    assert "Lò Thị Mai" in names and len(names) == 2
    page = client.get(url("training-detail", pk=session.pk)).content.decode()
    assert "Lò Thị Mai" in page
    assert "1 of 3 seats left" in page


@pytest.mark.parametrize(
    "language,words",
    [("en", "This training session is full"), ("vi", "Buổi tập huấn này đã đủ người")],
)
def test_full_session_answers_409_with_the_message(client, session, coops, language, words):
    services.register_for_training(
        session, user=coops["bravo_user"], cooperative=coops["bravo"], names=["A", "B", "C"]
    )
    client.force_login(coops["alpha_user"])
    response = client.post(
        url("training-detail", language, pk=session.pk),
        {"cooperative": coops["alpha"].pk, "names": "Lò Mai"},
    )
    assert response.status_code == 409
    assert words in response.content.decode()
    assert session.registrations.count() == 3


def test_a_member_cannot_post_another_cooperative(client, session, coops):
    client.force_login(coops["alpha_user"])
    response = client.post(
        url("training-detail", pk=session.pk), {"cooperative": coops["bravo"].pk, "names": "X"}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not session.registrations.exists()


def test_strangers_cannot_register(client, session, coops):
    response = client.post(
        url("training-detail", pk=session.pk), {"cooperative": coops["alpha"].pk, "names": "X"}
    )
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(UserFactory(is_staff=False))
    response = client.post(
        url("training-detail", pk=session.pk), {"cooperative": coops["alpha"].pk, "names": "X"}
    )
    assert response.status_code == 403
    assert not session.registrations.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"cooperative": "abc", "names": "X"},
        {"cooperative": "-1", "names": "X"},
        {"cooperative": "99999999999999999999999", "names": "X"},
        {"cooperative": "{alpha}", "names": ""},
        {"cooperative": "{alpha}", "names": "X" * 500},
        {"cooperative": "{alpha}", "names": "\n".join(f"N{i}" for i in range(80))},
        {"cooperative": "{alpha}", "names": "\x00\x01"},
    ],
)
def test_junk_registration_posts_get_clear_errors(client, session, coops, data):
    data = {k: v.replace("{alpha}", str(coops["alpha"].pk)) for k, v in data.items()}
    client.force_login(coops["alpha_user"])
    response = client.post(url("training-detail", pk=session.pk), data)
    assert response.status_code in (400, 409)
    assert 'role="alert"' in response.content.decode()
    assert not session.registrations.exists()


def test_attendance_page_only_for_the_host(client, session, coops):
    (reg,) = services.register_for_training(
        session, user=coops["alpha_user"], cooperative=coops["alpha"], names=["A Páo"]
    )
    started(session)
    with translation.override("en"):
        target = reverse("dashboard:events-training-attendance", kwargs={"pk": session.pk})
        hosted = reverse("dashboard:events-training")
    for user in (coops["alpha_user"], coops["bravo_user"]):
        client.force_login(user)
        assert client.get(target).status_code == 404
        assert client.post(target, {f"r{reg.pk}": "yes"}).status_code == 404
        assert f'data-session="{session.pk}"' not in client.get(hosted).content.decode()
    reg.refresh_from_db()
    assert reg.attended is None
    client.force_login(coops["host_user"])
    assert f'data-session="{session.pk}"' in client.get(hosted).content.decode()
    assert "A Páo" in client.get(target).content.decode()
    assert client.post(target, {f"r{reg.pk}": "yes"}).status_code == 302
    reg.refresh_from_db()
    assert reg.attended is True
    # Junk values: a clear error, nothing changed.
    response = client.post(target, {f"r{reg.pk}": "maybe'; DROP"})
    assert response.status_code == 400
    assert "not understood" in response.content.decode()
    reg.refresh_from_db()
    assert reg.attended is True
    # Staff reach every session's attendance.
    client.force_login(UserFactory(is_staff=True))
    assert client.post(target, {f"r{reg.pk}": "no"}).status_code == 302
    reg.refresh_from_db()
    assert reg.attended is False


def test_attendance_before_the_start_is_refused_with_a_message(client, session, coops):
    (reg,) = services.register_for_training(
        session, user=coops["alpha_user"], cooperative=coops["alpha"], names=["A Páo"]
    )
    client.force_login(coops["host_user"])
    with translation.override("vi"):
        target = reverse("dashboard:events-training-attendance", kwargs={"pk": session.pk})
    response = client.post(target, {f"r{reg.pk}": "yes"})
    assert response.status_code == 400
    assert "Có thể ghi điểm danh khi buổi tập huấn đã bắt đầu." in response.content.decode()


def test_withdraw_only_own_cooperative(client, session, coops):
    (reg,) = services.register_for_training(
        session, user=coops["alpha_user"], cooperative=coops["alpha"], names=["A Páo"]
    )
    target = url("training-withdraw", pk=session.pk, registration_pk=reg.pk)
    client.force_login(coops["bravo_user"])
    assert client.post(target).status_code == 404
    assert TrainingRegistration.objects.filter(pk=reg.pk).exists()
    client.force_login(coops["alpha_user"])
    assert client.post(target).status_code == 302
    assert not TrainingRegistration.objects.filter(pk=reg.pk).exists()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_profile_shows_training_attended(client, session, coops, wagtail_root, language):
    Profile.objects.create(cooperative=coops["alpha"], slug="htx-alpha", is_public=True)
    regs = services.register_for_training(
        session, user=coops["alpha_user"], cooperative=coops["alpha"], names=["A", "B"]
    )
    with translation.override(language):
        profile_url = reverse("cooperatives:detail", kwargs={"slug": "htx-alpha"})
    html = client.get(profile_url).content.decode()
    assert "cooperative-training" not in html  # registered is not attended
    services.record_attendance(
        started(session), user=coops["host_user"], attended={r.pk: True for r in regs}
    )
    html = client.get(profile_url).content.decode()
    assert "cooperative-training" in html
    title = "GACP practice" if language == "en" else "Thực hành GACP"
    assert title in html
    attended = {"en": "2 members attended", "vi": "2 thành viên đã tham dự"}[language]
    assert attended in html
    # Names of members are not published on the profile.
    assert ">A<" not in html


def test_staff_manage_sessions_in_the_admin(client, session, coops):
    services.register_for_training(
        session, user=coops["alpha_user"], cooperative=coops["alpha"], names=["A Páo"]
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    listing = client.get("/django-admin/events/trainingsession/")
    assert listing.status_code == 200
    assert "Thực hành GACP" in listing.content.decode()
    change = client.get(f"/django-admin/events/trainingsession/{session.pk}/change/")
    assert change.status_code == 200
    assert "A Páo" in change.content.decode()
    assert client.get("/django-admin/events/trainingsession/add/").status_code == 200
    client.force_login(coops["host_user"])
    assert client.get("/django-admin/events/trainingsession/").status_code == 302


def test_a_handout_must_be_a_document(session):
    from django.core.files.base import ContentFile

    from events.models import TrainingDocument

    document = TrainingDocument(
        session=session, title="x", file=ContentFile(b"MZ\x90", name="tool.exe")
    )
    with pytest.raises(ValidationError):
        document.full_clean()
    document.file = ContentFile(b"MZ\x90", name="renamed.pdf")
    with pytest.raises(ValidationError, match="not the kind"):
        document.full_clean()
    document.file = ContentFile(b"%PDF-1.4\n", name="ok.pdf")
    document.full_clean()


# --------------------------------------------------------------------------- e-mail


@pytest.mark.parametrize(
    "language, subject, line",
    [
        ("vi", "Đã đăng ký tập huấn: Thực hành GACP", "giờ Việt Nam"),
        ("en", "Registered for training: GACP practice", "Vietnam time"),
    ],
)
def test_registering_on_the_page_mails_the_member_in_their_language(
    client, session, coops, django_capture_on_commit_callbacks, mailoutbox, language, subject, line
):
    user = coops["alpha_user"]
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("training-detail", language, pk=session.pk),
            {"cooperative": coops["alpha"].pk, "names": "Lò Thị Mai\nVàng A Sử"},
        )
    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.to == [user.email]
    assert message.subject == subject
    assert "Lò Thị Mai" in message.body and "Vàng A Sử" in message.body
    assert line in message.body
    assert f"/{language}/training/{session.pk}/" in message.body


def test_no_mail_when_the_registration_is_refused_or_rolled_back(
    session, coops, django_capture_on_commit_callbacks, mailoutbox
):
    from django.db import transaction

    args = {"user": coops["alpha_user"], "cooperative": coops["alpha"]}
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(services.TrainingFull):
            services.register_for_training(session, names=["A", "B", "C", "D"], **args)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                services.register_for_training(session, names=["A"], **args)
                raise RuntimeError("undo")
        except RuntimeError:
            pass
    assert mailoutbox == []
    assert not session.registrations.exists()
