"""The privacy statement says the public pages set no cookies: a test fails if any public page sets one for an
anonymous visitor."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import GlossaryTermFactory, StatementFactory
from tests.helpers import LANGUAGES, url_in


@pytest.fixture
def public_urls(client, site):
    StatementFactory(kind="accessibility")
    StatementFactory(kind="privacy")
    GlossaryTermFactory(key="nmi")
    sitemap = client.get("/sitemap.xml").content.decode()
    urls = {re.sub(r"^http://testserver", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    urls |= set(re.findall(r'href="(http://testserver[^"]+)"', sitemap))
    urls = {url.removeprefix("http://testserver") for url in urls}
    for language in LANGUAGES:
        with translation.override(language):
            urls |= {
                reverse("discovery:search") + "?q=NATO",
                reverse("discovery:feed"),
                reverse("contributions:contribution_list") + "?country=DK&year=1066",
                url_in(language, "coalition:mission_detail", slug="no-such-mission"),
            }
    urls |= {"/", "/robots.txt", "/sitemap.xml"}
    return sorted(urls)


def test_no_public_page_sets_a_cookie_for_an_anonymous_visitor(client, public_urls):
    assert len(public_urls) > 40
    for url in public_urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="nb")
        assert response.status_code in (200, 301, 302, 404), url
        assert not response.cookies, (url, list(response.cookies))
        assert "Set-Cookie" not in response.headers, url
