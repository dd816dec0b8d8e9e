"""The edit history: every language column is recorded, a Norwegian change is listed and compared field by
field and restored from the admin; loading fixtures records nothing."""

import json

import pytest
from django.core.management import call_command
from django.db import transaction

from coalition.models import Mission
from contributions.models import Contribution
from core.models import Source
from editorial import versions, workflow
from tests.editorial.conftest import admin_url, change_url, form_data, open_change_form
from tests.factories import ContributionFactory, MandateFactory, MissionFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_the_history_tables_have_a_column_per_language():
    """modeltranslation adds the language columns after the models are built; the history must have them."""
    history_fields = {field.name for field in Mission.history.model._meta.fields}
    assert {"title_da", "title_nb", "title_en", "summary_nb", "body_nb", "slug_nb"} <= history_fields


@pytest.fixture
def mission(editor):
    mission = MissionFactory(title_nb="Opprinnelig norsk tittel", status="published")
    return mission


def change_norwegian_title(client, mission, title):
    data = open_change_form(client, mission)
    data["title_nb"] = title
    response = client.post(change_url(mission), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_change_to_a_norwegian_field_is_recorded_with_who_and_when(editor, editor_client, mission):
    change_norwegian_title(editor_client, mission, "Ny norsk tittel")
    latest, previous = mission.history.all()[:2]
    assert (previous.title_nb, latest.title_nb) == ("Opprinnelig norsk tittel", "Ny norsk tittel")
    assert latest.history_user == editor
    assert latest.history_type == "~"
    assert [row.name for row in versions.compare(Mission, previous, latest, only_changes=True)] == ["title_nb"]


def test_the_history_page_lists_the_change_language_by_language(editor_client, mission):
    change_norwegian_title(editor_client, mission, "Ny norsk tittel")
    html = editor_client.get(admin_url(mission, "history", mission.pk)).content.decode()
    assert "Name (Norwegian Bokmål)" in html
    assert "<del>Opprinnelig</del> norsk tittel" in html and "<ins>Ny</ins> norsk tittel" in html
    assert "Eva Editor" in html
    assert "Name (Danish)" not in html  # Unchanged fields are not listed.


def test_two_versions_are_compared_field_by_field(editor_client, mission):
    first = mission.history.first()
    change_norwegian_title(editor_client, mission, "Ny norsk tittel")
    data = open_change_form(editor_client, mission)
    data["summary_en"] = "A new English summary."
    editor_client.post(change_url(mission), data)
    latest = mission.history.first()

    url = admin_url(mission, "history_compare", mission.pk)
    html = editor_client.get(url, {"old": first.pk, "new": latest.pk}).content.decode()
    assert "Name (Norwegian Bokmål)" in html and "Summary (English)" in html
    assert "<del>Opprinnelig</del>" in html and "<ins>Ny</ins>" in html
    assert "Name (Danish)" not in html

    everything = editor_client.get(url, {"old": first.pk, "new": latest.pk, "all": "1"}).content.decode()
    assert "Name (Danish)" in everything

    assert editor_client.get(url, {"old": first.pk, "new": 999999}).status_code == 404


def test_an_earlier_version_is_restored_from_the_admin(editor, editor_client, mission):
    original = mission.history.first()
    change_norwegian_title(editor_client, mission, "Feil norsk tittel")
    mission.refresh_from_db()
    assert mission.title_nb == "Feil norsk tittel"

    url = admin_url(mission, "simple_history", mission.pk, original.pk)
    page = editor_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Restore this version" in html
    data = form_data(html, "historicalmission_form")
    assert data["title_nb"] == "Opprinnelig norsk tittel"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    mission.refresh_from_db()
    assert mission.title_nb == "Opprinnelig norsk tittel"
    assert mission.status == "published"
    restored = mission.history.first()
    assert (restored.history_change_reason, restored.history_user) == (workflow.RESTORED, editor)
    assert mission.history.count() == 3  # Nothing in between is lost.


def test_restoring_keeps_the_current_publication_state(editor_client, editor):
    mission = MissionFactory(status="draft", title_nb="Første")
    draft_version = mission.history.first()
    workflow.publish(mission, editor)
    url = admin_url(mission, "simple_history", mission.pk, draft_version.pk)
    data = form_data(editor_client.get(url).content.decode(), "historicalmission_form")
    assert editor_client.post(url, data).status_code == 302
    mission.refresh_from_db()
    assert mission.status == "published"


def test_restoring_brings_back_the_sources(editor_client):
    kept, replaced = SourceFactory(), SourceFactory()
    mission = MissionFactory()
    with transaction.atomic():
        mission.sources.set([kept])
    before = mission.history.first()
    data = open_change_form(editor_client, mission)
    data["sources"] = [str(replaced.pk)]
    assert editor_client.post(change_url(mission), data).status_code == 302
    assert list(mission.sources.all()) == [replaced]
    assert list(mission.history.first().sources.values_list("source", flat=True)) == [replaced.pk]

    url = admin_url(mission, "simple_history", mission.pk, before.pk)
    data = form_data(editor_client.get(url).content.decode(), "historicalmission_form")
    assert data["sources"] == [str(kept.pk)]
    assert editor_client.post(url, data).status_code == 302
    assert list(mission.sources.all()) == [kept]


def test_one_save_with_new_sources_is_one_version(editor_client):
    mission = MissionFactory()
    count = mission.history.count()
    data = open_change_form(editor_client, mission)
    data["title_en"] = "Changed together with its sources"
    data["sources"] = [str(SourceFactory().pk), str(SourceFactory().pk)]
    assert editor_client.post(change_url(mission), data).status_code == 302
    assert mission.history.count() == count + 1
    assert mission.history.first().sources.count() == 2


def test_publishing_and_sources_are_in_the_history_of_sources_too(editor_client):
    source = SourceFactory(title="Before")
    data = open_change_form(editor_client, source)
    data["title"] = "After"
    assert editor_client.post(change_url(source), data).status_code == 302
    assert [record.title for record in Source.history.filter(id=source.pk)] == ["After", "Before"]


def test_loading_fixtures_writes_no_history(tmp_path):
    source = SourceFactory(key="fixture-source")
    fixture = tmp_path / "missions.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "coalition.mission",
                    "fields": {
                        "key": "loaded-mission",
                        "slug_en": "loaded-mission",
                        "title_en": "Loaded from a fixture",
                        "title_nb": "Lastet fra en fixture",
                        "summary_en": "Loaded.",
                        "kind": "coalition",
                        "start_date": "2014-10-15",
                        "status": "published",
                        "sources": [["fixture-source"]],
                    },
                }
            ]
        ),
        encoding="utf-8",
    )
    call_command("loaddata", str(fixture), verbosity=0)
    mission = Mission.objects.get(key="loaded-mission")
    assert list(mission.sources.all()) == [source]
    assert mission.history.count() == 0
    assert Mission.history.model.sources.model.objects.count() == 0


