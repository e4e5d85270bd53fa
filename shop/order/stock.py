"""Stock locks and the allocation invariant, shared by placing, cancelling and shipping.

Locks are always taken on stock records in ascending primary key, inside the caller's
transaction, so two buyers (or a buyer and the expiry job) never wait on each other in
a circle.
"""

from collections import defaultdict

from django.db.models import Sum
from oscar.core.loading import get_model

from core.pagecache import invalidate_pages_on_commit
from shop.order.statuses import OPEN_STATUSES

StockRecord = get_model("partner", "StockRecord")
Line = get_model("order", "Line")


def lock_stockrecords(pks):
    """Lock the rows in a fixed order; return them by pk."""
    pks = sorted({pk for pk in pks if pk})
    if not pks:
        return {}
    # Stock is locked to change it: cached pages show stock levels (core.pagecache).
    invalidate_pages_on_commit()
    return {
        record.pk: record
        for record in StockRecord.objects.select_for_update().filter(pk__in=pks).order_by("pk")
    }


def stock_problems():
    """Every stock record that breaks 0 <= allocated <= in stock, or whose allocation
    differs from what open order lines hold. Empty means all is well."""
    held = defaultdict(int)
    rows = (
        Line.objects.filter(
            order__status__in=OPEN_STATUSES, allocation_cancelled=False, stockrecord__isnull=False
        )
        .values("stockrecord_id")
        .annotate(total=Sum("num_allocated"))
    )
    for row in rows:
        held[row["stockrecord_id"]] = row["total"] or 0
    problems = []
    for record in StockRecord.objects.order_by("pk"):
        allocated = record.num_allocated or 0
        in_stock = record.num_in_stock or 0
        if not 0 <= allocated <= in_stock:
            problems.append(f"stock record {record.pk}: allocated {allocated}, in stock {in_stock}")
        if allocated != held.get(record.pk, 0):
            problems.append(
                f"stock record {record.pk}: allocated {allocated}, open order lines hold "
                f"{held.get(record.pk, 0)}"
            )
    return problems


def release_allocation(lines, *, sold, **line_fields):
    """Give up what ``lines`` hold on their stock records, locked in pk order.

    ``sold=True`` (shipping): the allocation becomes a sale, the stock goes down too.
    ``sold=False`` (cancelling): the units are free to sell again. Every line then holds
    nothing (``num_allocated=0``) and gets ``line_fields`` in the same update."""
    lines = list(lines)
    records = lock_stockrecords(line.stockrecord_id for line in lines)
    for line in lines:
        record = records.get(line.stockrecord_id)
        if record is None or not line.num_allocated:
            continue
        record.num_allocated = (record.num_allocated or 0) - line.num_allocated
        changes = {"num_allocated": record.num_allocated}
        if sold:
            record.num_in_stock = (record.num_in_stock or 0) - line.num_allocated
            changes["num_in_stock"] = record.num_in_stock
        StockRecord.objects.filter(pk=record.pk).update(**changes)
    if lines:
        Line.objects.filter(pk__in=[line.pk for line in lines]).update(
            num_allocated=0, **line_fields
        )
