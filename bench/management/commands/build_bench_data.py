"""Fill a benchmark database with a large synthetic data set, texts in Danish, Norwegian and English.

Every name in it says it is synthetic ("Synthetic mission 17"); none of it is content. It refuses to touch a
database that holds content unless the database's name contains "bench", so the real content cannot be replaced
by mistake:

    createdb -h 127.0.0.1 -U postgres isil_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/isil_bench ./manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/isil_bench ./manage.py build_bench_data

The default sizes are the benchmark's: 60 countries (20 of them contributors), 200 missions, 2,000 mandates,
50,000 contributions and 200 programmes with themes and activities. Rows are written with bulk_create, so the
whole set takes well under a minute on PostgreSQL.
"""

import datetime
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from coalition.models import Country, Mission, MissionKind, Organisation, OrganisationKind
from contributions.models import (
    Authorisation,
    Certainty,
    Contribution,
    ContributionKind,
    Mandate,
    MandateKind,
    PersonnelQualifier,
)
from core.models import DatePrecision, EndState, KeyFigure, Source, Status
from perf.cache import clear_pages
from programmes.models import Activity, Currency, Programme, Theme

LANGUAGES = ("da", "nb", "en")
BATCH = 2000

# Country codes from ISO 3166's user-assigned ranges (XA-XZ, QM-QZ) and Z*, so no real country is named.
COUNTRY_CODES = (
    [f"X{letter}" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"Q{letter}" for letter in "MNOPQRSTUVWXYZ"]
    + [f"Z{letter}" for letter in "BCDEFGHIJKLNOPQRSTUVXYZ"]
)

WORDS = {
    "synthetic": {"da": "Syntetisk", "nb": "Syntetisk", "en": "Synthetic"},
    "country": {"da": "land", "nb": "land", "en": "country"},
    "mission": {"da": "mission", "nb": "oppdrag", "en": "mission"},
    "mandate": {"da": "beslutning", "nb": "vedtak", "en": "decision"},
    "contribution": {"da": "bidrag", "nb": "bidrag", "en": "contribution"},
    "programme": {"da": "program", "nb": "program", "en": "programme"},
    "theme": {"da": "tema", "nb": "tema", "en": "theme"},
    "activity": {"da": "aktivitet", "nb": "aktivitet", "en": "activity"},
    "organisation": {"da": "organisation", "nb": "organisasjon", "en": "organisation"},
    "kind": {"da": "bidragstype", "nb": "bidragstype", "en": "kind of contribution"},
    "figure": {"da": "nøgletal", "nb": "nøkkeltall", "en": "key figure"},
    "base": {"da": "base", "nb": "base", "en": "base"},
    "equipment": {"da": "materiel", "nb": "materiell", "en": "equipment"},
}
SENTENCES = {
    "da": [
        "Denne tekst er syntetisk og findes kun i testdatabasen.",
        "Den beskriver et tænkt bidrag med personel, materiel og støtte.",
        "Tal og datoer er tilfældige og siger intet om virkeligheden.",
        "Teksten er lang nok til at ligne en rigtig beskrivelse på siden.",
    ],
    "nb": [
        "Denne teksten er syntetisk og finnes bare i testdatabasen.",
        "Den beskriver et tenkt bidrag med personell, materiell og støtte.",
        "Tall og datoer er tilfeldige og sier ingenting om virkeligheten.",
        "Teksten er lang nok til å ligne en ekte beskrivelse på siden.",
    ],
    "en": [
        "This text is synthetic and exists only in the benchmark database.",
        "It describes an imagined contribution of personnel, equipment and support.",
        "Figures and dates are random and say nothing about the real world.",
        "The text is long enough to resemble a real description on the page.",
    ],
}


def texts(word, number, suffix=""):
    """{"<field>_da": …, "_nb": …, "_en": …}-ready texts: "Syntetisk mission 17" and so on."""
    return {code: f"{WORDS['synthetic'][code]} {WORDS[word][code]} {number}{suffix}".strip() for code in LANGUAGES}


def translated(field, values):
    return {f"{field}_{code}": value for code, value in values.items()}


def slugs(word, number):
    return {f"slug_{code}": f"{WORDS[word][code].replace(' ', '-')}-{number}" for code in LANGUAGES}


