from django.core.management.base import BaseCommand

from shop.order.services import cancel_expired_orders


class Command(BaseCommand):
    help = "Cancel unpaid orders past their payment deadline and release their stock (idempotent)."

    def handle(self, *args, **options):
        cancelled = cancel_expired_orders()
        for number in cancelled:
            self.stdout.write(f"cancelled {number}")
        self.stdout.write(f"{len(cancelled)} orders cancelled")
