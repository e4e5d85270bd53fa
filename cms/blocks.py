"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    size = blocks.ChoiceBlock(
        choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2", label=_("Size")
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"), help_text=_("Describe the image for screen readers.")
    )
    caption = blocks.CharBlock(required=False, label=_("Caption"))
    attribution = blocks.CharBlock(required=False, label=_("Credit"))

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image with caption")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribute_name = blocks.CharBlock(required=False, label=_("Said by"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("Title"))
    images = blocks.ListBlock(ImageBlock(), label=_("Images"))

    class Meta:
        icon = "image"
        template = "blocks/gallery_block.html"
        label = _("Gallery")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    page = blocks.PageChooserBlock(required=False, label=_("Link to page"))
    url = blocks.CharBlock(
        required=False, label=_("or link to address"), help_text=_("For example /vi/shop/")
    )
    button_text = blocks.CharBlock(label=_("Button text"))

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")


class ProductListBlock(blocks.StructBlock):
    """Live products from the catalogue: chosen by UPC, or the newest of a category."""

    title = blocks.CharBlock(required=False, label=_("Title"))
    product_upcs = blocks.ListBlock(
        blocks.CharBlock(label=_("Product code (UPC)")), required=False, label=_("Products")
    )
    category_slug = blocks.CharBlock(
        required=False, label=_("or newest products of category (slug)")
    )
    limit = blocks.IntegerBlock(default=4, min_value=1, max_value=12, label=_("How many"))

    class Meta:
        icon = "list-ul"
        template = "blocks/product_list_block.html"
        label = _("Product list")

    def get_context(self, value, parent_context=None):
        from shop.catalogue.selectors import products_by_upc, products_in_category

        context = super().get_context(value, parent_context=parent_context)
        if value["product_upcs"]:
            context["products"] = products_by_upc(list(value["product_upcs"]))[: value["limit"]]
        elif value["category_slug"]:
            context["products"] = products_in_category(value["category_slug"], value["limit"])
        else:
            context["products"] = []
        return context


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4"],
        label=_("Paragraph"),
    )
    image = ImageBlock()
    quote = QuoteBlock()
    gallery = GalleryBlock()
    call_to_action = CallToActionBlock()
    product_list = ProductListBlock()


class ItineraryStepBlock(blocks.StructBlock):
    """One step of a visit's programme (farm visits, training days)."""

    time = blocks.CharBlock(required=False, max_length=20, label=_("Time"))
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))

    class Meta:
        icon = "time"
        template = "blocks/itinerary_step_block.html"
        label = _("Itinerary step")


class ItineraryStreamBlock(blocks.StreamBlock):
    step = ItineraryStepBlock()
    paragraph = blocks.RichTextBlock(
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        features=["bold", "italic", "link", "ol", "ul"],
        label=_("Paragraph"),
    )
    image = ImageBlock()
