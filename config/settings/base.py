"""Settings shared by every environment.

Values that differ between machines come from the environment. ``dev`` and ``test``
give safe local defaults; ``production`` refuses to start without its secrets.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's settings, overridden below)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# --------------------------------------------------------------------------- apps
INSTALLED_APPS = [
    # Must come before django.contrib.admin so translated fields show in the admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Ours (before the third-party apps so our templates and tags win)
    "core",
    "cms",
    "payments",
    "provenance",
    "cooperatives",
    "tourism",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Oscar (forked apps live in shop/)
    "oscar.config.Shop",
    "shop.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "shop.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "shop.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",  # not forked: nothing to change
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "shop.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "core.context_processors.site_chrome",
            ],
            # Our VND formatting replaces Oscar's babel-based filter everywhere,
            # Oscar's own templates included.
            "libraries": {"currency_filters": "core.templatetags.money"},
        },
    }
]

# --------------------------------------------------------------------------- data
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}


def tune_database(db):
    """SQLite: WAL and a busy timeout; PostgreSQL: persistent connections."""
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db.setdefault("OPTIONS", {}).update(
            {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000;"
                ),
            }
        )
    elif "postgresql" in db["ENGINE"]:
        db["CONN_MAX_AGE"] = int(env("CONN_MAX_AGE", "60"))
        db["CONN_HEALTH_CHECKS"] = True
    return db


tune_database(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --------------------------------------------------------------------------- auth
# One backend for e-mail or username, one password hash per attempt (core.auth_backends).
# django-axes first: a locked-out account + address is refused before any password check.
AUTHENTICATION_BACKENDS = (
    "core.throttling.ThrottleBackend",
    "core.auth_backends.EmailOrUsernameBackend",
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"

# --------------------------------------------------------------------------- i18n
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_LANGUAGES = ("vi", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("vi",), "vi": ("en",)}

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --------------------------------------------------------------------------- files
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# --------------------------------------------------------------------------- e-mail
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Sâm Lai Châu <no-reply@samlaichau.vn>")
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --------------------------------------------------------------------------- Wagtail
WAGTAIL_SITE_NAME = "Sâm Lai Châu"
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "png", "jpg", "jpeg"]

# --------------------------------------------------------------------------- Oscar
OSCAR_SHOP_NAME = "Sâm Lai Châu"
OSCAR_SHOP_TAGLINE = _("Lai Châu ginseng from Phong Thổ")
OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_HOMEPAGE = "/"
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MISSING_IMAGE_URL = "images/missing.png"  # relative to MEDIA_ROOT; written by load_demo
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
# Whoosh supports neither field facets on analysed text nor query facets; product types
# are browsed as categories. A production search engine can add facets here.
OSCAR_SEARCH_FACETS = {"fields": {}, "queries": {}}

THUMBNAIL_PRESERVE_FORMAT = True
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": str(Path(env("WHOOSH_PATH", VAR_DIR / "whoosh"))),
        "INCLUDE_SPELLING": False,
    }
}
# Index what was committed, not what a rolled-back transaction saved (shop/search/signals.py).
HAYSTACK_SIGNAL_PROCESSOR = "shop.search.signals.OnCommitSignalProcessor"

# --------------------------------------------------------------------------- project
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
DEMO_NOTICE = True

# Provenance (issue #3). Official growing-area codes, e.g. VN-LCPT-0001.
PROVENANCE_GROWING_AREA_CODE_PATTERN = env(
    "PROVENANCE_GROWING_AREA_CODE_PATTERN", r"^VN-[A-Z]{2,6}-\d{4}$"
)
PROVENANCE_GROWING_AREA_CODE_EXAMPLE = "VN-LCPT-0001"
# A serial scanned this many times is shown with a warning and listed for staff.
PROVENANCE_SCAN_WARNING_THRESHOLD = int(env("PROVENANCE_SCAN_WARNING_THRESHOLD", "5"))
# The most a harvest may weigh per hectare harvested (the plan: ~5 t from ~25 ha a year).
PROVENANCE_MAX_YIELD_KG_PER_HA = int(env("PROVENANCE_MAX_YIELD_KG_PER_HA", "400"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "oscar": {"level": "WARNING"},
    },
}

# Our ``currency_filters`` library (core.templatetags.money) deliberately replaces
# Oscar's through TEMPLATES' "libraries"; the check warns about the shadowing.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]
OSCAR_HIDDEN_FEATURES = ["reviews"]

# --------------------------------------------------------------------------- checkout
# Vietnamese addresses: province (state), commune or ward (line4), street and house
# (line1); no district; postcode optional (5 digits when given, see shop/address).
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "country")
OSCAR_INITIAL_ORDER_STATUS = "Pending payment"
OSCAR_INITIAL_LINE_STATUS = "Pending payment"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Pending payment": ("Paid", "Cancelled"),
    "Processing": ("Shipped", "Cancelled"),  # cash on delivery: ship, then collect
    "Paid": ("Shipped", "Cancelled"),
    "Shipped": ("Complete",),
    "Complete": (),
    "Cancelled": (),
}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
# How long an unpaid bank-transfer order keeps its stock (cancel_expired_orders).
SHOP_TRANSFER_WINDOW_HOURS = int(env("SHOP_TRANSFER_WINDOW_HOURS", "12"))
SHOP_COD_MAX_VND = int(env("SHOP_COD_MAX_VND", "5000000"))
# Shipping (VND, grams): a base price for the first step of weight, then per extra step.
SHOP_DOMESTIC_BASE_VND = int(env("SHOP_DOMESTIC_BASE_VND", "30000"))
SHOP_DOMESTIC_PER_500G_VND = int(env("SHOP_DOMESTIC_PER_500G_VND", "10000"))
SHOP_FREE_SHIPPING_FROM_VND = int(env("SHOP_FREE_SHIPPING_FROM_VND", "2000000"))
SHOP_INTERNATIONAL_BASE_VND = int(env("SHOP_INTERNATIONAL_BASE_VND", "450000"))
SHOP_INTERNATIONAL_PER_500G_VND = int(env("SHOP_INTERNATIONAL_PER_500G_VND", "180000"))
SHOP_PACKAGING_G = int(env("SHOP_PACKAGING_G", "200"))

# --------------------------------------------------------------------------- payments
VIETQR_BANK_BIN = env("VIETQR_BANK_BIN", "970436")  # demo: Vietcombank
VIETQR_BANK_NAME = env("VIETQR_BANK_NAME", "Vietcombank")
VIETQR_ACCOUNT_NUMBER = env("VIETQR_ACCOUNT_NUMBER", "0011009999999")
VIETQR_ACCOUNT_NAME = env("VIETQR_ACCOUNT_NAME", "HTX SAM LAI CHAU (DEMO)")
VIETQR_REFERENCE_PREFIX = env("VIETQR_REFERENCE_PREFIX", "SLC")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env("STRIPE_API_BASE", "")  # tests point the real library at a fake
STRIPE_WEBHOOK_TOLERANCE = int(env("STRIPE_WEBHOOK_TOLERANCE", "300"))
STRIPE_SESSION_MINUTES = int(env("STRIPE_SESSION_MINUTES", "60"))

# --------------------------------------------------------------------------- cooperatives
# Cooperative users see Oscar's dashboard through cooperatives.access (own objects only).
# Their pages and menu entries are registered by each app (cooperatives/README.md).
# Certificates attached to a "Sell with us" application: PDF/PNG/JPEG, each at most this.
COOPERATIVE_UPLOAD_MAX_BYTES = int(env("COOPERATIVE_UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)))

# --- provseller: scan signals, suspect-pack reports, what a seller may certify ---------------
# A serial's "may be a copy" warning counts distinct devices (signed first-party cookie
# "slc_scan"), never raw hits; see provenance/scans.py.
PROVENANCE_SCAN_WINDOW_DAYS = int(env("PROVENANCE_SCAN_WINDOW_DAYS", "30"))
PROVENANCE_SCAN_COOKIE_DAYS = int(env("PROVENANCE_SCAN_COOKIE_DAYS", "730"))
# One network (IPv4 address or IPv6 /64) introduces at most one new device per serial per
# window, and this many new devices a day overall. The request META key holding the client
# address (behind a proxy that sets it: e.g. HTTP_X_REAL_IP).
PROVENANCE_SCAN_NEW_DEVICE_WINDOW_DAYS = int(env("PROVENANCE_SCAN_NEW_DEVICE_WINDOW_DAYS", "30"))
PROVENANCE_SCAN_NEW_DEVICES_PER_CLIENT_PER_DAY = int(
    env("PROVENANCE_SCAN_NEW_DEVICES_PER_CLIENT_PER_DAY", "3")
)
PROVENANCE_CLIENT_IP_META = env("PROVENANCE_CLIENT_IP_META", "REMOTE_ADDR")
# Codes we never issued: per client and window, then 429; counted per day and prefix.
PROVENANCE_UNKNOWN_CODES_PER_CLIENT = int(env("PROVENANCE_UNKNOWN_CODES_PER_CLIENT", "30"))
PROVENANCE_UNKNOWN_CODES_WINDOW_SECONDS = int(
    env("PROVENANCE_UNKNOWN_CODES_WINDOW_SECONDS", "3600")
)
PROVENANCE_SUSPECT_REPORTS_PER_CLIENT = int(env("PROVENANCE_SUSPECT_REPORTS_PER_CLIENT", "3"))
PROVENANCE_SUSPECT_REPORTS_WINDOW_SECONDS = int(
    env("PROVENANCE_SUSPECT_REPORTS_WINDOW_SECONDS", "86400")
)
# --- accounts: sign-in, claim links, throttling, site URL, security headers -------------
# Oscar's sign-in page, in the visitor's language (Django's default /accounts/login/ 404s).
LOGIN_URL = "customer:login"
# How long the link that gives an existing account a new cooperative's dashboard works.
COOPERATIVE_CLAIM_MAX_AGE_SECONDS = int(
    env("COOPERATIVE_CLAIM_MAX_AGE_SECONDS", str(7 * 24 * 3600))
)

# --- uxlang: one number and date format per language, Wagtail admin offline ---------
# Dates day-month-year in both languages, 24-hour clock (core/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["core.formats"]
# |number, |quantity:"kg", |percent in every template (core/numbers.py does the work).
TEMPLATES[0]["OPTIONS"].setdefault("builtins", []).extend(
    ["core.templatetags.numbers", "core.templatetags.names"]
)
# The Wagtail admin calls no outside host: no release check, no Gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Packing: units x net weight may exceed the input weight by at most this share (packaging,
# moisture); litres count as kilograms.
PROVENANCE_PACKING_TOLERANCE = env("PROVENANCE_PACKING_TOLERANCE", "0.02")
# --- money: holds per buyer, cash-on-delivery confirmation
# Orders holding stock without money (awaiting payment, or cash on delivery) one buyer
# (same e-mail, phone, account or browser session) may have open at once, and units of
# one product across them. 0 turns a limit off.
SHOP_MAX_OPEN_ORDERS_PER_BUYER = int(env("SHOP_MAX_OPEN_ORDERS_PER_BUYER", "3"))
SHOP_MAX_UNPAID_UNITS_PER_PRODUCT = int(env("SHOP_MAX_UNPAID_UNITS_PER_PRODUCT", "10"))
# A cash-on-delivery order unconfirmed (buyer's link, or staff after a call) after this
# many hours is cancelled and its stock released (cancel_expired_orders).
SHOP_COD_CONFIRM_HOURS = int(env("SHOP_COD_CONFIRM_HOURS", "24"))
# Oscar's e-mail links ({% absolute_url %}) come from SITE_URL (core.templatetags.site_urls);
# Django's Site follows SITE_URL after every migrate (core.sites).
TEMPLATES[0]["OPTIONS"]["libraries"]["url_tags"] = "core.templatetags.site_urls"

# Sign-in throttling (django-axes, every login form: shop, dashboard, /django-admin/,
# /cms-admin/): 10 failures for one account from one address lock that pair for 30
# minutes. Staff unlock in /django-admin/ (Axes → Access attempts) or with
# ``manage.py axes_reset_username``.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.throttling.lockout_response"
AXES_USERNAME_CALLABLE = "core.throttling.login_username"
AXES_CLIENT_IP_CALLABLE = "core.throttling.client_ip"
AXES_SENSITIVE_PARAMETERS = ["password", "login-password"]
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none, the
# embedded default; 1: one nginx or load balancer). Used for throttling by address.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
LOGGING["loggers"]["axes"] = {"level": "WARNING"}
# A refused form (CSRF) is explained in the site layout and the visitor's language.
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"
# --- uploads: what may ship where, request size limits, image pixel limit, thumbnails
# Staff enter the export permit of lines going abroad (shop.catalogue.destinations).
OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,  # noqa: F405
    {
        "label": _("Export permits"),
        "icon": "fas fa-passport",
        "url_name": "dashboard:order-export-permits",
    },
]

# Request bodies: a larger declared Content-Length gets a 413 page before anything is
# read (core.request_limits). First matching path prefix wins; everything else (public
# forms, checkout, login) gets the default.
_LANG = "|".join(code for code, _name in LANGUAGES)
REQUEST_BODY_DEFAULT_LIMIT = int(env("REQUEST_BODY_DEFAULT_LIMIT", str(1024 * 1024)))
REQUEST_BODY_LIMITS = [
    # "Sell with us": a few certificates (each at most COOPERATIVE_UPLOAD_MAX_BYTES).
    (rf"^/({_LANG})/cooperatives/apply/", int(env("REQUEST_BODY_APPLY_LIMIT", "12582912"))),
    # Dashboard product images and lab certificates, the admins' uploads.
    (rf"^/({_LANG})/shop/dashboard/", int(env("REQUEST_BODY_UPLOAD_LIMIT", "26214400"))),
    (r"^/cms-admin/", int(env("REQUEST_BODY_UPLOAD_LIMIT", "26214400"))),
    (r"^/django-admin/", int(env("REQUEST_BODY_UPLOAD_LIMIT", "26214400"))),
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("oscar.apps.basket.middleware.BasketMiddleware") + 1,
    "core.request_limits.RequestSizeLimitMiddleware",
)
# Form fields (not files) held in memory; files above this go to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# Images: refused above this many pixels, read from the header before decoding
# (core.images); Pillow and Wagtail use the same limit.
IMAGE_MAX_PIXELS = int(env("IMAGE_MAX_PIXELS", "40000000"))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = IMAGE_MAX_PIXELS

# Anonymous "Sell with us" applications per client address and hour (cache-counted).
COOPERATIVE_APPLY_PER_HOUR = int(env("COOPERATIVE_APPLY_PER_HOUR", "3"))
COOPERATIVE_APPLY_TRIES_PER_HOUR = int(env("COOPERATIVE_APPLY_TRIES_PER_HOUR", "10"))

# Thumbnails are made by a task after the upload commits, never by a page
# (shop.catalogue.thumbnails). Dev/tests run tasks at once; production names a worker
# backend (e.g. django-tasks-db's DatabaseBackend or django-tasks-rq) and runs it.
THUMBNAIL_BACKEND = "shop.catalogue.thumbnails.DeferredThumbnailBackend"
# Slow work (thumbnails, statement imports, checkpoints) goes through django_tasks. The
# embedded default runs a task at once, after the commit that queues it; production
# queues it in the database (django_tasks_db) and `manage.py db_worker` runs it outside
# any request (production.py).
INSTALLED_APPS += ["django_tasks_db"]
if "TASKS" not in globals():
    TASKS = {
        "default": {
            "BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
        }
    }
# Dashboard deletes that other records protect: a message, not a 500.
MIDDLEWARE.append("shop.dashboard.middleware.ProtectedDeleteMiddleware")
# --- provcore: signed provenance checkpoints (Ed25519; the key is a file, never in the DB)
# PEM file of the private key that signs checkpoints of every chain's head. Development
# generates one at this path when missing; production requires it (production.py).
PROVENANCE_SIGNING_KEY = env("PROVENANCE_SIGNING_KEY", str(VAR_DIR / "provenance-signing-key.pem"))
PROVENANCE_SIGNING_KEY_GENERATE = env_bool("PROVENANCE_SIGNING_KEY_GENERATE", True)
# A checkpoint is taken after an append when the last one is older than this (0: only by
# `manage.py checkpoint_provenance`, e.g. from cron).
PROVENANCE_CHECKPOINT_INTERVAL_MINUTES = int(env("PROVENANCE_CHECKPOINT_INTERVAL_MINUTES", "60"))
# --- uxcheckout: policy pages, international bank transfer -------------------------------
# The policy pages linked from the header, the footer and checkout, found by slug (any
# language); a page that does not exist is left out of the links.
POLICY_PAGE_SLUGS = {
    "contact": ["lien-he", "contact"],
    "shipping": ["van-chuyen", "shipping"],
    "returns": ["doi-tra", "returns"],
    "privacy": ["quyen-rieng-tu", "privacy"],
    "terms": ["dieu-khoan", "terms"],
}


# International bank transfer (SWIFT) for buyers abroad when cards are not configured.
# Offered only when INTL_BANK_ACCOUNT is set. Outside production the demo values below
# fill in; production starts with the method off until the real account is given.
def _language_home():
    from django.utils.functional import lazy

    def home():
        from django.utils.translation import get_language

        return f"/{get_language() or LANGUAGE_CODE}/"

    return lazy(home, str)()


_INTL_DEMO = not os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith("production")
INTL_BANK_NAME = env(
    "INTL_BANK_NAME",
    "Joint Stock Commercial Bank for Foreign Trade of Vietnam (DEMO)" if _INTL_DEMO else "",
)
INTL_BANK_ADDRESS = env(
    "INTL_BANK_ADDRESS", "198 Trần Quang Khải, Hoàn Kiếm, Hà Nội, Vietnam" if _INTL_DEMO else ""
)
INTL_BANK_SWIFT = env("INTL_BANK_SWIFT", "BFTVVNVX" if _INTL_DEMO else "")
INTL_BANK_ACCOUNT = env("INTL_BANK_ACCOUNT", "0011370999999" if _INTL_DEMO else "")
INTL_ACCOUNT_NAME = env(
    "INTL_ACCOUNT_NAME", "SAM LAI CHAU COOPERATIVE (DEMO)" if _INTL_DEMO else ""
)
INTL_ACCOUNT_ADDRESS = env(
    "INTL_ACCOUNT_ADDRESS", "Phong Thổ, Lai Châu, Vietnam" if _INTL_DEMO else ""
)
# Who pays the banks' fees: "OUR" (the buyer pays every fee; we receive the full amount)
# or "SHA" (shared). The proforma invoice says which.
INTL_CHARGES = env("INTL_CHARGES", "OUR")
# Days the goods are held for an international transfer (SWIFT takes 1-5 working days).
INTL_TRANSFER_WINDOW_DAYS = int(env("INTL_TRANSFER_WINDOW_DAYS", "7"))
# Oscar's "home" (breadcrumbs, "continue shopping") is the home of the page's language.
OSCAR_HOMEPAGE = _language_home()

# Security headers. Content-Security-Policy (core.middleware): scripts only from our
# origin or with the request's nonce; the admin, Wagtail admin and dashboard paths allow
# inline scripts (their own templates need them). Styles may be inline (no script runs
# from a style attribute). CSP_REPORT_ONLY=1 tries a change without enforcing it.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "core.middleware.ContentSecurityPolicyMiddleware",
)
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'self'"],
    # No form-action: "place order" redirects to the card processor's hosted checkout,
    # and Chromium applies form-action to that redirect.
}
CSP_LOOSE_PATHS = [r"^/django-admin/", r"^/cms-admin/", r"^/[a-z]{2}(-[a-z]+)?/shop/dashboard/"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- polish (issue 15): the Wagtail admin offers our two languages only; without a
# choice in the account's settings it follows the browser, Vietnamese by default.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# --- issue 11: farm visits (tourism/). Unpaid seats are held this long; seats offered
# from the waiting list are held this long; the experience page shows this many weeks.
TOURISM_HOLD_HOURS = int(env("TOURISM_HOLD_HOURS", "12"))
TOURISM_OFFER_HOURS = int(env("TOURISM_OFFER_HOURS", "24"))
TOURISM_CALENDAR_WEEKS = int(env("TOURISM_CALENDAR_WEEKS", "6"))
# --- issue 10 (structure layers): the demo builders are their own top-level app, which
# may import every app and which no app imports (load_demo, demo_accounts).
INSTALLED_APPS += ["demo"]

# --- events (issue 11: fairs, festivals and training sessions): the app after the ones
# it uses; its event pages serve their .ics file as a routable-page sub-path.
INSTALLED_APPS.insert(INSTALLED_APPS.index("cooperatives") + 1, "events")
INSTALLED_APPS.insert(
    INSTALLED_APPS.index("wagtail.contrib.forms"), "wagtail.contrib.routable_page"
)

# --- issue 13: progress against the district plan (plan/). Staff find "Plan progress"
# in the dashboard menu (and in /cms-admin/'s, plan/wagtail_hooks.py); the page is not a
# dashboard app's, so the entry says itself who sees it: staff only.
INSTALLED_APPS += ["plan"]


def _staff_only(user, *args, **kwargs):
    return bool(user and user.is_active and user.is_staff)


OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,
    {
        "label": _("Plan progress"),
        "icon": "fas fa-chart-bar",
        "url_name": "plan-staff:report",
        "access_fn": _staff_only,
    },
]

# --- scale (issue 12, "past one server"): request ids and JSON logs, the search backend,
# object storage, periodic jobs. The embedded default changes in nothing but the request
# id header; each server-side piece is switched on by an environment variable.
# Every request gets an id (X-Request-ID, echoed) that every log line carries.
MIDDLEWARE.insert(0, "core.observability.RequestIdMiddleware")
LOGGING["filters"] = {"request_id": {"()": "core.observability.RequestIdFilter"}}
LOGGING["formatters"] = {"json": {"()": "core.observability.JsonFormatter"}}
LOGGING["handlers"]["console"]["filters"] = ["request_id"]
if env("LOG_FORMAT", "") == "json":
    LOGGING["handlers"]["console"]["formatter"] = "json"
# Product search: Whoosh (a folder on disk) is the embedded default; SEARCH_BACKEND=postgres
# searches in PostgreSQL itself (full-text search with unaccent, trigram similarity for
# typos: shop/search/backends/postgres.py), the one database every app server shares.
if env("SEARCH_BACKEND", "") == "postgres":
    HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "shop.search.backends.postgres.PostgresSearchEngine",
            "TABLE": env("SEARCH_TABLE", "search_document"),
        }
    }
# Media (product images, thumbnails, documents) on S3-compatible object storage when a
# bucket is named: AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL (MinIO, Ceph, R2, ...),
# AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_S3_REGION_NAME, and AWS_S3_CUSTOM_DOMAIN
# for a CDN in front of the bucket. Static files stay with WhiteNoise.
if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": env("AWS_LOCATION", "media"),
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
        },
    }
    # Pages show media from the CDN or the bucket: the Content-Security-Policy allows it.
    if env("AWS_S3_CUSTOM_DOMAIN"):
        _media_origin = f"https://{env('AWS_S3_CUSTOM_DOMAIN').split('/')[0]}"
    elif env("AWS_S3_ENDPOINT_URL"):
        _media_origin = "/".join(env("AWS_S3_ENDPOINT_URL").split("/")[:3])
    else:
        _media_origin = f"https://{env('AWS_STORAGE_BUCKET_NAME')}.s3.amazonaws.com"
    CSP_DIRECTIVES["img-src"].append(_media_origin)
# Periodic jobs: `manage.py run_scheduler` (one process, deploy/systemd) enqueues each
# command as a task when due; the task worker runs it. (command, every so many seconds)
SCHEDULED_COMMANDS = [
    ("cancel_expired_orders", int(env("SCHEDULE_CANCEL_EXPIRED_ORDERS_SECONDS", "600"))),
    ("tourism_tick", int(env("SCHEDULE_TOURISM_TICK_SECONDS", "600"))),
    ("checkpoint_provenance", int(env("SCHEDULE_CHECKPOINT_PROVENANCE_SECONDS", "3600"))),
]
# --- issue 14 (trade: wholesale and export enquiries, trade/). Anti-spam on the enquiry
# form: a form sent sooner than TRADE_ENQUIRY_MIN_SECONDS after it was shown, or shown more
# than TRADE_ENQUIRY_MAX_AGE_HOURS ago, is asked again; per client address and hour, so
# many enquiries and so many posts. A VietQR payment of an accepted quote is held this
# long (abroad: INTL_TRANSFER_WINDOW_DAYS). TRADE_NOTIFY_EMAIL: staff's copy of notices.
INSTALLED_APPS.insert(INSTALLED_APPS.index("tourism") + 1, "trade")
TRADE_ENQUIRY_MIN_SECONDS = int(env("TRADE_ENQUIRY_MIN_SECONDS", "3"))
TRADE_ENQUIRY_MAX_AGE_HOURS = int(env("TRADE_ENQUIRY_MAX_AGE_HOURS", "24"))
TRADE_ENQUIRIES_PER_HOUR = int(env("TRADE_ENQUIRIES_PER_HOUR", "5"))
TRADE_ENQUIRY_TRIES_PER_HOUR = int(env("TRADE_ENQUIRY_TRIES_PER_HOUR", "20"))
TRADE_VIETQR_WINDOW_HOURS = int(env("TRADE_VIETQR_WINDOW_HOURS", "72"))
TRADE_NOTIFY_EMAIL = env("TRADE_NOTIFY_EMAIL", "")
# --- polish-15: the Django admin under the site's name, every app and model named in
# the staff's language (core/admin_site.py).
INSTALLED_APPS[INSTALLED_APPS.index("django.contrib.admin")] = "core.admin_site.AdminConfig"
# --- issue 14 (trade): feeds, the JSON API and structured data (feeds/, shop/catalogue/offers.py).
INSTALLED_APPS += ["feeds"]
# Countries the feeds and the product page's shippingDetails name (those the shop ships
# to and the product may go to, shop.catalogue.destinations).
FEEDS_SHIPPING_COUNTRIES = env_list("FEEDS_SHIPPING_COUNTRIES", "VN,US,GB,DE,FR,AU,CA,JP,KR,SG")
FEEDS_HANDLING_DAYS = (1, 2)  # business days before an order leaves
# What the returns page says, as schema.org words (MerchantReturnPolicy).
SHOP_RETURN_POLICY = {
    "category": env("SHOP_RETURN_CATEGORY", "MerchantReturnFiniteReturnWindow"),
    "days": int(env("SHOP_RETURN_DAYS", "7")),
    "method": "ReturnByMail",
    "fees": "ReturnFeesCustomerResponsibility",
}
FEEDS_CACHE_SECONDS = int(env("FEEDS_CACHE_SECONDS", "900"))
# Categories (slugs, with their subcategories) a platform's ad policy refuses, left out of
# its feed; "health-supplements" leaves out products marked as health supplements.
FEEDS_EXCLUDED_CATEGORIES = {
    "google": env_list("FEEDS_GOOGLE_EXCLUDE", ""),
    "meta": env_list("FEEDS_META_EXCLUDE", ""),
}
API_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 100
API_REQUESTS_PER_MINUTE = int(env("API_REQUESTS_PER_MINUTE", "60"))  # per client address

# --- issue 12 (speed): whole-page cache for anonymous visitors (core/pagecache.py) ---------
# Served right after WhiteNoise, before sessions: a cached page costs no query. Pages are
# keyed by language and URL and dropped when anything they show changes (PAGE_CACHE_WATCH:
# an app label or a model label; PAGE_CACHE_IGNORE: what never changes a public page, such
# as the scan log, which anonymous visits write).
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "core.pagecache.PageCacheMiddleware",
)
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
# What a browser or CDN may keep a page that is the same for everyone (ETag to revalidate).
PAGE_CACHE_MAX_AGE = int(env("PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_PATHS = [rf"^/({_LANG})/", r"^/01/"]
PAGE_CACHE_SKIP_PATHS = [
    rf"^/({_LANG})/shop/(?!catalogue/|search/)",  # basket, checkout, accounts, dashboard
    rf"^/({_LANG})/(cooperatives|visits|training|i18n)/",
    rf"^/({_LANG})/trace/(?!01/)",  # checkpoints, reports, staff pages
    r"/21/",  # a serial's page counts devices and logs each scan
]
# Cookies that make a visitor's page their own (besides session, basket and messages).
PAGE_CACHE_PRIVATE_COOKIES = []
# Cookies a page may set and still be stored: no page shows them (Oscar's recently viewed
# products, written on every product view, is not in our product template).
PAGE_CACHE_UNSHOWN_COOKIES = ["oscar_history"]
PAGE_CACHE_WATCH = {
    "catalogue",
    "partner",
    "offer",
    "provenance",
    "tourism",
    "events",
    "cms",
    "cooperatives",
    "payments.ExchangeRate",
    "wagtailcore",
    "wagtailimages.Image",
    "taggit",
    "flatpages",
    "sites",
}
PAGE_CACHE_IGNORE = {
    "provenance.ScanRecord",
    "provenance.UnknownCodeTally",
    "provenance.SuspectPackReport",
    "cooperatives.Application",
    "cooperatives.ApplicationDocument",
    "events.TrainingRegistration",
    "wagtailcore.ReferenceIndex",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry",
    "wagtailcore.Revision",
    "wagtailcore.PageSubscription",
}
# One cache for every process (gunicorn's workers see each other's bumps): Redis when
# REDIS_URL is given, else files under var/ for the embedded default. Tests use memory.
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("CACHE_DIR", str(VAR_DIR / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
