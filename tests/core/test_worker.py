"""Past one server: a real task worker (django-tasks-db's database queue and its
``db_worker`` process) and the scheduler that enqueues the periodic jobs."""

import datetime
import email
import email.header
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.mail import EmailMessage
from django.db import connection
from django.utils import timezone

from core import mail
from core.scheduling import enqueue_due

ROOT = Path(__file__).resolve().parent.parent.parent
JOBS = ["cancel_expired_orders", "tourism_tick", "checkpoint_provenance"]


def hello_email(address):
    """A message builder for core.mail (what the worker imports and sends)."""
    return EmailMessage("Xin chào từ worker", "Đơn hàng của bạn.", to=[address])


@pytest.mark.django_db
def test_scheduler_runs_each_job_once_a_period():
    from provenance.models import ChainCheckpoint as Checkpoint

    # Periods are aligned to the clock: start just after an hour begins, so that ten
    # minutes later is still the same hour whatever time the test runs.
    now = timezone.now().replace(minute=0, second=1, microsecond=0)
    assert sorted(enqueue_due(now)) == sorted(JOBS)  # run at once (ImmediateBackend)
    assert Checkpoint.objects.count() == 1
    # A second scheduler, or the next check in the same period: nothing again.
    assert enqueue_due(now + datetime.timedelta(seconds=1)) == []
    assert Checkpoint.objects.count() == 1
    # Ten minutes later the ten-minute jobs are due, the hourly checkpoint is not.
    later = enqueue_due(now + datetime.timedelta(minutes=10, seconds=1))
    assert sorted(later) == ["cancel_expired_orders", "tourism_tick"]


@pytest.mark.django_db
def test_run_scheduler_once_enqueues_what_is_due(settings):
    from django.core.management import call_command

    settings.SCHEDULED_COMMANDS = [("tourism_tick", 600)]
    from io import StringIO

    out = StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    assert out.getvalue().strip() == "enqueued tourism_tick"


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_worker_process_sends_mail_and_runs_the_scheduled_jobs(settings, tmp_path):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    mail.send_later(hello_email, "buyer@example.com")
    assert sorted(enqueue_due()) == sorted(JOBS)
    assert DBTaskResult.objects.count() == 4
    assert not DBTaskResult.objects.filter(
        finished_at__isnull=False
    ).exists()  # nothing runs in this process

    mailbox = tmp_path / "mail"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "tests.mail_backends.OutboxFolderBackend",
        "TEST_OUTBOX": str(mailbox),
        "PROVENANCE_SIGNING_KEY": str(tmp_path / "signing-key.pem"),
        "WHOOSH_PATH": str(tmp_path / "whoosh"),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if DBTaskResult.objects.filter(finished_at__isnull=False).count() == 4:
                break
            time.sleep(0.5)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode(errors="replace")

    results = list(DBTaskResult.objects.all())
    assert [r.status for r in results] == ["SUCCESSFUL"] * 4, output
    (sent,) = [email.message_from_bytes(path.read_bytes()) for path in mailbox.iterdir()]
    assert sent["To"] == "buyer@example.com"
    assert str(email.header.make_header(email.header.decode_header(sent["Subject"]))) == (
        "Xin chào từ worker"
    )
    from provenance.models import ChainCheckpoint as Checkpoint

    assert Checkpoint.objects.count() == 1
    assert all(r.worker_ids for r in results)
