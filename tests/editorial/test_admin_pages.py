"""Every admin changelist, add and change page renders for a staff user in each language, with the site's real
content."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    ContributionFactory,
    MandateFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["da", "nb", "en"]
CONTENT_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"core", "coalition", "contributions", "programmes"}
]


def admin_url(model, view, *args, language):
    with translation.override(language):
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_content_model_is_registered():
    names = {model._meta.label for model in CONTENT_MODELS}
    assert names >= {
        "core.Source",
        "core.KeyFigure",
        "coalition.Country",
        "coalition.Organisation",
        "coalition.Mission",
        "contributions.Mandate",
        "contributions.ContributionKind",
        "contributions.Contribution",
        "programmes.Programme",
        "programmes.Theme",
        "programmes.Activity",
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model._meta.label)
def test_changelist_add_and_change_pages_render(admin_client, content, model, language):
    obj = model._default_manager.first()
    assert obj is not None
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    for url in (
        admin_url(model, "changelist", language=language),
        admin_url(model, "changelist", language=language) + "?q=a",
        admin_url(model, "add", language=language),
        admin_url(model, "change", obj.pk, language=language),
    ):
        response = admin_client.get(url, **headers)
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("da", "Missioner"), ("nb", "Oppdrag"), ("en", "Missions")],
)
def test_admin_index_speaks_the_staff_language(admin_client, language, expected):
    with translation.override(language):
        url = reverse("admin:index")
    response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_translated_admin_serves_jquery_ui_from_our_static_files(admin_client, content):
    from coalition.models import Mission

    response = admin_client.get(admin_url(Mission, "add", language="en"))
    html = response.content.decode()
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in html
    assert "//code.jquery.com" not in html and "ajax.googleapis.com" not in html


def test_mandate_page_lists_its_contributions_with_links_and_no_blank_rows(admin_client):
    mandate = MandateFactory()
    contribution = ContributionFactory(mandate=mandate)
    with translation.override("en"):
        url = reverse("admin:contributions_mandate_change", args=[mandate.pk])
        change_url = reverse("admin:contributions_contribution_change", args=[contribution.pk])
    html = admin_client.get(url).content.decode()
    assert contribution.title_en in html
    assert change_url in html
    assert 'name="authorisations-0-contribution"' not in html
    assert "contributions-__prefix__" not in html
