"""Approval e-mails go through the e-mail task once the approval has committed: a mail
server that fails never turns the committed approval into an error page."""

import logging

import pytest
from django.urls import reverse

from cooperatives.models import Application
from provenance.models import Cooperative
from tests.cooperatives.test_applications import submitted

FAILING = "tests.mail_backends.FailingEmailBackend"


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_does_not_undo_or_fail_an_approval(
    client, admin_user, settings, mailoutbox, caplog
):
    settings.EMAIL_BACKEND = FAILING
    application = submitted()
    client.force_login(admin_user)
    with caplog.at_level(logging.WARNING, logger="core.mail"):
        response = client.post(
            reverse("admin:cooperatives_application_changelist"),
            {"action": "approve", "_selected_action": [application.pk]},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert Cooperative.objects.get(tax_code=application.tax_code).partner.users.exists()
    assert mailoutbox == []
    assert "cooperatives.services.approved_email" in caplog.text


@pytest.mark.django_db
def test_the_approval_email_is_a_task_enqueued_after_the_commit(
    admin_user, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from cooperatives import services

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    application = submitted()
    with django_capture_on_commit_callbacks() as callbacks:
        services.approve_application(application, reviewer=admin_user)
    assert default_task_backend.results == []  # nothing before the commit
    for callback in callbacks:
        callback()
    queued = [r for r in default_task_backend.results if r.task.name == "send_email"]
    assert [r.args[0] for r in queued] == ["cooperatives.services.approved_email"]
    assert mailoutbox == []  # the worker sends it, not the request
    from core.mail import send_email

    send_email.call(*queued[0].args)
    assert mailoutbox[0].to == [application.contact_email]
