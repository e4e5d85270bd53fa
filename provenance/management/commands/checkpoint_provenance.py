from django.core.management.base import BaseCommand

from provenance.services.checkpoints import create_checkpoint


class Command(BaseCommand):
    help = (
        "Sign the head (sequence and hash) of every provenance chain now with the Ed25519 "
        "key of PROVENANCE_SIGNING_KEY and publish it (run from cron, e.g. hourly, and on "
        "demand)."
    )

    def handle(self, *args, **options):
        checkpoint = create_checkpoint()
        self.stdout.write(
            self.style.SUCCESS(
                f"checkpoint {checkpoint.pk}: {len(checkpoint.heads)} chains, "
                f"digest {checkpoint.digest}"
            )
        )
