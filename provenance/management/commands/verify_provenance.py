from django.core.management.base import BaseCommand, CommandError

from provenance.services import verify_chains

REASONS = {
    "hash": "its stored hash does not match its content",
    "link": "its link to the previous event is broken",
    "sequence": "an event is missing before it",
    "columns": "its indexed columns do not match its hashed content",
}


class Command(BaseCommand):
    help = (
        "Check every provenance event chain (hashes and links), every row beside it (lots, "
        "inputs, lab tests and results, certificate files, event links, area status) "
        "against what the events sealed, and the chains against the latest signed "
        "checkpoint; exit non-zero naming every problem."
    )

    def handle(self, *args, **options):
        result = verify_chains()
        if not result.ok:
            lines = []
            event = result.failed_event
            if event is not None:
                lines.append(
                    f"provenance chain broken at event {event.pk} ({event.chain}#"
                    f"{event.sequence}, {event.biz_step}): "
                    f"{REASONS.get(result.reason, result.reason)}"
                )
            lines += [f"row differs from its seal: {m}" for m in result.mismatches]
            lines += [f"checkpoint: {p}" for p in result.checkpoint_problems]
            raise CommandError("\n".join(lines))
        against = ""
        if result.checkpoint is not None:
            against = f", against checkpoint #{result.checkpoint.pk}"
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.checked} events in {len(result.chains)} chains verified{against}"
            )
        )
