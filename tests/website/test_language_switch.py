"""The language switch (Django's set_language) never sends a visitor to another site, whatever `next`
or the Referer say, and still switches the language for addresses on this site."""

import re
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "https://evil.example/",
    "//evil.example",
    "//evil.example/en/",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "http://testserver@evil.example/",
    "https://evil.example/?next=/en/",
    " //evil.example",
    "javascript:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
]


def stays_on_site(location):
    """Whether a browser would stay on this site following the Location header, read strictly: as the URL
    standard does, ignore surrounding spaces and control characters and tabs or newlines inside, treat
    backslashes as slashes, and accept an absolute address only for this host."""
    location = location.strip("".join(map(chr, range(33))))
    location = "".join(char for char in location if char not in "\t\n\r").replace("\\", "/")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", location):
        target = urlsplit(location)
        return target.scheme in {"http", "https"} and location.startswith(f"{target.scheme}://testserver/")
    return location.startswith("/") and not location.startswith("//")


@pytest.mark.parametrize("next_url", OFF_SITE)
@pytest.mark.parametrize("method", ["post", "get"])
def test_off_site_next_is_refused(client, method, next_url):
    response = getattr(client, method)("/i18n/setlang/", {"language": "da", "next": next_url})
    assert response.status_code == 302
    assert stays_on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example"])
def test_off_site_referer_is_refused_too(client, next_url):
    response = client.post("/i18n/setlang/", {"language": "da", "next": next_url}, HTTP_REFERER=next_url)
    assert stays_on_site(response["Location"]), response["Location"]


def test_on_site_next_switches_the_language(client):
    response = client.post("/i18n/setlang/", {"language": "nb", "next": "/en/admin/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/nb/admin/login/"
    assert response.cookies["django_language"].value == "nb"


def test_the_checker_itself_rejects_off_site_targets():
    assert stays_on_site("/da/")
    assert not any(stays_on_site(url) for url in OFF_SITE)
