"""Denmark and Norway side by side: for each mission, each country's contributions by kind (with personnel
figures and their qualifiers, periods and "as of" dates), the time its contributions were under way, and the
mandates covering the mission. Four queries, whatever the amount of content."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Prefetch

from coalition.models import Country, Mission
from contributions.managers import MANDATES_IN_ORDER
from contributions.models import Contribution, Mandate
from core.periods import Period

from .periods import union

COMPARED_COUNTRIES = ("DK", "NO")


@dataclass
class KindRow:
    kind: object  # A published ContributionKind, or None for contributions whose kind is not public.
    cells: list  # Per compared country: its contributions of this kind.


@dataclass
class MissionComparison:
    mission: Mission
    kinds: list = field(default_factory=list)  # KindRow, in the kinds' order.
    # Per country: merged Periods of its contributions (None when it has contributions but no known dates).
    periods: list = field(default_factory=list)
    mandates: list = field(default_factory=list)  # Per country: the mandates covering the mission.
    counts: list = field(default_factory=list)  # Per country: how many contributions.


@dataclass
class CountrySummary:
    country: Country
    missions: int
    contributions: int
    mandates: int


@dataclass
class Comparison:
    countries: list
    missions: list  # MissionComparison, in the order the missions began.
    summaries: list


def compare(codes=COMPARED_COUNTRIES, year=None):
    """The comparison; with `year`, only the contributions under way that year (ContributionQuerySet.active_in)."""
    countries = {country.code: country for country in Country.objects.published().filter(code__in=codes)}
    countries = [countries[code] for code in codes if code in countries]
    column = {country.pk: index for index, country in enumerate(countries)}
    contributions = (
        Contribution.objects.published()
        .filter(country__code__in=codes)
        .select_related("country", "mission", "mission__confirmed_by", "kind", "confirmed_by")
        .order_by(
            "mission__start_date",
            "mission__key",
            "kind__order",
            "kind__key",
            F("start_date").asc(nulls_last=True),
            "key",
        )
    )
    if year is not None:
        contributions = contributions.active_in(year)
    mandates = (
        Mandate.objects.published()
        .filter(country__code__in=codes)
        .prefetch_related(Prefetch("missions", queryset=Mission.objects.published(), to_attr="public_missions"))
        .order_by(*MANDATES_IN_ORDER)
    )

    def new_mission(mission):
        return MissionComparison(
            mission=mission,
            periods=[[] for _country in countries],
            mandates=[[] for _country in countries],
            counts=[0 for _country in countries],
        )

    by_mission = {}
    kinds = {}
    for contribution in contributions:
        if contribution.country_id not in column:
            continue
        index = column[contribution.country_id]
        entry = by_mission.setdefault(contribution.mission_id, new_mission(contribution.mission))
        kind = contribution.kind if contribution.kind.is_public else None
        row_key = (contribution.mission_id, kind.pk if kind else None)
        if row_key not in kinds:
            kinds[row_key] = KindRow(kind=kind, cells=[[] for _country in countries])
            entry.kinds.append(kinds[row_key])
        kinds[row_key].cells[index].append(contribution)
        entry.counts[index] += 1
        entry.periods[index].append(Period.of(contribution))
    mandate_counts = [0 for _country in countries]
    for mandate in mandates:
        if mandate.country_id not in column:
            continue
        index = column[mandate.country_id]
        mandate_counts[index] += 1
        for mission in mandate.public_missions:
            entry = by_mission.setdefault(mission.pk, new_mission(mission))
            entry.mandates[index].append(mandate)

    missions = sorted(
        by_mission.values(), key=lambda entry: (entry.mission.start_date or datetime.date.max, entry.mission.key)
    )
    for entry in missions:
        entry.kinds.sort(
            key=lambda row: (row.kind is None, row.kind.order if row.kind else 0, row.kind.key if row.kind else "")
        )
        # None: contributions, none of them with a known date.
        entry.periods = [
            union(periods) or (None if entry.counts[index] else []) for index, periods in enumerate(entry.periods)
        ]
    summaries = [
        CountrySummary(
            country=country,
            missions=sum(1 for entry in missions if entry.counts[index]),
            contributions=sum(entry.counts[index] for entry in missions),
            mandates=mandate_counts[index],
        )
        for index, country in enumerate(countries)
    ]
    return Comparison(countries=countries, missions=missions, summaries=summaries)
