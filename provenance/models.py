"""Seed sources, growing areas, lots, lab tests and the append-only event chain."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from provenance import gs1
from provenance.validators import (
    validate_ai_value,
    validate_boundary,
    validate_certificate_file,
    validate_growing_area_code,
    validate_gtin,
    validate_tax_code,
)


class Cooperative(models.Model):
    """The legal details of an Oscar partner that grows, processes or sells ginseng."""

    class Kind(models.TextChoices):
        COOPERATIVE = "cooperative", _("Cooperative")
        COMPANY = "company", _("Company")
        HOUSEHOLD = "household", _("Household")

    partner = models.OneToOneField(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="cooperative",
        verbose_name=_("partner"),
    )
    legal_name = models.CharField(_("legal name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.COOPERATIVE
    )
    tax_code = models.CharField(
        _("tax code"), max_length=14, blank=True, validators=[validate_tax_code]
    )
    commune = models.CharField(_("commune"), max_length=100)
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    facility_code = models.CharField(
        _("facility code"),
        max_length=40,
        blank=True,
        help_text=_("Planting or processing facility code, where it has one."),
    )

    class Meta:
        verbose_name = _("cooperative")
        verbose_name_plural = _("cooperatives")
        ordering = ["legal_name"]

    def __str__(self):
        return self.legal_name


class SeedSource(models.Model):
    class Kind(models.TextChoices):
        GENE_COLLECTION = "gene_collection", _("Gene-collection garden")
        FOUNDATION = "foundation", _("Foundation seed garden")
        NURSERY = "nursery", _("Seedling nursery")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    facility_code = models.CharField(_("facility code"), max_length=40, unique=True)
    commune = models.CharField(_("commune"), max_length=100)
    cooperative = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seed_sources",
        verbose_name=_("operator"),
    )
    recognition = models.CharField(
        _("recognition"),
        max_length=255,
        blank=True,
        help_text=_("Decision recognising the source, e.g. its number and issuer."),
    )
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)

    class Meta:
        verbose_name = _("seed source")
        verbose_name_plural = _("seed sources")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.facility_code})"

    @property
    def is_recognised(self):
        return bool(self.recognition and self.recognised_on)


class AreaStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    RECALLED = "recalled", _("Recalled")


class GrowingArea(models.Model):
    class LandType(models.TextChoices):
        FOREST_CANOPY = "forest_canopy", _("Under forest canopy")
        OPEN_LAND = "open_land", _("Open land")

    code = models.CharField(
        _("growing-area code"),
        max_length=40,
        unique=True,
        validators=[validate_growing_area_code],
    )
    name = models.CharField(_("name"), max_length=200)
    commune = models.CharField(_("commune"), max_length=100)
    cooperative = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="growing_areas",
        verbose_name=_("cooperative"),
    )
    hectares = models.DecimalField(
        _("hectares"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    land_type = models.CharField(_("land"), max_length=20, choices=LandType.choices)
    altitude_m = models.PositiveIntegerField(_("altitude (m)"), null=True, blank=True)
    boundary = models.JSONField(
        _("boundary"),
        null=True,
        blank=True,
        validators=[validate_boundary],
        help_text=_("A GeoJSON Polygon: [longitude, latitude] positions."),
    )
    gacp_certificate_number = models.CharField(
        _("GACP-WHO certificate number"), max_length=60, blank=True
    )
    gacp_issuer = models.CharField(_("GACP-WHO certificate issuer"), max_length=200, blank=True)
    gacp_valid_from = models.DateField(_("GACP-WHO valid from"), null=True, blank=True)
    gacp_valid_until = models.DateField(_("GACP-WHO valid until"), null=True, blank=True)
    gacp_certificate = models.FileField(
        _("GACP-WHO certificate file"),
        upload_to="provenance/gacp/",
        blank=True,
        validators=[validate_certificate_file],
    )
    gi_authorisation = models.CharField(
        _("geographical-indication authorisation"), max_length=200, blank=True
    )
    gi_authorised_on = models.DateField(_("GI authorised on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AreaStatus.choices,
        default=AreaStatus.ACTIVE,
        editable=False,
    )
    status_changed_at = models.DateTimeField(
        _("status changed at"), null=True, blank=True, editable=False
    )
    status_reason = models.TextField(_("reason for the status"), blank=True, editable=False)

    class Meta:
        verbose_name = _("growing area")
        verbose_name_plural = _("growing areas")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.name}"

    @property
    def is_active(self):
        return self.status == AreaStatus.ACTIVE

    def gacp_valid_on(self, day=None):
        day = day or timezone.localdate()
        return bool(
            self.gacp_certificate_number
            and self.gacp_valid_from
            and self.gacp_valid_until
            and self.gacp_valid_from <= day <= self.gacp_valid_until
        )


class GrowingAreaStatusChange(models.Model):
    area = models.ForeignKey(
        GrowingArea,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("growing area"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=AreaStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=AreaStatus.choices)
    reason = models.TextField(_("reason"))
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("growing-area status change")
        verbose_name_plural = _("growing-area status changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.area.code}: {self.from_status} → {self.to_status}"


class LotQuerySet(models.QuerySet):
    def packed(self):
        return self.filter(kind=Lot.Kind.PACKED)


class Lot(models.Model):
    """One identity from seedlings to packed goods. Lots are made from lots."""

    class Kind(models.TextChoices):
        SEEDLING = "seedling", _("Seedling lot")
        PLANTING = "planting", _("Planting")
        HARVEST = "harvest", _("Harvest")
        PROCESSED = "processed", _("Processed lot")
        PACKED = "packed", _("Packed product lot")

    class Unit(models.TextChoices):
        KG = "KGM", _("kg")
        PLANT = "H87", _("plants")
        PIECE = "EA", _("pieces")
        LITRE = "LTR", _("litres")

    class Process(models.TextChoices):
        NONE = "", _("None")
        WASHED = "washed", _("Washed and graded (fresh)")
        DRIED = "dried", _("Dried")
        SLICED = "sliced", _("Sliced and dried")
        HONEY = "honey", _("Soaked in honey")
        WINE = "wine", _("Steeped in wine")
        TEA = "tea", _("Made into tea")

    class Form(models.TextChoices):
        FRESH = "fresh", _("Fresh root")
        PROCESSED = "processed", _("Processed product")
        SEEDLINGS = "seedlings", _("Seedlings")

    code = models.CharField(_("internal lot code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    cooperative = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="provenance_lots",
        verbose_name=_("cooperative"),
    )
    seed_source = models.ForeignKey(
        SeedSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lots",
        verbose_name=_("seed source"),
    )
    growing_area = models.ForeignKey(
        GrowingArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lots",
        verbose_name=_("growing area"),
    )
    produced_on = models.DateField(_("date"), default=timezone.localdate)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    unit = models.CharField(_("unit"), max_length=3, choices=Unit.choices, default=Unit.KG)
    area_ha = models.DecimalField(
        _("hectares planted or harvested"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    process = models.CharField(
        _("process"), max_length=20, choices=Process.choices, blank=True, default=""
    )
    notes = models.TextField(_("notes"), blank=True)
    # Packed lots only
    product_form = models.CharField(
        _("product form"), max_length=20, choices=Form.choices, blank=True
    )
    gtin = models.CharField(_("GTIN"), max_length=14, blank=True, validators=[validate_gtin])
    lot_number = models.CharField(
        _("lot number (AI 10)"), max_length=20, blank=True, validators=[validate_ai_value]
    )
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="provenance_lots",
        verbose_name=_("product"),
    )
    stockrecord = models.ForeignKey(
        "partner.StockRecord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="provenance_lots",
        verbose_name=_("stock record"),
    )
    best_before = models.DateField(_("best before"), null=True, blank=True)
    released = models.BooleanField(_("released for sale"), default=False)
    # Kept up to date by provenance.services; read by the shop without extra queries.
    ancestor_ids = models.JSONField(default=list, blank=True, editable=False)
    is_sellable = models.BooleanField(default=False, editable=False)
    sale_blockers = models.JSONField(default=list, blank=True, editable=False)
    summary = models.JSONField(default=dict, blank=True, editable=False)
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LotQuerySet.as_manager()

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["-pk"]
        constraints = [
            # a lot number is unique per GTIN and owner (the owner holds the GTIN's
            # company prefix: provenance.services.lots.check_gtin_owner)
            models.UniqueConstraint(
                fields=["gtin", "lot_number", "cooperative"],
                condition=~models.Q(gtin=""),
                name="provenance_unique_gtin_lot_owner",
            )
        ]

    def __str__(self):
        if self.gtin:
            return f"{self.code} (01){self.gtin}(10){self.lot_number}"
        return f"{self.code} – {self.get_kind_display()}"

    @property
    def is_packed(self):
        return self.kind == self.Kind.PACKED

    @property
    def gtin14(self):
        return self.gtin.zfill(14) if self.gtin else ""

    def digital_link(self, serial=None):
        return gs1.make_link(self.gtin14, self.lot_number, serial)

    def digital_link_uri(self, serial=None):
        return self.digital_link(serial).uri(settings.SITE_URL)

    def get_trace_url(self, serial=None):
        from django.urls import reverse

        kwargs = {"gtin": self.gtin14, "lot": self.lot_number}
        if serial:
            kwargs["serial"] = serial
            return reverse("provenance:trace-serial", kwargs=kwargs)
        return reverse("provenance:trace", kwargs=kwargs)


class LotInput(models.Model):
    """How much of one lot went into another."""

    lot = models.ForeignKey(
        Lot, on_delete=models.CASCADE, related_name="inputs", verbose_name=_("lot")
    )
    source = models.ForeignKey(
        Lot, on_delete=models.PROTECT, related_name="uses", verbose_name=_("input lot")
    )
    quantity = models.DecimalField(
        _("quantity used"),
        max_digits=12,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001"))],
    )

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        constraints = [
            models.UniqueConstraint(fields=["lot", "source"], name="provenance_unique_input")
        ]

    def __str__(self):
        return f"{self.source.code} → {self.lot.code} ({self.quantity})"


class UnitSerial(models.Model):
    lot = models.ForeignKey(
        Lot, on_delete=models.CASCADE, related_name="serials", verbose_name=_("lot")
    )
    serial = models.CharField(_("serial (AI 21)"), max_length=20, validators=[validate_ai_value])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unit serial")
        verbose_name_plural = _("unit serials")
        ordering = ["serial"]
        constraints = [
            models.UniqueConstraint(fields=["lot", "serial"], name="provenance_unique_serial")
        ]

    def __str__(self):
        return self.serial


class Lab(models.Model):
    class Accreditation(models.TextChoices):
        GLP = "glp", _("GLP")
        ISO17025 = "iso17025", _("ISO/IEC 17025")
        BOTH = "both", _("GLP and ISO/IEC 17025")
        NONE = "none", _("Not accredited")

    name = models.CharField(_("name"), max_length=200)
    accreditation = models.CharField(
        _("accreditation"), max_length=20, choices=Accreditation.choices
    )
    accreditation_number = models.CharField(_("accreditation number"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("laboratory")
        verbose_name_plural = _("laboratories")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_accredited(self):
        return self.accreditation != self.Accreditation.NONE


class LabTest(models.Model):
    lab = models.ForeignKey(
        Lab, on_delete=models.PROTECT, related_name="tests", verbose_name=_("laboratory")
    )
    lot = models.ForeignKey(
        Lot, on_delete=models.PROTECT, related_name="lab_tests", verbose_name=_("lot sampled")
    )
    certificate_number = models.CharField(_("certificate number"), max_length=60)
    sampled_on = models.DateField(_("sampled on"))
    tested_on = models.DateField(_("tested on"))
    certificate = models.FileField(
        _("certificate file"),
        upload_to="provenance/lab/",
        blank=True,
        validators=[validate_certificate_file],
    )
    passed = models.BooleanField(_("passed"), default=False, editable=False)
    # Worked out by provenance.services.labs against the lab's own limits (LabLimit):
    # without a certificate file, an accredited lab or a limit for every result, a test
    # awaits review and its lot cannot be sold.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=[
            ("awaiting_review", _("Awaiting review")),
            ("passed", _("Passed")),
            ("failed", _("Failed")),
        ],
        default="awaiting_review",
        editable=False,
    )
    review_reasons = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("lab test")
        verbose_name_plural = _("lab tests")
        ordering = ["-tested_on", "-pk"]

    def __str__(self):
        return f"{self.certificate_number} ({self.lab})"


class LabResult(models.Model):
    class Category(models.TextChoices):
        ACTIVE = "active", _("Active ingredient")
        HEAVY_METAL = "heavy_metal", _("Heavy metal")
        PESTICIDE = "pesticide", _("Pesticide residue")
        MICROBIAL = "microbial", _("Microbiology")
        OTHER = "other", _("Other")

    class LimitKind(models.TextChoices):
        MAX = "max", _("at most")
        MIN = "min", _("at least")

    test = models.ForeignKey(
        LabTest, on_delete=models.CASCADE, related_name="results", verbose_name=_("lab test")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    analyte = models.CharField(_("analyte"), max_length=100)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=20)
    # The lab's limit (copied from LabLimit when the test is judged), never the seller's.
    limit = models.DecimalField(
        _("limit"), max_digits=12, decimal_places=4, null=True, blank=True, editable=False
    )
    limit_kind = models.CharField(
        _("limit kind"),
        max_length=3,
        choices=LimitKind.choices,
        default=LimitKind.MAX,
        editable=False,
    )
    passed = models.BooleanField(_("pass"), null=True, default=None, editable=False)

    class Meta:
        verbose_name = _("lab result")
        verbose_name_plural = _("lab results")
        ordering = ["category", "analyte"]

    def __str__(self):
        return f"{self.analyte}: {self.value} {self.unit}"


# ---------------------------------------------------------------- the event chain


class ImmutableEventError(Exception):
    """Provenance events are append-only: a correction is a new event."""


class _AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableEventError("provenance events cannot be updated; record a correction")

    def delete(self):
        raise ImmutableEventError("provenance events cannot be deleted; record a correction")

    def bulk_update(self, objs, fields, batch_size=None):
        raise ImmutableEventError("provenance events cannot be updated; record a correction")

    def bulk_create(self, objs, *args, **kwargs):
        raise ImmutableEventError("record events through provenance.services.append_event")

    def update_or_create(self, *args, **kwargs):
        raise ImmutableEventError("provenance events cannot be updated; record a correction")

    # Model.save() on an existing row goes through _update.
    _update = update


class ProvenanceEventQuerySet(_AppendOnlyQuerySet):
    def for_lots(self, lot_ids):
        """Events that made or observed these lots (not later uses of them as inputs,
        which belong to other lots' stories)."""
        return self.filter(lots__lot_id__in=lot_ids, lots__role__in=["output", "object"]).distinct()


class ProvenanceEvent(models.Model):
    """One EPCIS-shaped event; its hash covers its content and the previous hash."""

    class Type(models.TextChoices):
        OBJECT = "ObjectEvent", _("Object event")
        TRANSFORMATION = "TransformationEvent", _("Transformation event")

    class Step(models.TextChoices):
        COMMISSIONING = "commissioning", _("Commissioning")
        TRANSFORMING = "transforming", _("Transforming")
        INSPECTING = "inspecting", _("Inspecting")
        PACKING = "packing", _("Packing")
        SHIPPING = "shipping", _("Shipping")

    chain = models.CharField(_("chain"), max_length=64, editable=False)
    sequence = models.PositiveIntegerField(_("sequence"), editable=False)
    event_type = models.CharField(_("type"), max_length=30, choices=Type.choices, editable=False)
    biz_step = models.CharField(
        _("business step"), max_length=20, choices=Step.choices, editable=False
    )
    event_time = models.DateTimeField(_("event time"), editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    recorded_by = models.CharField(_("recorded by"), max_length=150, blank=True, editable=False)
    growing_area = models.ForeignKey(
        GrowingArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        editable=False,
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        editable=False,
    )
    content = models.JSONField(_("content"), editable=False)
    previous_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)

    objects = ProvenanceEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("provenance event")
        verbose_name_plural = _("provenance events")
        ordering = ["chain", "sequence"]
        base_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(
                fields=["chain", "sequence"], name="provenance_unique_chain_seq"
            )
        ]

    def __str__(self):
        return f"{self.chain}#{self.sequence} {self.biz_step}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableEventError("provenance events cannot be updated; record a correction")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableEventError("provenance events cannot be deleted; record a correction")

    @property
    def step_label(self):
        return self.content.get("step", self.biz_step)


