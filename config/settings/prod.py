"""Production settings. Every secret comes from the environment; a missing or malformed one stops start-up
with a message that names it."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    BASE_DIR,
    CACHES,
    CONTENT_SECURITY_POLICY,
    DATABASES,
    MIDDLEWARE,
    PAGE_CACHE_ALIAS,
    PAGE_CACHE_REDIS_URL,
    REDIS_URL,
    env,
)


def _required(name):
    value = env.str(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production and is not set.")
    return value


SECRET_KEY = _required("SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "The environment variable SECRET_KEY is malformed: it must be a random value of at least 50 characters "
        "with at least 5 different characters, not a development key."
    )

ALLOWED_HOSTS = [host.strip() for host in _required("ALLOWED_HOSTS").split(",") if host.strip()]
if not ALLOWED_HOSTS or any("/" in host or " " in host for host in ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "The environment variable ALLOWED_HOSTS is malformed: give host names separated by commas, "
        "e.g. isil.example.org,www.isil.example.org."
    )

# How many reverse proxies append to X-Forwarded-For. No default: left at 0 behind a proxy, every visitor would share
# the proxy's address and five wrong passwords would lock an editor out for everyone. 0 is right without a proxy.
_required("TRUSTED_PROXY_COUNT")  # Its value is checked in base.py.

_database_url = _required("DATABASE_URL")
if urlsplit(_database_url).scheme not in {"postgres", "postgresql", "pgsql"}:
    raise ImproperlyConfigured(
        "The environment variable DATABASE_URL is malformed: production needs a PostgreSQL URL such as "
        "postgres://user:password@host:5432/name."
    )
DATABASES["default"] = env.db_url_config(_database_url)
# The same PostgreSQL backend, counting and timing queries for /metrics (django-prometheus).
DATABASES["default"]["ENGINE"] = "django_prometheus.db.backends.postgresql"
# psycopg 3's connection pool keeps connections open between requests. A worker serves one request at a
# time, so a small pool suffices; when the database is unreachable a request (and /healthz) fails after
# DATABASE_POOL_TIMEOUT seconds instead of psycopg's default 30.
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
    "min_size": 1,
    "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=4),
    "timeout": env.float("DATABASE_POOL_TIMEOUT", default=5.0),
}
DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 3)

DEBUG = False

# HTTPS and cookies.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload directive lets browsers ship the HTTPS-only rule; submitting the domain to the list is a
# separate, deliberate step (hstspreload.org).
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Load balancers probe /healthz and /readyz, and Prometheus scrapes /metrics, over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz|metrics)$"]
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The feeds' entry ids name the site's domain (see base.py); set FEED_TAG_AUTHORITY explicitly before launch.
FEED_TAG_AUTHORITY = env.str("FEED_TAG_AUTHORITY", default=f"{ALLOWED_HOSTS[0]},2026")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[f"https://{host}" for host in ALLOWED_HOSTS])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The Content-Security-Policy is the one in base.py, which development and the tests run under too.
# Production can send violation reports to a collector: CSP_REPORT_URI=https://… (not set: no reports).
_csp_report_uri = env.str("CSP_REPORT_URI", default="").strip()
if _csp_report_uri:
    CONTENT_SECURITY_POLICY = {
        **CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "report-uri": [_csp_report_uri]},
    }

# Hashed, compressed static files served by WhiteNoise with long-lived cache headers.
# collectstatic writes them to STATIC_ROOT (default: staticfiles/ in the project).
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Cached template loader (Django enables it by default when DEBUG is off).
MIDDLEWARE = list(MIDDLEWARE)

# Anonymous page cache (perf/middleware.py, perf/cache.py): ten minutes at most, emptied on every content change.
# Its store is shared by every worker (Redis, or files on this machine), so an edit shows on every worker at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
if PAGE_CACHE_REDIS_URL:
    CACHES[PAGE_CACHE_ALIAS] = {
        "BACKEND": "core.observability.MeasuredRedisCache",
        "LOCATION": PAGE_CACHE_REDIS_URL,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="isil"),
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
else:
    CACHES[PAGE_CACHE_ALIAS] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env.str("PAGE_CACHE_DIR", default=str(BASE_DIR / "var" / "page-cache")),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }

# Redis timed for /metrics (core/observability.py); the same backend and options otherwise.
if REDIS_URL:
    CACHES["default"]["BACKEND"] = "core.observability.MeasuredRedisCache"

# Logs: one JSON object per line on stdout, each with the request id (core/observability.py, docs/operations.md).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.observability.RequestIdFilter"}},
    "formatters": {"json": {"()": "core.observability.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["stdout"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Errors reach the root handler (with their traceback and request id) rather than e-mail to ADMINS.
        "django": {"handlers": [], "propagate": True},
    },
}

# Errors to a Sentry-compatible service, only when SENTRY_DSN is set (nothing is sent otherwise).
SENTRY_DSN = env.str("SENTRY_DSN", default="").strip()
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=env.str("SENTRY_RELEASE", default="") or None,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,  # No cookies, user names, e-mail or IP addresses; the request id is a tag.
    )
