"""No lost edits: when two editors open the same entry and both save, the second save is refused with a
message naming who changed it and when, and offering to reload; nothing is overwritten."""

import pytest
from django.test import Client

from coalition.models import Mission
from editorial.forms import VERSION_FIELD
from tests.editorial.conftest import change_url, open_change_form
from tests.factories import MissionFactory, ProgrammeFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission(db):
    return MissionFactory(title_nb="Tittel før", title_da="Titel før")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_change_form_carries_the_version_it_was_opened_with(editor_client, mission):
    data = open_change_form(editor_client, mission)
    assert data[VERSION_FIELD] == mission.updated.isoformat()


def test_the_second_save_is_refused_and_names_who_changed_it(editor, second_editor, mission):
    eva, nils = client_for(editor), client_for(second_editor)
    evas_form = open_change_form(eva, mission)
    nils_form = open_change_form(nils, mission)

    nils_form["title_nb"] = "Nils sin tittel"
    assert nils.post(change_url(mission), nils_form).status_code == 302

    evas_form["title_da"] = "Evas titel"
    response = eva.post(change_url(mission), evas_form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nils Nordmann changed this mission on" in html
    assert "Your changes have not been saved" in html
    assert f'href="{change_url(mission)}">Reload the page</a>' in html

    mission.refresh_from_db()
    assert (mission.title_nb, mission.title_da) == ("Nils sin tittel", "Titel før")
    assert mission.history.count() == 2  # Created, and Nils's change: Eva's save wrote nothing.


def test_saving_again_without_reloading_is_still_refused(editor, second_editor, mission):
    eva, nils = client_for(editor), client_for(second_editor)
    evas_form = open_change_form(eva, mission)
    nils.post(change_url(mission), {**open_change_form(nils, mission), "title_nb": "Nils sin tittel"})
    assert eva.post(change_url(mission), evas_form).status_code == 200
    assert eva.post(change_url(mission), evas_form).status_code == 200
    mission.refresh_from_db()
    assert mission.title_nb == "Nils sin tittel"


def test_after_reloading_the_save_goes_through(editor, second_editor, mission):
    eva, nils = client_for(editor), client_for(second_editor)
    open_change_form(eva, mission)
    nils.post(change_url(mission), {**open_change_form(nils, mission), "title_nb": "Nils sin tittel"})
    reloaded = open_change_form(eva, mission)
    assert reloaded["title_nb"] == "Nils sin tittel"
    assert eva.post(change_url(mission), {**reloaded, "title_da": "Evas titel"}).status_code == 302
    mission.refresh_from_db()
    assert (mission.title_nb, mission.title_da) == ("Nils sin tittel", "Evas titel")


def test_a_change_made_outside_the_form_counts_too(editor_client, mission):
    form = open_change_form(editor_client, mission)
    Mission.objects.get(pk=mission.pk).save()  # E.g. published from the changelist meanwhile.
    response = editor_client.post(change_url(mission), {**form, "title_en": "Stale"})
    assert response.status_code == 200
    assert "This mission was changed on" in response.content.decode()


def test_a_form_without_its_version_is_refused(editor_client, mission):
    form = open_change_form(editor_client, mission)
    del form[VERSION_FIELD]
    assert editor_client.post(change_url(mission), {**form, "title_en": "No version"}).status_code == 200
    mission.refresh_from_db()
    assert mission.title_en != "No version"


def test_inline_rows_changed_by_someone_else_refuse_the_save(editor, second_editor):
    programme = ProgrammeFactory()
    theme = ThemeFactory(programme=programme, number=1, title_nb="Tema før")
    eva, nils = client_for(editor), client_for(second_editor)
    evas_form = open_change_form(eva, programme)
    nils.post(change_url(theme), {**open_change_form(nils, theme), "title_nb": "Nils sitt tema"})

    # Eva's page still shows the theme as it was; saving it would put the old title back.
    response = eva.post(change_url(programme), {**evas_form, "title_en": "Eva's programme"})
    assert response.status_code == 200
    assert "Nils Nordmann changed this theme on" in response.content.decode()
    theme.refresh_from_db()
    programme.refresh_from_db()
    assert theme.title_nb == "Nils sitt tema"
    assert programme.title_en != "Eva's programme"


def test_an_inline_row_saved_meanwhile_with_the_same_values_is_no_conflict(editor_client):
    programme = ProgrammeFactory()
    theme = ThemeFactory(programme=programme, number=1)
    form = open_change_form(editor_client, programme)
    type(theme).objects.get(pk=theme.pk).save()  # A new `updated`, the same values.
    response = editor_client.post(change_url(programme), {**form, "title_en": "Changed programme"})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.title_en == "Changed programme"
