"""Which catalogue fields exist in Vietnamese and English.

django-modeltranslation adds ``<field>_vi`` and ``<field>_en`` columns to the forked
catalogue models; reading ``product.title`` gives the active language's value and
falls back to Vietnamese.
"""

from modeltranslation.translator import TranslationOptions, register
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Category = get_model("catalogue", "Category")
ProductAttribute = get_model("catalogue", "ProductAttribute")
AttributeOption = get_model("catalogue", "AttributeOption")
AttributeOptionGroup = get_model("catalogue", "AttributeOptionGroup")


@register(Product)
class ProductTranslation(TranslationOptions):
    fields = ("title", "description", "meta_title", "meta_description")


@register(ProductClass)
class ProductClassTranslation(TranslationOptions):
    fields = ("name",)


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description", "meta_title", "meta_description")


@register(ProductAttribute)
class ProductAttributeTranslation(TranslationOptions):
    fields = ("name",)


@register(AttributeOptionGroup)
class AttributeOptionGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(AttributeOption)
class AttributeOptionTranslation(TranslationOptions):
    fields = ("option",)
