"""The editorial dashboard on the admin index: each staff member sees the entries that belong to them, each linking
to its object, and the admin names the site in the editor's language."""

from django.urls import reverse
from django.utils.translation import override

from tests.editorial.conftest import change_url


def section(response, key):
    """The HTML of one dashboard section, or None when the page has none with that key."""
    html = response.content.decode()
    start = html.find(f'id="dashboard-{key}"')
    if start == -1:
        return None
    return html[start : html.index("</section>", start)]


def index(client, language="en"):
    with override(language):
        return client.get(reverse("admin:index"))


def test_an_editor_sees_their_own_drafts_and_what_is_due(editor_client, dashboard_scene):
    response = index(editor_client)

    mine = section(response, "my-drafts")
    assert f'href="{change_url(dashboard_scene["mine"])}"' in mine
    assert "Draft by Nils" not in mine
    assert section(response, "review") is None  # Editors are not reviewers.
    scheduled = section(response, "scheduled")
    assert "Due in ten days" in scheduled and "Due in forty days" not in scheduled
    published = section(response, "published")
    assert "Published two days ago" in published and "Published long ago" not in published
    broken = section(response, "broken-sources")
    assert "A vanished page" in broken and "A living page" not in broken
    assert f'href="{reverse("admin:core_source_change", args=[dashboard_scene["broken"].pk])}"' in broken
    assert 'id="translation-status"' in response.content.decode()


def test_a_reviewer_sees_every_draft_waiting_for_review_and_has_no_drafts_of_their_own(
    reviewer_client, dashboard_scene
):
    response = index(reviewer_client)

    assert section(response, "my-drafts") is None  # Reviewers change nothing.
    review = section(response, "review")
    assert "Draft by Eva" in review and "Draft by Nils" in review
    assert f'href="{change_url(dashboard_scene["theirs"])}"' in review
    assert "Due in ten days" in section(response, "scheduled")


def test_the_admin_names_the_site_in_the_editor_language(editor_client, db):
    english = index(editor_client).content.decode()
    assert "<title>Dashboard | Denmark and Norway against ISIL — editing</title>" in english
    assert "Django administration" not in english
    danish = index(editor_client, "da").content.decode()
    assert "Danmark og Norge mod ISIL — redigering" in danish
    assert "Mine kladder" in danish


def test_empty_sections_say_so(editor_client, db):
    response = index(editor_client)
    assert "You have no drafts." in section(response, "my-drafts")
    assert "No source link was found broken at the last check." in section(response, "broken-sources")
