"""Factories for the project's models. Oscar's own factories are the base for the shop."""

from decimal import Decimal
from io import BytesIO

import factory
from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories
from PIL import Image as PILImage

from core.text import slugify_vi

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")


def png_bytes(size=(64, 64), colour=(31, 77, 58)):
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_file(name="test.jpg", size=(640, 480), colour=(164, 22, 26)):
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=name)


class PartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"HTX Sâm {n}")
    code = factory.Sequence(lambda n: f"htx-sam-{n}")

    class Meta:
        model = Partner
        django_get_or_create = ("code",)


class ProductClassFactory(factory.django.DjangoModelFactory):
    name_vi = factory.Sequence(lambda n: f"Sâm khô {n}")
    name_en = factory.Sequence(lambda n: f"Dried ginseng {n}")
    slug = factory.Sequence(lambda n: f"dried-{n}")
    requires_shipping = True
    track_stock = True
    ship_to = "anywhere"  # dried ginseng may go abroad; fresh roots: ship_to="vn"

    class Meta:
        model = ProductClass


class ProductFactory(factory.django.DjangoModelFactory):
    """A standalone, public product with Vietnamese and English titles."""

    structure = "standalone"
    upc = factory.Sequence(lambda n: f"SLC{n:06d}")
    title_vi = factory.Sequence(lambda n: f"Sâm Lai Châu khô {n}")
    title_en = factory.Sequence(lambda n: f"Dried Lai Chau ginseng {n}")
    slug = factory.LazyAttribute(lambda o: slugify_vi(o.title_vi))
    description_vi = "<p>Củ sâm khô từ vùng trồng Sì Lở Lầu.</p>"
    description_en = "<p>Dried root from the Sì Lở Lầu growing area.</p>"
    product_class = factory.SubFactory(ProductClassFactory)
    is_public = True

    class Meta:
        model = Product
        skip_postgeneration_save = True

    @factory.post_generation
    def stock(self, create, extracted, **kwargs):
        """``ProductFactory(stock=5, price=1234567)`` adds a stock record."""
        if not create or extracted is None:
            return
        StockRecordFactory(
            product=self,
            num_in_stock=extracted,
            price=Decimal(kwargs.get("price", 1_234_567)),
            traceable=kwargs.get("traceable", True),
        )

    @factory.post_generation
    def image(self, create, extracted, **kwargs):
        if create and extracted:
            from shop.catalogue.thumbnails import make_product_thumbnails

            image = ProductImage.objects.create(
                product=self, original=jpeg_file(f"{self.upc}.jpg"), caption=self.title_vi
            )
            # As the task does once the upload commits (tests roll back instead).
            make_product_thumbnails.call(image.pk)


class StockRecordFactory(factory.django.DjangoModelFactory):
    product = factory.SubFactory(ProductFactory)
    partner = factory.SubFactory(PartnerFactory)
    partner_sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    price_currency = "VND"
    price = Decimal("1234567")
    num_in_stock = 10

    class Meta:
        model = StockRecord
        skip_postgeneration_save = True

    @factory.post_generation
    def traceable(self, create, extracted, **kwargs):
        """A product may only be sold from a packed lot with a complete provenance chain
        (shop/partner/strategy.py), so by default every stock record gets one.
        ``StockRecordFactory(traceable=False)`` (or ``ProductFactory(stock=5,
        stock__traceable=False)``) leaves it without one: not for sale."""
        if not create or extracted is False:
            return
        from tests.provenance.factories import build_chain

        build_chain(self, serials=())


CategoryFactory = oscar_factories.CategoryFactory
UserFactory = oscar_factories.UserFactory
