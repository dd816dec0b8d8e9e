"""The Editors and Reviewers groups: created by the data migration on any database, with exactly the rights
the editorial workflow needs."""

import importlib
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from coalition.models import Mission
from editorial.roles import EDITORS, REVIEWERS, ensure_editorial_groups
from tests.editorial.conftest import admin_url, change_url
from tests.factories import MissionFactory, SourceFactory

pytestmark = pytest.mark.django_db

# The rights the roles must give, written out here so that a change to the content registry that changes them shows.
PUBLISHABLE_MODELS = [
    "core.keyfigure",
    "coalition.country",
    "coalition.organisation",
    "coalition.mission",
    "contributions.mandate",
    "contributions.contributionkind",
    "contributions.contribution",
    "programmes.programme",
    "programmes.theme",
    "programmes.activity",
    "pages.statement",
    "pages.glossaryterm",
]
# Edited only as part of another entry (a contribution's ordered mandates): no "publish" of its own.
PART_MODELS = ["contributions.authorisation"]
CONTENT_MODELS = ["core.source", *PUBLISHABLE_MODELS, *PART_MODELS]


def codenames(group_name):
    return {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in Group.objects.get(name=group_name).permissions.select_related("content_type")
    }


def expected(actions, labels):
    return {f"{label.split('.')[0]}.{action}_{label.split('.')[1]}" for label in labels for action in actions}


def test_editors_create_change_view_delete_and_publish_content_and_nothing_else():
    assert codenames(EDITORS) == expected(["add", "change", "delete", "view"], CONTENT_MODELS) | expected(
        ["publish"], PUBLISHABLE_MODELS
    )
    assert not {name for name in codenames(EDITORS) if name.startswith(("auth.", "admin.", "axes."))}


def test_reviewers_only_view():
    assert codenames(REVIEWERS) == expected(["view"], CONTENT_MODELS)


def test_the_data_migration_creates_the_groups_on_a_database_without_permissions_yet():
    """On a fresh database Django creates permissions only after all migrations; the migration makes them."""
    Group.objects.filter(name__in=[EDITORS, REVIEWERS]).delete()
    Permission.objects.all().delete()
    state = MigrationExecutor(connection).loader.project_state(("core", "0003_editorial_groups"))
    migration = importlib.import_module("core.migrations.0003_editorial_groups")
    migration.create_groups(state.apps, SimpleNamespace(connection=connection))
    assert codenames(EDITORS) >= {"coalition.publish_mission", "core.add_source", "programmes.delete_theme"}
    # The statements and the glossary came later, with a migration of their own that adds theirs; the parts
    # (PART_MODELS) came later too, and post_migrate adds theirs.
    earlier = [label for label in CONTENT_MODELS if label not in PART_MODELS]
    assert codenames(REVIEWERS) == expected(["view"], [label for label in earlier if not label.startswith("pages.")])
    state = MigrationExecutor(connection).loader.project_state(("pages", "0002_editorial_groups"))
    importlib.import_module("pages.migrations.0002_editorial_groups").add_permissions(
        state.apps, SimpleNamespace(connection=connection)
    )
    assert codenames(REVIEWERS) == expected(["view"], earlier)
    assert codenames(EDITORS) >= {"pages.publish_statement", "pages.change_glossaryterm"}


def test_running_again_adds_what_is_missing_and_keeps_what_was_given_by_hand():
    reviewers = Group.objects.get(name=REVIEWERS)
    reviewers.permissions.remove(Permission.objects.get(codename="view_mission"))
    extra = Permission.objects.get(codename="change_source")
    reviewers.permissions.add(extra)
    ensure_editorial_groups()
    assert "coalition.view_mission" in codenames(REVIEWERS)
    assert "core.change_source" in codenames(REVIEWERS)


def test_an_editor_edits_content_but_cannot_administer_users(editor_client):
    mission = MissionFactory()
    assert editor_client.get(change_url(mission)).status_code == 200
    assert editor_client.get(admin_url(Mission, "add")).status_code == 200
    assert editor_client.get(admin_url(SourceFactory(), "add")).status_code == 200
    assert editor_client.get(admin_url(User, "changelist")).status_code == 403
    assert editor_client.get(admin_url(Group, "changelist")).status_code == 403


def test_an_editor_is_offered_the_publishing_actions_and_buttons(editor_client):
    mission = MissionFactory(status="draft")
    changelist = editor_client.get(admin_url(Mission, "changelist")).content.decode()
    assert 'value="publish_now"' in changelist and 'value="unpublish"' in changelist
    form = editor_client.get(change_url(mission)).content.decode()
    assert 'name="_publish"' in form and 'name="_schedule"' in form


def test_a_reviewer_views_but_cannot_change_or_publish(reviewer_client):
    mission = MissionFactory(status="draft", title_en="Under review")
    page = reviewer_client.get(change_url(mission))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Under review" in html
    assert 'name="_publish"' not in html and 'name="_save"' not in html
    changelist = reviewer_client.get(admin_url(Mission, "changelist")).content.decode()
    assert 'value="publish_now"' not in changelist
    assert reviewer_client.post(change_url(mission), {"title_en": "Changed"}).status_code == 403
    assert reviewer_client.get(admin_url(Mission, "add")).status_code == 403
    assert reviewer_client.post(admin_url(mission, "publish", mission.pk)).status_code == 403
    mission.refresh_from_db()
    assert (mission.title_en, mission.status) == ("Under review", "draft")
