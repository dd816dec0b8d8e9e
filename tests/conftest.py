"""Scenario fixtures shared by the whole suite. Each app's folder adds its own in tests/<app>/conftest.py; plain
helpers are in tests/helpers.py.

The biggest scenarios are built once and shared (SharedStates below): `content` (the real content of fixtures/),
`site` (a small published site) and the discovery tests' `scene`. Tests with a live server or `transaction=True`
cannot see a transaction that stays open: they build their own, committed, and Django empties the database after
each of them."""

import datetime
import itertools
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
from tests.factories import (
    ActivityFactory,
    ContributionFactory,
    ContributionKindFactory,
    CountryFactory,
    GlossaryTermFactory,
    KeyFigureFactory,
    MandateFactory,
    MissionFactory,
    OrganisationFactory,
    ProgrammeFactory,
    SourceFactory,
    StatementFactory,
    ThemeFactory,
)
from tests.helpers import PROD_SECURITY_SETTINGS, RECORD_CSP_VIOLATIONS, CSPRecorder, run_with_prod_settings
from tests.shared import shared_states

FIXTURE_FILES = sorted(str(path) for path in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))


# -- Database states shared by consecutive tests ---------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """The tests that share the real content first, and within each file the tests that share a state next to each
    other; pytest-django's ordering (database tests, then transactional ones, then the rest) keeps this order
    within each of its groups."""
    modules = {}
    for item in items:
        modules.setdefault(item.module, len(modules))

    def key(item):
        wanted = shared_states.wanted_by(item)
        if wanted == "content":
            return (0, 0, 0)
        return (1, modules[item.module], 0 if wanted else 1, wanted or "")

    items.sort(key=key)


def pytest_runtest_setup(item):
    shared_states.prepare_for(item)


@pytest.fixture(scope="session")
def _shared_database(django_db_setup, django_db_blocker):
    shared_states.blocker = django_db_blocker
    if shared_states.wanted:
        shared_states.open(shared_states.wanted)
    yield shared_states
    if shared_states.name:
        shared_states.close()


def load_content():
    call_command("loaddata", *FIXTURE_FILES, verbosity=0)


shared_states.builders["content"] = load_content


@pytest.fixture
def fixture_files():
    assert FIXTURE_FILES, "fixtures/*.json is empty"
    return list(FIXTURE_FILES)


@pytest.fixture
def content(_shared_database, db):
    """The site's real content: every file in fixtures/, loaded the way the README says (one `loaddata` call)."""
    _shared_database.get("content")


@pytest.fixture(autouse=True)
def _reset_language():
    """Each test starts in the default language, whatever the previous one activated."""
    translation.activate("en")
    yield
    translation.deactivate()


def make_denmark():
    return CountryFactory(code="DK", name_da="Danmark", name_nb="Danmark", name_en="Denmark")


def make_norway():
    return CountryFactory(code="NO", name_da="Norge", name_nb="Norge", name_en="Norway")


def make_published_mission():
    return MissionFactory(
        key="nmi",
        acronym="NMI",
        title_da="NATO's Mission i Irak",
        title_nb="NATOs operasjon i Irak",
        title_en="NATO Mission Iraq",
    )


def make_published_mandate(denmark, published_mission):
    return MandateFactory(key="dk-b-159-2020", country=denmark, reference="B 159", missions=[published_mission])


def make_published_contribution(denmark, published_mission, published_mandate):
    return ContributionFactory(
        key="dk-nmi-command", country=denmark, mission=published_mission, mandate=published_mandate
    )


def make_published_programme(denmark):
    programme = ProgrammeFactory(key="dk-syria-iraq-2019-2021", donor=denmark)
    for number in (1, 2, 3):
        ThemeFactory(programme=programme, number=number)
    return programme


def make_published_scenario():
    """The objects of the published_* fixtures, for the scenarios built on them."""
    denmark, mission = make_denmark(), make_published_mission()
    mandate = make_published_mandate(denmark, mission)
    return SimpleNamespace(
        denmark=denmark,
        norway=make_norway(),
        mission=mission,
        mandate=mandate,
        contribution=make_published_contribution(denmark, mission, mandate),
        programme=make_published_programme(denmark),
    )


@pytest.fixture
def denmark(db):
    return make_denmark()


@pytest.fixture
def norway(db):
    return make_norway()


@pytest.fixture
def published_mission(db):
    return make_published_mission()


@pytest.fixture
def draft_mission(db):
    return MissionFactory(key="draft-mission", status="draft", title_en="A draft mission")


@pytest.fixture
def published_mandate(denmark, published_mission):
    return make_published_mandate(denmark, published_mission)


@pytest.fixture
def published_contribution(denmark, published_mission, published_mandate):
    return make_published_contribution(denmark, published_mission, published_mandate)


@pytest.fixture
def published_programme(denmark):
    return make_published_programme(denmark)


