"""Images from strangers: refuse those with too many pixels before anything decodes
them. Pillow reads only the header to know an image's size, so a 12000 × 12000 PNG is
refused without allocating its 576 MB of pixels.

``settings.IMAGE_MAX_PIXELS`` is the limit (a product photo needs far less than 40 MP);
Pillow's own ``Image.MAX_IMAGE_PIXELS`` and Wagtail's ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``
are set to the same value, so nothing else decodes a bigger one either."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

DEFAULT_MAX_PIXELS = 40_000_000


def max_pixels():
    return int(getattr(settings, "IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS))


def apply_pillow_limit():
    """Pillow refuses (DecompressionBombError) anything over twice this, warns over it."""
    Image.MAX_IMAGE_PIXELS = max_pixels()


def _too_big(width=None, height=None):
    limit = max_pixels()
    if width and height:
        message = _(
            "This image is %(width)d × %(height)d pixels; the most we accept is "
            "%(limit)s megapixels. Please make it smaller and upload it again."
        )
        params = {"width": width, "height": height, "limit": limit // 1_000_000}
    else:
        message = _(
            "This image has more than %(limit)s megapixels. Please make it smaller and "
            "upload it again."
        )
        params = {"limit": limit // 1_000_000}
    return ValidationError(message, code="too_many_pixels", params=params)


def image_size(upload):
    """(width, height) read from the header, or None when it is not an image Pillow
    knows. Raises ValidationError when the header alone shows a decompression bomb."""
    try:
        position = upload.tell()
    except (AttributeError, OSError, ValueError):
        position = 0
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            return image.size
    except Image.DecompressionBombError:
        raise _too_big() from None
    except Exception:  # noqa: BLE001 - not an image: the caller's own checks say so
        return None
    finally:
        try:
            upload.seek(position)
        except (AttributeError, OSError, ValueError):
            pass


def validate_image_pixels(upload):
    if not upload:
        return
    size = image_size(upload)
    if size and size[0] * size[1] > max_pixels():
        raise _too_big(*size)


class LimitedImageField(forms.ImageField):
    """An ImageField that refuses too many pixels before Django's own check decodes."""

    def to_python(self, data):
        if data is not None and hasattr(data, "read"):
            validate_image_pixels(data)
        return super().to_python(data)
