"""Scenario fixtures and helpers for the public site's tests."""

import datetime
from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

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
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass
class ParsedPage:
    """What the tests look at in a public page's HTML."""

    html_lang: str = ""
    title: str = ""
    h1_count: int = 0
    alternates: dict = field(default_factory=dict)  # hreflang -> href
    canonical: str = ""
    switcher: dict = field(default_factory=dict)  # language code -> href
    lang_elements: list = field(default_factory=list)  # (tag, lang) of elements inside <body> with a lang
    links: list = field(default_factory=list)  # hrefs of every <a>


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._in_title = False
        self._in_body = False
        self._in_switcher = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.page.html_lang = attrs.get("lang", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "body":
            self._in_body = True
        elif tag == "h1":
            self.page.h1_count += 1
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.page.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.page.canonical = attrs["href"]
        elif tag == "nav" and "language-switcher" in attrs.get("class", ""):
            self._in_switcher = True
        elif tag == "a":
            self.page.links.append(attrs.get("href", ""))
            if self._in_switcher:
                self.page.switcher[attrs["hreflang"]] = attrs["href"]
        if self._in_body and "lang" in attrs:
            self.page.lang_elements.append((tag, attrs["lang"]))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "nav":
            self._in_switcher = False

    def handle_data(self, data):
        if self._in_title:
            self.page.title += data


def parse(response):
    parser = _PageParser()
    parser.feed(response.content.decode())
    parser.page.title = " ".join(parser.page.title.split())
    return parser.page


def url_in(language, obj_or_name, **kwargs):
    """An object's address (or a named URL's) in the given language."""
    with translation.override(language):
        if isinstance(obj_or_name, str):
            return reverse(obj_or_name, kwargs=kwargs or None)
        return obj_or_name.get_absolute_url()


@pytest.fixture
def site(denmark, norway, published_mission, published_mandate, published_contribution, published_programme):
    """A small published site: two contributing countries and a host country, two missions (one part of the
    other), Danish and Norwegian mandates and contributions, a programme with themes and activities, key
    figures, and drafts of every kind that must never show."""
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
