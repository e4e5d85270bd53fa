from django.core.management.base import BaseCommand, CommandError

from provenance.services import verify_chains

REASONS = {
    "hash": "its stored hash does not match its content",
    "link": "its link to the previous event is broken",
    "sequence": "an event is missing before it",
    "columns": "its indexed columns do not match its hashed content",
}


class Command(BaseCommand):
    help = "Check every provenance event chain; exit non-zero naming the first bad event."

    def handle(self, *args, **options):
        result = verify_chains()
        if not result.ok:
            event = result.failed_event
            raise CommandError(
                f"provenance chain broken at event {event.pk} ({event.chain}#{event.sequence}, "
                f"{event.biz_step}): {REASONS.get(result.reason, result.reason)}"
            )
        self.stdout.write(
            self.style.SUCCESS(f"{result.checked} events in {len(result.chains)} chains verified")
        )
