"""The content fixtures load cleanly, are complete in da, nb and en, carry the seed documents' key facts, and
round-trip through `make fixtures-dump` (`manage.py dump_fixtures`) unchanged."""

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from modeltranslation.translator import translator

from coalition.models import Country, Mission, Organisation
from contributions.models import Certainty, Contribution, ContributionKind, Mandate, PersonnelQualifier
from core import registry
from core.models import KeyFigure, Source
from pages.models import GlossaryTerm, Statement
from programmes.models import Activity, Programme, Theme

CONTENT_APPS = ("core", "coalition", "contributions", "programmes", "pages")
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Translated fields that may be empty, in all three languages at once: optional details, and the mandate
# titles that the sources do not give (see FACTS.md: B 123 and B 50; B 122 and Norway's government decisions
# have no recorded title either).
OPTIONAL_TRANSLATED = {
    ("contributions.contribution", "location"),
    ("contributions.contribution", "equipment"),
    ("contributions.mandate", "title"),
}
MANDATES_WITHOUT_TITLE = {
    "dk-b-122-2014",
    "dk-b-123-2014",
    "dk-b-50-2018",
    "no-2014-staff-officers",
    "no-2014-capacity-building",
    "no-2016-jordan",
    "no-2017-anbar",
    "no-2018-extension",
    "no-2018-plan-2019",
    "no-2019-continuation",
}


def content_models():
    return [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]


def dump(directory):
    """Run `manage.py dump_fixtures` (what `make fixtures-dump` runs), writing into `directory`; return {file name:
    text}."""
    call_command("dump_fixtures", directory=Path(directory), verbosity=0)
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(Path(directory).glob("*.json"))}


def empty_content_tables():
    """Delete every content row (without writing edit history), children before parents."""
    for model in (
        Statement,
        GlossaryTerm,
        Activity,
        Theme,
        Programme,
        KeyFigure,
        Contribution,
        ContributionKind,
        Mandate,
    ):
        model.objects.all().delete()
    while Mission.objects.exists():  # parts before the missions they belong to (the parent link is protected)
        Mission.objects.filter(parts=None).delete()
    for model in (Organisation, Country, Source):
        model.objects.all().delete()
    for model in content_models():
        assert not model._default_manager.exists(), model


class TestFiles:
    def test_files_hold_only_content_with_natural_keys(self, fixture_files):
        allowed = {model._meta.label_lower for model in content_models()}
        for path in fixture_files:
            objects = json.loads(Path(path).read_text(encoding="utf-8"))
            assert objects, path
            for obj in objects:
                assert obj["model"] in allowed, (path, obj["model"])
                assert "pk" not in obj, (path, obj["model"])

    def test_every_fixture_file_is_written_by_fixtures_dump(self, fixture_files):
        assert [Path(path).name for path in fixture_files] == [f"{name}.json" for name in registry.fixture_files()]

    def test_each_file_refers_only_to_itself_and_the_files_before_it(self, fixture_files):
        """`loaddata fixtures/*.json` loads the files in the order of their names: an object's references must
        already be loaded (Django defers only references it can leave empty for a while)."""
        loaded = set()
        for name, labels in registry.fixture_files().items():
            loaded.update(labels)
            for label in labels:
                for field in apps.get_model(label)._meta.get_fields():
                    if field.is_relation and field.concrete and registry.entry_for(field.related_model):
                        assert field.related_model._meta.label_lower in loaded, (name, label, field.name)

    def test_committed_files_are_what_fixtures_dump_writes(self, content, fixture_files, tmp_path):
        dumped = dump(tmp_path)
        for path in fixture_files:
            assert dumped[Path(path).name] == Path(path).read_text(encoding="utf-8"), path


