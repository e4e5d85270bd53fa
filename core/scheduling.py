"""Periodic jobs for a site with a task worker.

``SCHEDULED_COMMANDS`` (settings) lists management commands and how often each runs
(cancel_expired_orders, tourism_tick, checkpoint_provenance). ``manage.py run_scheduler``
(one small process: deploy/systemd/samlaichau-scheduler.service, or the Compose file's
``scheduler``) calls ``enqueue_due`` every little while; it enqueues each command whose
period has begun as the task ``run_scheduled_command``, and the task worker runs it.

Each period is claimed in the shared cache (Redis in production) before it is enqueued,
so a second scheduler started by mistake, or a restart, does not run a job twice in one
period. The commands themselves are idempotent, so a period missed while no scheduler
ran is made up by the next one."""

import logging
from io import StringIO

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def run_scheduled_command(name):
    """Run one management command; its output is the task's result."""
    out = StringIO()
    call_command(name, stdout=out)
    logger.info("scheduled command %s: %s", name, out.getvalue().strip()[-200:])
    return out.getvalue()


def enqueue_due(now=None, schedule=None):
    """Enqueue every job whose current period nobody has claimed yet; returns their names."""
    now = now or timezone.now()
    enqueued = []
    for name, every in schedule if schedule is not None else settings.SCHEDULED_COMMANDS:
        if every <= 0:
            continue
        period = int(now.timestamp()) // every
        if cache.add(f"scheduler:{name}:{every}:{period}", now.isoformat(), timeout=every * 2):
            run_scheduled_command.enqueue(name)
            enqueued.append(name)
    return enqueued
