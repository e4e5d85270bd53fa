"""Product image thumbnails: the sizes the templates show, made once when an image is
saved (through the task interface: inline here, in a worker in production) rather than
on the first page view."""

from django.db import transaction
from django_tasks import task
from sorl.thumbnail import get_thumbnail

# (geometry, options) for every size a template asks for. Keep in step with
# templates/includes/product_card.html and templates/oscar/catalogue/*.html.
SIZES = [
    ("400x400", {"crop": "center", "upscale": False}),  # product card
    ("440x400", {"upscale": False}),  # product page gallery
    ("65x55", {"crop": "center"}),  # gallery thumbnails
    ("800x800", {"upscale": False}),  # schema.org image
    ("1200x630", {"crop": "center"}),  # Open Graph image
]


@task()
def make_product_thumbnails(image_id):
    from oscar.core.loading import get_model

    ProductImage = get_model("catalogue", "ProductImage")
    image = ProductImage.objects.filter(pk=image_id).first()
    if image is None or not image.original:
        return 0
    for geometry, options in SIZES:
        get_thumbnail(image.original, geometry, **options)
    return len(SIZES)


def schedule_thumbnails(sender, instance, created, **kwargs):
    if kwargs.get("raw"):
        return
    transaction.on_commit(lambda: make_product_thumbnails.enqueue(instance.pk))
