import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from haystack.query import SearchQuerySet

from demo.loader import DemoLoader
from shop.search.indexing import rebuild_product_index


class Command(BaseCommand):
    help = "Create the demo site (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo data even though DEBUG is off.",
        )
        parser.add_argument(
            "--no-index", action="store_true", help="Skip the search index rebuild."
        )

    def handle(self, *args, allow_production=False, no_index=False, **options):
        if (
            not settings.DEBUG
            and not allow_production
            and not getattr(settings, "DEMO_ALLOWED", False)
        ):
            raise CommandError(
                "load_demo writes sample data; with DEBUG off pass --allow-production."
            )
        started = time.monotonic()

        def progress(number, total, name):
            elapsed = time.monotonic() - started
            self.stdout.write(f"[{number}/{total + 1}] {name} ({elapsed:.0f} s)")
            self.stdout.flush()

        verbose = options.get("verbosity", 1) > 1
        loader = DemoLoader(
            log=(lambda message: self.stdout.write(f"  + {message}"))
            if verbose
            else (lambda m: None),
            progress=progress,
        )
        created = loader.run()
        if not no_index and (created or not SearchQuerySet().count()):
            progress(len(DemoLoader.STEPS) + 1, len(DemoLoader.STEPS), "search index")
            rebuild_product_index()
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"demo content ready ({created} things created in {elapsed:.0f} s)")
        )
