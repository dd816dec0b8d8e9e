"""The public pages run under the site's Content-Security-Policy in a real browser: no script, style, image or
font that the policy blocks, in any language."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.helpers import list_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [*list_pages(), "discovery:search"]


@pytest.fixture
def site(denmark, norway, published_mission, published_mandate, published_contribution, published_programme):
    return [published_mission, denmark, published_mandate, published_contribution, published_programme]


@pytest.mark.parametrize("language", ["da", "nb", "en"])
def test_public_pages_have_no_policy_violations(csp_page, site, language):
    with translation.override(language):
        urls = [reverse(name) for name in PAGES] + [obj.get_absolute_url() for obj in site]
        urls += [reverse("discovery:search") + "?q=NATO", f"/{language}/no-such-page/"]
    page = csp_page.page
    for url in urls:
        response = page.goto(url)
        assert response.status in {200, 404}, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        assert csp_page.violations() == [], url