class EventLot(models.Model):
    """Index of which lots an event is about (rebuilt from, and checked against, content)."""

    class Role(models.TextChoices):
        INPUT = "input", _("input")
        OUTPUT = "output", _("output")
        OBJECT = "object", _("object")

    event = models.ForeignKey(ProvenanceEvent, on_delete=models.PROTECT, related_name="lots")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="event_links")
    role = models.CharField(max_length=10, choices=Role.choices)

    objects = _AppendOnlyQuerySet.as_manager()

    class Meta:
        base_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "lot", "role"], name="provenance_unique_event_lot"
            )
        ]

    def __str__(self):
        return f"{self.event_id}:{self.lot_id}:{self.role}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableEventError("event links cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableEventError("event links cannot be deleted")


class ChainCheckpoint(models.Model):
    """The head (sequence and hash) of every chain at one moment, signed with a key that
    is not in the database (Ed25519). Published, so outside parties can keep copies: a
    chain cut short or re-sealed after a checkpoint no longer matches it."""

    created_at = models.DateTimeField(_("created at"), editable=False)
    heads = models.JSONField(_("chain heads"), editable=False)
    previous_digest = models.CharField(_("previous checkpoint"), max_length=64, editable=False)
    payload = models.TextField(_("signed text"), editable=False)
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    signature = models.CharField(_("signature"), max_length=128, editable=False)
    key_id = models.CharField(_("key"), max_length=64, editable=False)

    objects = _AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("chain checkpoint")
        verbose_name_plural = _("chain checkpoints")
        ordering = ["-pk"]
        base_manager_name = "objects"

    def __str__(self):
        return f"#{self.pk} {self.created_at:%Y-%m-%d %H:%M} {self.digest[:12]}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableEventError("checkpoints cannot be updated")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableEventError("checkpoints cannot be deleted")


