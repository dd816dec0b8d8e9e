"""Smoke test with the real content: load fixtures/*.json (when there are any) and visit every public page in
every language."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from coalition.models import Country, Mission
from contributions.models import Contribution, Mandate
from programmes.models import Programme
from tests.helpers import LANGUAGES, parse, url_in

FIXTURES = sorted(str(path) for path in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))

LIST_PAGES = [
    "website:home",
    "coalition:mission_list",
    "website:country_list",
    "contributions:mandate_list",
    "contributions:contribution_list",
    "programmes:programme_list",
]


@pytest.mark.skipif(not FIXTURES, reason="fixtures/ holds no content fixtures yet")
@pytest.mark.django_db
def test_every_page_of_the_content_fixtures_in_every_language(client):
    call_command("loaddata", *FIXTURES, verbosity=0)
    objects = [
        *Mission.objects.published(),
        *Country.objects.published().filter(is_contributor=True),
        *Mandate.objects.published(),
        *Contribution.objects.published(),
        *Programme.objects.published(),
    ]
    assert objects, "the fixtures publish nothing"

    for language in LANGUAGES:
        for page in [*LIST_PAGES, *objects]:
            url = url_in(language, page)
            response = client.get(url)
            assert response.status_code == 200, url
            parsed = parse(response)
            assert parsed.html_lang == language
            assert parsed.h1_count == 1, url
    assert client.get("/sitemap.xml").status_code == 200
