"""Farm visits: experience pages (Wagtail, vi/en), shared resources, dated slots,
bookings and the waiting list (issue 11). Rules live in ``tourism/services.py``."""

import secrets

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.blocks import ImageBlock, ItineraryStreamBlock
from cms.models import SeoMixin, public_pages

GUIDE_LANGUAGES = [
    ("vi", _("Vietnamese")),
    ("en", _("English")),
    ("hmn", _("Hmong")),
    ("dao", _("Dao")),
    ("hni", _("Hà Nhì")),
    ("zh", _("Chinese")),
]
GUIDE_LANGUAGE_NAMES = dict(GUIDE_LANGUAGES)


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    MODERATE = "moderate", _("Moderate")
    HARD = "hard", _("Demanding")


class ExperienceIndexPage(SeoMixin, Page):
    introduction = models.TextField(_("Introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["tourism.ExperiencePage"]

    class Meta:
        verbose_name = _("Farm visits index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["experiences"] = (
            public_pages(ExperiencePage.objects.child_of(self).live())
            .select_related("hero_image", "host")
            .order_by("path")
        )
        return context


class ExperiencePageForm(WagtailAdminPageForm):
    guide_languages = forms.MultipleChoiceField(
        label=_("Languages the guide speaks"),
        choices=GUIDE_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )


class ExperiencePage(SeoMixin, Page):
    """A farm visit. Its slots and bookings hang on the page in the default language
    (``source``); a translation shows and books the same slots."""

    introduction = models.TextField(_("Introduction"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Hero image"),
    )
    hero_image_alt = models.CharField(_("Hero image alternative text"), max_length=255, blank=True)
    host = models.ForeignKey(
        "provenance.Cooperative",
        on_delete=models.PROTECT,
        related_name="experiences",
        verbose_name=_("Host cooperative"),
    )
    commune = models.CharField(_("Commune"), max_length=100)
    meeting_point = models.CharField(_("Meeting point"), max_length=255)
    latitude = models.DecimalField(
        _("Latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("Longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    duration_minutes = models.PositiveIntegerField(
        _("Duration (minutes)"), default=180, validators=[MinValueValidator(15)]
    )
    difficulty = models.CharField(
        _("Difficulty"), max_length=10, choices=Difficulty.choices, default=Difficulty.EASY
    )
    included = models.TextField(_("What is included"), blank=True)
    bring = models.TextField(_("What to bring"), blank=True)
    itinerary = StreamField(ItineraryStreamBlock(), blank=True, verbose_name=_("Itinerary"))
    gallery = StreamField([("image", ImageBlock())], blank=True, verbose_name=_("Gallery"))
    guide_languages = models.JSONField(_("Languages the guide speaks"), default=list, blank=True)
    price_adult = models.PositiveIntegerField(_("Price per adult (VND)"))
    price_child = models.PositiveIntegerField(_("Price per child (VND)"), default=0)
    min_group = models.PositiveSmallIntegerField(
        _("Smallest booking (people)"), default=1, validators=[MinValueValidator(1)]
    )
    max_group = models.PositiveSmallIntegerField(
        _("Largest booking (people)"), default=10, validators=[MinValueValidator(1)]
    )
    min_age = models.PositiveSmallIntegerField(_("Minimum age"), default=0)
    cutoff_hours = models.PositiveSmallIntegerField(
        _("Booking closes (hours before the start)"), default=24
    )
    free_cancel_days = models.PositiveSmallIntegerField(
        _("Free cancellation until (days before)"), default=7
    )
    late_refund_percent = models.PositiveSmallIntegerField(
        _("Refund after that (percent)"),
        default=50,
        validators=[MaxValueValidator(100)],
    )
    deposit_percent = models.PositiveSmallIntegerField(
        _("Deposit (percent; 0 = full price only)"),
        default=0,
        validators=[MaxValueValidator(100)],
    )
    pay_on_arrival = models.BooleanField(_("Guests may pay on arrival"), default=False)
    border_paperwork = models.BooleanField(
        _("Foreign guests need border paperwork"),
        default=False,
        help_text=_("Communes near the border: bookings ask nationality and passport."),
    )
    paperwork_note = models.TextField(_("What happens next for foreign guests"), blank=True)
    growing_areas = ParentalManyToManyField(
        "provenance.GrowingArea",
        blank=True,
        related_name="experiences",
        verbose_name=_("Growing areas visited"),
    )
    resources = ParentalManyToManyField(
        "tourism.Resource",
        blank=True,
        related_name="experiences",
        verbose_name=_("Shared guides and gardens"),
    )

    base_form_class = ExperiencePageForm
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_alt"),
        MultiFieldPanel(
            [
                FieldPanel("host"),
                FieldPanel("commune"),
                FieldPanel("meeting_point"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("duration_minutes"),
                FieldPanel("difficulty"),
                FieldPanel("included"),
                FieldPanel("bring"),
                FieldPanel("guide_languages"),
            ],
            heading=_("The visit"),
        ),
        FieldPanel("itinerary"),
        FieldPanel("gallery"),
        MultiFieldPanel(
            [
                FieldPanel("price_adult"),
                FieldPanel("price_child"),
                FieldPanel("min_group"),
                FieldPanel("max_group"),
                FieldPanel("min_age"),
                FieldPanel("cutoff_hours"),
                FieldPanel("free_cancel_days"),
                FieldPanel("late_refund_percent"),
                FieldPanel("deposit_percent"),
                FieldPanel("pay_on_arrival"),
                FieldPanel("border_paperwork"),
                FieldPanel("paperwork_note"),
            ],
            heading=_("Booking"),
        ),
        FieldPanel("growing_areas"),
        FieldPanel("resources"),
    ]
    parent_page_types = ["tourism.ExperienceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Farm visit")
        verbose_name_plural = _("Farm visits")

    @property
    def source(self):
        """The page slots and bookings belong to: this experience in the default language."""
        if "_source" not in self.__dict__:
            other = (
                ExperiencePage.objects.filter(
                    translation_key=self.translation_key,
                    locale__language_code=settings.LANGUAGE_CODE,
                )
                .select_related("host")
                .first()
            )
            self.__dict__["_source"] = other or self
        return self.__dict__["_source"]

    def guide_language_names(self):
        return [GUIDE_LANGUAGE_NAMES.get(code, code) for code in self.guide_languages or []]

    def get_context(self, request, *args, **kwargs):
        from tourism import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.experience_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from tourism.views import book

            return book(request, self)
        return super().serve(request, *args, **kwargs)


class Resource(models.Model):
    """A guide or a garden that several experiences draw on: at any one time its
    capacity is shared by every slot that uses it."""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide")
        GARDEN = "garden", _("Garden")
        OTHER = "other", _("Other")

    cooperative = models.ForeignKey(
        "provenance.Cooperative",
        on_delete=models.CASCADE,
        related_name="tourism_resources",
        verbose_name=_("cooperative"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.GUIDE)
    capacity = models.PositiveIntegerField(_("people at one time"))

    class Meta:
        verbose_name = _("shared resource")
        verbose_name_plural = _("shared resources")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class Slot(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    experience = models.ForeignKey(
        ExperiencePage, on_delete=models.CASCADE, related_name="slots", verbose_name=_("visit")
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("seats"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    min_participants = models.PositiveIntegerField(_("runs only if this many join"), default=0)
    min_deadline = models.DateTimeField(_("decided at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["experience", "starts_at"], name="tourism_one_slot_per_start"
            )
        ]

    def __str__(self):
        return f"{self.experience.title} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"


class Booking(models.Model):
    class Status(models.TextChoices):
        HELD = "held", _("Awaiting payment")
        OFFERED = "offered", _("Seats offered from the waiting list")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired unpaid")

    class Payment(models.TextChoices):
        FULL = "full", _("Full price now")
        DEPOSIT = "deposit", _("Deposit now")
        ON_ARRIVAL = "arrival", _("On arrival")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not yet")
        ARRIVED = "arrived", _("Arrived")
        NO_SHOW = "no_show", _("Did not come")

    SEAT_HOLDING = (Status.HELD, Status.OFFERED, Status.CONFIRMED)

    code = models.CharField(_("booking code"), max_length=16, unique=True)
    slot = models.ForeignKey(
        Slot, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("slot")
    )
    adults = models.PositiveSmallIntegerField(_("adults"), default=1)
    children = models.PositiveSmallIntegerField(_("children"), default=0)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=10, default="vi")
    guide_language = models.CharField(_("guide language"), max_length=10, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.HELD
    )
    payment_choice = models.CharField(
        _("payment"), max_length=10, choices=Payment.choices, default=Payment.FULL
    )
    amount = models.PositiveBigIntegerField(_("price (VND)"))
    amount_due_now = models.PositiveBigIntegerField(_("to pay now (VND)"), default=0)
    amount_paid = models.PositiveBigIntegerField(_("paid (VND)"), default=0)
    refund_due = models.PositiveBigIntegerField(_("refund due (VND)"), default=0)
    hold_expires_at = models.DateTimeField(_("seats held until"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True, default=""
    )
    submission_key = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.code

    @property
    def seats(self):
        return self.adults + self.children

    @staticmethod
    def new_code():
        return "B" + secrets.token_hex(5).upper()


class WaitingListEntry(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OFFERED = "offered", _("Seats offered")
        DONE = "done", _("Booked or withdrawn")

    slot = models.ForeignKey(
        Slot, on_delete=models.CASCADE, related_name="waiting_list", verbose_name=_("slot")
    )
    seats = models.PositiveSmallIntegerField(_("seats wanted"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10, default="vi")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    offered_booking = models.OneToOneField(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="waiting_entry"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("waiting-list entry")
        verbose_name_plural = _("waiting-list entries")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name} ({self.seats})"
