"""Wholesale and export enquiries: what a buyer asks for (Enquiry and its lines), the
quotes that answer it (every version kept) and the order an accepted quote becomes.

Money is whole dong (VND); other currencies are estimates stored with the rate and its
date at the moment the quote was sent."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Incoterm(models.TextChoices):
    EXW = "EXW", _("EXW: ex works (you collect at our premises)")
    FOB = "FOB", _("FOB: free on board (port of shipment)")
    CIF = "CIF", _("CIF: cost, insurance and freight (to your port)")
    DDP = "DDP", _("DDP: delivered duty paid (to your door)")


class PaymentTerms(models.TextChoices):
    TT = "tt", _("Bank transfer (T/T)")
    LC = "lc", _("Letter of credit (L/C)")


class Document(models.TextChoices):
    LAB = "lab_certificate", _("Lab certificate")
    GACP = "gacp_certificate", _("GACP certificate")
    ORIGIN = "certificate_of_origin", _("Certificate of origin")
    PHYTO = "phytosanitary", _("Phytosanitary certificate")
    CODES = "area_codes", _("Growing-area and facility codes")
    LABEL = "label_language", _("Label in my language")


class Unit(models.TextChoices):
    KG = "kg", _("kg")
    PACK = "pack", _("packs")
    CARTON = "carton", _("cartons")
    PIECE = "piece", _("pieces")


def new_reference():
    return "RFQ-" + secrets.token_hex(4).upper()


def new_order_number():
    """Digits only: bank statements are matched on <prefix><digits> (payments.statement).
    Ten digits starting with 9 stay clear of the shop's order numbers."""
    return "9" + "".join(secrets.choice("0123456789") for _ in range(9))


class Enquiry(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("Awaiting a quote")
        QUOTED = "quoted", _("Quoted")
        REVISION = "revision", _("Revision asked for")
        ACCEPTED = "accepted", _("Accepted")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(_("reference"), max_length=16, unique=True, default=new_reference)
    company = models.CharField(_("company"), max_length=200)
    country = models.CharField(_("country"), max_length=2)
    contact_name = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    packaging = models.CharField(_("packaging"), max_length=500, blank=True)
    wanted_by = models.DateField(_("wanted by"), null=True, blank=True)
    incoterm = models.CharField(_("Incoterm"), max_length=3, choices=Incoterm.choices)
    payment_terms = models.CharField(_("payment terms"), max_length=2, choices=PaymentTerms.choices)
    documents = models.JSONField(_("documents needed"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="vi")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    #: the random part of the form's signed token: the same form posted twice is one enquiry
    form_nonce = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("wholesale enquiry")
        verbose_name_plural = _("wholesale enquiries")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.reference} {self.company}"

    @property
    def is_domestic(self):
        return self.country.upper() == "VN"

    def document_labels(self):
        labels = dict(Document.choices)
        return [labels.get(code, code) for code in self.documents]


class EnquiryLine(models.Model):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    #: the cooperative that answers for this line (the product's seller)
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="+", verbose_name=_("seller")
    )
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=3,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)

    class Meta:
        verbose_name = _("enquiry line")
        verbose_name_plural = _("enquiry lines")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.product} × {self.quantity} {self.unit}"


class Quote(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        REVISION = "revision", _("Revision asked for")
        SUPERSEDED = "superseded", _("Replaced by a newer version")
        ACCEPTED = "accepted", _("Accepted")

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="quotes")
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    note = models.TextField(_("note to the buyer"), blank=True)
    #: {"USD": "25400.0000", ...}: dong per unit when the quote was sent
    rates = models.JSONField(_("exchange rates"), default=dict, blank=True)
    rates_date = models.DateField(_("rates of"), null=True, blank=True)
    revision_request = models.TextField(_("revision asked for"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["enquiry", "version"]
        constraints = [
            models.UniqueConstraint(fields=["enquiry", "version"], name="trade_quote_version")
        ]

    def __str__(self):
        return f"{self.enquiry.reference} v{self.version}"

    def is_expired(self, today=None):
        today = today or timezone.localdate()
        return self.valid_until is None or self.valid_until < today


class QuoteLine(models.Model):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    enquiry_line = models.ForeignKey(EnquiryLine, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey("partner.Partner", on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=3, validators=[MinValueValidator(0)]
    )
    unit_price = models.BigIntegerField(
        _("price per unit (VND)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    minimum_order = models.DecimalField(
        _("minimum order"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    lot = models.ForeignKey(
        "provenance.Lot",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lot (its document pack is attached)"),
    )

    class Meta:
        verbose_name = _("quote line")
        verbose_name_plural = _("quote lines")
        ordering = ["enquiry_line_id"]
        constraints = [
            models.UniqueConstraint(fields=["quote", "enquiry_line"], name="trade_quote_line_once")
        ]

    def __str__(self):
        return f"{self.quote} {self.enquiry_line}"

    @property
    def amount(self):
        from trade.pricing import line_amount

        return line_amount(self.unit_price, self.quantity)


class TradeOrder(models.Model):
    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    quote = models.OneToOneField(Quote, on_delete=models.PROTECT, related_name="order")
    number = models.CharField(_("order number"), max_length=16, unique=True)
    amount = models.BigIntegerField(_("amount (VND)"))
    method = models.CharField(_("payment method"), max_length=16)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AWAITING_PAYMENT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("wholesale order")
        verbose_name_plural = _("wholesale orders")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.number} ({self.quote})"