def build_site():
    """A small published site: two contributing countries and a host country, two missions (one part of the
    other), Danish and Norwegian mandates and contributions, a programme with themes and activities, key
    figures, and drafts of every kind that must never show."""
    published = make_published_scenario()
    denmark, norway, published_mission = published.denmark, published.norway, published.mission
    published_mandate, published_contribution = published.mandate, published.contribution
    published_programme = published.programme
    iraq = CountryFactory(code="IQ", name_da="Irak", name_nb="Irak", name_en="Iraq", is_contributor=False)
    oir = MissionFactory(
        key="oir",
        acronym="OIR",
        title_da="Operation Inherent Resolve (da)",
        title_nb="Operasjon Inherent Resolve",
        title_en="Operation Inherent Resolve",
        start_date=datetime.date(2014, 10, 17),
        host_countries=[iraq],
    )
    mission = published_mission
    mission.parent = oir
    mission.start_precision = "month"
    mission.sources.set([SourceFactory(key="nato-nmi", publisher="NATO", title="NATO Mission Iraq", language="en")])
    mission.save()
    mission.host_countries.set([iraq])

    kind_staff = ContributionKindFactory(key="staff-officers", name_da="Stabsofficerer", name_en="Staff officers")
    kind_trainers = ContributionKindFactory(key="trainers", name_da="Instruktører", name_en="Trainers")
    dk_contribution = published_contribution
    dk_contribution.kind = kind_staff
    dk_contribution.save()

    no_mandate = MandateFactory(
        key="no-2019",
        country=norway,
        kind="no-government",
        reference="",
        session="",
        adopted_on=datetime.date(2019, 10, 21),
        missions=[oir],
    )
    no_contribution = ContributionFactory(
        key="no-oir-trainers",
        country=norway,
        mission=oir,
        mandate=no_mandate,
        kind=kind_trainers,
        title_da="Norske instruktører i Anbar",
        title_nb="Norske instruktører i Anbar (nb)",
        title_en="Norwegian trainers in Anbar",
        personnel=70,
        personnel_qualifier="about",
        start_date=datetime.date(2017, 3, 1),
        start_precision="month",
        end_date=datetime.date(2020, 12, 31),
        end_precision="year",
        certainty="announced",
    )
    members = KeyFigureFactory(key="members", value_en="80+", label_en="coalition members", mission=oir)
    KeyFigureFactory(key="dk-personnel", value_en="about 400", label_en="Danish personnel", country=denmark)

    theme = published_programme.themes.get(number=1)
    demining = OrganisationFactory(key="undp", acronym="UNDP")
    ActivityFactory(key="demining", theme=theme, title_en="Demining in Iraq", partner_organisation=demining)

    drafts = SimpleNamespace(
        mission=MissionFactory(key="draft-mission", status="draft", title_en="Draft mission (never shown)"),
        contribution=ContributionFactory(
            key="draft-contribution", status="draft", country=denmark, mission=mission, title_en="Draft contribution"
        ),
        mandate=MandateFactory(key="draft-mandate", status="draft", country=denmark, label_en="Draft mandate"),
        programme=ProgrammeFactory(key="draft-programme", status="draft", donor=denmark, title_en="Draft programme"),
        country=CountryFactory(code="SE", status="draft", name_en="Draft country"),
    )
    drafts.country_contribution = ContributionFactory(
        key="draft-country-contribution", country=drafts.country, mission=mission, title_en="Of a draft country"
    )
    drafts.mission_contribution = ContributionFactory(
        key="draft-mission-contribution", country=denmark, mission=drafts.mission, title_en="For a draft mission"
    )
    return SimpleNamespace(
        accessibility=StatementFactory(kind="accessibility"),
        privacy=StatementFactory(kind="privacy"),
        term=GlossaryTermFactory(key="nmi", variants_en="NMI"),
        denmark=denmark,
        norway=norway,
        iraq=iraq,
        oir=oir,
        mission=mission,
        dk_mandate=published_mandate,
        no_mandate=no_mandate,
        dk_contribution=dk_contribution,
        no_contribution=no_contribution,
        kind_staff=kind_staff,
        kind_trainers=kind_trainers,
        programme=published_programme,
        members=members,
        drafts=drafts,
    )


shared_states.builders["site"] = build_site


@pytest.fixture
def site(_shared_database, db):
    """The small published site of build_site(), built once and shared."""
    return _shared_database.get("site")


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium per test process, launched once. Playwright's sync API keeps an event loop in this
    thread, so a second one could not start beside it: every browser test opens a context of this browser (its
    own cookies and storage), directly or through tests/browser.py's `browser_runner`."""
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


# -- Production settings and the Content-Security-Policy ---------------------------------------------------------------


@pytest.fixture(scope="session")
def prod_security_settings():
    """The security settings exactly as config.settings.prod computes them."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {PROD_SECURITY_SETTINGS!r}}}))"
    )
    result = run_with_prod_settings(["-c", script])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def production_headers(settings, prod_security_settings):
    """Apply production's security settings to this test (the test client's requests then go through the
    same middleware configuration as production)."""
    for name, value in prod_security_settings.items():
        setattr(settings, name, tuple(value) if name == "SECURE_PROXY_SSL_HEADER" else value)
    return prod_security_settings


@pytest.fixture
def csp_page(chromium, live_server):
    """A browser page on the live server that records every Content-Security-Policy violation."""
    context = chromium.new_context(base_url=live_server.url)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    yield CSPRecorder(context)
    context.close()
