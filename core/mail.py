"""The one door for e-mail: every message the site sends is built from primary keys by
a function of the app that owns it (``builder(*args)`` → an EmailMessage, or None for
nothing to send) and sent by the task ``send_email`` (django_tasks: inline in
development and tests, the database queue and ``manage.py db_worker`` in production).

``send_on_commit`` enqueues once the transaction that changed the data has committed:
a rolled-back change sends nothing, and a mail server that fails makes the task fail
(logged, and recorded by the task backend), never the committed request::

    from core import mail

    mail.send_on_commit(approved_email, application.pk, user.pk)

Arguments must be JSON values (pks, strings), as for any task."""

import logging
from functools import partial

from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks import task

logger = logging.getLogger(__name__)


def _path(builder):
    return builder if isinstance(builder, str) else f"{builder.__module__}.{builder.__qualname__}"


@task()
def send_email(builder, args):
    message = import_string(builder)(*args)
    if message is None:
        return 0
    try:
        return message.send()
    except Exception:
        logger.warning("could not send the e-mail of %s%s", builder, tuple(args))
        raise  # the task fails: its backend records it


def send_later(builder, *args):
    """Enqueue now (outside a transaction, e.g. an admin's "send again")."""
    return send_email.enqueue(_path(builder), list(args))


def send_on_commit(builder, *args):
    """Enqueue once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(send_later, builder, *args), robust=True)
