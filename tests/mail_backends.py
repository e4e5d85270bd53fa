"""E-mail backends for tests."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down: every send raises, as Django's SMTP backend does."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("mail server down (tests.mail_backends)")


class OutboxFolderBackend(BaseEmailBackend):
    """Writes each message to a file in $TEST_OUTBOX (for a worker in another process)."""

    def send_messages(self, email_messages):
        import os
        import uuid
        from pathlib import Path

        folder = Path(os.environ["TEST_OUTBOX"])
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            (folder / f"{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(email_messages)
