"""The error pages (400, 403, CSRF failure, 404, 500) are in the visitor's language and the site's layout; the 500
page depends on nothing that can break (no database, no static files manifest)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from core.errors import server_error
from tests.helpers import LANGUAGES, parse

pytestmark = pytest.mark.django_db


def in_language(language, text):
    with translation.override(language):
        return escape(gettext(text))


def assert_site_page(response, language, heading):
    html = response.content.decode()
    assert parse(response).html_lang == language
    assert f"<h1>{in_language(language, heading)}</h1>" in html
    assert 'class="site-header"' in html and 'href="/static/css/site.css"' in html  # The site's layout.


@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_request_page(client, language):
    response = client.get(f"/{language}/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert_site_page(response, language, "Bad request")


@pytest.mark.parametrize("language", LANGUAGES)
def test_permission_denied_page(client, language):
    user = get_user_model().objects.create_user("nobody", password="pw-for-a-test", is_staff=True)
    client.force_login(user)
    with translation.override(language):
        url = reverse("admin:contributions_contribution_add")
    response = client.get(url)
    assert response.status_code == 403
    assert_site_page(response, language, "Access denied")


@pytest.mark.parametrize("language", LANGUAGES)
def test_csrf_failure_page(language):
    client = Client(enforce_csrf_checks=True)
    with translation.override(language):
        url = reverse("admin:login")
    response = client.post(url, {"username": "someone", "password": "something"})
    assert response.status_code == 403
    assert_site_page(response, language, "The form could not be sent")
    assert "CSRF" not in response.content.decode()  # Django's bare English page says "CSRF verification failed".


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page(client, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert_site_page(response, language, "Page not found")


@pytest.mark.parametrize("language", LANGUAGES)
def test_server_error_page_without_a_static_files_manifest(settings, tmp_path, language):
    """A deployment that forgot collectstatic: every page fails, and the 500 page is still shown, in the visitor's
    language, linking the unhashed stylesheet."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    client = Client(raise_request_exception=False)
    response = client.get(f"/{language}/")
    assert response.status_code == 500
    assert_site_page(response, language, "Server error")


def test_server_error_page_reads_no_database(rf, django_assert_num_queries):
    with django_assert_num_queries(0), translation.override("nb"):
        response = server_error(rf.get("/nb/"))
    assert response.status_code == 500
    assert in_language("nb", "Server error") in response.content.decode()
