"""Translation completeness: which languages an entry misses, the changelist column and filter, and the counts
on the admin index (one query per model, however many entries)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalition.models import Mission
from editorial import workflow
from tests.editorial.conftest import admin_url
from tests.factories import KeyFigureFactory, MissionFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def missions(db):
    return {
        "complete": MissionFactory(title_en="Complete everywhere"),
        "no-nb": MissionFactory(title_en="Lacks Norwegian", title_nb="", summary_nb=None),
        "no-da-body": MissionFactory(title_en="Lacks a Danish body", body_nb="Brødtekst.", body_en="Body text."),
        "only-en": MissionFactory(title_en="Only English", title_da="", title_nb="", summary_da="", summary_nb=""),
    }


def test_a_language_is_missing_when_a_text_filled_elsewhere_is_empty_in_it(missions):
    assert workflow.missing_languages(missions["complete"]) == []
    assert workflow.missing_languages(missions["no-nb"]) == ["nb"]
    assert workflow.missing_translations(missions["no-da-body"]) == {"da": ["Description"]}
    assert workflow.missing_languages(missions["only-en"]) == ["da", "nb"]


def test_the_database_condition_agrees_with_the_python_rule(missions):
    for code in ("da", "nb", "en"):
        in_python = {mission.pk for mission in missions.values() if code in workflow.missing_languages(mission)}
        in_database = set(Mission.objects.filter(workflow.missing_q(Mission, code)).values_list("pk", flat=True))
        assert in_database == in_python, code


def test_the_changelist_shows_the_missing_languages(editor_client, missions):
    html = editor_client.get(admin_url(Mission, "changelist")).content.decode()
    assert '<abbr class="editorial-missing" title="Norwegian Bokmål">nb</abbr>' in html
    assert '<span class="editorial-complete">complete</span>' in html


@pytest.mark.parametrize(
    ("value", "shown", "hidden"),
    [
        ("nb", ["Lacks Norwegian", "Only English"], ["Complete everywhere", "Lacks a Danish body"]),
        ("da", ["Lacks a Danish body", "Only English"], ["Complete everywhere", "Lacks Norwegian"]),
        ("en", [], ["Complete everywhere", "Lacks Norwegian", "Lacks a Danish body", "Only English"]),
        ("none", ["Complete everywhere"], ["Lacks Norwegian", "Lacks a Danish body", "Only English"]),
    ],
)
def test_the_missing_language_filter(editor_client, missions, value, shown, hidden):
    response = editor_client.get(admin_url(Mission, "changelist"), {"missing": value})
    assert response.status_code == 200
    html = response.content.decode()
    for title in shown:
        assert title in html, title
    for title in hidden:
        assert title not in html, title


def test_the_filter_is_offered_with_its_choices(editor_client, missions):
    html = editor_client.get(admin_url(Mission, "changelist")).content.decode()
    for label in ("Missing Danish", "Missing Norwegian", "Missing English", "Complete in every language"):
        assert label in html


def test_the_admin_index_counts_incomplete_entries_per_model(editor_client, missions):
    html = editor_client.get(admin_url(Mission, "changelist").replace("coalition/mission/", "")).content.decode()
    table = html[html.index('id="translation-status"') :]
    row = table[table.index(">Missions</a>") : table.index("</tr>", table.index(">Missions</a>"))]
    cells = [cell.strip() for cell in re.split(r"<td[^>]*>", row)[1:]]
    assert cells[0].startswith("3")  # Three of the four missions miss a language.
    assert "?missing=da" in cells[1] and ">2</a>" in cells[1]
    assert "?missing=nb" in cells[2] and ">2</a>" in cells[2]
    assert cells[3].startswith("0")


def test_the_index_counts_take_one_query_per_model_whatever_the_number_of_entries(editor_client):
    index = admin_url(Mission, "changelist").replace("coalition/mission/", "")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(index).status_code == 200
        return len(captured)

    MissionFactory(title_nb="")
    few = queries()
    for _ in range(5):
        MissionFactory(title_nb="")
        ProgrammeFactory(title_da="")
        KeyFigureFactory(label_en="")
    assert queries() == few
