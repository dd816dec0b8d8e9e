import time

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
