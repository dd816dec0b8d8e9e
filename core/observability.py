"""What operators see of the running site: one JSON log line per request with its request id, the health and
readiness probes, Prometheus metrics behind an address range or a token, the request id on errors reported to
Sentry (when SENTRY_DSN is set, config/settings/prod.py), and a warning at start when Redis could fill up or
refuse writes. docs/operations.md describes all of it, with example log lines and alert suggestions.

Beyond the libraries (django-prometheus for request, view and database metrics, sentry-sdk for errors), this
module adds what they do not give: the request id and the JSON log line, access control on /metrics (the library
serves it to anyone), and cache timings for Django's own Redis backend (django-prometheus' cache backends need
django-redis, which the site does not use)."""

import contextvars
import datetime
import ipaddress
import json
import logging
import re
import secrets
import time
import uuid

import sentry_sdk
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, connections
from django.http import HttpResponseForbidden, HttpResponseNotAllowed, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import empty

request_log = logging.getLogger("core.requests")
logger = logging.getLogger(__name__)

HEALTH_PATH, READY_PATH, METRICS_PATH = "/healthz", "/readyz", "/metrics"

# The id of the request being served, for every log line written meanwhile (errors included).
current_request_id = contextvars.ContextVar("request_id", default=None)
# A proxy's request id is kept if it looks like one; anything else (too long, odd characters) is replaced.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:@-]{1,128}")


def request_id_from(request):
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    return given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def _user_id(request):
    """The staff user's id, when the request has already looked the user up (never a query just for the log)."""
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or wrapped is empty or not getattr(wrapped, "is_staff", False):
        return None
    return wrapped.pk


class RequestLogMiddleware:
    """Gives each request an id (the proxy's X-Request-ID, or a new one), returns it as X-Request-ID, and logs one
    line when the response is ready: method, path (without the query string's values: a search can hold a name),
    the query's parameter names, status, duration, the staff user's id and whether the page cache answered. Above
    SLOW_REQUEST_SECONDS the line is a warning. A streamed export is timed until its first bytes are ready."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request)
        request.request_id = request_id
        token = current_request_id.set(request_id)
        if sentry_sdk.get_client().is_active():  # SENTRY_DSN is set (config/settings/prod.py).
            sentry_sdk.set_tag("request_id", request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            self.log(request, response, time.monotonic() - started)
            return response
        finally:
            current_request_id.reset(token)

    @staticmethod
    def log(request, response, duration):
        slow = duration >= settings.SLOW_REQUEST_SECONDS
        fields = {
            "method": request.method,
            "path": request.path,
            "query": sorted({name[:40] for name in request.GET})[:20],
            "status": response.status_code,
            "duration_ms": round(duration * 1000, 1),
            "user_id": _user_id(request),
            "cache": (response.get("X-Page-Cache") or "none"),
        }
        if slow:
            request_log.warning("slow request", extra={"fields": {**fields, "slow": True}})
        else:
            request_log.info("request", extra={"fields": fields})


class RequestIdFilter(logging.Filter):
    """Adds the current request's id (or None outside a request) to every log record."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request id, the record's `fields`, and the
    traceback of an error."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id.get(),
            **getattr(record, "fields", {}),
        }
        status = getattr(record, "status_code", None)
        if status is not None and "status" not in entry:
            entry["status"] = status
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


# Health, readiness and metrics: answered before host validation, sessions and languages, so that a probe
# addressed to the server's own IP address gets an answer, and never cached.


def database_status(alias="default"):
    """Run a trivial query; return (ok, milliseconds taken)."""
    started = time.monotonic()
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            ok = cursor.fetchone() == (1,)
    except DatabaseError:
        ok = False
    return ok, round((time.monotonic() - started) * 1000, 1)


def cache_status():
    """Write and read back a short-lived key; return (ok, milliseconds taken)."""
    started = time.monotonic()
    key, value = "readyz:probe", secrets.token_hex(8)
    try:
        cache.set(key, value, timeout=10)
        ok = cache.get(key) == value
    except Exception:  # Whatever the cache client raises, the answer is "not ready".
        ok = False
    return ok, round((time.monotonic() - started) * 1000, 1)


def metrics_allowed(request):
    """/metrics is for the monitoring system: from an address in METRICS_ALLOWED_NETWORKS (the visitor's address as
    the trusted proxies saw it), or with `Authorization: Bearer <METRICS_TOKEN>` when a token is set."""
    from .login_throttle import client_ip  # Not at the top: the logging configuration imports this module early.

    token = settings.METRICS_TOKEN
    if token:
        given = request.META.get("HTTP_AUTHORIZATION", "")
        if secrets.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return True
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network, strict=False) for network in settings.METRICS_ALLOWED_NETWORKS)


