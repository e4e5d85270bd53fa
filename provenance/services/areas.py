"""Growing areas and their status (suspend, recall, reinstate); what an area affects."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from provenance.models import (
    AreaStatus,
    GrowingArea,
    GrowingAreaStatusChange,
    Lot,
)
from provenance.services.chain import Partner, Step, Type, _where_area, append_event, lock_chains
from provenance.services.sale import descendant_ids, refresh_dependants
from provenance.services.sealed import area_state

logger = logging.getLogger(__name__)

#: CBV dispositions of the lots of an area in each status.
AREA_DISPOSITION = {
    AreaStatus.ACTIVE: "active",
    AreaStatus.SUSPENDED: "non_sellable_other",
    AreaStatus.RECALLED: "recalled",
}


def _check_area_active(area):
    # Read the status afresh: the caller's copy may predate a recall.
    area.status = GrowingArea.objects.filter(pk=area.pk).values_list("status", flat=True).get()
    if area.status != AreaStatus.ACTIVE:
        raise ValidationError(
            _("Growing area %(code)s is %(status)s: nothing can be recorded from it.")
            % {"code": area.code, "status": area.get_status_display().lower()}
        )


def change_area_status(area, status, *, reason, user=None):
    """Suspend, recall or reinstate a growing area; its lots leave (or return to) sale
    in the same transaction."""
    if status not in AreaStatus.values:
        raise ValidationError(_("Unknown status."))
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for the status change."))
    with transaction.atomic():
        owner_id = GrowingArea.objects.values_list("cooperative_id", flat=True).get(pk=area.pk)
        lock_chains([Partner(pk=owner_id)])
        given, area = area, GrowingArea.objects.select_for_update().get(pk=area.pk)
        if area.status == status:
            return area
        now = timezone.now()
        given_status = area.status
        GrowingAreaStatusChange.objects.create(
            area=area,
            from_status=area.status,
            to_status=status,
            reason=reason,
            changed_at=now,
            changed_by=user if getattr(user, "is_authenticated", False) else None,
        )
        area.status, area.status_changed_at, area.status_reason = status, now, reason
        area.save(update_fields=["status", "status_changed_at", "status_reason"])
        given.status, given.status_changed_at, given.status_reason = status, now, reason
        lots = list(area.lots.order_by("pk"))
        append_event(
            cooperative=Partner(pk=owner_id),
            event_type=Type.OBJECT,
            action="OBSERVE",
            biz_step=Step.INSPECTING,
            step="area_status",
            event_time=now,
            where=_where_area(area),
            growing_area=area,
            objects=[(lot, None, None) for lot in lots],
            disposition=AREA_DISPOSITION.get(status),
            details={"area": area.code, "from": given_status, "to": status, "reason": reason},
            user=user,
            state={"area": area_state(area)},
        )
        refresh_dependants([lot.pk for lot in lots])
        transaction.on_commit(
            lambda: logger.warning("growing area %s is now %s: %s", area.code, status, reason)
        )
    return area


def suspend_area(area, *, reason, user=None):
    return change_area_status(area, AreaStatus.SUSPENDED, reason=reason, user=user)


def recall_area(area, *, reason, user=None):
    return change_area_status(area, AreaStatus.RECALLED, reason=reason, user=user)


def reinstate_area(area, *, reason, user=None):
    return change_area_status(area, AreaStatus.ACTIVE, reason=reason, user=user)


def affected_packed_lots(area):
    lot_ids = list(area.lots.values_list("pk", flat=True))
    return Lot.objects.filter(pk__in=descendant_ids(lot_ids), kind=Lot.Kind.PACKED)


# Who bought what is the shop's knowledge, not provenance's: the shop registers, in its
# AppConfig.ready(), a function from packed lots to the order lines that sold them.
_BUYERS_OF_LOTS = []


def register_buyers_of_lots(finder):
    """``finder(lots)`` returns the order lines (or any rows the template lists) that
    sold the given packed lots."""
    if finder not in _BUYERS_OF_LOTS:
        _BUYERS_OF_LOTS.append(finder)


def buyers_of_lots(lots):
    """What every registered finder returns for ``lots`` (none without a shop)."""
    return [row for finder in _BUYERS_OF_LOTS for row in finder(lots)]
