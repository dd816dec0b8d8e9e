"""Smoke test with the real content: load fixtures/*.json (when there are any) and visit every public page in
every language."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.helpers import LANGUAGES, list_pages, objects_with_a_page, parse, url_in

FIXTURES = sorted(str(path) for path in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))


@pytest.mark.skipif(not FIXTURES, reason="fixtures/ holds no content fixtures yet")
@pytest.mark.django_db
def test_every_page_of_the_content_fixtures_in_every_language(client):
    call_command("loaddata", *FIXTURES, verbosity=0)
    objects = objects_with_a_page()
    assert objects, "the fixtures publish nothing"

    for language in LANGUAGES:
        for page in [*list_pages(), *objects]:
            url = url_in(language, page)
            response = client.get(url)
            assert response.status_code == 200, url
            parsed = parse(response)
            assert parsed.html_lang == language
            assert parsed.h1_count == 1, url
    assert client.get("/sitemap.xml").status_code == 200
