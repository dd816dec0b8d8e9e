"""In a real browser: an editor logs in, changes a mission's Norwegian title, publishes it, and finds it on the
Norwegian public page."""

import re

import pytest
from django.utils import translation

from tests.editorial.conftest import PASSWORD, change_url
from tests.factories import MissionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_TITLE = "Oppdraget med ny norsk tittel"


def test_an_editor_changes_the_norwegian_title_publishes_and_sees_it_on_the_norwegian_page(page, editor):
    mission = MissionFactory(status="draft", title_nb="Gammel norsk tittel", summary_nb="Sammendrag på norsk.")
    with translation.override("nb"):
        public_url = mission.get_absolute_url()
    assert page.goto(public_url).status == 404  # A draft: not on the site yet.

    page.goto(change_url(mission))
    assert "/login/" in page.url
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(re.escape(change_url(mission)) + "$"))

    # The Norwegian title is in its language tab.
    panel = page.eval_on_selector("#id_title_nb", "field => field.closest('.ui-tabs-panel').id")
    page.click(f'a[href="#{panel}"]')
    page.fill("#id_title_nb", NEW_TITLE)
    page.click("input[name=_publish]")

    # Every language is filled in, so it is published at once (otherwise: the confirmation page).
    if page.locator(".editorial-publication-page").count():
        page.click("input[type=submit].default")
    page.wait_for_url(re.compile(re.escape(change_url(mission)) + "$"))
    assert page.locator(".messagelist .success").count() == 1
    assert page.locator(".editorial-state .editorial-published").is_visible()

    response = page.goto(public_url)
    assert response.status == 200
    assert NEW_TITLE in page.locator("h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.locator("#preview-banner").count() == 0

    mission.refresh_from_db()
    assert (mission.status, mission.title_nb) == ("published", NEW_TITLE)
    assert mission.history.first().history_user == editor
