import time

from django.core.exceptions import BadRequest
from django.db import DatabaseError, connections
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils.cache import add_never_cache_headers

HEALTH_CHECK_PATH = "/healthz"


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


class HealthCheckMiddleware:
    """Answers GET /healthz for load balancers: 200 when the database answers a trivial query, 503 when it
    does not. It runs before host validation, sessions and language redirects, so a probe addressed to the
    server's own IP address gets an answer too, and the answer is never cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_CHECK_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponseNotAllowed(["GET", "HEAD"])
        else:
            ok, milliseconds = database_status()
            response = JsonResponse(
                {"status": "ok" if ok else "error", "database": "ok" if ok else "unavailable", "ms": milliseconds},
                status=200 if ok else 503,
            )
        add_never_cache_headers(response)
        return response


NUL = "\x00"


def holds_nul(request):
    """Whether the path, a query parameter, a form field (names included) or a cookie holds a NUL character."""
    if NUL in request.path_info:
        return True
    data = [request.GET, request.COOKIES]
    if request.method == "POST":
        data.append(request.POST)
    for mapping in data:
        items = mapping.lists() if hasattr(mapping, "lists") else ((key, [value]) for key, value in mapping.items())
        for key, values in items:
            if NUL in key or any(isinstance(value, str) and NUL in value for value in values):
                return True
    return False


class RejectNulMiddleware:
    """A request holding a NUL character anywhere a view could read it is refused with 400 (the error page in the
    visitor's language) before any view runs: PostgreSQL text cannot hold NUL, and a query with one would be a
    database error, a 500, wherever a view passes a value on unchecked (the admin's autocomplete, for one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if holds_nul(request):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)
