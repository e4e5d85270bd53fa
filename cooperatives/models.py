"""A cooperative's public profile (its story, shown once staff approved it)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.sanitize import clean_html
from provenance.models import Cooperative
from provenance.validators import validate_certificate_file, validate_tax_code

KIND_CHOICES = Cooperative.Kind.choices


class Profile(models.Model):
    cooperative = models.OneToOneField(
        "provenance.Cooperative",
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("cooperative"),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    story_vi = models.TextField(_("story (Vietnamese)"), blank=True)
    story_en = models.TextField(_("story (English)"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Approved cooperatives are shown to visitors.")
    )

    class Meta:
        verbose_name = _("cooperative profile")
        verbose_name_plural = _("cooperative profiles")
        ordering = ["slug"]

    def __str__(self):
        return self.slug

    def save(self, *args, **kwargs):
        # Written by cooperatives: only harmless markup is stored.
        self.story_vi = clean_html(self.story_vi)
        self.story_en = clean_html(self.story_en)
        super().save(*args, **kwargs)

    def story(self, language=None):
        from django.utils import translation

        language = language or translation.get_language() or settings.LANGUAGE_CODE
        if language.startswith("en") and self.story_en:
            return self.story_en
        return self.story_vi or self.story_en

    def get_absolute_url(self):
        return reverse("cooperatives:detail", kwargs={"slug": self.slug})


class Application(models.Model):
    """A cooperative asking to sell here ("Sell with us"); staff approve or reject it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    legal_name = models.CharField(_("legal name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES, default="cooperative")
    tax_code = models.CharField(_("tax code"), max_length=14, validators=[validate_tax_code])
    commune = models.CharField(_("commune"), max_length=100)
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_phone = models.CharField(_("phone"), max_length=30)
    contact_email = models.EmailField(_("e-mail"))
    area_codes = models.JSONField(_("growing-area codes"), default=list, blank=True)
    story = models.TextField(_("about the cooperative"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="vi")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(
        _("reason for rejecting"), blank=True, help_text=_("Sent to the applicant.")
    )
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    cooperative = models.ForeignKey(
        "provenance.Cooperative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("cooperative"),
    )
    # An existing shop account with the applicant's e-mail gets the dashboard only once
    # its owner opens the signed claim link sent at approval (cooperatives.services).
    claimed_at = models.DateTimeField(_("dashboard claimed at"), null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dashboard claimed by"),
    )

    class Meta:
        verbose_name = _("application to sell")
        verbose_name_plural = _("applications to sell")
        ordering = ["status", "-created_at"]

    def __str__(self):
        return f"{self.legal_name} ({self.tax_code})"


class ApplicationDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(
        _("certificate"),
        upload_to="cooperatives/applications/%Y/%m/",
        validators=[validate_certificate_file],
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.file.name
