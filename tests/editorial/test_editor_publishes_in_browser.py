"""In a real browser: an editor logs in, changes a mission's Norwegian title, publishes it, and finds it on the
Norwegian public page."""

import re

import pytest
from django.utils import translation

from tests.editorial.conftest import PASSWORD, change_url
from tests.factories import MissionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_TITLE = "Oppdraget med ny norsk tittel"


def test_an_editor_changes_the_norwegian_title_publishes_and_sees_it_on_the_norwegian_page(in_browser, editor):
    mission = MissionFactory(status="draft", title_nb="Gammel norsk tittel", summary_nb="Sammendrag på norsk.")
    with translation.override("nb"):
        public_url = mission.get_absolute_url()
    edit_url = change_url(mission)
    back_on_the_form = re.compile(re.escape(edit_url) + "$")

    def scenario(page):
        seen = {"draft_status": page.goto(public_url).status}  # A draft: not on the site yet.

        page.goto(edit_url)
        seen["login_page"] = "/login/" in page.url
        page.fill("#id_username", editor.username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(back_on_the_form)

        # The Norwegian title is in its language tab.
        panel = page.eval_on_selector("#id_title_nb", "field => field.closest('.ui-tabs-panel').id")
        page.click(f'a[href="#{panel}"]')
        page.fill("#id_title_nb", NEW_TITLE)
        page.click("input[name=_publish]")

        # Every language is filled in, so it is published at once (otherwise: the confirmation page).
        if page.locator(".editorial-publication-page").count():
            page.click("input[type=submit].default")
        page.wait_for_url(back_on_the_form)
        seen["success_messages"] = page.locator(".messagelist .success").count()
        seen["published_state"] = page.locator(".editorial-state .editorial-published").is_visible()

        seen["public_status"] = page.goto(public_url).status
        seen["h1"] = page.locator("h1").inner_text()
        seen["lang"] = page.locator("html").get_attribute("lang")
        seen["banners"] = page.locator("#preview-banner").count()
        return seen

    seen = in_browser(scenario)

    assert seen["draft_status"] == 404
    assert seen["login_page"]
    assert seen["success_messages"] == 1 and seen["published_state"]
    assert seen["public_status"] == 200
    assert NEW_TITLE in seen["h1"]
    assert seen["lang"] == "nb"
    assert seen["banners"] == 0
    mission.refresh_from_db()
    assert (mission.status, mission.title_nb) == ("published", NEW_TITLE)
    assert mission.history.first().history_user == editor