def test_a_reviewer_sees_earlier_versions_but_cannot_restore_one(reviewer_client, editor_client, mission):
    original = mission.history.first()
    change_norwegian_title(editor_client, mission, "Ny norsk tittel")
    url = admin_url(mission, "simple_history", mission.pk, original.pk)
    page = reviewer_client.get(url)
    assert page.status_code == 200
    assert "Restore this version" not in page.content.decode()
    assert reviewer_client.get(admin_url(mission, "history", mission.pk)).status_code == 200
    data = form_data(editor_client.get(url).content.decode(), "historicalmission_form")
    assert reviewer_client.post(url, data).status_code == 403
    mission.refresh_from_db()
    assert mission.title_nb == "Ny norsk tittel"


def test_the_first_change_to_loaded_content_shows_what_it_changed(editor, editor_client, tmp_path):
    fixture = tmp_path / "mission.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "coalition.mission",
                    "fields": {
                        "key": "loaded",
                        "slug_en": "loaded",
                        "title_nb": "Lastet tittel",
                        "title_en": "Loaded title",
                        "summary_en": "Loaded.",
                        "kind": "coalition",
                        "start_date": "2014-10-15",
                        "status": "published",
                    },
                }
            ]
        ),
        encoding="utf-8",
    )
    call_command("loaddata", str(fixture), verbosity=0)
    mission = Mission.objects.get(key="loaded")
    assert mission.history.count() == 0

    change_norwegian_title(editor_client, mission, "Endret tittel")
    latest, baseline = mission.history.all()
    assert (baseline.title_nb, baseline.history_user, baseline.history_change_reason) == (
        "Lastet tittel",
        None,
        workflow.BASELINE,
    )
    assert (latest.title_nb, latest.history_user) == ("Endret tittel", editor)
    html = editor_client.get(admin_url(mission, "history", mission.pk)).content.decode()
    assert "<del>Lastet</del> tittel" in html and "<ins>Endret</ins> tittel" in html
    assert "As it was before the first recorded change" in html


def test_a_contribution_version_holds_its_mandates_in_order(editor_client):
    """The mandates are edited as ordered rows on the contribution's form; one save is one version with them."""
    original = MandateFactory()
    contribution = ContributionFactory(country=original.country, mandate=original)
    extension = MandateFactory(country=original.country)
    count = contribution.history.count()
    data = open_change_form(editor_client, contribution)
    data.update(
        {
            "authorisations-TOTAL_FORMS": "2",
            "authorisations-1-contribution": str(contribution.pk),
            "authorisations-1-order": "2",
            "authorisations-1-mandate": str(extension.pk),
        }
    )
    assert editor_client.post(change_url(contribution), data).status_code == 302
    assert contribution.history.count() == count + 1
    version, previous = contribution.history.all()[:2]
    assert list(version.mandates.order_by("order").values_list("mandate", "order")) == [
        (original.pk, 1),
        (extension.pk, 2),
    ]
    assert [row.name for row in versions.compare(Contribution, previous, version, only_changes=True)] == ["mandates"]
