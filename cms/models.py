"""Wagtail page types: the home page, stories and news, culture, standard pages."""

from django.db import models
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from cms.blocks import BaseStreamBlock


def public_pages(queryset):
    """Like Wagtail's ``.public()``, in the same query: a page is public when neither it
    nor any ancestor has a view restriction (Wagtail's version queries them first)."""
    restricted = PageViewRestriction.objects.annotate(path_length=Length("page__path")).filter(
        page__path=Substr(OuterRef("path"), 1, F("path_length"))
    )
    return queryset.exclude(Exists(restricted))


class SeoMixin(models.Model):
    """Open Graph image and the description shared by every page type."""

    og_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Social sharing image"),
    )

    promote_panels = Page.promote_panels + [FieldPanel("og_image")]

    class Meta:
        abstract = True

    def get_og_image(self):
        return self.og_image or getattr(self, "hero_image", None)

    def get_meta_description(self):
        return self.search_description or getattr(self, "introduction", "") or ""


class ArticleMixin(models.Model):
    """What standard pages, stories and culture pages share: an introduction, a hero
    image with its alternative text, and a StreamField body."""

    introduction = models.TextField(_("Introduction"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Hero image"),
    )
    hero_image_alt = models.CharField(_("Hero image alternative text"), max_length=255, blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("Body"))

    article_panels = [
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_alt"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True


class HomePage(SeoMixin, Page):
    hero_title = models.CharField(_("Hero title"), max_length=255)
    hero_text = models.TextField(_("Hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Hero image"),
    )
    hero_image_alt = models.CharField(_("Hero image alternative text"), max_length=255, blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("Body"))
    featured_products_title = models.CharField(
        _("Featured products title"), max_length=255, blank=True
    )
    featured_product_count = models.PositiveSmallIntegerField(
        _("How many featured products"), default=8
    )
    featured_stories_title = models.CharField(
        _("Featured stories title"), max_length=255, blank=True
    )
    tourism_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Community tourism page"),
    )
    tourism_text = models.TextField(_("Community tourism teaser"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("featured_products_title"),
                FieldPanel("featured_product_count"),
                FieldPanel("featured_stories_title"),
            ],
            heading=_("Featured"),
        ),
        MultiFieldPanel(
            [FieldPanel("tourism_page"), FieldPanel("tourism_text")],
            heading=_("Community tourism"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StoryIndexPage",
        "cms.CultureIndexPage",
        "cms.StandardPage",
        "tourism.ExperienceIndexPage",
        "events.EventIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Home page")

    def get_context(self, request, *args, **kwargs):
        from shop.catalogue.selectors import featured_products

        context = super().get_context(request, *args, **kwargs)
        context["featured_products"] = featured_products(self.featured_product_count)
        context["featured_stories"] = (
            public_pages(StoryPage.objects.live())
            .filter(locale_id=self.locale_id)
            .select_related("hero_image")
            .order_by("-date", "-pk")[:3]
        )
        from events.models import upcoming_events

        context["upcoming"] = upcoming_events(self.locale_id)
        return context


class StandardPage(SeoMixin, ArticleMixin, Page):
    content_panels = Page.content_panels + ArticleMixin.article_panels

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("Standard page")


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.StoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class StoryIndexPage(SeoMixin, Page):
    introduction = models.TextField(_("Introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StoryPage"]

    class Meta:
        verbose_name = _("Story index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = (
            public_pages(StoryPage.objects.child_of(self).live())
            .select_related("hero_image")
            .order_by("-date", "-pk")
        )
        tag = request.GET.get("tag")
        if tag:
            stories = stories.filter(tags__name=tag)
        context["stories"] = stories
        context["tag"] = tag
        return context


class StoryPage(SeoMixin, ArticleMixin, Page):
    KIND_STORY = "story"
    KIND_NEWS = "news"
    KIND_CHOICES = [(KIND_STORY, _("Brand story")), (KIND_NEWS, _("News"))]

    date = models.DateField(_("Date"))
    kind = models.CharField(_("Kind"), max_length=10, choices=KIND_CHOICES, default=KIND_STORY)
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("Tags"))

    content_panels = (
        Page.content_panels
        + [FieldPanel("date"), FieldPanel("kind")]
        + ArticleMixin.article_panels
        + [FieldPanel("tags")]
    )

    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Story")
        verbose_name_plural = _("Stories")


class CultureIndexPage(SeoMixin, Page):
    introduction = models.TextField(_("Introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CulturePage"]

    class Meta:
        verbose_name = _("Culture index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["culture_pages"] = public_pages(
            CulturePage.objects.child_of(self).live()
        ).select_related("hero_image")
        return context


class CulturePage(SeoMixin, ArticleMixin, Page):
    """The culture of a people who grow the ginseng: traditions, festivals, uses."""

    people = models.CharField(
        _("People"), max_length=100, blank=True, help_text=_("For example: Hà Nhì, Dao, Mông")
    )
    commune = models.CharField(_("Commune"), max_length=100, blank=True)

    content_panels = (
        Page.content_panels
        + [FieldPanel("people"), FieldPanel("commune")]
        + ArticleMixin.article_panels
    )

    parent_page_types = ["cms.CultureIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Culture page")
