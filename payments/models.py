"""What payments records: each payment asked for, every change of its status, and every
event a provider (Stripe, the bank's statement, a member of staff) told us about, once.

Payments knows nothing of what is paid for: a ``purpose`` (``"order"``, ``"booking"``)
and a ``reference`` (the order number) are all it keeps of the other side.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    VIETQR = "vietqr", _("Bank transfer (VietQR)")
    COD = "cod", _("Cash on delivery")
    CARD = "card", _("Card (Stripe)")
    INTL_TRANSFER = "intl_transfer", _("International bank transfer (SWIFT)")


class Status(models.TextChoices):
    PENDING = "pending", _("Awaiting payment")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")
    FAILED = "failed", _("Failed")


class Payment(models.Model):
    purpose = models.CharField(_("purpose"), max_length=32, db_index=True)
    reference = models.CharField(_("reference"), max_length=64, db_index=True)
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    amount = models.BigIntegerField(_("amount"), help_text=_("Whole units (dong for VND)."))
    currency = models.CharField(_("currency"), max_length=3, default="VND")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    provider_id = models.CharField(
        _("provider's id"),
        max_length=255,
        blank=True,
        db_index=True,
        help_text=_("Stripe Checkout Session id, or the bank transaction id."),
    )
    provider_payment_id = models.CharField(_("provider's payment id"), max_length=255, blank=True)
    checkout_url = models.URLField(_("checkout address"), max_length=1000, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    needs_attention = models.BooleanField(
        _("needs staff attention"),
        default=False,
        help_text=_("For example money received for something already cancelled."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["purpose", "reference"])]

    def __str__(self):
        return f"{self.get_method_display()} {self.reference} {self.amount} {self.currency}"

    @property
    def is_pending(self):
        return self.status == Status.PENDING


class ProviderEvent(models.Model):
    """One message from a provider, kept once by its id: a replay finds it and does nothing."""

    provider = models.CharField(_("provider"), max_length=16)
    event_id = models.CharField(_("event id"), max_length=255)
    type = models.CharField(_("type"), max_length=64)
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    provider_created = models.DateTimeField(_("created at the provider"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    amount = models.BigIntegerField(_("amount"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    outcome = models.CharField(_("outcome"), max_length=255, blank=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)

    class Meta:
        verbose_name = _("provider event")
        verbose_name_plural = _("provider events")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "event_id"], name="payments_event_once_per_provider"
            )
        ]

    def __str__(self):
        return f"{self.provider} {self.type} {self.event_id}"


class StatusChange(models.Model):
    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="history")
    old_status = models.CharField(_("from"), max_length=16, blank=True)
    new_status = models.CharField(_("to"), max_length=16)
    note = models.CharField(_("note"), max_length=255, blank=True)
    event = models.ForeignKey(
        ProviderEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment status change")
        verbose_name_plural = _("payment status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.old_status} → {self.new_status}"


class DisplayCurrency(models.TextChoices):
    USD = "USD", "USD"
    EUR = "EUR", "EUR"
    CNY = "CNY", "CNY"
    KRW = "KRW", "KRW"
    JPY = "JPY", "JPY"


class ExchangeRate(models.Model):
    """Staff keep these by hand; prices in other currencies are shown as estimates only."""

    currency = models.CharField(
        _("currency"), max_length=3, choices=DisplayCurrency.choices, unique=True
    )
    vnd_per_unit = models.DecimalField(
        _("dong per unit"),
        max_digits=14,
        decimal_places=4,
        help_text=_("How many dong one unit of this currency buys, e.g. 25400 for USD."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency"]

    def __str__(self):
        return f"1 {self.currency} = {self.vnd_per_unit} VND"


class StatementImport(models.Model):
    """One bank statement uploaded by staff, imported by a task (payments.tasks) that
    records its progress here, and what became of every line."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    file_name = models.CharField(_("file"), max_length=255, blank=True)
    content = models.TextField(_("content"), help_text=_("The statement as uploaded."))
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default="queued")
    rows_total = models.PositiveIntegerField(_("lines"), default=0)
    rows_done = models.PositiveIntegerField(_("lines done"), default=0)
    matched = models.PositiveIntegerField(_("matched"), default=0)
    to_check = models.PositiveIntegerField(_("need checking"), default=0)
    unmatched = models.PositiveIntegerField(_("no reference found"), default=0)
    already_imported = models.PositiveIntegerField(_("imported before"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)
    results = models.JSONField(_("results"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bank statement import")
        verbose_name_plural = _("bank statement imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name or self.pk} ({self.rows_done}/{self.rows_total})"

    @property
    def finished(self):
        return self.state in (self.State.DONE, self.State.FAILED)
