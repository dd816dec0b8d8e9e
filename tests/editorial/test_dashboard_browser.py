"""In a real browser: an editor and a reviewer sign in and each finds the dashboard entries that belong to them."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from tests.editorial.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_and_read_dashboard(user, language="en"):
    with override(language):
        index_url = reverse("admin:index")

    def scenario(page):
        page.goto(index_url)
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_selector("#dashboard")
        seen = {
            "title": page.title(),
            "sections": page.eval_on_selector_all(".editorial-dashboard__section h2", "hs => hs.map(h => h.id)"),
            "texts": {
                key: page.locator(f"#dashboard-{key}").inner_text()
                for key in ("my-drafts", "review", "scheduled", "published", "broken-sources")
                if page.locator(f"#dashboard-{key}").count()
            },
        }
        page.click("#dashboard-my-drafts a, #dashboard-review a")  # The first entry leads to its object.
        seen["followed"] = page.url
        return seen

    return scenario


def test_an_editor_and_a_reviewer_each_see_their_dashboard(in_browser, editor, reviewer, dashboard_scene):
    as_editor = in_browser(sign_in_and_read_dashboard(editor))
    as_reviewer = in_browser(sign_in_and_read_dashboard(reviewer))

    assert "Denmark and Norway against ISIL — editing" in as_editor["title"]
    assert "Draft by Eva" in as_editor["texts"]["my-drafts"]
    assert "Draft by Nils" not in as_editor["texts"]["my-drafts"]
    assert "review" not in as_editor["texts"]
    assert "Due in ten days" in as_editor["texts"]["scheduled"]
    assert "Published two days ago" in as_editor["texts"]["published"]
    assert "A vanished page" in as_editor["texts"]["broken-sources"]
    assert as_editor["followed"].endswith(f"/en/admin/coalition/mission/{dashboard_scene['mine'].pk}/change/")

    assert "my-drafts" not in as_reviewer["texts"]
    assert "Draft by Eva" in as_reviewer["texts"]["review"]
    assert "Draft by Nils" in as_reviewer["texts"]["review"]
    assert "Due in ten days" in as_reviewer["texts"]["scheduled"]
    assert "/en/admin/coalition/mission/" in as_reviewer["followed"]
