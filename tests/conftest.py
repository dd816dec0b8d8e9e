"""Scenario fixtures shared by the whole suite. Areas add their own in tests/<area>/conftest.py."""

import itertools

import pytest
from django.utils import translation

from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
from tests.factories import (
    ContributionFactory,
    CountryFactory,
    MandateFactory,
    MissionFactory,
    ProgrammeFactory,
    ThemeFactory,
)


@pytest.fixture(autouse=True)
def _reset_language():
    """Each test starts in the default language, whatever the previous one activated."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def denmark(db):
    return CountryFactory(code="DK", name_da="Danmark", name_nb="Danmark", name_en="Denmark")


@pytest.fixture
def norway(db):
    return CountryFactory(code="NO", name_da="Norge", name_nb="Norge", name_en="Norway")


@pytest.fixture
def published_mission(db):
    return MissionFactory(
        key="nmi",
        acronym="NMI",
        title_da="NATO's Mission i Irak",
        title_nb="NATOs operasjon i Irak",
        title_en="NATO Mission Iraq",
    )


@pytest.fixture
def draft_mission(db):
    return MissionFactory(key="draft-mission", status="draft", title_en="A draft mission")


@pytest.fixture
def published_mandate(denmark, published_mission):
    return MandateFactory(key="dk-b-159-2020", country=denmark, reference="B 159", missions=[published_mission])


@pytest.fixture
def published_contribution(denmark, published_mission, published_mandate):
    return ContributionFactory(
        key="dk-nmi-command", country=denmark, mission=published_mission, mandate=published_mandate
    )


@pytest.fixture
def published_programme(denmark):
    programme = ProgrammeFactory(key="dk-syria-iraq-2019-2021", donor=denmark)
    for number in (1, 2, 3):
        ThemeFactory(programme=programme, number=number)
    return programme


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole run. Playwright's sync API keeps an event loop in this thread, so a
    second one could not start beside it; every test that drives this browser shares it."""
    require_chromium()
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    # The ORM calls around the browser stay synchronous while Playwright's loop exists.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


_cache_locations = itertools.count()


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache switched on, in a local-memory cache of this test's own."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        **settings.CACHES,
        settings.PAGE_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"page-cache-test-{next(_cache_locations)}",
        },
    }
    return settings
