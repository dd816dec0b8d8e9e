"""Production serving: the cache backend REDIS_URL selects, the page cache on a real Redis, the cached template
loader, hashed static files with long-lived headers, and the baseline page that only the benchmark routes to."""

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from tests.factories import MissionFactory

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# A database number of the tests' own on the local Redis, and a fresh key prefix per test.
REDIS_TEST_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/15"
# Emptying the page cache empties its whole Redis database: one only these tests use.
REDIS_PAGES_TEST_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/11"
PROD_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "SECRET_KEY": "x" * 20 + "abcdefghij" * 4,
    "ALLOWED_HOSTS": "isil.example.org",
    "TRUSTED_PROXY_COUNT": "1",
    "DATABASE_URL": "postgres://isil@db.example.org:5432/isil",
}


def redis_is_running():
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=0.5):
            return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(not redis_is_running(), reason="no Redis server at 127.0.0.1:6379")


def settings_in_subprocess(environment, expression):
    """Evaluate `expression` against freshly imported settings in a clean process with `environment`."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "from django.template import engines; "
        f"print(json.dumps({expression}, default=str))"
    )
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "PAGE_CACHE_SECONDS"}}
    env.update(environment)
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.subprocess
def test_redis_url_selects_djangos_redis_backend():
    caches = settings_in_subprocess(
        {**PROD_ENVIRONMENT, "REDIS_URL": "redis://cache.internal:6379/2", "CACHE_KEY_PREFIX": "isil-staging"},
        "[settings.CACHES['default'], settings.PAGE_CACHE_SECONDS]",
    )
    # Django's Redis backend, timed for /metrics (core/observability.py).
    assert caches[0]["BACKEND"] == "core.observability.MeasuredRedisCache"
    assert caches[0]["LOCATION"] == "redis://cache.internal:6379/2"
    assert caches[0]["KEY_PREFIX"] == "isil-staging"
    assert caches[1] == 600


@pytest.mark.subprocess
def test_the_page_cache_has_a_redis_database_of_its_own():
    """Emptying the page cache empties its whole Redis database: never the one of sessions and the rest."""
    pages, url = settings_in_subprocess(
        {**PROD_ENVIRONMENT, "REDIS_URL": "redis://cache.internal:6379/2"},
        "[settings.CACHES[settings.PAGE_CACHE_ALIAS], settings.CACHES['default']['LOCATION']]",
    )
    assert pages["BACKEND"] == "core.observability.MeasuredRedisCache"
    assert pages["LOCATION"] == "redis://cache.internal:6379/3" != url


@pytest.mark.subprocess
def test_without_redis_url_the_workers_share_a_file_based_page_cache():
    default, pages, seconds = settings_in_subprocess(
        PROD_ENVIRONMENT,
        "[settings.CACHES['default'], settings.CACHES[settings.PAGE_CACHE_ALIAS], settings.PAGE_CACHE_SECONDS]",
    )
    assert default["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert pages["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert seconds == 600


@pytest.mark.subprocess
def test_production_uses_the_cached_template_loader_hashed_static_files_and_a_connection_pool():
    loaders, storage, database = settings_in_subprocess(
        PROD_ENVIRONMENT,
        "[[type(loader).__module__ for loader in engines['django'].engine.template_loaders], "
        "settings.STORAGES['staticfiles']['BACKEND'], settings.DATABASES['default']]",
    )
    assert loaders == ["django.template.loaders.cached"]
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert database["OPTIONS"]["pool"]["max_size"] >= 1
    assert database["CONN_MAX_AGE"] == 0  # Django's pool requires it; the pool keeps the connections.


@needs_redis
def test_the_page_cache_works_on_redis(settings, client, db, django_capture_on_commit_callbacks):
    prefix = f"test-{uuid.uuid4().hex}"
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        **settings.CACHES,
        settings.PAGE_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_PAGES_TEST_URL,
            "KEY_PREFIX": prefix,
        },
    }
    import redis

    server = redis.Redis.from_url(REDIS_PAGES_TEST_URL)
    try:
        mission = MissionFactory(key="nmi", title_en="NATO Mission Iraq")
        path = reverse("coalition:mission_detail", kwargs={"slug": mission.slug})
        first = client.get(path)
        assert first.status_code == 200
        assert first.headers["X-Page-Cache"] == "miss"
        assert server.keys(f"{prefix}:*"), "the page is stored in Redis"
        assert Client().get(path).headers["X-Page-Cache"] == "hit"

        with django_capture_on_commit_callbacks(execute=True):
            mission.title_en = "NATO Mission Iraq, renamed"
            mission.save()
        assert not server.keys(f"{prefix}:*"), "the edit emptied the page cache"
        after_edit = Client().get(path)
        assert after_edit.headers["X-Page-Cache"] == "miss"
        assert b"NATO Mission Iraq, renamed" in after_edit.content
    finally:
        keys = server.keys(f"{prefix}:*")
        if keys:
            server.delete(*keys)


def test_hashed_static_files_get_long_lived_cache_headers(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())
    original, hashed = next((name, path) for name, path in manifest["paths"].items() if name.endswith(".css"))
    assert hashed != original
    assert (settings.STATIC_ROOT / f"{hashed}.gz").exists(), "compressed copies are written next to the files"

    response = Client().get(f"{settings.STATIC_URL}{hashed}", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"
    unhashed = Client().get(f"{settings.STATIC_URL}{original}")
    assert "immutable" not in unhashed.get("Cache-Control", "")


def test_the_baseline_page_exists_only_in_the_benchmark_urlconf(client, db, settings):
    with pytest.raises(NoReverseMatch):
        reverse("bench_baseline")
    assert client.get("/en/bench/baseline/").status_code == 404

    settings.ROOT_URLCONF = "bench.urls"
    response = client.get(reverse("bench_baseline"))
    assert response.status_code == 200
    assert b"Baseline" in response.content


def test_the_layout_reference_is_the_site_layout_and_exists_only_in_the_benchmark_urlconf(client, db, settings):
    assert client.get("/en/bench/layout/").status_code == 404

    settings.ROOT_URLCONF = "bench.urls"
    with translation.override("en"):
        url = reverse("bench_layout")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<nav class="main-nav"' in html and '<footer class="site-footer">' in html
    assert "<h1>Baseline</h1>" in html
