"""The staff preview: a draft shown as its public page in each language, with a banner no one can miss; a 404
for everyone who is not staff allowed to see it."""

import pytest
from django.utils import translation

from core import registry
from editorial.preview import preview_url
from tests.editorial.conftest import change_url, make_staff
from tests.factories import (
    ContributionFactory,
    CountryFactory,
    MandateFactory,
    MissionFactory,
    ProgrammeFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

BANNER = "Preview \N{EN DASH} not published"


@pytest.fixture
def draft(db):
    return MissionFactory(
        status="draft",
        title_da="Udkast til mission",
        title_nb="Utkast til oppdrag",
        title_en="Draft mission",
    )


@pytest.mark.parametrize(
    ("language", "title"), [("da", "Udkast til mission"), ("nb", "Utkast til oppdrag"), ("en", "Draft mission")]
)
def test_staff_see_the_draft_as_its_public_page_with_a_banner(editor_client, draft, language, title):
    response = editor_client.get(preview_url(draft, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert title in html
    assert f'lang="{language}"' in html
    assert 'id="preview-banner"' in html
    body = html.index("<body")
    assert html.index('id="preview-banner"') > body
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "mission_detail.html" in [template.name.rsplit("/", 1)[-1] for template in response.templates]


def test_the_banner_says_preview_not_published(editor_client, draft):
    html = editor_client.get(preview_url(draft, "en")).content.decode()
    assert BANNER in html


def test_the_draft_itself_is_not_public(client, draft):
    with translation.override("nb"):
        assert client.get(draft.get_absolute_url()).status_code == 404


def test_anonymous_visitors_get_a_404(client, draft):
    for language in ("da", "nb", "en"):
        response = client.get(preview_url(draft, language))
        assert response.status_code == 404
        assert "Utkast til oppdrag" not in response.content.decode()


def test_logged_in_users_who_are_not_staff_get_a_404(client, draft):
    user = make_staff("visitor")
    user.is_staff = False
    user.save()
    client.force_login(user)
    assert client.get(preview_url(draft, "en")).status_code == 404


def test_staff_without_permission_to_view_the_content_get_a_404(client, draft):
    client.force_login(make_staff("no-rights"))
    assert client.get(preview_url(draft, "en")).status_code == 404


def test_an_unknown_object_or_model_is_a_404(editor_client, draft):
    assert editor_client.get(preview_url(draft, "en").replace(f"/{draft.pk}/", "/999999/")).status_code == 404
    assert editor_client.get(preview_url(draft, "en").replace("/mission/", "/theme/")).status_code == 404


def test_the_change_form_links_to_the_preview_in_each_language(editor_client, draft):
    html = editor_client.get(change_url(draft)).content.decode()
    for language in ("da", "nb", "en"):
        assert f'href="{preview_url(draft, language)}"' in html


@pytest.mark.parametrize("label", sorted(entry.label for entry in registry.detail_pages()))
def test_every_public_detail_page_can_be_previewed(editor_client, label):
    denmark = CountryFactory(code="DK", status="draft")
    objects = {
        "coalition.country": lambda: denmark,
        "coalition.mission": lambda: MissionFactory(status="draft"),
        "contributions.mandate": lambda: MandateFactory(status="draft", country=denmark),
        "contributions.contribution": lambda: ContributionFactory(status="draft", country=denmark),
        "programmes.programme": lambda: ProgrammeFactory(status="draft", donor=denmark),
        "pages.statement": lambda: StatementFactory(status="draft"),
    }
    obj = objects[label]()
    response = editor_client.get(preview_url(obj, "nb"))
    assert response.status_code == 200, label
    assert 'id="preview-banner"' in response.content.decode()
    template_names = [template.name for template in response.templates]
    assert f"{obj._meta.app_label}/{obj._meta.model_name}_detail.html" in template_names


def test_a_published_entry_previews_without_claiming_to_be_unpublished(editor_client):
    mission = MissionFactory(title_en="Already public")
    html = editor_client.get(preview_url(mission, "en")).content.decode()
    assert 'id="preview-banner"' in html and "Already public" in html
    assert BANNER not in html


def test_view_on_site_is_offered_only_for_what_is_public(editor_client, draft):
    assert "viewsitelink" not in editor_client.get(change_url(draft)).content.decode()
    published = MissionFactory()
    html = editor_client.get(change_url(published)).content.decode()
    with translation.override("en"):
        assert f'href="{published.get_absolute_url()}" class="viewsitelink"' in html