class TestLoading:
    def test_loads_every_object_and_each_passes_full_clean(self, content, fixture_files):
        in_files = sum(len(json.loads(Path(path).read_text(encoding="utf-8"))) for path in fixture_files)
        in_database = 0
        for model in content_models():
            objects = list(model._default_manager.all())
            assert objects, f"no {model._meta.label} in the fixtures"
            for obj in objects:
                obj.full_clean()
            in_database += len(objects)
        assert in_database == in_files

    def test_everything_is_published(self, content):
        for model in content_models():
            if hasattr(model, "status"):
                assert not model._default_manager.exclude(status="published").exists(), model
                assert model._default_manager.count() == model._default_manager.published().count(), model

    def test_loading_twice_changes_nothing(self, content, fixture_files, tmp_path):
        before = dump(tmp_path / "before")
        call_command("loaddata", *fixture_files, verbosity=0)
        assert dump(tmp_path / "after") == before

    def test_files_in_the_wrong_order_are_refused_by_name_and_change_nothing(self, db, fixture_files):
        with pytest.raises(CommandError) as refused:
            call_command("loaddata", *reversed(fixture_files), verbosity=0)
        assert "which does not exist (an object must come after those it refers to)" in str(refused.value)
        assert str(refused.value).startswith("Could not load programmes.programme ")
        for model in content_models():
            assert not model._default_manager.exists(), model

    def test_dump_load_into_emptied_database_dump_is_identical(self, content, settings, tmp_path):
        first = dump(tmp_path / "first")
        settings.SIMPLE_HISTORY_ENABLED = False
        empty_content_tables()
        call_command("loaddata", *sorted(str(path) for path in (tmp_path / "first").glob("*.json")), verbosity=0)
        assert dump(tmp_path / "second") == first


class TestTranslations:
    def test_each_translated_field_is_filled_in_every_language_or_in_none(self, content):
        for model in content_models():
            if model not in translator.get_registered_models():
                continue
            for field in translator.get_options_for_model(model).fields:
                optional = (model._meta.label_lower, field) in OPTIONAL_TRANSLATED
                for obj in model._default_manager.all():
                    values = [getattr(obj, f"{field}_{code}") for code in LANGUAGES]
                    filled = [bool(value and value.strip()) for value in values]
                    if optional:
                        assert all(filled) or not any(filled), (obj, field, values)
                    else:
                        assert all(filled), (obj, field, values)

    def test_mandate_titles_are_empty_only_where_the_sources_give_none(self, content):
        without_title = set(Mandate.objects.filter(title_en="").values_list("key", flat=True))
        assert without_title == MANDATES_WITHOUT_TITLE
        b8 = Mandate.objects.get(key="dk-b-8-2015")
        assert b8.title_da.startswith("Forslag til folketingsbeslutning om udsendelse af et supplerende dansk")

    def test_languages_differ_where_they_should(self, content):
        """Bokmål is written as Bokmål, not Danish: the long texts differ between da and nb."""
        for model, field in ((Mission, "summary"), (Mandate, "summary"), (Contribution, "description")):
            for obj in model.objects.all():
                assert getattr(obj, f"{field}_da") != getattr(obj, f"{field}_nb"), obj
                assert getattr(obj, f"{field}_en") not in (getattr(obj, f"{field}_da"), getattr(obj, f"{field}_nb"))

    def test_slugs_are_lowercase_ascii(self, content):
        pattern = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
        for model in content_models():
            if model not in translator.get_registered_models():
                continue
            if "slug" not in translator.get_options_for_model(model).fields:
                continue
            for obj in model._default_manager.all():
                for code in LANGUAGES:
                    assert pattern.match(getattr(obj, f"slug_{code}")), (obj, code)


class TestSourcesAndDates:
    def test_every_contribution_has_sources_and_an_as_of_date(self, content):
        for contribution in Contribution.objects.prefetch_related("sources"):
            assert contribution.sources.exists(), contribution.key
            assert contribution.as_of, contribution.key

    def test_every_key_figure_has_a_source_and_an_as_of_date(self, content):
        assert 6 <= KeyFigure.objects.count() <= 10
        for figure in KeyFigure.objects.select_related("source"):
            assert figure.source.url.startswith("http"), figure.key
            assert figure.as_of, figure.key

    def test_every_mandate_and_mission_cites_a_source(self, content):
        for obj in [*Mandate.objects.all(), *Mission.objects.all()]:
            assert obj.sources.exists(), obj.key

    def test_source_kinds_follow_the_publisher(self, content):
        assert Source.objects.get(key="ft-b-8-2015").kind == "official"
        assert Source.objects.get(key="regjeringen-2019-fortsetter").kind == "official"
        assert Source.objects.get(key="altinget-2014-f16").kind == "secondary"
        assert Source.objects.get(key="docslib-programme-2019-2021").kind == "secondary"

    def test_month_and_year_dates_are_stored_on_the_first_day(self, content):
        period = (
            ("start_date", "start_precision"),
            ("end_date", "end_precision"),
            ("confirmed_on", "confirmed_precision"),
        )
        mandate = (("adopted_on", "adopted_precision"), ("valid_from", "valid_from_precision"))
        for model, pairs in (
            (Contribution, period),
            (Mission, period),
            (Programme, period),
            (Mandate, mandate),
            (KeyFigure, (("as_of", "as_of_precision"),)),
        ):
            for obj in model.objects.all():
                for date_field, precision_field in pairs:
                    value, precision = getattr(obj, date_field), getattr(obj, precision_field)
                    if value and precision == "month":
                        assert value.day == 1, (obj, date_field)
                    if value and precision == "year":
                        assert (value.month, value.day) == (1, 1), (obj, date_field)
                    if value and precision == "season":
                        assert (value.month, value.day) in {(3, 1), (6, 1), (9, 1), (12, 1)}, (obj, date_field)


