"""What operators see: one JSON log line per request with its request id (X-Request-ID, the proxy's when it sends
one), a warning for slow requests, errors logged with the request id, Prometheus metrics only for the allowed
address range or the token holder, Sentry only when SENTRY_DSN is set, and a warning when Redis is not set up as
a cache."""

import io
import json
import logging
import os
import socket

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client

from core.observability import (
    JsonFormatter,
    RequestIdFilter,
    check_cache_server,
    redis_memory_problems,
)
from tests.helpers import run_with_prod_settings
from website.views import HomeView

pytestmark = pytest.mark.django_db

OUTSIDE = "203.0.113.9"


@pytest.fixture
def json_log():
    """The production log handler (JSON formatter and request-id filter) on the root logger, into a buffer; returns
    a function giving the lines logged so far as dicts."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(old_level)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "core.requests"]


def test_every_response_has_a_request_id_and_one_json_log_line(client, json_log, published_mission):
    response = client.get("/en/missions/", {"q": "Jane Doe", "page": "2"})
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32

    [line] = request_lines(json_log())
    assert line["request_id"] == request_id
    assert line["level"] == "INFO"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/en/missions/", 200)
    assert line["query"] == ["page", "q"]  # The names, never the values.
    assert "Jane Doe" not in json.dumps(line)
    assert isinstance(line["duration_ms"], float)
    assert line["user_id"] is None
    assert line["cache"] == "none"
    assert line["time"].endswith("+00:00")


def test_the_proxys_request_id_is_kept_when_it_looks_like_one(client, json_log):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-4f2a-0001")["X-Request-ID"] == "lb-4f2a-0001"
    for forged in ("two words", "x" * 200, 'a"}\n{"admin":true'):
        replaced = client.get("/healthz", HTTP_X_REQUEST_ID=forged)["X-Request-ID"]
        assert replaced != forged and len(replaced) == 32
    assert request_lines(json_log())[0]["request_id"] == "lb-4f2a-0001"


def test_staff_user_id_is_logged(admin_client, admin_user, json_log):
    admin_client.get("/en/admin/")
    assert request_lines(json_log())[-1]["user_id"] == admin_user.pk


def test_page_cache_hit_or_miss_is_logged(client, settings, json_log, published_mission):
    settings.PAGE_CACHE_SECONDS = 60
    caches["default"].clear()
    client.get("/en/missions/")
    client.get("/en/missions/")
    assert [line["cache"] for line in request_lines(json_log())] == ["miss", "hit"]


def test_slow_requests_are_warnings(client, settings, json_log):
    settings.SLOW_REQUEST_SECONDS = 0
    client.get("/healthz")
    settings.SLOW_REQUEST_SECONDS = 3600
    client.get("/healthz")
    slow, fast = request_lines(json_log())
    assert (slow["level"], slow["message"], slow["slow"]) == ("WARNING", "slow request", True)
    assert (fast["level"], fast["message"]) == ("INFO", "request")


def test_errors_are_logged_with_the_request_id(json_log, monkeypatch):
    def broken(self, **kwargs):
        raise RuntimeError("a bug in the home page")

    monkeypatch.setattr(HomeView, "get_context_data", broken)
    response = Client(raise_request_exception=False).get("/da/", HTTP_X_REQUEST_ID="err-1")

    assert response.status_code == 500
    [error] = [line for line in json_log() if line["logger"] == "django.request"]
    assert error["level"] == "ERROR"
    assert error["request_id"] == "err-1"
    assert "RuntimeError: a bug in the home page" in error["error"]
    assert request_lines(json_log())[-1]["status"] == 500


# -- /metrics ----------------------------------------------------------------------------------------------------


def test_metrics_for_the_allowed_range(client):
    client.get("/en/")
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    text = response.content.decode()
    assert "django_http_requests_latency_seconds_by_view_method" in text
    assert 'view="website:home"' in text


def test_metrics_refused_outside_the_range(client, settings):
    settings.METRICS_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR=OUTSIDE).status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="10.20.30.40").status_code == 200


def test_metrics_behind_a_local_proxy_see_the_visitors_address(client, settings):
    """A TLS proxy on 127.0.0.1 must not open /metrics to the whole internet."""
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OUTSIDE).status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1").status_code == 200


def test_metrics_with_the_token(client, settings):
    settings.METRICS_TOKEN = "s3cret-token-for-tests"
    assert client.get("/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    response = client.get("/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer s3cret-token-for-tests")
    assert response.status_code == 200


# -- Production settings -----------------------------------------------------------------------------------------

PROD_SCRIPT = """
import json, django
django.setup()
import sentry_sdk
from django.test import Client
client = Client(HTTP_HOST="isil.example.org", raise_request_exception=False)
client.get("/healthz", HTTP_X_REQUEST_ID="probe-0001")
client.get("/robots.txt", {"name": "Jane Doe"}, secure=True)
outside = client.get("/metrics", REMOTE_ADDR="203.0.113.9")
inside = client.get("/metrics", REMOTE_ADDR="10.1.2.3")
print(json.dumps({
    "outside": outside.status_code,
    "inside": inside.status_code,
    "metrics": inside.content.decode() if inside.status_code == 200 else "",
    "sentry": sentry_sdk.get_client().is_active(),
}))
"""


def prod_run(**environment):
    result = run_with_prod_settings(["-c", PROD_SCRIPT], METRICS_ALLOWED_NETWORKS="10.0.0.0/8", **environment)
    assert result.returncode == 0, result.stderr
    *log_lines, outcome = result.stdout.strip().splitlines()
    return [json.loads(line) for line in log_lines], json.loads(outcome)


@pytest.mark.subprocess
def test_production_logs_json_lines_and_guards_the_metrics():
    lines, outcome = prod_run(SENTRY_DSN=None)
    requests = request_lines(lines)
    assert [(line["path"], line["status"]) for line in requests] == [
        ("/healthz", 200),
        ("/robots.txt", 200),
        ("/metrics", 403),
        ("/metrics", 200),
    ]
    assert requests[0]["request_id"] == "probe-0001"
    assert all(len(line["request_id"]) == 32 for line in requests[1:])
    assert "Jane Doe" not in json.dumps(lines)
    assert (outcome["outside"], outcome["inside"]) == (403, 200)
    assert outcome["sentry"] is False  # No DSN: the SDK is not initialised, nothing can be sent.


@pytest.mark.subprocess
def test_production_reports_to_sentry_only_with_a_dsn():
    _lines, outcome = prod_run(SENTRY_DSN="http://public@127.0.0.1:9/1")
    assert outcome["sentry"] is True


@pytest.mark.subprocess
@pytest.mark.skipif(connection.vendor != "postgresql", reason="Production's database is PostgreSQL.")
def test_production_database_metrics():
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    script = PROD_SCRIPT.replace(
        'outside = client.get("/metrics"', 'client.get("/readyz"); outside = client.get("/metrics"'
    )
    result = run_with_prod_settings(["-c", script], METRICS_ALLOWED_NETWORKS="10.0.0.0/8", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout.strip().splitlines()[-1])["metrics"]
    assert 'django_db_execute_total{alias="default",vendor="postgresql"}' in metrics


# -- Redis as a cache --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "problems"),
    [
        ({"maxmemory": "268435456", "maxmemory-policy": "allkeys-lru"}, []),
        ({"maxmemory": "268435456", "maxmemory-policy": "volatile-lfu"}, []),
        ({"maxmemory": "0", "maxmemory-policy": "allkeys-lru"}, ["maxmemory is 0"]),
        ({"maxmemory": "268435456", "maxmemory-policy": "noeviction"}, ["maxmemory-policy is noeviction"]),
        ({"maxmemory": "0", "maxmemory-policy": "noeviction"}, ["maxmemory is 0", "maxmemory-policy is noeviction"]),
    ],
)
def test_redis_memory_problems(config, problems):
    found = redis_memory_problems(config)
    assert len(found) == len(problems)
    for text, expected in zip(found, problems, strict=True):
        assert text.startswith(expected)


def redis_is_running():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_is_running() and not os.environ.get("CI"), reason="needs Redis on 127.0.0.1:6379")
def test_start_up_check_reads_the_real_redis_settings(settings, caplog):
    settings.CACHES = {
        "default": {"BACKEND": "core.observability.MeasuredRedisCache", "LOCATION": "redis://127.0.0.1:6379/15"}
    }
    client = caches["default"]._cache.get_client()
    config = dict(client.config_get("maxmemory*").items())
    with caplog.at_level(logging.WARNING, logger="core.observability"):
        problems = check_cache_server()
    assert problems == redis_memory_problems(config)
    assert len(caplog.records) == len(problems)
    assert all("docs/deployment.md" in record.getMessage() for record in caplog.records)


def test_start_up_check_leaves_other_caches_alone(caplog):
    with caplog.at_level(logging.INFO, logger="core.observability"):
        assert check_cache_server() == []
    assert not caplog.records
