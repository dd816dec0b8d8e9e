"""Settings shared by every environment. Values that differ per deployment come from the environment."""

from datetime import timedelta
from ipaddress import ip_network
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.security import add_static_file_headers

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "core",
    # modeltranslation must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    # Content-Security-Policy header (django-csp 4) and admin login throttling (django-axes).
    "csp",
    "axes",
    # Edit history of content and sources: who changed what, field by field and language by language.
    "simple_history",
    # Prometheus metrics: requests and latencies by view, database timings (core/observability.py serves them).
    "django_prometheus",
    # The editorial layer (workflow, admin base classes, roles, history, preview): after modeltranslation, whose
    # language columns the edit history it registers at ready() must include.
    "editorial",
    "coalition",
    "contributions",
    "programmes",
    # Search, CSV/JSON exports with their schemas, the Atom feed, timelines and the comparison page.
    "discovery",
    # The anonymous page cache and its invalidation.
    "perf",
    # The accessibility and privacy statements and the glossary.
    "pages",
    # The site layer: home, About, the country pages, sitemap.xml, robots.txt, public template tags.
    "website",
]

MIDDLEWARE = [
    # Request counts and latencies by view for /metrics (django-prometheus): first and (nearly) last.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # The request id (X-Request-ID) and one log line per request, redirects and errors included.
    "core.observability.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files carry the policy too.
    "csp.middleware.CSPMiddleware",
    # /healthz, /readyz and /metrics answer here, before host validation and anything else that could fail or touch
    # a session (core/observability.py).
    "core.observability.OperationsEndpointsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304 Not Modified for repeat visitors, on cached and freshly rendered pages alike (the one place).
    "django.middleware.http.ConditionalGetMiddleware",
    # Answers anonymous visitors from the page cache before sessions, languages and views run (perf/middleware.py).
    "perf.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A NUL character in the address, a parameter, a form field or a cookie gets a 400 in the visitor's language
    # (PostgreSQL refuses NUL in text; no view has to think of it).
    "core.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Lets the edit history record which staff user made a change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, as django-axes asks: turns a locked-out login attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The page's address in each language: language switcher, hreflang and canonical links.
                "website.context_processors.public_site",
            ],
        },
    },
]

# DATABASE_URL selects the database: sqlite:///path for the zero-set-up default,
# postgres://user@host:port/name for PostgreSQL through psycopg 3.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caching: Redis through Django's built-in backend when REDIS_URL is set (redis://host:6379/0), shared by every
# worker and app server; otherwise local memory, one cache per process. CACHE_KEY_PREFIX separates sites or
# environments sharing one Redis. Short socket timeouts: when Redis is down, pages are rendered without it.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="isil"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The anonymous page cache (perf/middleware.py) has a cache alias of its own that holds nothing else, because a
# content change empties it whole (perf/cache.py). With Redis: a database of its own, PAGE_CACHE_REDIS_URL
# (default: REDIS_URL's server, database 1 higher), since emptying a Redis cache empties its whole database.
# Without Redis: a file-based cache in PAGE_CACHE_DIR, shared by every worker on the machine, so an edit empties
# it for all of them at once. Development and the tests use local memory.
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_REDIS_URL = env.str("PAGE_CACHE_REDIS_URL", default="")
if REDIS_URL and not PAGE_CACHE_REDIS_URL:
    _redis, _slash, _database = REDIS_URL.rpartition("/")
    PAGE_CACHE_REDIS_URL = (
        f"{_redis}/{int(_database) + 1}" if _database.isdigit() and _redis.count("/") >= 2 else f"{REDIS_URL}/1"
    )
if REDIS_URL and PAGE_CACHE_REDIS_URL == REDIS_URL:
    raise ImproperlyConfigured("PAGE_CACHE_REDIS_URL must name another Redis database than REDIS_URL.")
CACHES[PAGE_CACHE_ALIAS] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
# Anonymous pages are kept at most this many seconds (0: no page cache, the default outside production); a content
# change empties the cache sooner, and no page outlives the next scheduled publication.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
# What browsers and shared caches (a CDN) may keep an anonymous page: Cache-Control max-age and s-maxage, never
# beyond the cached entry's own end. They are not told of content changes, so this stays short.
PAGE_CACHE_CLIENT_SECONDS = env.int("PAGE_CACHE_CLIENT_SECONDS", default=60)
# A response larger than this (bytes) is served but not stored: a large export would crowd out many pages.
PAGE_CACHE_MAX_ENTRY_BYTES = env.int("PAGE_CACHE_MAX_ENTRY_BYTES", default=2 * 1024 * 1024)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Security. These hold in every environment, so that development and the tests run under the same
# policy as production; prod.py adds only what needs HTTPS (HSTS, secure cookies) and CSP reporting.
# The admin's address; set ADMIN_URL to move it, e.g. ADMIN_URL=editorial-4f2a/.
ADMIN_URL = env.str("ADMIN_URL", default="admin/").strip("/") + "/"

# django-axes: five failed admin logins from one IP address for one username lock that pair out for
# 15 minutes. Other users and other addresses can still log in. Every login that comes with a request goes through
# axes' backend first (the admin's login form); calls without a request are refused by it, so tests log in with
# force_login().
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The lockout lasts 15 minutes from the fifth failure, as its page says; tries meanwhile do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The lockout page: Too Many Requests, in the admin's look (core/login_throttle.py says why it takes a callable).
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "core.login_throttle.lockout_response"
# Behind reverse proxies, set TRUSTED_PROXY_COUNT to their number so the lockout sees the visitor's address
# (production requires it to be set, 0 included).
TRUSTED_PROXY_COUNT = env.str("TRUSTED_PROXY_COUNT", default="0").strip()
if not TRUSTED_PROXY_COUNT.isdigit() or int(TRUSTED_PROXY_COUNT) > 10:
    raise ImproperlyConfigured(
        "The environment variable TRUSTED_PROXY_COUNT is malformed: give the number of reverse proxies in front of "
        "the site that append to X-Forwarded-For (0 without a proxy, 1 behind one TLS proxy)."
    )
