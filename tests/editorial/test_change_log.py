"""Each content page's public change log: what changed and when, never who; in each language; a 404 for drafts,
unknown kinds and keys; a fixed number of queries however many versions there are."""

import pytest
from django.utils import translation

from tests.factories import MissionFactory
from tests.helpers import LANGUAGES, url_in

pytestmark = pytest.mark.django_db


def test_change_log_says_what_and_when_not_who(client, admin_user):
    mission = MissionFactory(key="nmi", title_en="NATO Mission Iraq", title_nb="NATOs operasjon i Irak")
    mission.title_nb = "NATOs oppdrag i Irak"
    mission._history_user = admin_user
    mission.save()
    mission.summary_da = "Ny sammenfatning"
    mission.save()

    response = client.get("/en/updates/mission/nmi/")
    html = response.content.decode()

    updates = response.context["updates"]
    assert [update.fields for update in updates[:2]] == [["summary (Danish)"], ["name (Norwegian)"]]
    assert updates[-1].first
    assert admin_user.username not in html
    assert "<time datetime=" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_change_log_in_each_language(client, language):
    MissionFactory(key="nmi")
    with translation.override(language):
        response = client.get(url_in(language, "editorial:change_log", kind="mission", key="nmi"))
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/en/updates/mission/draft/", "/en/updates/user/nmi/", "/en/updates/mission/none/"])
def test_change_log_of_draft_unknown_model_or_key_is_404(client, path):
    MissionFactory(key="draft", status="draft")

    assert client.get(path).status_code == 404


@pytest.mark.parametrize("versions", [2, 8])
def test_change_log_queries_do_not_grow_with_versions(client, django_assert_num_queries, versions):
    mission = MissionFactory(key="nmi")
    for number in range(versions):
        mission.title_nb = f"Tittel {number}"
        mission.save()

    with django_assert_num_queries(2):  # The object and its versions.
        response = client.get("/en/updates/mission/nmi/")

    assert len(response.context["updates"]) == versions + 1
