"""Scenario fixtures for the open data and discovery tests: a small published site with Danish and Norwegian
contributions, mandates and missions (texts chosen for the search tests), and drafts of every kind that must
never appear in a search result, an export, the feed, a timeline or the comparison."""

import datetime
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_published_scenario
from tests.factories import (
    ContributionFactory,
    ContributionKindFactory,
    CountryFactory,
    MandateFactory,
    MissionFactory,
    SourceFactory,
)
from tests.helpers import RECORD_CSP_VIOLATIONS
from tests.shared import shared_states

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Full-text search needs PostgreSQL (CI runs the suite on it)."
)


def url_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def absolute_url_in(language, obj):
    with translation.override(language):
        return f"http://testserver{obj.get_absolute_url()}"


def content_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def build_scene():
    """Danish and Norwegian contributions, mandates and missions with texts for the search tests, and drafts of
    every kind."""
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
        summary_da="Koalitionens militære operation mod ISIL.",
        summary_nb="Koalisjonens militære operasjon mot ISIL.",
        summary_en="The coalition's military operation against ISIL.",
        start_date=datetime.date(2014, 10, 17),
        host_countries=[iraq],
    )
    nmi = published_mission
    nmi.parent = oir
    nmi.start_precision = "month"
    nmi.save()

    staff = ContributionKindFactory(key="staff-officers", name_da="Stabsofficerer", name_en="Staff officers", order=1)
    trainers = ContributionKindFactory(key="trainers", name_da="Instruktører", name_en="Trainers", order=2)
    draft_kind = ContributionKindFactory(key="draft-kind", status="draft", name_en="Draft kind")

    dk_contribution = published_contribution
    dk_contribution.kind = staff
    dk_contribution.title_da = "Dansk kommando af NATO-missionen"
    dk_contribution.title_nb = "Dansk kommando av NATO-oppdraget"
    dk_contribution.title_en = "Danish command of the NATO mission"
    dk_contribution.description_da = "Danmark ledede missionen med stabsofficerer i Bagdad."
    dk_contribution.description_nb = "Danmark ledet oppdraget med stabsoffiserer i Bagdad."
    dk_contribution.description_en = "Denmark led the mission with staff officers in Baghdad."
    dk_contribution.personnel = 150
    dk_contribution.personnel_qualifier = "up-to"
    dk_contribution.save()

    no_mandate = MandateFactory(
        key="no-2016",
        country=norway,
        kind="no-government",
        reference="",
        session="",
        label_da="Regeringens beslutning 2016",
        label_nb="Regjeringens vedtak 2016",
        label_en="Government decision 2016",
        adopted_on=datetime.date(2016, 4, 29),
        missions=[oir],
    )
    no_contribution = ContributionFactory(
        key="no-oir-trainers",
        country=norway,
        mission=oir,
        mandate=no_mandate,
        kind=trainers,
        title_da="Norske instruktører i Anbar",
        title_nb="Norske instruktører i Anbar (nb)",
        title_en="Norwegian trainers in Anbar",
        description_da="Bidraget bestod af instruktører, der uddannede irakiske styrker.",
        description_nb="Bidraget besto av instruktører som trente irakiske styrker.",
        description_en="The contribution consisted of trainers for Iraqi forces.",
        location_en="Al Asad air base",
        personnel=70,
        personnel_qualifier="about",
        start_date=datetime.date(2017, 3, 1),
        start_precision="month",
        end_date=datetime.date(2020, 12, 31),
        end_precision="year",
        as_of=datetime.date(2018, 6, 1),
        certainty="announced",
        partner_countries=[denmark, iraq],
        sources=[SourceFactory(key="regjeringen-2017", url="https://www.regjeringen.no/no/aktuelt/example/")],
    )
    dk_ongoing = ContributionFactory(
        key="dk-oir-radar",
        country=denmark,
        mission=oir,
        mandate=None,
        kind=draft_kind,  # A published contribution whose kind is a draft: the kind never shows.
        title_da="Dansk radar",
        title_nb="Dansk radar (nb)",
        title_en="Danish radar",
        location_en="=1+2 (a text that looks like a spreadsheet formula)",
        personnel=None,
        start_date=datetime.date(2016, 5, 1),
        start_precision="day",
        end_date=None,
        # Under way as last confirmed in October 2019: after that, the site says no more than that.
        end_state="under-way",
        confirmed_on=datetime.date(2019, 10, 1),
        confirmed_precision="month",
        confirmed_by=SourceFactory(key="radar-confirmation", publisher="Forsvaret", url="https://forsvaret.dk/x/"),
    )

    drafts = SimpleNamespace(
        mission=MissionFactory(key="draft-mission", status="draft", title_en="Draft mission (never shown)"),
        mandate=MandateFactory(
            key="draft-mandate", status="draft", country=denmark, reference="D 1", label_en="Draft mandate"
        ),
        country=CountryFactory(code="SE", status="draft", name_en="Draft country"),
    )
    drafts.contribution = ContributionFactory(
        key="draft-contribution", status="draft", country=denmark, mission=oir, title_en="Draft contribution"
    )
    drafts.mission_contribution = ContributionFactory(
        key="draft-mission-contribution", country=denmark, mission=drafts.mission, title_en="For a draft mission"
    )
    drafts.country_contribution = ContributionFactory(
        key="draft-country-contribution", country=drafts.country, mission=oir, title_en="Of a draft country"
    )
    # A published contribution under a draft mandate: the mandate's key never shows.
    dk_under_draft_mandate = ContributionFactory(
        key="dk-liaison-officers",
        country=denmark,
        mission=nmi,
        mandate=drafts.mandate,
        kind=staff,
        title_en="Danish liaison officers",
        start_date=datetime.date(2021, 2, 1),
        end_date=datetime.date(2021, 8, 31),
    )
    return SimpleNamespace(
        denmark=denmark,
        norway=norway,
        iraq=iraq,
        oir=oir,
        nmi=nmi,
        staff=staff,
        trainers=trainers,
        dk_mandate=published_mandate,
        no_mandate=no_mandate,
        dk_contribution=dk_contribution,
        no_contribution=no_contribution,
        dk_ongoing=dk_ongoing,
        dk_under_draft_mandate=dk_under_draft_mandate,
        programme=published_programme,
        drafts=drafts,
    )


