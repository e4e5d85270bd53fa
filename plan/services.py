"""Writes and the public summary: a target changed with its earlier version kept, and the
public page's figures kept in the shared cache until a record they are made from changes
(plan.signals clears them when the change commits)."""

from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plan import figures
from plan.models import PlanTarget, PlanTargetRevision

PUBLIC_CACHE_KEY = "plan:public-summary:v1"
#: A safety net only: every record the summary reads clears it when it changes.
PUBLIC_CACHE_SECONDS = 24 * 3600

TARGET_FIELDS = ("value", "unit", "year", "source", "source_quote")


def update_target(target, *, user=None, reason, **changes):
    """Change ``target`` (value, unit, year, source, source_quote), keeping the version it
    replaces as a PlanTargetRevision. A change needs a reason; no change writes nothing."""
    unknown = set(changes) - set(TARGET_FIELDS) - {"label_vi", "label_en"}
    if unknown:
        raise ValueError(f"not a target field: {sorted(unknown)}")
    if not (reason or "").strip():
        raise ValidationError(_("Say why the target changes."))
    with transaction.atomic():
        current = PlanTarget.objects.select_for_update().get(pk=target.pk)
        changed = {
            name: value
            for name, value in changes.items()
            if _normal(getattr(current, name)) != _normal(value)
        }
        if not changed:
            return current
        PlanTargetRevision.objects.create(
            target=current,
            value=current.value,
            unit=current.unit,
            year=current.year,
            source=current.source,
            source_quote=current.source_quote,
            valid_from=current.updated_at,
            valid_until=timezone.now(),
            set_by=current.updated_by,
            replaced_by=user,
            reason=reason.strip(),
        )
        for name, value in changed.items():
            setattr(current, name, value)
        current.updated_at = timezone.now()
        current.updated_by = user
        current.full_clean()
        current.save()
    target.refresh_from_db()
    return current


def _normal(value):
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value)).normalize()
    return value


# --------------------------------------------------------------------------- public summary


def _checkpoint_summary():
    from provenance.services.checkpoints import latest_checkpoint, signature_ok

    checkpoint = latest_checkpoint()
    if checkpoint is None:
        return None
    return {
        "id": checkpoint.pk,
        "created_at": checkpoint.created_at,
        "digest": checkpoint.digest,
        "key_id": checkpoint.key_id,
        "chains": len(checkpoint.heads or {}),
        "signature_ok": signature_ok(checkpoint),
    }


def build_public_summary():
    """The public page's figures, as plain data (numbers and dates, no words: the page
    writes those in the visitor's language)."""
    report = figures.compute_report()
    values = {key: report.figure(key).value for key in figures.PUBLIC_KEYS}
    values["area_ha"] = report.figure("area_ha").value
    targets = {
        key: {"value": t.value, "unit": t.unit, "year": t.year, "source": t.source}
        for key, t in ((k, report.figure(k).target) for k in figures.PUBLIC_KEYS)
        if t is not None
    }
    return {
        "year": report.year,
        "computed_at": report.computed_at,
        "values": values,
        "targets": targets,
        "checkpoint": _checkpoint_summary(),
    }


def get_public_summary():
    """The cached summary, computed on a miss."""
    summary = cache.get(PUBLIC_CACHE_KEY)
    if summary is None or summary.get("year") != figures.current_year():
        summary = build_public_summary()
        cache.set(PUBLIC_CACHE_KEY, summary, PUBLIC_CACHE_SECONDS)
    return summary


def clear_public_summary():
    cache.delete(PUBLIC_CACHE_KEY)


def clear_public_summary_on_commit():
    """After the change commits (a rolled-back change keeps the summary)."""
    transaction.on_commit(clear_public_summary)
