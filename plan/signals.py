"""The public summary is cleared when a record it is made from changes, once the change
commits. One receiver per model; each has a test (tests/plan/test_cache.py)."""

from django.db.models.signals import post_delete, post_save

#: Every model the public summary reads: (app label, model name).
WATCHED = (
    ("provenance", "GrowingArea"),  # hectares, codes, GI, GACP
    ("provenance", "GrowingAreaStatusChange"),  # recalls, status at a date
    ("provenance", "Lot"),  # harvests
    ("provenance", "Cooperative"),
    ("provenance", "ChainCheckpoint"),  # the latest signed checkpoint
    ("order", "Order"),  # cooperatives selling: an order's status
    ("order", "Line"),
    ("plan", "PlanTarget"),
)


def _clear(sender, **kwargs):
    from plan.services import clear_public_summary_on_commit

    if kwargs.get("raw"):
        return
    clear_public_summary_on_commit()


def connect():
    from django.apps import apps

    for app_label, model_name in WATCHED:
        model = apps.get_model(app_label, model_name)
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(
                _clear, sender=model, dispatch_uid=f"plan.clear.{name}.{app_label}.{model_name}"
            )