TRUSTED_PROXY_COUNT = int(TRUSTED_PROXY_COUNT)
# The visitor's address by that count (core/login_throttle.py says why this is not AXES_IPWARE_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "core.login_throttle.client_ip"
# After logging in without a safe "next" address, an editor lands on the admin's index (Django's default,
# /accounts/profile/, does not exist here).
LOGIN_REDIRECT_URL = "admin:index"

# django-csp 4: everything from our own origin, no inline script or style, no plug-ins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}
# A form sent without its CSRF token gets a page in the visitor's language and the site's layout.
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Static files skip the middleware that sets X-Frame-Options; WhiteNoise adds it itself.
WHITENOISE_ADD_HEADERS_FUNCTION = add_static_file_headers

# Internationalisation. English is the x-default; Danish and Norwegian readers read
# each other's language before English (see MODELTRANSLATION_FALLBACK_LANGUAGES).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("da", _("Danish")),
    ("nb", _("Norwegian Bokmål")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# British English date formats for "en" (2 October 2014); Danish and Norwegian use Django's own.
FORMAT_MODULE_PATH = ["core.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("da", "nb", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("en", "da", "nb"),
    "da": ("nb", "en"),
    "nb": ("da", "en"),
    "en": ("da", "nb"),
}
# The tabbed translation admin loads jQuery UI from this URL. It is served from our own
# static files so the admin works offline and under a strict Content-Security-Policy.
MODELTRANSLATION_JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
# modeltranslation 0.20 reads the unprefixed name; without it the admin asks Google's CDN, which the
# Content-Security-Policy blocks (and the language tabs break).
JQUERY_UI_URL = MODELTRANSLATION_JQUERY_UI_URL

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# The "json" format validates each object as the admin would before `loaddata` saves it, and names a refused object
# (core/json_fixtures.py, docs/reliability.md). Dumping is Django's JSON serializer unchanged.
SERIALIZATION_MODULES = {"json": "core.json_fixtures"}

# Operations (core/observability.py, docs/operations.md).
# A request that takes longer than this many seconds is logged as a warning.
SLOW_REQUEST_SECONDS = env.float("SLOW_REQUEST_SECONDS", default=1.0)
# /metrics answers requests from these address ranges (the visitor's address as the trusted proxies saw it), or
# with "Authorization: Bearer <METRICS_TOKEN>" when a token is set; everyone else gets 403.
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=["127.0.0.1/32", "::1/128"])
for _network in METRICS_ALLOWED_NETWORKS:
    try:
        ip_network(_network, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            "The environment variable METRICS_ALLOWED_NETWORKS is malformed: give address ranges separated by "
            "commas, e.g. 10.0.0.0/8,127.0.0.1/32."
        ) from None
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# django-prometheus would query the migrations table at every start; the deployment runs migrate itself.
PROMETHEUS_EXPORT_MIGRATIONS = False

SITE_NAME = _("Denmark and Norway against ISIL")
# The naming authority of the Atom entries' ids (RFC 4151 tag: URIs, tag:AUTHORITY:…/contribution/KEY): a domain the
# site held on the date given. Set it once and never change it, or feed readers announce every entry again.
FEED_TAG_AUTHORITY = env.str("FEED_TAG_AUTHORITY", default="localhost,2026")

# The accessibility and privacy statements (pages app) show these; the statements' text never repeats them. Empty
# values are shown as not given, never guessed.
# Where visitors report accessibility problems, and within how many days they get an answer (0: not promised).
ACCESSIBILITY_CONTACT_EMAIL = env.str("ACCESSIBILITY_CONTACT_EMAIL", default="")
ACCESSIBILITY_RESPONSE_DAYS = env.int("ACCESSIBILITY_RESPONSE_DAYS", default=0)
# The date (YYYY-MM-DD) of the last accessibility assessment, set when one is made; empty: none recorded.
ACCESSIBILITY_ASSESSED_ON = env.str("ACCESSIBILITY_ASSESSED_ON", default="")
# The statements published through the Danish Agency for Digital Government's WAS-Tool and through uustatus.no.
WAS_TOOL_STATEMENT_URL = env.str("WAS_TOOL_STATEMENT_URL", default="")
UUSTATUS_STATEMENT_URL = env.str("UUSTATUS_STATEMENT_URL", default="")
# The data controller (name and postal address) and where visitors send questions about personal data.
DATA_CONTROLLER = env.str("DATA_CONTROLLER", default="")
PRIVACY_CONTACT_EMAIL = env.str("PRIVACY_CONTACT_EMAIL", default="")
# How many days the web server's and the proxy's access logs are kept before they are deleted (0: not stated).
SERVER_LOG_RETENTION_DAYS = env.int("SERVER_LOG_RETENTION_DAYS", default=0)

# Who publishes the site: shown in every page's footer, on each content page ("From: …") and on the About page.
# Empty by default: a copy of the site that has not named its publisher says so instead of naming anyone.
PUBLISHER_NAME = env.str("PUBLISHER_NAME", default="")
PUBLISHER_EMAIL = env.str("PUBLISHER_EMAIL", default="")
PUBLISHER_URL = env.str("PUBLISHER_URL", default="")