shared_states.builders["scene"] = build_scene


@pytest.fixture
def scene(_shared_database, db):
    """The discovery scene of build_scene(), built once and shared."""
    return _shared_database.get("scene")


DRAFT_MARKERS = [
    "draft-mission",
    "draft-mandate",
    "draft-contribution",
    "draft-mission-contribution",
    "draft-country-contribution",
    "Draft mission",
    "Draft mandate",
    "Draft contribution",
    "For a draft mission",
    "Of a draft country",
    "Draft kind",
    "draft-kind",
]


class TableParser(HTMLParser):
    """The rows of the HTML table with the given id: each a list of cells, each cell a dict with its text,
    the first link's href and the datetime attributes of its <time> elements."""

    def __init__(self, table_id):
        super().__init__(convert_charrefs=True)
        self.table_id = table_id
        self.rows = []
        self._depth = 0
        self._in_body = False
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == self.table_id:
            self._depth = 1
        elif self._depth and tag == "table":
            self._depth += 1
        if not self._depth:
            return
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag in ("td", "th") and self._in_body:
            self._cell = {"text": "", "href": None, "times": []}
            self.rows[-1].append(self._cell)
        elif tag == "a" and self._cell is not None and self._cell["href"] is None:
            self._cell["href"] = attrs.get("href")
        elif tag == "time" and self._cell is not None:
            self._cell["times"].append(attrs.get("datetime"))

    def handle_endtag(self, tag):
        if not self._depth:
            return
        if tag in ("td", "th"):
            if self._cell is not None:
                self._cell["text"] = " ".join(self._cell["text"].split())
            self._cell = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._depth -= 1

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


def table_rows(html, table_id):
    parser = TableParser(table_id)
    parser.feed(html)
    return parser.rows


# -- Browser ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def browser_page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def no_script_page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()
