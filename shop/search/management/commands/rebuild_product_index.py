from django.core.management.base import BaseCommand

from shop.search.indexing import rebuild_product_index


class Command(BaseCommand):
    help = "Rebuild the product search index (Haystack's update_index, which Wagtail shadows)."

    def handle(self, *args, **options):
        rebuild_product_index(verbosity=options["verbosity"])
        self.stdout.write(self.style.SUCCESS("product index rebuilt"))
