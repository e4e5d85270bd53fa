"""Find strings of the other language on a rendered page.

On a Vietnamese page: common English interface words (the words Oscar, Wagtail and
Django put in buttons, messages and headings). On an English page: any letter with a
Vietnamese diacritic. Names stay as they are in both languages (places, peoples,
cooperatives, the brand), and so does any element marked with another ``lang``
attribute (the language switcher's "Tiếng Việt", a quoted Vietnamese term), which is
also what a screen reader needs to pronounce it.
"""

import re
from html.parser import HTMLParser

# Words of interface English that are not Vietnamese syllables. Vietnamese written
# without marks collides with a few short English words ("to", "in", "no", "do",
# "an", "con", "ban", "tin"), which are left out on purpose.
ENGLISH_WORDS = frozenset(
    """
    about account action actions active add added address addresses all already amount
    and any apply are available back basket before below best browse buy by cancel
    cancelled cart catalogue categories category change checkout choose click close code
    complete confirm contact continue cooperative country create created customer
    dashboard date delete delivery description details dispatch edit empty engine
    enter error every export filter find first for forgot found from fulfilment
    fulfillment get go got has have help here history home image images inc incl into
    issues item items last less list log login logout make manage message more my name
    new next not now number of off offer offers only optimisation optimization options
    order orders other our out page pages paid partner password payment pending per
    please previous price prices processing product products profile public quantity
    range ranges read register remove report required reset result results review
    reviews save search see select sell seller send shipped shipping shop show sign sort
    status stock store submit summary tax terms the there this total try type update
    upload user users value view voucher vouchers was we welcome what when which will
    wish wishlist with you your
    """.split()
)

# Letters only Vietnamese uses among the Latin ones on our pages.
VIETNAMESE_LETTER = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
    re.IGNORECASE,
)
WORD = re.compile(r"[A-Za-zÀ-ỹ]+(?:'[A-Za-z]+)?")

# Names the site writes the same way in both languages.
KNOWN_NAMES = [
    "Sâm Lai Châu",
    "Lai Châu",
    "Phong Thổ",
    "Tiếng Việt",
    "Hà Nhì",
    "Hà Nội",
    "Việt Nam",
    "Mông",
    "Dao",
    "Giáy",
    "Thái",
    "Lự",
    "Panax vietnamensis",
    "VietQR",
    "GS1",
    "EPCIS",
    "GACP-WHO",
    "Vietcombank",
    "HTX",
    "TCVN",
]


