"""Build the demo site step by step. Every step looks before it creates, so running the
loader twice changes nothing."""

import datetime
import os
from decimal import Decimal
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from oscar.core.loading import get_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from cms import models as cms
from cms.services import add_child_page, add_translation
from core.text import slugify_vi
from demo import content, images
from demo.checkout import ensure_checkout_data
from demo.cooperatives import ensure_cooperative_profiles
from demo.events import ensure_events, ensure_training
from demo.provenance import ensure_provenance
from demo.tourism import ensure_tourism

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductAttribute = get_model("catalogue", "ProductAttribute")
AttributeOption = get_model("catalogue", "AttributeOption")
AttributeOptionGroup = get_model("catalogue", "AttributeOptionGroup")
ProductImage = get_model("catalogue", "ProductImage")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

ADMIN_EMAIL = "admin@samlaichau.example"
DEFAULT_DEMO_PASSWORD = "sam-lai-chau-demo"


def demo_password():
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


def cooperative_email(code):
    return f"{code}@samlaichau.example"


class DemoLoader:
    #: The steps of ``run``, in order, as ``progress`` announces them.
    STEPS = [
        "languages, countries and shipping",
        "catalogue: products, pictures and stock",
        "provenance: growing areas, lots and their sealed events",
        "cooperative profiles and training sessions",
        "pages in Vietnamese and their English translations",
        "demo accounts",
    ]

    def __init__(self, log=print, progress=None):
        self.log = log
        self.progress = progress or (lambda number, total, name: None)
        self.created = 0

    def note(self, message):
        self.created += 1
        self.log(message)

    def step(self, number):
        self.progress(number, len(self.STEPS), self.STEPS[number - 1])

    def run(self):
        with transaction.atomic():
            self.step(1)
            self.ensure_locales()
            ensure_checkout_data(log=self.note)
            self.step(2)
            self.ensure_catalogue()
            self.step(3)
            ensure_provenance(self)
            self.step(4)
            ensure_cooperative_profiles(self)
            ensure_training(self)
        with transaction.atomic():
            self.step(5)
            self.ensure_pages()
        with transaction.atomic():
            self.step(6)
            self.ensure_users()
        return self.created

    # ------------------------------------------------------------------ locales
    def ensure_locales(self):
        for code, _name in settings.LANGUAGES:
            _, made = Locale.objects.get_or_create(language_code=code)
            if made:
                self.note(f"locale {code}")

    # ------------------------------------------------------------------ images
    def wagtail_image(self, key, alt):
        Image = get_image_model()
        title = f"demo-{key}"
        image = Image.objects.filter(title=title).first()
        if image is None:
            data = images.landscape(seed=key)
            image = Image.objects.create(
                title=title, file=ImageFile(BytesIO(data), name=f"{title}.jpg")
            )
            self.note(f"image {title}")
        return image

    # ------------------------------------------------------------------ pages
    def ensure_pages(self):
        root = Page.get_first_root_node()
        # Wagtail's starter page is in the way of our home page; remove it once.
        for page in root.get_children().filter(content_type__model="page"):
            page.delete()
            self.note("removed Wagtail's welcome page")

        hero = self.wagtail_image("hero", "")
        home = cms.HomePage.objects.filter(depth=2, locale__language_code="vi").first()
        if home is None:
            home = add_child_page(
                root,
                cms.HomePage(
                    title="Sâm Lai Châu",
                    slug="trang-chu",
                    hero_title="Sâm Lai Châu — báu vật của núi rừng Phong Thổ",
                    hero_text="Mỗi củ sâm mang mã số vùng trồng, từ vườn ươm đến tay bạn. "
                    + content.DEMO_NOTE_VI,
                    hero_image=hero,
                    hero_image_alt="Núi rừng Phong Thổ nhiều tầng trong sương sớm",
                    featured_products_title="Sản phẩm nổi bật",
                    featured_stories_title="Câu chuyện và tin tức",
                    tourism_text="Đến thăm vườn sâm dưới tán rừng và những bản làng của người trồng sâm.",
                    search_description="Sâm Lai Châu từ Phong Thổ: truy xuất đến vùng trồng, do các hợp tác xã bán trực tiếp.",
                ),
            )
            self.note("home page (vi)")
        # The canonical host (sitemap, QR codes) is SITE_URL's.
        site_url = urlsplit(settings.SITE_URL)
        wanted = {
            "hostname": site_url.hostname or "localhost",
            "port": site_url.port or (443 if site_url.scheme == "https" else 80),
            "root_page_id": home.pk,
            "site_name": "Sâm Lai Châu",
        }
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(is_default_site=True)
        if any(getattr(site, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(site, name, value)
            site.save()
            self.note("default site")
        home_en = self.translate(
            home,
            title="Sâm Lai Châu",
            hero_title="Lai Châu ginseng — treasure of the Phong Thổ forests",
            hero_text="Every root carries its growing-area code, from the nursery to your door. "
            + content.DEMO_NOTE_EN,
            hero_image_alt="Layered mountains and forest of Phong Thổ in the morning mist",
            featured_products_title="Featured products",
            featured_stories_title="Stories and news",
            tourism_text="Visit the ginseng gardens under the forest and the villages of the people who grow it.",
            search_description="Lai Châu ginseng from Phong Thổ: traceable to its growing area, sold by the cooperatives that grow it.",
        )

        stories = self.add_pair(
            home,
            cms.StoryIndexPage(
                title="Câu chuyện",
                slug="cau-chuyen",
                show_in_menus=True,
                introduction="Câu chuyện thương hiệu và tin tức về Sâm Lai Châu.",
            ),
            title="Stories",
            slug="stories",
            introduction="Brand stories and news about Lai Châu ginseng.",
        )
        for i, story in enumerate(content.STORIES):
            image = self.wagtail_image(f"story-{i}", "")
            page = self.add_pair(
                stories,
                cms.StoryPage(
                    title=story["title"][0],
                    slug=story["slug"][0],
                    date=datetime.date.fromisoformat(story["date"]),
                    kind=story["kind"],
                    introduction=story["intro"][0],
                    hero_image=image,
                    hero_image_alt=story["title"][0],
                    body=self.body(
                        story["body"][0], content.DEMO_NOTE_VI, image, story["title"][0]
                    ),
                ),
                title=story["title"][1],
                slug=story["slug"][1],
                introduction=story["intro"][1],
                hero_image_alt=story["title"][1],
                body=self.body(story["body"][1], content.DEMO_NOTE_EN, image, story["title"][1]),
            )
            if not page.tags.exists():
                page.tags.add(*story["tags"])
                page.save_revision().publish()

        culture = self.add_pair(
            home,
            cms.CultureIndexPage(
                title="Văn hoá",
                slug="van-hoa",
                show_in_menus=True,
                introduction="Văn hoá của các dân tộc trồng sâm ở Phong Thổ.",
            ),
            title="Culture",
            slug="culture",
            introduction="The culture of the peoples who grow ginseng in Phong Thổ.",
        )
        for i, item in enumerate(content.CULTURE):
            image = self.wagtail_image(f"culture-{i}", "")
            self.add_pair(
                culture,
                cms.CulturePage(
                    title=item["title"][0],
                    slug=item["slug"][0],
                    people=item["people"],
                    commune=item["commune"],
                    introduction=item["intro"][0],
                    hero_image=image,
                    hero_image_alt=item["title"][0],
                    body=self.body(item["body"][0], content.DEMO_NOTE_VI, image, item["title"][0]),
                ),
                title=item["title"][1],
                slug=item["slug"][1],
                introduction=item["intro"][1],
                hero_image_alt=item["title"][1],
                body=self.body(item["body"][1], content.DEMO_NOTE_EN, image, item["title"][1]),
            )

        tourism = None
        for item in content.STANDARD_PAGES:
            page = self.add_pair(
                home,
                cms.StandardPage(
                    title=item["title"][0],
                    slug=item["slug"][0],
                    show_in_menus=item["menu"],
                    introduction=item["intro"][0],
                    body=[("paragraph", f"<p>{item['body'][0]}</p>")],
                ),
                title=item["title"][1],
                slug=item["slug"][1],
                introduction=item["intro"][1],
                body=[("paragraph", f"<p>{item['body'][1]}</p>")],
            )
            if item["slug"][0] == "du-lich-cong-dong":
                tourism = page
        ensure_events(self, cms.HomePage.objects.get(pk=home.pk))
        for page in (home, home_en):
            # Fresh from the database: the objects above hold stale tree counters.
            page = cms.HomePage.objects.get(pk=page.pk)
            target = tourism.get_translation(page.locale)
            # Only a first link: ensure_tourism below points it at the bookable visits.
            if page.tourism_page_id is None:
                page.tourism_page = target
                page.save_revision().publish()
                self.note(f"tourism link on {page.locale.language_code} home")
        # issue 11: farm visits to book; the home page's tourism link goes to them.
        ensure_tourism(self, home, home_en, content.DEMO_NOTE_VI, content.DEMO_NOTE_EN)

    def body(self, text, note, image, alt):
        return [
            ("paragraph", f"<p>{text}</p>"),
            ("image", {"image": image, "alt_text": alt, "caption": note, "attribution": ""}),
            (
                "product_list",
                {"title": "", "product_upcs": [], "category_slug": "sam-kho", "limit": 4},
            ),
        ]

    def add_pair(self, parent, page_vi, **fields_en):
        existing = parent.get_children().filter(slug=page_vi.slug).first()
        if existing is None:
            page_vi = add_child_page(parent, page_vi)
            self.note(f"page {page_vi.slug}")
        else:
            page_vi = existing.specific
        self.translate(page_vi, **fields_en)
        return page_vi

    def translate(self, page, **fields):
        locale = Locale.objects.get(language_code="en")
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            return existing.specific
        translated = add_translation(page, "en", **fields)
        self.note(f"page {translated.slug} (en)")
        return translated

    # ------------------------------------------------------------------ catalogue
    def ensure_grades(self):
        group = AttributeOptionGroup.objects.filter(code="grade").first()
        if group is None:
            group = AttributeOptionGroup.objects.create(
                code="grade", name_vi="Phân hạng", name_en="Grade"
            )
            self.note("grade options")
        options = {}
        for key, (vi, en) in content.GRADES.items():
            option = AttributeOption.objects.filter(group=group, code=key).first()
            if option is None:
                option = AttributeOption.objects.create(
                    group=group, code=key, option_vi=vi, option_en=en
                )
            options[key] = option
        return group, options

    def ensure_catalogue(self):
        grade_group, grades = self.ensure_grades()
        classes = {}
        for spec in content.PRODUCT_CLASSES:
            product_class = ProductClass.objects.filter(slug=spec["slug"]).first()
            if product_class is None:
                product_class = ProductClass.objects.create(
                    slug=spec["slug"],
                    name_vi=spec["vi"],
                    name_en=spec["en"],
                    requires_shipping=True,
                    track_stock=True,
                    ship_to=spec["ship_to"],
                    export_permit_required=spec.get("export_permit", False),
                )
                self.note(f"product class {spec['slug']}")
            classes[spec["slug"]] = product_class
            for attr in content.ATTRIBUTES:
                if not ProductAttribute.objects.filter(
                    product_class=product_class, code=attr["code"]
                ).exists():
                    ProductAttribute.objects.create(
                        product_class=product_class,
                        code=attr["code"],
                        type=attr["type"],
                        name_vi=attr["vi"],
                        name_en=attr["en"],
                        option_group=grade_group if attr["type"] == "option" else None,
                    )

        categories = {}
        for spec in content.CATEGORIES:
            category = Category.objects.filter(slug=spec["slug"]).first()
            if category is None:
                category = Category.add_root(
                    name_vi=spec["vi"], name_en=spec["en"], slug=spec["slug"], is_public=True
                )
                self.note(f"category {spec['slug']}")
            for class_slug in spec["classes"]:
                categories[class_slug] = category

        partners = {}
        for spec in content.COOPERATIVES:
            partner, made = Partner.objects.get_or_create(
                code=spec["code"], defaults={"name": spec["name"]}
            )
            if made:
                self.note(f"cooperative {spec['name']}")
            partners[spec["code"]] = partner

        communes = {spec["code"]: spec["commune"] for spec in content.COOPERATIVES}
        for index, row in enumerate(content.PRODUCTS):
            (
                upc,
                class_slug,
                coop,
                title_vi,
                title_en,
                grams,
                age,
                grade,
                price,
                stock,
                priority,
            ) = row
            if Product.objects.filter(upc=upc).exists():
                continue
            desc_vi, desc_en = content.PRODUCT_DESCRIPTIONS[class_slug]
            product = Product(
                upc=upc,
                structure=Product.STANDALONE,
                product_class=classes[class_slug],
                title_vi=title_vi,
                title_en=title_en,
                slug=slugify_vi(title_vi),
                description_vi=desc_vi.format(commune=communes[coop]),
                description_en=desc_en.format(commune=communes[coop]),
                priority=priority,
                is_public=True,
            )
            product.attr.net_weight_g = grams
            product.attr.root_age_years = age
            product.attr.grade = grades[grade]
            product.save()
            ProductCategory.objects.create(product=product, category=categories[class_slug])
            StockRecord.objects.create(
                product=product,
                partner=partners[coop],
                partner_sku=upc,
                price_currency="VND",
                price=Decimal(price),
                num_in_stock=stock,
            )
            picture = images.product_picture(
                next(c["picture"] for c in content.PRODUCT_CLASSES if c["slug"] == class_slug),
                seed=index,
            )
            ProductImage.objects.create(
                product=product,
                original=ContentFile(picture, name=f"{upc.lower()}.jpg"),
                caption="",  # the product title, in the page language, is the alt text
                display_order=0,
            )
            self.note(f"product {upc}")

    # ------------------------------------------------------------------ users
    def ensure_users(self):
        User = get_user_model()
        password = demo_password()
        admin = User.objects.filter(email=ADMIN_EMAIL).first()
        if admin is None:
            admin = User.objects.create_superuser(
                username="admin",
                email=ADMIN_EMAIL,
                password=password,
                first_name="Quản trị",
                last_name="Demo",
            )
            self.note(f"staff user {ADMIN_EMAIL}")
        dashboard_access = Permission.objects.get(
            codename="dashboard_access", content_type__app_label="partner"
        )
        for spec in content.COOPERATIVES:
            email = cooperative_email(spec["code"])
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    username=spec["code"][:30],
                    email=email,
                    password=password,
                    first_name=spec["name"][:30],
                )
                user.user_permissions.add(dashboard_access)
                Partner.objects.get(code=spec["code"]).users.add(user)
                self.note(f"cooperative user {email}")


def accounts():
    """The demo accounts, for the README and for ``make run`` to print."""
    rows = [("staff (all)", ADMIN_EMAIL)]
    rows += [(spec["name"], cooperative_email(spec["code"])) for spec in content.COOPERATIVES]
    return rows
