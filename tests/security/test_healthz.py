"""/healthz tells a load balancer whether this instance can serve: JSON, 200 when the database answers,
503 when it does not, never cached, reachable whatever Host header or scheme the probe uses."""

import json
import time

import pytest
from django.db import OperationalError
from django.test import Client

from .conftest import run_with_prod_settings

pytestmark = pytest.mark.django_db


def assert_never_cached(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "must-revalidate", "max-age=0"} <= cache_control
    assert "Expires" in response


def test_healthy(client, django_assert_num_queries):
    started = time.monotonic()
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert time.monotonic() - started < 1
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert_never_cached(response)


def test_database_error_gives_503(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable", "ms": response.json()["ms"]}
    assert_never_cached(response)


def test_outside_the_language_prefixes(client):
    assert client.get("/en/healthz").status_code == 404
    assert client.get("/healthz").status_code == 200


def test_answers_probes_addressed_to_the_server_ip_over_plain_http(production_headers):
    """A load balancer probes http://10.0.0.5/healthz: no host check, no HTTPS redirect, no language
    redirect; every other page still refuses that host."""
    client = Client()
    response = client.get("/healthz", HTTP_HOST="10.0.0.5")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get("/en/admin/login/", HTTP_HOST="10.0.0.5", secure=True).status_code == 400


def test_only_reads(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert client.head("/healthz").status_code == 200


def test_unreachable_database_with_production_settings_answers_503_quickly():
    """Production's connection pool gives up after DATABASE_POOL_TIMEOUT instead of psycopg's 30 s."""
    script = (
        "import json, time, django; django.setup(); from django.test import Client; "
        "started = time.monotonic(); response = Client().get('/healthz'); "
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
