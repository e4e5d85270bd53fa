from django.core.management.base import BaseCommand
from oscar.core.loading import get_model

from shop.catalogue.thumbnails import make_product_thumbnails


class Command(BaseCommand):
    help = "Enqueue thumbnail making for every product image (the task interface)."

    def handle(self, *args, **options):
        ProductImage = get_model("catalogue", "ProductImage")
        count = 0
        for pk in ProductImage.objects.order_by("pk").values_list("pk", flat=True).iterator():
            make_product_thumbnails.enqueue(pk)
            count += 1
        self.stdout.write(f"{count} product images queued for thumbnails")
