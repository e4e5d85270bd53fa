"""Fairs, exhibitions and festivals (Wagtail pages) and training sessions for growers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.blocks import BaseStreamBlock, ImageBlock
from cms.models import SeoMixin, public_pages

# --------------------------------------------------------------------------- event pages


class EventIndexPage(SeoMixin, Page):
    introduction = models.TextField(_("Introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Event index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = public_pages(EventPage.objects.child_of(self).live()).select_related("hero_image")
        context["upcoming_events"] = events.filter(end__gte=now).order_by("start", "pk")
        context["past_events"] = events.filter(end__lt=now).order_by("-start", "-pk")[:30]
        return context


UPCOMING_CACHE_SECONDS = 600
_UPCOMING_VERSION_KEY = "events:upcoming:version"


def _query_upcoming(locale_id, limit):
    return list(
        public_pages(EventPage.objects.live())
        .filter(locale_id=locale_id, end__gte=timezone.now())
        .exclude(status=EventPage.Status.CANCELLED)
        .select_related("hero_image")
        .order_by("start", "pk")[:limit]
    )


def upcoming_events(locale_id, limit=3):
    """Events still to come (or under way) in one locale, soonest first; cancelled ones
    are left out (their pages say so). With the events' index page, for its link:
    ``{"events": [...], "index": page or None}``.

    The home page shows them on every visit, so the answer is kept in the cache: until an
    event page is published, unpublished, moved or deleted (``forget_upcoming_events``),
    until the first listed event ends, or ten minutes at most."""
    from django.core.cache import cache

    version = cache.get(_UPCOMING_VERSION_KEY, 0)
    key = f"events:upcoming:{version}:{locale_id}:{limit}"
    found = cache.get(key)
    if found is None:
        events = _query_upcoming(locale_id, limit)
        index = None
        timeout = UPCOMING_CACHE_SECONDS
        if events:
            index = EventIndexPage.objects.filter(path=events[0].path[: -Page.steplen]).first()
            ends_in = (min(event.end for event in events) - timezone.now()).total_seconds()
            timeout = max(1, min(timeout, int(ends_in) + 1))
        found = {"events": events, "index": index}
        cache.set(key, found, timeout)
    return found


def forget_upcoming_events(**kwargs):
    from django.core.cache import cache

    instance = kwargs.get("instance")
    if instance is not None and not isinstance(instance, (EventPage, EventIndexPage)):
        if getattr(instance, "specific_class", None) not in (EventPage, EventIndexPage):
            return
    cache.set(_UPCOMING_VERSION_KEY, cache.get(_UPCOMING_VERSION_KEY, 0) + 1, None)


class GalleryBlock(blocks.StreamBlock):
    image = ImageBlock()


SCHEMA_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "rescheduled": "https://schema.org/EventRescheduled",
}


class EventPage(RoutablePageMixin, SeoMixin, Page):
    class Kind(models.TextChoices):
        FAIR = "fair", _("Trade fair")
        EXHIBITION = "exhibition", _("Exhibition")
        FESTIVAL = "festival", _("Festival")
        OTHER = "other", _("Other event")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed (new date to be announced)")
        RESCHEDULED = "rescheduled", _("Moved to a new date")

    kind = models.CharField(_("Kind"), max_length=20, choices=Kind.choices, default=Kind.FAIR)
    start = models.DateTimeField(_("Starts"), help_text=_("Vietnam time (UTC+7)."))
    end = models.DateTimeField(_("Ends"), help_text=_("Vietnam time (UTC+7)."))
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    previous_start = models.DateTimeField(
        _("Previously planned start"),
        null=True,
        blank=True,
        help_text=_("For an event moved to a new date: when it was first planned."),
    )
    status_note = models.TextField(
        _("Note on the status"),
        blank=True,
        help_text=_("Why it was cancelled or moved; shown on the page."),
    )
    venue = models.CharField(_("Venue"), max_length=255)
    address = models.CharField(_("Address"), max_length=255, blank=True)
    commune = models.CharField(_("Commune or ward"), max_length=100, blank=True)
    city = models.CharField(_("Province or city"), max_length=100, blank=True)
    country = models.CharField(
        _("Country code"), max_length=2, default="VN", help_text=_("Two letters, e.g. VN.")
    )
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
    description = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("Description"))
    gallery = StreamField(GalleryBlock(), blank=True, verbose_name=_("Gallery"))
    link = models.URLField(_("Event website"), blank=True)
    # Raised whenever the date, place or status changes, so calendars update (iCalendar
    # SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("status"),
                FieldPanel("previous_start"),
                FieldPanel("status_note"),
            ],
            heading=_("Date and status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("commune"), FieldPanel("city"), FieldPanel("country")]),
            ],
            heading=_("Place"),
        ),
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_alt"),
        FieldPanel("description"),
        FieldPanel("gallery"),
        FieldPanel("link"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("venue"),
        index.SearchField("description"),
    ]
    # Words are translated; dates, status and the place's official names are the same in
    # every language ("Sync translated pages" copies them).
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("introduction"),
        TranslatableField("hero_image_alt"),
        TranslatableField("status_note"),
        TranslatableField("venue"),
        TranslatableField("address"),
        TranslatableField("description"),
        TranslatableField("gallery"),
        SynchronizedField("kind"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("status"),
        SynchronizedField("previous_start"),
        SynchronizedField("commune"),
        SynchronizedField("city"),
        SynchronizedField("country"),
        SynchronizedField("hero_image"),
        SynchronizedField("og_image"),
        SynchronizedField("link"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Event (fair, exhibition, festival)")
        verbose_name_plural = _("Events")

    SCHEDULE_FIELDS = ("start", "end", "status", "venue", "address", "commune", "city")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})
        if self.status == self.Status.RESCHEDULED and not self.previous_start:
            raise ValidationError(
                {"previous_start": _("Give the date first planned for an event moved.")}
            )
        self.country = (self.country or "").upper()

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.get("update_fields"):
            before = (
                EventPage.objects.filter(pk=self.pk)
                .values("sequence", *self.SCHEDULE_FIELDS)
                .first()
            )
            if before:
                changed = any(before[name] != getattr(self, name) for name in self.SCHEDULE_FIELDS)
                self.sequence = max(self.sequence, before["sequence"]) + (1 if changed else 0)
        super().save(*args, **kwargs)

    # Everything the templates and the calendar file say about it.
    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def schema_status(self):
        return SCHEMA_STATUS[self.status]

    def place_line(self):
        parts = [self.venue, self.address, self.commune, self.city]
        return ", ".join(part for part in parts if part)

    @path("ics/", name="ics")
    def ics(self, request):
        from events.views import event_ics

        return event_ics(request, self)

    def ics_url(self):
        return self.url + self.reverse_subpage("ics")


# --------------------------------------------------------------------------- training


HANDOUT_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    # Office Open XML and OpenDocument files are zip archives.
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
}


def validate_handout(value):
    """A hand-out is a PDF, an image or an office document, by its name and by its first
    bytes (a renamed program is refused), and at most 20 MB."""
    from pathlib import Path

    suffix = Path(value.name).suffix.lower()
    if suffix not in HANDOUT_SIGNATURES:
        raise ValidationError(
            _("Hand-outs may be PDF, images, or office documents (%(kinds)s)."),
            params={"kinds": ", ".join(sorted(HANDOUT_SIGNATURES))},
            code="handout_type",
        )
    if value.size and value.size > 20 * 1024 * 1024:
        raise ValidationError(_("A hand-out may be at most 20 MB."), code="handout_size")
    position = value.tell() if hasattr(value, "tell") else 0
    value.seek(0)
    head = value.read(8)
    value.seek(position)
    if not head.startswith(HANDOUT_SIGNATURES[suffix]):
        raise ValidationError(
            _("This file is not the kind its name says (%(suffix)s)."),
            params={"suffix": suffix},
            code="handout_content",
        )


class TrainingSessionQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")


class TrainingSession(models.Model):
    class Topic(models.TextChoices):
        GACP = "gacp", _("GACP growing practice")
        HARVESTING = "harvesting", _("Harvesting")
        PROCESSING = "processing", pgettext_lazy("training topic", "Processing")
        OTHER = "other", _("Other")

    title_vi = models.CharField(_("title (Vietnamese)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    description_vi = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    starts_at = models.DateTimeField(_("starts"), help_text=_("Vietnam time (UTC+7)."))
    ends_at = models.DateTimeField(_("ends"), help_text=_("Vietnam time (UTC+7)."))
    place = models.CharField(_("place"), max_length=255)
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    host_cooperative = models.ForeignKey(
        "provenance.Cooperative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_training",
        verbose_name=_("host cooperative"),
        help_text=_("Its users record attendance. Leave empty when staff host."),
    )
    host_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"is_staff": True},
        verbose_name=_("host (staff)"),
    )
    trainer = models.CharField(_("trainer"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="training_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="training_capacity_positive"),
        ]

    def __str__(self):
        return f"{self.title_vi} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The session cannot end before it starts.")})

    def _in(self, language, vi, en):
        from django.utils import translation

        language = language or translation.get_language() or settings.LANGUAGE_CODE
        if language.startswith("en") and en:
            return en
        return vi or en

    def title(self, language=None):
        return self._in(language, self.title_vi, self.title_en)

    def description(self, language=None):
        return self._in(language, self.description_vi, self.description_en)

    @property
    def display_title(self):
        return self.title()

    @property
    def display_description(self):
        return self.description()

    @property
    def has_started(self):
        return self.starts_at <= timezone.now()

    def get_absolute_url(self):
        return reverse("events:training-detail", kwargs={"pk": self.pk})


class TrainingDocument(models.Model):
    """A document handed out at a session (slides, a checklist, a GACP form)."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("file"), upload_to="events/training/%Y/%m/", validators=[validate_handout]
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="vi"
    )

    class Meta:
        verbose_name = _("hand-out")
        verbose_name_plural = _("hand-outs")
        ordering = ["pk"]

    def __str__(self):
        return self.title


def name_key(name):
    """Two spellings of one name that differ only in case or spaces are the same person."""
    return " ".join((name or "").split()).casefold()


class TrainingRegistration(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="registrations"
    )
    cooperative = models.ForeignKey(
        "provenance.Cooperative",
        on_delete=models.CASCADE,
        related_name="training_registrations",
        verbose_name=_("cooperative"),
    )
    attendee_name = models.CharField(_("name"), max_length=120)
    attendee_key = models.CharField(max_length=120, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account (when registered themselves)"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attendance recorded by"),
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session", "cooperative", "attendee_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "cooperative", "attendee_key"],
                name="training_one_registration_per_person",
            )
        ]

    def __str__(self):
        return self.attendee_name

    def save(self, *args, **kwargs):
        self.attendee_name = " ".join(self.attendee_name.split())
        self.attendee_key = name_key(self.attendee_name)
        super().save(*args, **kwargs)