def metrics_response(request):
    from django_prometheus.exports import ExportToDjangoView

    return ExportToDjangoView(request)


class OperationsEndpointsMiddleware:
    """GET /healthz: alive (no database, no cache; 200 while the process can answer). GET /readyz: ready to serve
    (200 when the database and the cache answer, 503 when either does not; a load balancer sends traffic by it).
    GET /metrics: Prometheus' text format, to allowed addresses or the token holder only (403 otherwise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path not in (HEALTH_PATH, READY_PATH, METRICS_PATH):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponseNotAllowed(["GET", "HEAD"])
        elif path == HEALTH_PATH:
            response = JsonResponse({"status": "ok"})
        elif path == READY_PATH:
            database_ok, database_ms = database_status()
            cache_ok, cache_ms = cache_status()
            ok = database_ok and cache_ok
            response = JsonResponse(
                {
                    "status": "ok" if ok else "error",
                    "database": "ok" if database_ok else "unavailable",
                    "cache": "ok" if cache_ok else "unavailable",
                    "ms": {"database": database_ms, "cache": cache_ms},
                },
                status=200 if ok else 503,
            )
        elif metrics_allowed(request):
            response = metrics_response(request)
        else:
            response = HttpResponseForbidden("Forbidden\n", content_type="text/plain; charset=utf-8")
        add_never_cache_headers(response)
        # This answer skips the middleware that sets X-Frame-Options; the Content-Security-Policy comes from
        # CSPMiddleware, which runs before this one.
        response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        return response


# Cache timings.


def _cache_metrics():
    from prometheus_client import Histogram

    return Histogram(
        "isil_cache_operation_seconds",
        "Time taken by cache operations, by operation.",
        ["operation"],
        buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0),
    )


_cache_seconds = None


def _timed(operation):
    def decorator(method):
        def timed(self, *args, **kwargs):
            global _cache_seconds
            if _cache_seconds is None:
                _cache_seconds = _cache_metrics()
            started = time.monotonic()
            try:
                return method(self, *args, **kwargs)
            finally:
                _cache_seconds.labels(operation).observe(time.monotonic() - started)

        return timed

    return decorator


class MeasuredRedisCache(RedisCache):
    """Django's Redis cache backend, timing each operation for /metrics (isil_cache_operation_seconds)."""

    get = _timed("get")(RedisCache.get)
    get_many = _timed("get_many")(RedisCache.get_many)
    set = _timed("set")(RedisCache.set)
    set_many = _timed("set_many")(RedisCache.set_many)
    add = _timed("add")(RedisCache.add)
    delete = _timed("delete")(RedisCache.delete)
    incr = _timed("incr")(RedisCache.incr)


# Start-up checks and error reporting.

EVICTING_POLICIES = {"allkeys-lru", "allkeys-lfu", "allkeys-random", "volatile-lru", "volatile-lfu", "volatile-random"}


def redis_memory_problems(config):
    """What is wrong, for a cache, with a Redis server's `CONFIG GET maxmemory*` answer."""
    problems = []
    if str(config.get("maxmemory", "0")) == "0":
        problems.append("maxmemory is 0 (no limit): the cache grows until the machine runs out of memory")
    policy = config.get("maxmemory-policy", "noeviction")
    if policy not in EVICTING_POLICIES:
        problems.append(f"maxmemory-policy is {policy}: when full, Redis refuses writes instead of evicting")
    return problems


def check_cache_server():
    """Log a warning when the Redis cache could fill the machine or refuse writes when full. Called once at start
    (config/wsgi.py); a server that does not answer, or forbids CONFIG, is noted and otherwise left alone."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return []
    try:
        config = backend._cache.get_client(write=True).config_get("maxmemory*")
    except Exception as error:  # Unreachable, or a managed Redis that forbids CONFIG.
        logger.info("Could not read the Redis cache's memory settings (%s).", error)
        return []
    config = {
        (key.decode() if isinstance(key, bytes) else key): (value.decode() if isinstance(value, bytes) else value)
        for key, value in config.items()
    }
    problems = redis_memory_problems(config)
    for problem in problems:
        logger.warning(
            "The Redis cache is not set up as a cache: %s. Set maxmemory and maxmemory-policy allkeys-lru "
            "(docs/deployment.md).",
            problem,
        )
    return problems
