"""Lists sort by the best-known date, and what has no date comes last, as each list page says: on SQLite and on
PostgreSQL alike (the two place NULLs differently unless told)."""

import datetime

import pytest

from tests.factories import ContributionFactory, CountryFactory, MandateFactory, MissionFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def day(year, month=1, date=1):
    return datetime.date(year, month, date)


def test_missions_by_start_unknown_last(client):
    MissionFactory(key="unknown", start_date=None)
    MissionFactory(key="later", start_date=day(2018))
    MissionFactory(key="earlier", start_date=day(2014))

    response = client.get("/en/missions/")

    assert [mission.key for mission in response.context["object_list"]] == ["earlier", "later", "unknown"]
    assert "those whose start is not known come last" in response.content.decode()


def test_programmes_by_start_unknown_last(client):
    donor = CountryFactory(code="DK")
    ProgrammeFactory(key="unknown", donor=donor, start_date=None)
    ProgrammeFactory(key="later", donor=donor, start_date=day(2019))
    ProgrammeFactory(key="earlier", donor=donor, start_date=day(2015))

    response = client.get("/en/programmes/")

    assert [programme.key for programme in response.context["object_list"]] == ["earlier", "later", "unknown"]
    assert "those whose start is not known come last" in response.content.decode()


def test_mandates_by_decision_then_effect_neither_last(client):
    norway = CountryFactory(code="NO")
    MandateFactory(key="no-date", country=norway, adopted_on=None, valid_from=None)
    MandateFactory(key="in-force-2015", country=norway, adopted_on=None, valid_from=day(2015, 3, 10))
    MandateFactory(key="decided-2020", country=norway, adopted_on=day(2020, 6, 11))
    MandateFactory(key="decided-2014", country=norway, adopted_on=day(2014, 9, 1))

    response = client.get("/en/mandates/")

    keys = [mandate.key for mandate in response.context["object_list"]]
    assert keys == ["decided-2014", "in-force-2015", "decided-2020", "no-date"]
    assert "those with neither date come last" in response.content.decode()


def test_contributions_by_start_unknown_last(client):
    denmark = CountryFactory(code="DK")
    mission = MissionFactory()
    ContributionFactory(key="unknown", country=denmark, mission=mission, start_date=None)
    ContributionFactory(key="later", country=denmark, mission=mission, start_date=day(2020))
    ContributionFactory(key="earlier", country=denmark, mission=mission, start_date=day(2014))

    response = client.get("/en/contributions/")

    assert [contribution.key for contribution in response.context["object_list"]] == ["earlier", "later", "unknown"]
    assert "those whose start is not known come last" in response.content.decode()
