"""One factory per model. Factories build published objects with text in all three languages unless told
otherwise, e.g. MissionFactory(status="draft") or MissionFactory(title_nb="").

The objects a test seldom looks at are shared unless the test gives its own: a mission's lead organisation, a
contribution's kind, and the one source a mandate or contribution cites. They are fetched by key (get_or_create),
so a second contribution costs its own rows only. Countries, missions and programmes stay one per call: tests
count and list them."""

import datetime

import factory
from factory.django import DjangoModelFactory

from coalition.models import Country, Mission, MissionKind, Organisation, OrganisationKind
from contributions.models import Authorisation, Contribution, ContributionKind, Mandate, MandateKind
from core.models import EndState, KeyFigure, Source, Status
from pages.models import GlossaryTerm, Statement
from programmes.models import Activity, Programme, Theme

FIXED_DATE = datetime.date(2020, 6, 11)


def end_state_for(obj):
    """The end state a factory's dates imply unless a test gives one: ended with an end date, else not known."""
    return EndState.ENDED if getattr(obj, "end_date", None) else EndState.NOT_KNOWN


class TranslatedFactory(DjangoModelFactory):
    status = Status.PUBLISHED

    class Meta:
        abstract = True
        skip_postgeneration_save = True


class SourceFactory(DjangoModelFactory):
    key = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Source document {n}")
    publisher = "Udenrigsministeriet"
    url = factory.Sequence(lambda n: f"https://um.dk/source-{n}")
    language = "da"

    class Meta:
        model = Source
        django_get_or_create = ("key",)


def cited_source():
    """The source that mandates and contributions cite unless a test gives theirs."""
    return SourceFactory(key="cited-source", title="Source document", url="https://um.dk/cited-source")


