"""Product image thumbnails are made outside the page request.

Saving a ProductImage enqueues ``make_product_thumbnails`` when the transaction commits
(the task interface, django_tasks: the ImmediateBackend of dev and tests runs it at once
at commit; production names a worker backend in ``TASKS_BACKEND`` and runs its worker).
Pages never make a thumbnail themselves: ``DeferredThumbnailBackend`` (sorl's
``THUMBNAIL_BACKEND``) returns the stored thumbnail when it exists and a light
placeholder until then. ``manage.py make_product_thumbnails`` enqueues every image
again (after restoring media, or for images saved before this existed)."""

import contextlib
import contextvars

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.templatetags.static import static
from django_tasks import task
from sorl.thumbnail import default, get_thumbnail
from sorl.thumbnail.base import ThumbnailBackend
from sorl.thumbnail.conf import defaults as default_settings
from sorl.thumbnail.conf import settings as sorl_settings
from sorl.thumbnail.images import ImageFile
from sorl.thumbnail.parsers import parse_geometry

# (geometry, options) for every size a template asks for. Keep in step with
# templates/includes/product_card.html and templates/oscar/catalogue/*.html.
SIZES = [
    ("400x400", {"crop": "center", "upscale": False}),  # product card
    ("440x400", {"upscale": False}),  # product page gallery
    ("65x55", {"crop": "center"}),  # gallery thumbnails
    ("800x800", {"upscale": False}),  # schema.org image
    ("1200x630", {"crop": "center"}),  # Open Graph image
]

PLACEHOLDER = "img/thumbnail-pending.svg"

_making = contextvars.ContextVar("making_thumbnails", default=False)


@contextlib.contextmanager
def making_thumbnails():
    """Inside this block (the task), the backend makes missing thumbnails."""
    token = _making.set(True)
    try:
        yield
    finally:
        _making.reset(token)


class PendingThumbnail:
    """What a template gets while the thumbnail is being made: the placeholder, at the
    size asked for."""

    def __init__(self, geometry_string):
        try:
            width, height = parse_geometry(geometry_string)
        except Exception:  # noqa: BLE001
            width = height = None
        self.width = width or height or 400
        self.height = height or width or 400
        self.x, self.y = self.width, self.height
        self.url = static(PLACEHOLDER)
        self.name = PLACEHOLDER
        self.pending = True

    def __bool__(self):
        return True

    def exists(self):
        return False

    def __str__(self):
        return self.url


class DeferredThumbnailBackend(ThumbnailBackend):
    def get_thumbnail(self, file_, geometry_string, **options):
        if _making.get() or self._inline_allowed(file_):
            return super().get_thumbnail(file_, geometry_string, **options)
        existing = self.existing_thumbnail(file_, geometry_string, **options)
        return existing if existing else PendingThumbnail(geometry_string)

    @staticmethod
    def _inline_allowed(file_):
        """Oscar's small "no image" picture is ours, not an upload: made in place."""
        name = getattr(file_, "name", file_)
        return str(name) == str(getattr(settings, "OSCAR_MISSING_IMAGE_URL", ""))

    def existing_thumbnail(self, file_, geometry_string, **options):
        """The stored thumbnail for these arguments (sorl's own naming), or None."""
        if not file_:
            return None
        source = ImageFile(file_)
        if sorl_settings.THUMBNAIL_PRESERVE_FORMAT:
            options.setdefault("format", self._get_format(source))
        for key, value in self.default_options.items():
            options.setdefault(key, value)
        for key, attr in self.extra_options:
            value = getattr(sorl_settings, attr)
            if value != getattr(default_settings, attr):
                options.setdefault(key, value)
        name = self._get_thumbnail_filename(source, geometry_string, options)
        return default.kvstore.get(ImageFile(name, default.storage))


@task()
def make_product_thumbnails(image_id):
    from oscar.core.loading import get_model

    from core.images import image_size, max_pixels

    ProductImage = get_model("catalogue", "ProductImage")
    image = ProductImage.objects.filter(pk=image_id).first()
    if image is None or not image.original:
        return 0
    try:
        with image.original.open("rb") as original:
            size = image_size(original)
    except (OSError, ValidationError):
        size = None
    if size is None or size[0] * size[1] > max_pixels():
        return 0  # not an image Pillow reads, or over the limit: never decoded
    with making_thumbnails():
        for geometry, options in SIZES:
            get_thumbnail(image.original, geometry, **options)
    return len(SIZES)


def schedule_thumbnails(sender, instance, created, **kwargs):
    if kwargs.get("raw"):
        return
    transaction.on_commit(lambda: make_product_thumbnails.enqueue(instance.pk))