class TestKeyFacts:
    @pytest.mark.parametrize(
        ("key", "reference", "adopted_on", "votes"),
        [
            ("dk-b-122-2014", "B 122", datetime.date(2014, 8, 27), (None, None)),
            ("dk-b-123-2014", "B 123", datetime.date(2014, 10, 2), (94, 9)),
            ("dk-b-8-2015", "B 8", datetime.date(2015, 11, 10), (94, 16)),
            ("dk-b-108-2016", "B 108", datetime.date(2016, 4, 19), (90, 19)),
            ("dk-b-50-2018", "B 50", datetime.date(2018, 1, 16), (None, None)),
            ("dk-b-159-2020", "B 159", datetime.date(2020, 6, 11), (None, None)),
        ],
    )
    def test_danish_mandates(self, content, key, reference, adopted_on, votes):
        mandate = Mandate.objects.get(key=key)
        assert mandate.country.code == "DK"
        assert mandate.kind == "dk-parliament"
        assert mandate.reference == reference
        assert mandate.adopted_on == adopted_on
        assert (mandate.votes_for, mandate.votes_against) == votes
        assert mandate.label_da.startswith(f"{reference} ({adopted_on.year})")
        assert mandate.missions.exists()
        assert mandate.contributions.exists()

    def test_sessions_only_where_known(self, content):
        sessions = dict(Mandate.objects.filter(country__code="DK").values_list("key", "session"))
        assert sessions == {
            "dk-b-122-2014": "2013-14",
            "dk-b-123-2014": "",
            "dk-b-8-2015": "2015-16",
            "dk-b-108-2016": "2015-16",
            "dk-b-50-2018": "2017-18",
            "dk-b-159-2020": "2019-20",
        }

    def test_b_159_covers_nato_mission_iraq(self, content):
        mandate = Mandate.objects.get(key="dk-b-159-2020")
        assert list(mandate.missions.values_list("key", flat=True)) == ["nmi"]
        assert mandate.tabled_on == datetime.date(2020, 3, 26)
        kinds = set(mandate.contributions.values_list("kind__key", flat=True))
        assert {"command", "security-escort", "helicopters"} <= kinds

    def test_danish_contributions_named_by_the_seed(self, content):
        kinds = set(Contribution.objects.filter(country__code="DK").values_list("kind__key", flat=True))
        assert {
            "capacity-building",
            "radar",
            "staff-officers",
            "fighter-aircraft",
            "transport-aircraft",
            "special-operations-forces",
            "medical",
            "security-escort",
            "command",
            "helicopters",
        } <= kinds
        f16 = Contribution.objects.get(key="dk-f16-2014")
        assert (f16.personnel, f16.personnel_qualifier) == (140, PersonnelQualifier.UP_TO)
        assert f16.start_date == datetime.date(2014, 10, 16)
        assert [mandate.key for mandate in f16.mandates.all()] == ["dk-b-123-2014"]

    def test_norway_in_anbar_nmi_and_jordan(self, content):
        anbar = Contribution.objects.get(key="no-anbar-training-force")
        assert (anbar.personnel, anbar.personnel_qualifier, anbar.mission.key) == (70, "about", "oir")
        assert "Anbar" in anbar.location_en
        nmi = Contribution.objects.get(key="no-nmi-personnel")
        assert (nmi.personnel, nmi.mission.key) == (10, "nmi")
        jordan = Contribution.objects.get(key="no-jordan-logistics")
        assert jordan.kind.key == "logistics"
        assert jordan.location_en == "Jordan"
        for contribution in (anbar, nmi, jordan):
            # The October 2019 decision is the latest of each one's mandates, after the decisions it continues.
            mandates = list(contribution.mandates.order_by("authorisations__order").values_list("key", flat=True))
            assert mandates[-1] == "no-2019-continuation"
            assert len(mandates) > 1
            assert contribution.certainty == Certainty.CONFIRMED
        figures = dict(KeyFigure.objects.filter(country__code="NO").values_list("key", "value_en"))
        assert figures == {"no-anbar-personnel": "About 70", "no-nmi-personnel": "About 10"}

    def test_norways_unconfirmed_announcements_are_marked_and_attributed(self, content):
        teams = Contribution.objects.get(key="no-nmi-mobile-training-teams")
        medical = Contribution.objects.get(key="no-nmi-joint-medical-advisory-team")
        for contribution in (teams, medical):
            assert contribution.certainty == Certainty.ANNOUNCED
            assert [source.key for source in contribution.sources.all()] == ["regjeringen-2019-fortsetter"]
            assert "press release" in contribution.description_en
        assert set(medical.partner_countries.values_list("code", flat=True)) == {"DK", "EE", "LT"}
        announced = set(Contribution.objects.filter(certainty=Certainty.ANNOUNCED).values_list("key", flat=True))
        assert announced == {"no-nmi-mobile-training-teams", "no-nmi-joint-medical-advisory-team"}

    def test_norways_earlier_contributions(self, content):
        earlier = {c.key: c for c in Contribution.objects.filter(country__code="NO")}
        assert "Erbil" in earlier["no-erbil-baghdad-2014"].location_en
        assert earlier["no-jordan-special-forces-2016"].start_date.year == 2016
        assert earlier["no-anbar-training-force"].start_date == datetime.date(2017, 3, 1)
        assert earlier["no-anbar-training-force"].start_precision == "month"
        assert not Contribution.objects.filter(country__code="NO", kind__key="fighter-aircraft").exists()

    def test_stabilisation_programme(self, content):
        programme = Programme.objects.get(key="dk-syria-iraq-2019-2021")
        assert programme.donor.code == "DK"
        assert (programme.budget_amount, programme.currency) == (Decimal("397000000"), "DKK")
        assert programme.start_date == datetime.date(2019, 1, 1)
        assert set(programme.target_countries.values_list("code", flat=True)) == {"IQ", "SY"}
        themes = list(programme.themes.order_by("number").values_list("number", "title_en", "budget_amount"))
        assert themes == [
            (1, "Political dialogue and peacebuilding", Decimal("69500000")),
            (2, "Resilience and rapid mobilisation", Decimal("247500000")),
            (3, "Local security and governance", Decimal("36000000")),
        ]
        assert [theme.title_da for theme in programme.themes.order_by("number")] == [
            "Politisk dialog og fredsopbygning",
            "Modstandsdygtighed og hurtig mobilisering",
            "Lokal sikkerhed og regeringsførelse",
        ]
        activities = Activity.objects.filter(theme__programme=programme)
        assert set(activities.values_list("countries__code", flat=True)) == {"IQ", "SY"}
        assert activities.get(partner_organisation__key="undp").theme.number == 2
        assert activities.get(partner_organisation__key="un").theme.number == 1
        assert KeyFigure.objects.get(key="dk-programme-budget").value_en == "DKK 397 million"

    def test_coalition_frame(self, content):
        assert set(Country.objects.values_list("code", flat=True)) == {
            "DK", "NO", "IQ", "SY", "JO", "KW", "EE", "LT", "TR", "US"
        }  # fmt: skip
        assert set(Country.objects.filter(is_contributor=True).values_list("code", flat=True)) == {"DK", "NO"}
        assert {"nato", "eu", "un", "undp", "global-coalition", "cjtf-oir"} <= set(
            Organisation.objects.values_list("key", flat=True)
        )
        coalition = Mission.objects.get(key="global-coalition")
        assert (coalition.start_date, coalition.start_precision) == (datetime.date(2014, 9, 1), "month")
        oir = Mission.objects.get(key="oir")
        assert (oir.lead_organisation.key, oir.parent) == ("cjtf-oir", coalition)
        nmi = Mission.objects.get(key="nmi")
        assert nmi.lead_organisation.key == "nato"
        assert nmi.start_date.year == 2018
        assert list(nmi.host_countries.values_list("code", flat=True)) == ["IQ"]
        members = KeyFigure.objects.get(key="coalition-members")
        assert (members.value_en, members.as_of_precision, members.source.key) == (
            "More than 80",
            "year",
            "um-isil-bidrag",
        )

    def test_seed_context_on_isil_is_attributed(self, content):
        body = Mission.objects.get(key="global-coalition").body_en
        assert "According to the ministry" in body or "the ministry says" in body
        assert "Erna Solberg" in body


