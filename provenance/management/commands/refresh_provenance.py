from django.core.management.base import BaseCommand
from django.db import transaction

from provenance.models import Lot
from provenance.services import refresh_sellability


class Command(BaseCommand):
    help = "Recompute every packed lot's cached sale verdict and product-page summary."

    def handle(self, *args, **options):
        lots = list(Lot.objects.packed().order_by("pk"))
        with transaction.atomic():
            refresh_sellability(lots)
        sellable = sum(1 for lot in lots if lot.is_sellable)
        self.stdout.write(
            self.style.SUCCESS(f"{len(lots)} packed lots checked, {sellable} for sale")
        )
