"""/healthz says the process is alive (no database, no cache); /readyz tells a load balancer whether this instance can
serve: JSON, 200 when the database and the cache answer, 503 when either does not. Both are never cached, carry the
site's security headers, and are reachable whatever Host header or scheme the probe uses."""

import json
import time

import pytest
from django.db import OperationalError
from django.test import Client

from tests.helpers import run_with_prod_settings

pytestmark = pytest.mark.django_db


def assert_never_cached(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "must-revalidate", "max-age=0"} <= cache_control
    assert "Expires" in response


def test_alive_without_touching_the_database(client, django_assert_num_queries, monkeypatch):
    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", broken_cursor)
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}
    assert_never_cached(response)


def test_ready(client, django_assert_num_queries):
    started = time.monotonic()
    with django_assert_num_queries(1):
        response = client.get("/readyz")
    assert time.monotonic() - started < 1
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"], body["cache"]) == ("ok", "ok", "ok")
    assert_never_cached(response)


def broken_cursor(*args, **kwargs):
    raise OperationalError("connection refused")


def test_database_error_gives_503(client, monkeypatch):
    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", broken_cursor)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["database"], body["cache"]) == ("error", "unavailable", "ok")
    assert_never_cached(response)


def test_cache_error_gives_503(client, monkeypatch):
    def broken_set(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr("django.core.cache.backends.locmem.LocMemCache.set", broken_set)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert (response.json()["database"], response.json()["cache"]) == ("ok", "unavailable")


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics"])
def test_security_headers(client, path):
    """docs/security.md says every response carries the policy and the frame rule; these were missing here."""
    response = client.get(path)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_outside_the_language_prefixes(client):
    for path in ("/healthz", "/readyz"):
        assert client.get(f"/en{path}").status_code == 404
        assert client.get(path).status_code == 200


def test_answers_probes_addressed_to_the_server_ip_over_plain_http(production_headers):
    """A load balancer probes http://10.0.0.5/healthz: no host check, no HTTPS redirect, no language
    redirect; every other page still refuses that host."""
    client = Client()
    for path in ("/healthz", "/readyz"):
        response = client.get(path, HTTP_HOST="10.0.0.5")
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get("/en/admin/login/", HTTP_HOST="10.0.0.5", secure=True).status_code == 400


def test_only_reads(client):
    for path in ("/healthz", "/readyz"):
        response = client.post(path)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert client.head(path).status_code == 200


@pytest.mark.subprocess
def test_unreachable_database_with_production_settings_answers_503_quickly():
    """Production's connection pool gives up after DATABASE_POOL_TIMEOUT instead of psycopg's 30 s."""
    script = (
        "import json, time, django; django.setup(); from django.test import Client; "
        "started = time.monotonic(); response = Client().get('/readyz'); "
        "print(json.dumps({'status': response.status_code, 'body': response.json(), "
        "'seconds': time.monotonic() - started}))"
    )
    result = run_with_prod_settings(
        ["-c", script], DATABASE_URL="postgres://postgres@127.0.0.1:9/isil_nowhere", DATABASE_POOL_TIMEOUT="2"
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["status"] == 503
    assert outcome["body"]["database"] == "unavailable"
    assert outcome["seconds"] < 5