# ---------------------------------------------------------------- scans


class ScanRecord(models.Model):
    class Result(models.TextChoices):
        GENUINE = "genuine", _("Known serial")
        UNKNOWN_SERIAL = "unknown_serial", _("Unknown serial")
        RECALLED = "recalled", _("Lot withdrawn or recalled")
        UNRELEASED = "unreleased", _("Lot never released")
        OVERSCANNED = "overscanned", _("Scanned many times")

    scanned_at = models.DateTimeField(_("scanned at"), default=timezone.now, db_index=True)
    lot = models.ForeignKey(
        Lot, on_delete=models.SET_NULL, null=True, blank=True, related_name="scans"
    )
    serial = models.ForeignKey(
        UnitSerial, on_delete=models.SET_NULL, null=True, blank=True, related_name="scans"
    )
    gtin = models.CharField(_("GTIN"), max_length=14)
    lot_number = models.CharField(_("lot number"), max_length=20)
    serial_text = models.CharField(_("serial"), max_length=40)
    # A keyed hash of the random id in the signed first-party ``slc_scan`` cookie (see
    # provenance/scans.py): tells devices apart, names no one. Empty: not counted.
    device = models.CharField(_("device"), max_length=32, blank=True, default="")
    user_agent_family = models.CharField(_("browser"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["-scanned_at", "-pk"]
        indexes = [models.Index(fields=["gtin", "lot_number", "serial_text"])]

    def __str__(self):
        return (
            f"{self.gtin}/{self.lot_number}/{self.serial_text} @ {self.scanned_at:%Y-%m-%d %H:%M}"
        )


# ---------------------------------------------------------------- scan signals (provseller)


class UnknownCodeTally(models.Model):
    """Scans of codes we never issued, counted per day and code prefix: one row however
    many requests (a flood of made-up serials must not write a row each)."""

    class Reason(models.TextChoices):
        UNKNOWN_SERIAL = "unknown_serial", _("Unknown serial of a known lot")
        UNKNOWN_LOT = "unknown_lot", _("Unknown lot of a known GTIN")
        UNKNOWN_GTIN = "unknown_gtin", _("GTIN not ours")

    day = models.DateField(_("day"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    gtin = models.CharField(_("GTIN"), max_length=14, blank=True)
    lot_number = models.CharField(_("lot number"), max_length=20, blank=True)
    lot = models.ForeignKey(
        Lot, on_delete=models.SET_NULL, null=True, blank=True, related_name="unknown_codes"
    )
    hits = models.PositiveIntegerField(_("requests"), default=0)
    clients = models.PositiveIntegerField(_("distinct clients"), default=0)
    last_code = models.CharField(_("last code seen"), max_length=60, blank=True)
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)

    class Meta:
        verbose_name = _("unknown-code tally")
        verbose_name_plural = _("unknown-code tallies")
        ordering = ["-day", "-last_seen"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "reason", "gtin", "lot_number"], name="provenance_unknown_tally"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.reason} {self.gtin}/{self.lot_number}: {self.hits}"


class SuspectPackReport(models.Model):
    """A buyer's report of a pack they think is not genuine; staff follow it up."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        INVESTIGATING = "investigating", _("Investigating")
        CONFIRMED = "confirmed", _("Counterfeit confirmed")
        GENUINE = "genuine", _("Pack is genuine")
        CLOSED = "closed", _("Closed")

    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    gtin = models.CharField(_("GTIN"), max_length=14, blank=True)
    lot_number = models.CharField(_("lot number"), max_length=20, blank=True)
    serial = models.CharField(_("serial"), max_length=20, blank=True)
    lot = models.ForeignKey(
        Lot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suspect_reports",
        verbose_name=_("lot"),
    )
    where_bought = models.CharField(_("where it was bought"), max_length=200, blank=True)
    description = models.TextField(_("what looks wrong"), max_length=2000)
    contact = models.CharField(_("contact (optional)"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    staff_notes = models.TextField(_("staff notes"), blank=True)

    class Meta:
        verbose_name = _("suspect pack report")
        verbose_name_plural = _("suspect pack reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        code = "/".join(part for part in (self.gtin, self.lot_number, self.serial) if part)
        return f"{self.created_at:%Y-%m-%d} {code or '-'}"


# ---------------------------------------------------------------- what a seller may certify (provseller)


class LabLimit(models.Model):
    """A lab's own limit for one analyte, kept by staff from the lab's published method
    or the regulation it tests against. Results are judged against these, never against
    a limit the seller typed."""

    lab = models.ForeignKey(
        Lab, on_delete=models.CASCADE, related_name="limits", verbose_name=_("laboratory")
    )
    category = models.CharField(_("category"), max_length=20, choices=LabResult.Category.choices)
    analyte = models.CharField(_("analyte"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20)
    limit = models.DecimalField(_("limit"), max_digits=12, decimal_places=4)
    limit_kind = models.CharField(
        _("limit kind"),
        max_length=3,
        choices=LabResult.LimitKind.choices,
        default=LabResult.LimitKind.MAX,
    )
    basis = models.CharField(
        _("basis"),
        max_length=200,
        blank=True,
        help_text=_("Regulation or method the limit comes from, e.g. QCVN 8-2:2011/BYT."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("lab limit")
        verbose_name_plural = _("lab limits")
        ordering = ["lab", "category", "analyte"]
        constraints = [
            models.UniqueConstraint(Lower("analyte"), "lab", name="provenance_unique_lab_analyte")
        ]

    def __str__(self):
        return (
            f"{self.lab}: {self.analyte} {self.get_limit_kind_display()} {self.limit} {self.unit}"
        )


class CompanyPrefix(models.Model):
    """A GS1 company prefix, registered by staff to the cooperative GS1 issued it to.
    Only that cooperative may pack under a GTIN that carries it."""

    prefix = models.CharField(
        _("GS1 company prefix"),
        max_length=12,
        unique=True,
        validators=[RegexValidator(r"^\d{6,12}$", _("A GS1 company prefix has 6 to 12 digits."))],
        help_text=_("As in the GTIN-13, e.g. 8936012345 (GS1 Vietnam: starts with 893)."),
    )
    cooperative = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="gs1_prefixes",
        verbose_name=_("cooperative"),
    )
    reference = models.CharField(_("GS1 membership reference"), max_length=100, blank=True)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("GS1 company prefix")
        verbose_name_plural = _("GS1 company prefixes")
        ordering = ["prefix"]

    def __str__(self):
        return f"{self.prefix} ({self.cooperative})"
