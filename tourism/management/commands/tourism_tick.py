from django.core.management.base import BaseCommand

from tourism import services


class Command(BaseCommand):
    help = (
        "Run on a schedule (e.g. every 10 minutes): unpaid bookings past their hold give "
        "their seats back (offered to the waiting list), and slots below their minimum "
        "at the deadline are cancelled and refunded."
    )

    def handle(self, *args, **options):
        expired = services.expire_unpaid_bookings()
        cancelled = services.cancel_below_minimum()
        self.stdout.write(f"{len(expired)} bookings expired, {len(cancelled)} slots cancelled")
