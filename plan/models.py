"""The plan's targets, edited by staff, with every earlier version kept."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    HECTARES = "ha", _("hectares")
    PERCENT = "percent", _("per cent of the area")
    TONNES_FRESH = "t_fresh", _("tonnes of fresh root a year")
    HECTARES_YEAR = "ha_year", _("hectares harvested a year")
    COUNT = "count", _("count")


class PlanTarget(models.Model):
    """One target of the plan, keyed by the figure it is measured against
    (plan.figures.TARGET_KEYS). Change it through plan.services.update_target, which
    keeps the version it replaces (PlanTargetRevision)."""

    key = models.SlugField(_("figure"), max_length=40, unique=True)
    label_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    label_en = models.CharField(_("name (English)"), max_length=200)
    value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    year = models.PositiveSmallIntegerField(_("target year"))
    source = models.CharField(
        _("source in the plan"),
        max_length=200,
        help_text=_("Section and paragraph of the plan, e.g. II.2.1, second indent."),
    )
    source_quote = models.TextField(
        _("the plan's words"), blank=True, help_text=_("Quoted from the Vietnamese original.")
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("plan target")
        verbose_name_plural = _("plan targets")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.label()}: {self.value} {self.get_unit_display()} ({self.year})"

    def label(self, language=None):
        from django.utils import translation

        language = language or translation.get_language() or settings.LANGUAGE_CODE
        if language.startswith("en") and self.label_en:
            return self.label_en
        return self.label_vi


class PlanTargetRevision(models.Model):
    """A target as it was before a change (append-only: written by the service only)."""

    target = models.ForeignKey(
        PlanTarget, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("target")
    )
    value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    year = models.PositiveSmallIntegerField(_("target year"))
    source = models.CharField(_("source in the plan"), max_length=200)
    source_quote = models.TextField(_("the plan's words"), blank=True)
    valid_from = models.DateTimeField(_("in force from"))
    valid_until = models.DateTimeField(_("replaced at"), default=timezone.now)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaced by"),
    )
    reason = models.CharField(_("reason for the change"), max_length=255)

    class Meta:
        verbose_name = _("earlier version of a target")
        verbose_name_plural = _("earlier versions of targets")
        ordering = ["-valid_until", "-pk"]

    def __str__(self):
        return f"{self.target.key}: {self.value} ({self.valid_from:%Y-%m-%d} – {self.valid_until:%Y-%m-%d})"
