"""Registrations staff add in the Django admin go through the service members use: a
full session or a name already registered is a form error, never an extra seat."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.utils import translation

from events import services
from events.admin import RegistrationInlineFormSet
from events.models import TrainingRegistration, TrainingSession
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD = "/django-admin/events/trainingregistration/add/"


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True, is_superuser=True, email="staff@example.com")
    client.force_login(user)
    return user


def fill(session, coops, count):
    names = [f"Người {n}" for n in range(count)]
    services.register_for_training(
        session, user=coops["alpha_user"], cooperative=coops["alpha"], names=names
    )


def add(client, session, cooperative, name):
    return client.post(
        ADD,
        {
            "session": session.pk,
            "cooperative": cooperative.pk,
            "attendee_name": name,
            "attended": "unknown",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_staff_add_a_registration_while_seats_are_left(client, staff, session, coops):
    fill(session, coops, 2)
    response = add(client, session, coops["bravo"], "Vàng A Sử")
    assert response.status_code == 302
    row = session.registrations.get(attendee_name="Vàng A Sử")
    assert row.cooperative == coops["bravo"] and row.registered_by == staff


def test_a_full_session_is_a_form_error(client, staff, session, coops):
    fill(session, coops, 3)
    response = add(client, session, coops["bravo"], "Vàng A Sử")
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    assert session.registrations.count() == 3


def test_a_name_already_registered_is_a_form_error(client, staff, session, coops):
    fill(session, coops, 1)
    response = add(client, session, coops["alpha"], "NGƯỜI 0")
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    assert session.registrations.count() == 1


def inline_formset(session, user, rows, deleted=()):
    model_admin = admin.site._registry[TrainingSession]
    request = RequestFactory().post("/")
    request.user = user
    for formset_class, _inline in model_admin.get_formsets_with_inlines(request, session):
        if issubclass(formset_class, RegistrationInlineFormSet):
            break
    prefix = formset_class.get_default_prefix()
    existing = list(session.registrations.order_by("pk"))
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(existing) + len(rows)),
        f"{prefix}-INITIAL_FORMS": str(len(existing)),
    }
    for index, registration in enumerate(existing):
        data |= {
            f"{prefix}-{index}-id": str(registration.pk),
            f"{prefix}-{index}-session": str(session.pk),
            f"{prefix}-{index}-cooperative": str(registration.cooperative_id),
            f"{prefix}-{index}-attendee_name": registration.attendee_name,
            f"{prefix}-{index}-attended": "unknown",
        }
        if registration.attendee_name in deleted:
            data[f"{prefix}-{index}-DELETE"] = "on"
    for offset, (cooperative, name) in enumerate(rows):
        index = len(existing) + offset
        data |= {
            f"{prefix}-{index}-session": str(session.pk),
            f"{prefix}-{index}-cooperative": str(cooperative.pk),
            f"{prefix}-{index}-attendee_name": name,
            f"{prefix}-{index}-attended": "unknown",
        }
    return model_admin, request, formset_class(data, instance=session, prefix=prefix)


def test_inline_rows_are_counted_together_against_the_capacity(session, coops):
    staff = UserFactory(is_staff=True, is_superuser=True)
    fill(session, coops, 1)
    rows = [(coops["bravo"], "A"), (coops["host"], "B"), (coops["bravo"], "C")]
    with translation.override("en"):
        _admin, _request, formset = inline_formset(session, staff, rows)
        assert not formset.is_valid()
    assert "full: all 3 seats are taken" in " ".join(formset.non_form_errors())
    assert session.registrations.count() == 1


def test_inline_rows_are_saved_through_the_service(session, coops):
    staff = UserFactory(is_staff=True, is_superuser=True)
    fill(session, coops, 2)
    # one seat freed and two taken in the same save: fits a session of three
    rows = [(coops["bravo"], "A"), (coops["host"], "B")]
    model_admin, request, formset = inline_formset(session, staff, rows, deleted=["Người 0"])
    assert formset.is_valid(), (formset.errors, formset.non_form_errors())

    class Form:
        instance = session

    model_admin.save_formset(request, Form, formset, change=True)
    names = sorted(session.registrations.values_list("attendee_name", flat=True))
    assert names == ["A", "B", "Người 1"]
    assert TrainingRegistration.objects.get(attendee_name="A").registered_by == staff
