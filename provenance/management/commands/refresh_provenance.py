from django.core.management.base import BaseCommand
from django.db import transaction

from provenance.models import LabTest, Lot
from provenance.services import check_all_rows, refresh_sellability, verify_chains


def unsealed_lot_ids():
    """Lots whose rows (or whose lab tests' rows) differ from what was sealed."""
    result = verify_chains(rows=False, checkpoint=False)
    mismatches = check_all_rows(result.events, read_files=False)
    codes = {m.label for m in mismatches if m.kind in ("lot", "lot_unsealed", "event_lot")}
    ids = set(Lot.objects.filter(code__in=codes).values_list("pk", flat=True))
    numbers = {m.label for m in mismatches if m.kind.startswith("lab_test")}
    ids |= set(
        LabTest.objects.filter(certificate_number__in=numbers).values_list("lot_id", flat=True)
    )
    return ids


class Command(BaseCommand):
    help = (
        "Recompute every packed lot's cached sale verdict and product-page summary; a lot "
        "made from a lot whose rows differ from what its events sealed is withheld."
    )

    def handle(self, *args, **options):
        lots = list(Lot.objects.packed().order_by("pk"))
        unsealed = unsealed_lot_ids()
        with transaction.atomic():
            refresh_sellability(lots, unsealed_ids=unsealed)
        sellable = sum(1 for lot in lots if lot.is_sellable)
        self.stdout.write(
            self.style.SUCCESS(f"{len(lots)} packed lots checked, {sellable} for sale")
        )
        if unsealed:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(unsealed)} lots differ from their seal: run verify_provenance"
                )
            )
