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
        assert csp_page.violations() == [], url


def test_a_page_that_breaks_the_policy_is_reported(csp_page, denmark):
    """The check above can fail: a page served with the site's policy and an inline script, an inline style and
    an image from elsewhere is reported three times, with no wait for the network to be idle."""
    page = csp_page.page
    policy = page.goto(reverse("website:home")).headers["content-security-policy"]
    body = (
        '<!DOCTYPE html><title>x</title><p style="color: red">x</p><script>1</script><img src="http://192.0.2.1/x.png">'
    )
    page.route(
        "**/breaks-the-policy/",
        lambda route: route.fulfill(
            status=200, headers={"Content-Type": "text/html", "Content-Security-Policy": policy}, body=body
        ),
    )
    page.goto("/breaks-the-policy/")

    violations = " ".join(csp_page.violations())
    assert "script-src" in violations
    assert "style-src" in violations
    assert "img-src" in violations
