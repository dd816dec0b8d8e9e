"""Drafts, publishing now, scheduled publishing and unpublishing, from the change form and the changelist.
Publishing content that misses a language asks for confirmation first."""

import datetime

import pytest
from django.utils import timezone, translation

from coalition.models import Mission, Organisation
from core.models import Status
from editorial import workflow
from tests.editorial.conftest import admin_url, change_url, open_change_form
from tests.factories import MissionFactory

pytestmark = pytest.mark.django_db


def public_page(client, mission, language="nb"):
    with translation.override(language):
        url = mission.get_absolute_url()
    return client.get(url)


def test_new_content_starts_as_a_draft(editor_client):
    response = editor_client.post(
        admin_url(Organisation, "add"),
        {"key": "new-org", "acronym": "NEW", "name_en": "A new organisation", "kind": "international"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = Organisation.objects.get(key="new-org")
    assert organisation.status == Status.DRAFT
    assert workflow.publication_state(organisation) == workflow.PublicationState.DRAFT


def test_status_cannot_be_set_through_the_form(editor_client, complete_mission):
    data = open_change_form(editor_client, complete_mission)
    assert "status" not in data and "published_at" not in data
    data["status"] = "published"
    response = editor_client.post(change_url(complete_mission), data)
    assert response.status_code == 302
    complete_mission.refresh_from_db()
    assert complete_mission.status == Status.DRAFT


def test_scheduled_content_appears_at_its_moment_and_not_before(client, monkeypatch):
    moment = timezone.now() + datetime.timedelta(hours=2)
    mission = MissionFactory(status="draft")
    workflow.schedule(mission, moment)

    assert workflow.publication_state(mission) == workflow.PublicationState.SCHEDULED
    assert not Mission.objects.published().filter(pk=mission.pk).exists()
    assert public_page(client, mission).status_code == 404

    monkeypatch.setattr(timezone, "now", lambda: moment + datetime.timedelta(seconds=1))
    assert Mission.objects.published().filter(pk=mission.pk).exists()
    response = public_page(client, mission)
    assert response.status_code == 200
    assert mission.title_nb in response.content.decode()


def test_the_save_and_publish_button_publishes_complete_content_at_once(editor, editor_client, complete_mission):
    data = open_change_form(editor_client, complete_mission)
    data["title_nb"] = "Oppdraget med ny tittel"
    response = editor_client.post(change_url(complete_mission), {**data, "_publish": "1"})
    assert response.status_code == 302
    complete_mission.refresh_from_db()
    assert complete_mission.status == Status.PUBLISHED
    assert complete_mission.title_nb == "Oppdraget med ny tittel"
    assert complete_mission.published_at <= timezone.now()
    latest = complete_mission.history.first()
    assert (latest.history_user, latest.history_change_reason) == (editor, workflow.PUBLISHED)
    assert complete_mission.history.count() == 2  # Created, then changed and published in one save.


def test_publishing_with_missing_translations_asks_first_and_lists_what_is_missing(editor_client, incomplete_mission):
    data = open_change_form(editor_client, incomplete_mission)
    data["title_en"] = "Saved before confirming"
    response = editor_client.post(change_url(incomplete_mission), {**data, "_publish": "1"})
    confirm_url = admin_url(incomplete_mission, "publish", incomplete_mission.pk)
    assert response.status_code == 302 and response["Location"] == confirm_url
    incomplete_mission.refresh_from_db()
    assert incomplete_mission.title_en == "Saved before confirming"
    assert incomplete_mission.status == Status.DRAFT

    page = editor_client.get(confirm_url)
    html = page.content.decode()
    assert "Norwegian Bokmål" in html
    assert "Name, Summary" in html  # The empty Norwegian fields, by their labels.
    assert "Danish</td>" not in html
    assert incomplete_mission.status == Status.DRAFT

    response = editor_client.post(confirm_url)
    assert response.status_code == 302
    incomplete_mission.refresh_from_db()
    assert incomplete_mission.status == Status.PUBLISHED
    assert Mission.objects.published().filter(pk=incomplete_mission.pk).exists()


def test_the_publish_action_confirms_only_when_a_selected_item_misses_a_language(editor_client, incomplete_mission):
    complete = MissionFactory(status="draft")
    changelist = admin_url(Mission, "changelist")

    response = editor_client.post(changelist, {"action": "publish_now", "_selected_action": [complete.pk], "index": 0})
    assert response.status_code == 302
    complete.refresh_from_db()
    assert complete.status == Status.PUBLISHED

    selected = [complete.pk, incomplete_mission.pk]
    response = editor_client.post(changelist, {"action": "publish_now", "_selected_action": selected, "index": 0})
    assert response.status_code == 200
    assert "Publish with missing translations?" in response.content.decode()
    incomplete_mission.refresh_from_db()
    assert incomplete_mission.status == Status.DRAFT

    response = editor_client.post(changelist, {"action": "publish_now", "_selected_action": selected, "confirm": "yes"})
    assert response.status_code == 302
    incomplete_mission.refresh_from_db()
    assert incomplete_mission.status == Status.PUBLISHED


def test_scheduling_from_the_change_form(editor, editor_client, complete_mission):
    data = open_change_form(editor_client, complete_mission)
    response = editor_client.post(change_url(complete_mission), {**data, "_schedule": "1"})
    schedule_url = admin_url(complete_mission, "schedule", complete_mission.pk)
    assert response.status_code == 302 and response["Location"] == schedule_url

    past = timezone.localtime() - datetime.timedelta(days=1)
    response = editor_client.post(schedule_url, {"publish_at": past.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 200
    assert "Choose a moment in the future" in response.content.decode()
    complete_mission.refresh_from_db()
    assert complete_mission.status == Status.DRAFT

    future = (timezone.localtime() + datetime.timedelta(days=3)).replace(second=0, microsecond=0)
    response = editor_client.post(schedule_url, {"publish_at": future.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    complete_mission.refresh_from_db()
    assert complete_mission.status == Status.PUBLISHED
    assert complete_mission.published_at == future
    assert not Mission.objects.published().filter(pk=complete_mission.pk).exists()
    assert complete_mission.history.first().history_change_reason == workflow.SCHEDULED

    form = editor_client.get(change_url(complete_mission)).content.decode()
    assert "Scheduled" in form and 'name="_unpublish"' in form


def test_the_schedule_action(editor_client):
    missions = [MissionFactory(status="draft"), MissionFactory(status="draft")]
    future = (timezone.localtime() + datetime.timedelta(hours=5)).replace(second=0, microsecond=0)
    data = {"action": "schedule_publication", "_selected_action": [m.pk for m in missions]}
    changelist = admin_url(Mission, "changelist")

    response = editor_client.post(changelist, {**data, "index": 0})
    assert response.status_code == 200 and 'name="publish_at"' in response.content.decode()

    response = editor_client.post(changelist, {**data, "publish_at": future.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    for mission in missions:
        mission.refresh_from_db()
        assert (mission.status, mission.published_at) == (Status.PUBLISHED, future)


def test_unpublishing_takes_content_off_the_site(client, editor_client):
    mission = MissionFactory()
    assert public_page(client, mission).status_code == 200
    changelist = admin_url(Mission, "changelist")
    response = editor_client.post(changelist, {"action": "unpublish", "_selected_action": [mission.pk], "index": 0})
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.status == Status.DRAFT
    assert mission.history.first().history_change_reason == workflow.UNPUBLISHED
    client.logout()
    assert public_page(client, mission).status_code == 404


def test_publishing_a_second_time_keeps_the_original_publication_time(editor):
    mission = MissionFactory(status="draft")
    workflow.publish(mission, editor)
    first = mission.published_at
    workflow.unpublish(mission, editor)
    workflow.publish(mission, editor)
    assert mission.published_at == first


def test_the_changelist_shows_the_publication_state(editor_client):
    MissionFactory(title_en="Draft one", status="draft")
    MissionFactory(title_en="Scheduled one", published_at=timezone.now() + datetime.timedelta(days=1))
    html = editor_client.get(admin_url(Mission, "changelist") + "?publication=scheduled").content.decode()
    assert "Scheduled one" in html and "Draft one" not in html
    html = editor_client.get(admin_url(Mission, "changelist") + "?publication=draft").content.decode()
    assert "Draft one" in html and "Scheduled one" not in html
