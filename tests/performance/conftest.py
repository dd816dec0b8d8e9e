import itertools

import pytest

_cache_locations = itertools.count()


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache switched on, in a local-memory cache of this test's own."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"page-cache-test-{next(_cache_locations)}",
        }
    }
    return settings