class Command(BaseCommand):
    help = "Fill the database with a large synthetic benchmark data set (refuses to replace real content)."

    def add_arguments(self, parser):
        parser.add_argument("--countries", type=int, default=60, help=f"At most {len(COUNTRY_CODES)}.")
        parser.add_argument("--contributors", type=int, default=20, help="Countries with pages and contributions.")
        parser.add_argument("--missions", type=int, default=200)
        parser.add_argument("--mandates", type=int, default=2000)
        parser.add_argument("--contributions", type=int, default=50_000)
        parser.add_argument("--programmes", type=int, default=200)
        parser.add_argument("--seed", type=int, default=7, help="The same seed builds the same data.")

    def handle(self, *args, **options):
        if not 1 <= options["contributors"] <= options["countries"] <= len(COUNTRY_CODES):
            raise CommandError(f"Give 1 <= --contributors <= --countries <= {len(COUNTRY_CODES)}.")
        self.check_database_is_for_benchmarks()
        self.random = random.Random(options["seed"])
        self.now = timezone.now()
        started = time.monotonic()
        with transaction.atomic():
            self.clear()
            self.build(options)
        if connection.vendor == "postgresql":
            # Statistics for the planner, and (outside a transaction) the visibility map that index-only scans
            # use: what autovacuum would have done by the time a real database had this much content.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        clear_pages()
        counts = ", ".join(
            f"{model.objects.count():,} {model._meta.verbose_name_plural}"
            for model in (Country, Mission, Mandate, Contribution, Programme, Theme, Activity)
        )
        self.stdout.write(f"Built {counts} in {time.monotonic() - started:.1f} s.")

    def check_database_is_for_benchmarks(self):
        """Go ahead in a database named for benchmarks, or one that holds nothing but an earlier synthetic set."""
        name = str(connection.settings_dict["NAME"])
        holds_content = (
            Source.objects.exclude(key__startswith="bench-").exists()
            or Country.objects.exclude(name_en__startswith=f"{WORDS['synthetic']['en']} ").exists()
        )
        if "bench" in name.lower() or not holds_content:
            return
        raise CommandError(
            f"The database {name!r} holds content and its name does not contain 'bench'. Point DATABASE_URL at a "
            "benchmark database, e.g. postgres://postgres@127.0.0.1:5432/isil_bench."
        )

    BUILT_MODELS = (Source, Organisation, Country, Mission, Mandate, ContributionKind, Contribution, Programme, Theme)
    BUILT_MODELS += (Activity, KeyFigure)

    def clear(self):
        """Empty the tables this command fills (and their many-to-many tables) in one statement per backend,
        without loading rows, sending signals or writing edit history."""
        tables = set()
        for model in self.BUILT_MODELS:
            tables.add(model._meta.db_table)
            tables.update(field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many)
        statements = connection.ops.sql_flush(no_style(), sorted(tables), reset_sequences=True, allow_cascade=True)
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with deferred foreign-key checks pending from earlier in the transaction.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        connection.ops.execute_sql_flush(statements)

    def status(self):
        """Most rows are public; a few are drafts and a few are scheduled for next month."""
        roll = self.random.random()
        if roll < 0.02:
            return {"status": Status.DRAFT}
        if roll < 0.03:
            return {"status": Status.PUBLISHED, "published_at": self.now + datetime.timedelta(days=30)}
        return {"status": Status.PUBLISHED}

    def description(self, sentences=3):
        start = self.random.randrange(4)
        return {
            code: " ".join(SENTENCES[code][(start + index) % 4] for index in range(sentences)) for code in LANGUAGES
        }

    def date_between(self, first, last):
        return first + datetime.timedelta(days=self.random.randrange(max(1, (last - first).days)))

    def end(self, start, last, ended):
        """A period's end: ended on a date with probability `ended`, otherwise not known."""
        if self.random.random() < ended:
            return {"end_state": EndState.ENDED, "end_date": self.date_between(start, last)}
        return {"end_state": EndState.NOT_KNOWN}

    def link(self, field, pairs):
        """Bulk-insert many-to-many rows (owner id, target id) through `field`'s table."""
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        rows = [through(**{source: left, target: right}) for left, right in set(pairs)]
        through.objects.bulk_create(rows, batch_size=BATCH * 5)

    def pick(self, items, low, high):
        return self.random.sample(items, self.random.randint(low, min(high, len(items))))

    def build(self, options):
        rnd = self.random
        first_day, last_day = datetime.date(2014, 8, 1), datetime.date(2024, 12, 31)

        sources = Source.objects.bulk_create(
            Source(
                key=f"bench-source-{number}",
                title=f"Synthetic source document {number}",
                publisher="Synthetic publisher",
                url=f"https://example.org/bench/source-{number}",
                language=LANGUAGES[number % 3],
                published_on=self.date_between(first_day, last_day),
            )
            for number in range(max(10, options["contributions"] // 100))
        )
        source_ids = [source.pk for source in sources]

        organisations = Organisation.objects.bulk_create(
            Organisation(
                key=f"bench-organisation-{number}",
                acronym=f"SYN{number}",
                kind=rnd.choice(OrganisationKind.values),
                **translated("name", texts("organisation", number)),
                **slugs("organisation", number),
                status=Status.PUBLISHED,
            )
            for number in range(30)
        )
        organisation_ids = [organisation.pk for organisation in organisations]

        countries = Country.objects.bulk_create(
            Country(
                code=code,
                **translated("name", texts("country", code)),
                **slugs("country", code.lower()),
                is_contributor=index < options["contributors"],
                status=Status.PUBLISHED,
            )
            for index, code in enumerate(COUNTRY_CODES[: options["countries"]])
        )
        country_ids = [country.pk for country in countries]
        contributor_ids = country_ids[: options["contributors"]]

        kinds = ContributionKind.objects.bulk_create(
            ContributionKind(
                key=f"bench-kind-{number}",
                **translated("name", texts("kind", number)),
                **slugs("kind", number),
                **translated("description", self.description(1)),
                order=number,
                status=Status.PUBLISHED,
            )
            for number in range(12)
        )
        kind_ids = [kind.pk for kind in kinds]

        umbrellas = max(1, options["missions"] // 40)
        missions = []
        for number in range(options["missions"]):
            start = self.date_between(first_day, datetime.date(2022, 1, 1))
            missions.append(
                Mission(
                    key=f"bench-mission-{number}",
                    acronym=f"SM{number}",
                    **translated("title", texts("mission", number)),
                    **slugs("mission", number),
                    **translated("summary", self.description(2)),
                    **translated("body", self.description(4)),
                    kind=rnd.choice(MissionKind.values),
                    lead_organisation_id=rnd.choice(organisation_ids),
                    start_date=start,
                    start_precision=rnd.choice(DatePrecision.values),
                    **self.end(start, last_day, 0.5),
                    **(self.status() if number >= umbrellas else {"status": Status.PUBLISHED}),
                )
            )
        missions = Mission.objects.bulk_create(missions, batch_size=BATCH)
        mission_ids = [mission.pk for mission in missions]
        for mission in missions[umbrellas:]:
            if rnd.random() < 0.5:
                mission.parent_id = rnd.choice(mission_ids[:umbrellas])
        Mission.objects.bulk_update(missions[umbrellas:], ["parent"], batch_size=BATCH)
        self.link(Mission._meta.get_field("host_countries"), self.pairs(mission_ids, country_ids, 1, 3))
        self.link(Mission._meta.get_field("sources"), self.pairs(mission_ids, source_ids, 1, 3))

        mandates = []
        for number in range(options["mandates"]):
            adopted = self.date_between(first_day, last_day)
            mandates.append(
                Mandate(
                    key=f"bench-mandate-{number}",
                    country_id=rnd.choice(contributor_ids),
                    kind=rnd.choice(MandateKind.values),
                    reference=f"S {number}",
                    session=f"{adopted.year}-{(adopted.year + 1) % 100:02d}",
                    **translated("title", texts("mandate", number, " (title)")),
                    **translated("label", texts("mandate", number)),
                    **slugs("mandate", number),
                    **translated("summary", self.description(2)),
                    tabled_on=adopted - datetime.timedelta(days=rnd.randrange(5, 60)),
                    adopted_on=adopted,
                    valid_from=adopted,
                    valid_until=adopted + datetime.timedelta(days=365),
                    votes_for=rnd.randrange(60, 179) if rnd.random() < 0.5 else None,
                    votes_against=rnd.randrange(0, 30) if rnd.random() < 0.5 else None,
                    **self.status(),
                )
            )
        mandates = Mandate.objects.bulk_create(mandates, batch_size=BATCH)
        mandate_missions = {mandate.pk: self.pick(mission_ids, 1, 3) for mandate in mandates}
        self.link(
            Mandate._meta.get_field("missions"),
            [(mandate, mission) for mandate, chosen in mandate_missions.items() for mission in chosen],
        )
        self.link(Mandate._meta.get_field("sources"), self.pairs([m.pk for m in mandates], source_ids, 1, 2))

        contribution_ids = []
        contribution_mandates = []
        batch = []
        for number in range(options["contributions"]):
            mandate = rnd.choice(mandates)
            contribution_mandates.append(mandate.pk if rnd.random() < 0.9 else None)
            start = self.date_between(first_day, last_day)
            location = texts("base", number % 97)
            equipment = texts("equipment", number % 53)
            batch.append(
                Contribution(
                    key=f"bench-contribution-{number}",
                    country_id=mandate.country_id,
                    mission_id=rnd.choice(mandate_missions[mandate.pk]),
                    kind_id=rnd.choice(kind_ids),
                    **translated("title", texts("contribution", number)),
                    **slugs("contribution", number),
                    **translated("description", self.description(3)),
                    **translated("location", location),
                    **translated("equipment", equipment),
                    personnel=rnd.randrange(1, 400) if rnd.random() < 0.8 else None,
                    personnel_qualifier=rnd.choice(PersonnelQualifier.values),
                    start_date=start,
                    start_precision=rnd.choice(DatePrecision.values),
                    **self.end(start, last_day, 0.7),
                    as_of=start,
                    certainty=Certainty.CONFIRMED if rnd.random() < 0.9 else Certainty.ANNOUNCED,
                    **self.status(),
                )
            )
            if len(batch) == BATCH:
                contribution_ids += [c.pk for c in Contribution.objects.bulk_create(batch)]
                batch = []
        contribution_ids += [c.pk for c in Contribution.objects.bulk_create(batch)]
        Authorisation.objects.bulk_create(
            (
                Authorisation(contribution_id=pk, mandate_id=mandate_id, order=1)
                for pk, mandate_id in zip(contribution_ids, contribution_mandates, strict=True)
                if mandate_id
            ),
            batch_size=BATCH * 5,
        )
        self.link(Contribution._meta.get_field("sources"), self.pairs(contribution_ids, source_ids, 1, 2))
        partnered = rnd.sample(contribution_ids, len(contribution_ids) // 10)
        self.link(Contribution._meta.get_field("partner_countries"), self.pairs(partnered, country_ids, 1, 2))

        programmes = []
        for number in range(options["programmes"]):
            start = self.date_between(first_day, datetime.date(2023, 1, 1))
            programmes.append(
                Programme(
                    key=f"bench-programme-{number}",
                    donor_id=rnd.choice(contributor_ids),
                    **translated("title", texts("programme", number)),
                    **slugs("programme", number),
                    **translated("summary", self.description(2)),
                    **translated("purpose", self.description(3)),
                    start_date=start,
                    **self.end(start, last_day, 1),
                    budget_amount=rnd.randrange(1, 500) * 1_000_000,
                    currency=rnd.choice(Currency.values),
                    as_of=start,
                    **self.status(),
                )
            )
        programmes = Programme.objects.bulk_create(programmes, batch_size=BATCH)
        programme_ids = [programme.pk for programme in programmes]
        self.link(Programme._meta.get_field("target_countries"), self.pairs(programme_ids, country_ids, 1, 3))
        self.link(Programme._meta.get_field("sources"), self.pairs(programme_ids, source_ids, 1, 2))

        themes = Theme.objects.bulk_create(
            [
                Theme(
                    programme_id=programme_id,
                    number=number,
                    **translated("title", texts("theme", number)),
                    **translated("description", self.description(2)),
                    budget_amount=rnd.randrange(1, 100) * 1_000_000,
                    status=Status.PUBLISHED,
                )
                for programme_id in programme_ids
                for number in range(1, rnd.randint(3, 5) + 1)
            ],
            batch_size=BATCH,
        )
        activities = Activity.objects.bulk_create(
            [
                Activity(
                    key=f"bench-activity-{theme.pk}-{number}",
                    programme_id=theme.programme_id,
                    theme_id=theme.pk,
                    **translated("title", texts("activity", number)),
                    **translated("description", self.description(2)),
                    partner_organisation_id=rnd.choice(organisation_ids),
                    order=number,
                    status=Status.PUBLISHED,
                )
                for theme in themes
                for number in range(1, rnd.randint(2, 4) + 1)
            ],
            batch_size=BATCH,
        )
        self.link(Activity._meta.get_field("countries"), self.pairs([a.pk for a in activities], country_ids, 1, 2))

        figures = [(None, None)] * 8 + [(country, None) for country in contributor_ids for _twice in range(2)]
        figures += [(None, mission) for mission in mission_ids[:50]]
        KeyFigure.objects.bulk_create(
            KeyFigure(
                key=f"bench-figure-{number}",
                **translated("value", {code: str(rnd.randrange(10, 900)) for code in LANGUAGES}),
                **translated("label", texts("figure", number)),
                **translated("note", self.description(1)),
                as_of=self.date_between(first_day, last_day),
                source_id=rnd.choice(source_ids),
                country_id=country,
                mission_id=mission,
                order=number,
                status=Status.PUBLISHED,
            )
            for number, (country, mission) in enumerate(figures)
        )

    def pairs(self, owners, targets, low, high):
        return [(owner, target) for owner in owners for target in self.pick(targets, low, high)]