def _country_code(n):
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[(n // 26) % 26] + letters[n % 26]


class CountryFactory(TranslatedFactory):
    code = factory.Sequence(lambda n: _country_code(n + 300))
    name_da = factory.Sequence(lambda n: f"Land {n}")
    name_nb = factory.Sequence(lambda n: f"Landet {n}")
    name_en = factory.Sequence(lambda n: f"Country {n}")
    is_contributor = True

    class Meta:
        model = Country
        django_get_or_create = ("code",)


class OrganisationFactory(TranslatedFactory):
    key = factory.Sequence(lambda n: f"organisation-{n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    name_da = factory.Sequence(lambda n: f"Organisation {n}")
    name_nb = factory.Sequence(lambda n: f"Organisasjon {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n} (en)")
    kind = OrganisationKind.INTERNATIONAL

    class Meta:
        model = Organisation
        django_get_or_create = ("key",)


class MissionFactory(TranslatedFactory):
    key = factory.Sequence(lambda n: f"mission-{n}")
    acronym = factory.Sequence(lambda n: f"M{n}")
    title_da = factory.Sequence(lambda n: f"Mission {n} på dansk")
    title_nb = factory.Sequence(lambda n: f"Oppdrag {n} på norsk")
    title_en = factory.Sequence(lambda n: f"Mission {n} in English")
    summary_da = "Resumé på dansk."
    summary_nb = "Sammendrag på norsk."
    summary_en = "Summary in English."
    kind = MissionKind.TRAINING_MISSION
    lead_organisation = factory.SubFactory(OrganisationFactory, key="lead-organisation", acronym="LEAD")
    start_date = datetime.date(2018, 10, 1)
    end_state = factory.LazyAttribute(end_state_for)

    class Meta:
        model = Mission
        django_get_or_create = ("key",)

    @factory.post_generation
    def host_countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.host_countries.set(extracted)


class MandateFactory(TranslatedFactory):
    key = factory.Sequence(lambda n: f"mandate-{n}")
    country = factory.SubFactory(CountryFactory)
    kind = MandateKind.DK_PARLIAMENTARY_RESOLUTION
    # Far above real numbers (B 159 of 2019-20 is in the content fixtures), so a test loading both never clashes.
    reference = factory.Sequence(lambda n: f"B {9000 + n}")
    session = "2019-20"
    label_da = factory.Sequence(lambda n: f"B {n} på dansk")
    label_nb = factory.Sequence(lambda n: f"B {n} på norsk")
    label_en = factory.Sequence(lambda n: f"B {n} in English")
    summary_da = "Beslutningen på dansk."
    summary_nb = "Vedtaket på norsk."
    summary_en = "The decision in English."
    adopted_on = FIXED_DATE

    class Meta:
        model = Mandate
        django_get_or_create = ("key",)

    @factory.post_generation
    def missions(self, create, extracted, **kwargs):
        if create and extracted:
            self.missions.set(extracted)

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create:
            self.sources.set(extracted if extracted is not None else [cited_source()])


class ContributionKindFactory(TranslatedFactory):
    key = factory.Sequence(lambda n: f"kind-{n}")
    name_da = factory.Sequence(lambda n: f"Bidragstype {n}")
    name_nb = factory.Sequence(lambda n: f"Bidragstypen {n}")
    name_en = factory.Sequence(lambda n: f"Kind {n}")

    class Meta:
        model = ContributionKind
        django_get_or_create = ("key",)


class ContributionFactory(TranslatedFactory):
    key = factory.Sequence(lambda n: f"contribution-{n}")
    country = factory.SubFactory(CountryFactory)
    mission = factory.SubFactory(MissionFactory)
    kind = factory.SubFactory(ContributionKindFactory, key="contribution-kind")
    title_da = factory.Sequence(lambda n: f"Bidrag {n} på dansk")
    title_nb = factory.Sequence(lambda n: f"Bidraget {n} på norsk")
    title_en = factory.Sequence(lambda n: f"Contribution {n} in English")
    description_da = "Beskrivelse på dansk."
    description_nb = "Beskrivelse på norsk."
    description_en = "Description in English."
    personnel = 70
    start_date = datetime.date(2019, 1, 1)
    end_date = datetime.date(2020, 12, 31)
    end_state = factory.LazyAttribute(end_state_for)
    as_of = FIXED_DATE

    class Meta:
        model = Contribution
        django_get_or_create = ("key",)

    @factory.post_generation
    def mandate(self, create, extracted, **kwargs):
        """`mandate=`: the contribution's first (original) mandate."""
        if create and extracted:
            Authorisation.objects.get_or_create(contribution=self, mandate=extracted, defaults={"order": 1})

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create:
            self.sources.set(extracted if extracted is not None else [cited_source()])

    @factory.post_generation
    def partner_countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_countries.set(extracted)


class ProgrammeFactory(TranslatedFactory):
    key = factory.Sequence(lambda n: f"programme-{n}")
    donor = factory.SubFactory(CountryFactory)
    title_da = factory.Sequence(lambda n: f"Stabiliseringsprogram {n}")
    title_nb = factory.Sequence(lambda n: f"Stabiliseringsprogrammet {n}")
    title_en = factory.Sequence(lambda n: f"Stabilisation programme {n}")
    summary_da = "Resumé på dansk."
    summary_nb = "Sammendrag på norsk."
    summary_en = "Summary in English."
    start_date = datetime.date(2019, 1, 1)
    end_date = datetime.date(2021, 12, 31)
    end_state = factory.LazyAttribute(end_state_for)
    budget_amount = 397_000_000
    as_of = datetime.date(2018, 11, 29)

    class Meta:
        model = Programme
        django_get_or_create = ("key",)

    @factory.post_generation
    def target_countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_countries.set(extracted)


class ThemeFactory(TranslatedFactory):
    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_da = factory.Sequence(lambda n: f"Tema {n}")
    title_nb = factory.Sequence(lambda n: f"Temaet {n}")
    title_en = factory.Sequence(lambda n: f"Theme {n}")

    class Meta:
        model = Theme


class ActivityFactory(TranslatedFactory):
    key = factory.Sequence(lambda n: f"activity-{n}")
    theme = factory.SubFactory(ThemeFactory)
    programme = factory.LazyAttribute(lambda activity: activity.theme.programme)
    title_da = factory.Sequence(lambda n: f"Aktivitet {n}")
    title_nb = factory.Sequence(lambda n: f"Aktiviteten {n}")
    title_en = factory.Sequence(lambda n: f"Activity {n}")

    class Meta:
        model = Activity
        django_get_or_create = ("key",)


class KeyFigureFactory(TranslatedFactory):
    key = factory.Sequence(lambda n: f"figure-{n}")
    value_da = "ca. 70"
    value_nb = "om lag 70"
    value_en = "about 70"
    label_da = "udsendte"
    label_nb = "personell"
    label_en = "personnel"
    as_of = FIXED_DATE
    source = factory.SubFactory(SourceFactory)

    class Meta:
        model = KeyFigure
        django_get_or_create = ("key",)


class StatementFactory(TranslatedFactory):
    kind = "accessibility"
    title_da = factory.LazyAttribute(lambda o: f"Erklæring ({o.kind})")
    title_nb = factory.LazyAttribute(lambda o: f"Erklæring ({o.kind}, nb)")
    title_en = factory.LazyAttribute(lambda o: f"Statement ({o.kind})")
    summary_da = "Et resumé."
    summary_nb = "Et sammendrag."
    summary_en = "A summary."
    body_da = "## Overskrift\n\nTekst.\n\n[[feedback]]\n\n[[assessment]]\n\n[[controller]]\n\n[[log-retention]]"
    body_nb = "## Overskrift\n\nTekst.\n\n[[feedback]]\n\n[[assessment]]\n\n[[controller]]\n\n[[log-retention]]"
    body_en = "## Heading\n\nText.\n\n[[feedback]]\n\n[[assessment]]\n\n[[controller]]\n\n[[log-retention]]"

    class Meta:
        model = Statement
        django_get_or_create = ("kind",)


class GlossaryTermFactory(TranslatedFactory):
    key = factory.Sequence(lambda n: f"term-{n}")
    term_da = factory.Sequence(lambda n: f"Begreb {n}")
    term_nb = factory.Sequence(lambda n: f"Begrep {n}")
    term_en = factory.Sequence(lambda n: f"Term {n}")
    definition_da = "En forklaring."
    definition_nb = "En forklaring (nb)."
    definition_en = "An explanation."

    class Meta:
        model = GlossaryTerm
        django_get_or_create = ("key",)