class _Text(HTMLParser):
    """Visible text plus the attributes people read (alt, title, placeholder, labels)
    and the value of buttons, with the language each piece is in."""

    SKIP = {"script", "style", "code", "kbd", "samp", "template", "svg", "noscript"}
    VOID = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr",
    }  # fmt: skip
    READ_ATTRS = ("alt", "title", "placeholder", "aria-label")

    def __init__(self, page_language):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, language, skipped)
        self.page_language = page_language
        self.pieces = []

    def _language(self):
        return self.stack[-1][1] if self.stack else self.page_language

    def _skipped(self):
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        language = (attrs.get("lang") or self._language() or "").split("-")[0].lower()
        skipped = (
            self._skipped()
            or tag in self.SKIP
            or "translate" in attrs
            and (attrs["translate"] == "no")
        )
        if tag == "html":
            self.page_language = language or self.page_language
        if not skipped:
            for name in self.READ_ATTRS:
                if attrs.get(name):
                    self.pieces.append((language, attrs[name]))
            if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
                self.pieces.append((language, attrs["value"]))
        if tag not in self.VOID:
            self.stack.append((tag, language, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if data.strip() and not self._skipped():
            self.pieces.append((self._language(), data))


def text_pieces(html, page_language):
    parser = _Text(page_language)
    parser.feed(html)
    parser.close()
    return [(lang, " ".join(text.split())) for lang, text in parser.pieces]


def _without_names(text, names):
    for name in sorted(names, key=len, reverse=True):
        if name:
            text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return text


def other_language_strings(html, language, names=()):
    """The pieces of ``html`` written in the language the page is not in."""
    names = [*KNOWN_NAMES, *names]
    found = []
    for piece_language, text in text_pieces(html, language):
        if piece_language != language:
            continue
        rest = _without_names(text, names)
        if language == "vi":
            words = {w.lower() for w in WORD.findall(rest) if not VIETNAMESE_LETTER.search(w)}
            if words & ENGLISH_WORDS:
                found.append(text)
        elif VIETNAMESE_LETTER.search(rest):
            found.append(text)
    return found


HREF = re.compile(r"""href=["']([^"'#]+)""")
SKIP_PATHS = re.compile(
    r"/(logout|accounts/logout|basket/vouchers|i18n|jsi18n|media|static|documents)/|"
    r"\.(xml|json|txt|pdf|png|jpg|svg|csv|zip|ics)$|/labels?/|/cms-admin/|/django-admin/|"
    r"linkType=|/delete/|/remove/|/export|download|[?&](page|sort_by|sort)="
)


def page_kind(path):
    """One key per page type: the view's URL name (Wagtail pages: see ``walk``)."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path.split("?")[0])
    except Resolver404:
        return None
    if match.url_name == "wagtail_serve":
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def walk(client, seeds, language, per_kind=2, limit=200):
    """Breadth-first over the site's own links in one language: ``[(path, html)]``,
    at most ``per_kind`` pages of each page type."""
    prefix = f"/{language}/"
    queue, seen, kinds, pages = list(seeds), set(), {}, []
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        kind = page_kind(path)
        if kind is not None and kinds.get(kind, 0) >= per_kind:
            continue
        response = client.get(path)
        location = response.get("Location", "")
        if response.status_code in (301, 302) and location.startswith(prefix):
            queue.append(location)
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        if kind is None:
            page = (response.context or {}).get("page")
            kind = f"cms:{type(page).__name__}" if page is not None else path
            if kinds.get(kind, 0) >= per_kind:
                continue
        kinds[kind] = kinds.get(kind, 0) + 1
        html = response.content.decode()
        pages.append((path, html))
        for href in HREF.findall(html):
            href = href.replace("&amp;", "&")
            if href.startswith(prefix) and not SKIP_PATHS.search(href) and href not in seen:
                queue.append(href)
    return pages


def basket_pages(client, language):
    """The pages a buyer sees around the basket: the messages after adding a product,
    a refused quantity, the basket with an item, the product page after adding."""
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")
    record = (
        StockRecord.objects.filter(num_in_stock__gt=2, product__is_public=True)
        .select_related("product")
        .order_by("product_id")
        .first()
    )
    product = record.product
    add = f"/{language}/shop/basket/add/{product.pk}/"
    pages = []
    response = client.post(add, {"quantity": 1}, HTTP_REFERER=f"/{language}/shop/", follow=True)
    pages.append((f"{add} (added)", response.content.decode()))
    response = client.post(
        add, {"quantity": record.num_in_stock + 1}, HTTP_REFERER=f"/{language}/shop/", follow=True
    )
    pages.append((f"{add} (too many)", response.content.decode()))
    response = client.get(f"/{language}/shop/basket/")
    pages.append((f"/{language}/shop/basket/", response.content.decode()))
    response = client.get(product.get_absolute_url().replace("/vi/", f"/{language}/"))
    pages.append(("product after adding", response.content.decode()))
    return pages


VN_ADDRESS = {
    "first_name": "Lò Thị",
    "last_name": "Mai",
    "country": "VN",
    "state": "Lai Châu",
    "line4": "Xã Sì Lở Lầu",
    "line1": "Bản Sì Choang",
    "postcode": "",
    "phone_number": "",
}


def checkout_pages(client, language, payment_methods=("cod", "vietqr")):
    """A signed-in customer's checkout, once per payment method: the address, review
    and order pages, then the account's order list and each order's page. Returns
    ``([(path, html)], [order numbers])``."""
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")
    Order = get_model("order", "Order")
    shop = f"/{language}/shop"
    pages, numbers = [], []
    records = (
        StockRecord.objects.filter(num_in_stock__gt=3, product__is_public=True)
        .select_related("product")
        .order_by("price", "product_id")  # cash on delivery has a ceiling
    )
    for method, record in zip(payment_methods, records, strict=False):
        client.post(f"{shop}/basket/add/{record.product.pk}/", {"quantity": 1})
        response = client.get(f"{shop}/checkout/", follow=True)
        pages.append((f"{shop}/checkout/ ({method})", response.content.decode()))
        response = client.post(f"{shop}/checkout/shipping-address/", VN_ADDRESS)
        assert response.status_code == 302, response.content.decode()[:3000]
        response = client.get(f"{shop}/checkout/shipping-method/", follow=True)
        pages.append((f"{shop}/checkout/preview/ ({method})", response.content.decode()))
        response = client.post(
            f"{shop}/checkout/preview/", {"action": "place_order", "payment_method": method}
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        response = client.get(response["Location"], follow=True)
        pages.append((f"order page just placed ({method})", response.content.decode()))
        numbers.append(Order.objects.order_by("-pk").values_list("number", flat=True)[0])
    return pages, numbers


def account_order_pages(client, language, numbers):
    """The account's order list and each order's page (following redirects)."""
    shop = f"/{language}/shop"
    pages = []
    response = client.get(f"{shop}/accounts/orders/")
    pages.append((f"{shop}/accounts/orders/", response.content.decode()))
    for number in numbers:
        response = client.get(f"{shop}/accounts/orders/{number}/", follow=True)
        assert response.status_code == 200, number
        pages.append((f"{shop}/accounts/orders/{number}/", response.content.decode()))
    return pages


def account_page_urls(user, language):
    """``[(page type, path)]`` of the account pages a signed-in customer opens: the
    profile and its form, the address book with an address (made here if the user has
    none), the address forms, the wish lists. Used by the language walk
    (tests/core/test_languages.py) and the axe/Nu walk (tests/browser/test_accessibility.py)."""
    from django.urls import reverse
    from django.utils import translation
    from oscar.core.loading import get_model

    UserAddress = get_model("address", "UserAddress")
    WishList = get_model("wishlists", "WishList")
    address = UserAddress.objects.filter(user=user).first()
    if address is None:
        address = UserAddress.objects.create(
            user=user,
            first_name="Lò Thị",
            last_name="Mai",
            line1="Bản Sì Choang",
            line4="Xã Sì Lở Lầu",
            state="Lai Châu",
            country_id="VN",
            is_default_for_shipping=True,
        )
    if not WishList.objects.filter(owner=user).exists():
        WishList.objects.create(owner=user, name="Lai Châu 2027")
    with translation.override(language):
        return [
            ("account: profile", reverse("customer:profile-view")),
            ("account: edit profile", reverse("customer:profile-update")),
            ("account: address book", reverse("customer:address-list")),
            ("account: new address", reverse("customer:address-create")),
            (
                "account: edit address",
                reverse("customer:address-detail", kwargs={"pk": address.pk}),
            ),
            ("account: wish lists", reverse("customer:wishlists-list")),
            ("account: orders", reverse("customer:order-list")),
        ]


def account_pages(client, user, language):
    """The account pages (``account_page_urls``) as ``[(path, html)]``."""
    pages = []
    for _name, path in account_page_urls(user, language):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        pages.append((path, response.content.decode()))
    return pages