class TestTruthfulTime:
    """What the sources say about when things began, ended or continue, and nothing more."""

    def test_nothing_is_under_way_without_a_confirmation_and_its_source(self, content):
        for model in (Contribution, Mission, Programme):
            for obj in model.objects.filter(end_state__in=["under-way", "planned"]):
                if obj.end_state == "under-way":
                    assert obj.confirmed_on and obj.confirmed_by_id, obj.key
                assert obj.confirmed_on is None or obj.confirmed_on <= datetime.date.today(), obj.key

    def test_the_home_timeline_shows_norway_from_2014_with_its_decisions(self, client, content):
        html = client.get("/en/").content.decode()
        table = html[html.index('id="timeline-table"') :]
        rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
        norway = [row for row in rows if "Norway" in row]
        spans = [re.findall(r'datetime="(\d{4})', row) for row in norway if "years with contributions" in row]
        assert spans[0][0] == "2014"  # Autumn 2014: staff officers, then Erbil and Baghdad.
        decided = {
            re.search(r"year=(\d{4})", row).group(1) for row in norway if "mandates per year" in row and "year=" in row
        }
        assert decided == {"2014", "2016", "2017", "2018", "2019"}
        this_year = str(datetime.date.today().year)
        known = [row for row in norway if "years with contributions" in row and "according to the sources" in row]
        assert known and all(this_year not in row for row in known)  # No solid span reaches today.

    def test_end_states_follow_their_sources(self, content):
        state = dict(Contribution.objects.values_list("key", "end_state"))
        assert state["dk-radar-2016"] == "planned"  # Extended to early 2020 (C10).
        assert state["dk-security-2018"] == "ended-undated"  # Training at Al Asad ended in 2020 (C36).
        assert state["no-surgical-unit-2018"] == "ended-undated"  # Six months (N7).
        assert state["no-anbar-training-force"] == "planned"  # "Through 2020" (N9).
        assert state["no-jordan-special-forces-2016"] == "not-known"
        for key in ("no-nmi-personnel", "no-nmi-joint-medical-advisory-team"):
            contribution = Contribution.objects.get(key=key)
            assert (contribution.end_state, contribution.confirmed_by.key) == (
                "under-way",
                "regjeringen-2019-fortsetter",
            )
        staff = Contribution.objects.get(key="no-staff-officers-2014")
        assert (staff.start_date, staff.start_precision) == (datetime.date(2014, 9, 1), "season")
        decision = Mandate.objects.get(key="no-2019-continuation")
        assert (decision.adopted_on, decision.adopted_precision) == (datetime.date(2019, 10, 1), "month")

    def test_activities_without_a_theme_in_the_sources_have_none(self, client, content):
        themed = dict(Activity.objects.values_list("key", "theme__number"))
        assert themed["dk-2019-syria-political-process"] == 1
        assert themed["dk-2019-undp-stabilisation-fund"] == themed["dk-2019-iraq-demining"] == 2
        assert themed["dk-2019-iraq-reconciliation"] is None
        assert themed["dk-2019-syria-urgent-stabilisation"] is None
        html = client.get(Programme.objects.get().get_absolute_url()).content.decode()
        assert "Other activities" in html and "Reconciliation in Iraq" in html

    def test_bokmaal_liaison_officers_and_the_old_address(self, client, content):
        liaison = Contribution.objects.get(key="dk-nmi-liaison-officers")
        assert liaison.title_nb == "Forbindelsesoffiserer i NMI"
        response = client.get("/nb/bidrag/danmark-sambandsoffiserer-nmi/")
        assert response.status_code == 301
        assert response["Location"].endswith("/danmark-forbindelsesoffiserer-nmi/")
        for model, fields in ((Contribution, ("title_nb", "description_nb")), (Mandate, ("summary_nb",))):
            for obj in model.objects.all():
                assert all("sambandsoffiser" not in getattr(obj, field) for field in fields), obj.key
        assert Source.objects.get(key="esteri-2022-nmi").language == "en"
