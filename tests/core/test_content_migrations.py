"""The migrations that brought in end states, ordered mandates and optional themes, run forward on the content as
it was before them (`before_end_states/`: the fixtures of that time): nothing is lost, an end date becomes
"ended", an empty end becomes "not known" (never "under way"), each single mandate becomes the first of its
contribution's list, and each activity keeps its theme and gains that theme's programme."""

import copy
import json
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor

from coalition.models import Mission
from contributions.models import Authorisation, Contribution
from programmes.models import Activity, Programme

BEFORE = [
    ("core", "0003_editorial_groups"),
    ("coalition", "0005_search_indexes"),
    ("contributions", "0005_search_indexes"),
    ("programmes", "0004_search_indexes"),
]
FILES = ["coalition", "contributions", "programmes"]
DATA = Path(__file__).parent / "before_end_states"
# The database the content of that time is loaded into and migrated.
OLD_CONTENT = "old_content"


def natural_lookup(model, value):
    """The row a fixture's natural key names, in a model of the migration state."""
    rows = model.objects.using(OLD_CONTENT)
    if model._meta.model_name == "country":
        return rows.get(code=value[0])
    if model._meta.model_name == "theme":
        return rows.get(number=value[0], programme__key=value[1])
    return rows.get(key=value[0])


def load_old_fixtures(apps):
    """The old fixture files through the old models (loaddata would use today's): plain fields and foreign keys;
    many-to-many relations play no part in what the migrations change."""
    objects = [obj for name in FILES for obj in json.loads((DATA / f"{name}.json").read_text())]
    deferred = []
    for obj in objects:
        model = apps.get_model(obj["model"])
        values = {}
        for name, value in obj["fields"].items():
            field = model._meta.get_field(name)
            if field.many_to_many:
                continue
            if field.is_relation and value is not None:
                if field.related_model is model:
                    deferred.append((model, obj["fields"], name, value))
                    continue
                value = natural_lookup(field.related_model, value)
            values[field.name] = value
        model.objects.using(OLD_CONTENT).create(**values)
    for model, fields, name, value in deferred:
        row = natural_lookup(model, [fields["key"]])
        setattr(row, name, natural_lookup(model, value))
        row.save(using=OLD_CONTENT)
    return objects


@pytest.fixture
def empty_database(transactional_db, django_db_blocker):
    """A database beside the test database, with nothing in it, for the migrations to run in from the start (as
    on a deployment of that time): quicker than taking the test database back through every later migration.
    Created from the test database's connection, which must be outside a transaction for that."""
    settings = copy.deepcopy(connection.settings_dict)
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            settings["NAME"] = ":memory:"
        else:
            settings["NAME"] = f"{settings['NAME']}_{OLD_CONTENT}"
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')
                cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
        connections.settings[OLD_CONTENT] = settings
        try:
            yield connections[OLD_CONTENT]
        finally:
            connections[OLD_CONTENT].close()
            del connections[OLD_CONTENT]
            del connections.settings[OLD_CONTENT]
            ContentType.objects.clear_cache()  # It keeps that database's content types by its name.
            if connection.vendor != "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')


@pytest.fixture
def migrated_from_old_content(empty_database):
    executor = MigrationExecutor(empty_database)
    # The content apps' latest migrations and what they depend on (not the admin's, sessions' or login throttle's).
    latest = [node for node in executor.loader.graph.leaf_nodes() if node[0] in {app for app, _name in BEFORE}]
    executor.migrate(BEFORE)
    old_apps = MigrationExecutor(empty_database).loader.project_state(BEFORE).apps
    objects = load_old_fixtures(old_apps)
    executor = MigrationExecutor(empty_database)
    executor.migrate(latest)
    return {(obj["model"], obj["fields"].get("key")): obj["fields"] for obj in objects}


def test_migrations_keep_the_old_content_and_say_no_more_than_it_did(migrated_from_old_content):
    old = migrated_from_old_content
    old_contributions = {key: fields for (model, key), fields in old.items() if model == "contributions.contribution"}
    assert old_contributions and Contribution.objects.using(OLD_CONTENT).count() == len(old_contributions)
    for contribution in Contribution.objects.using(OLD_CONTENT).all():
        before = old_contributions[contribution.key]
        assert str(contribution.start_date) == str(before["start_date"]) or before["start_date"] is None
        if before["end_date"]:
            assert (contribution.end_state, contribution.end_date.isoformat()) == ("ended", before["end_date"])
            assert contribution.end_precision == before["end_precision"]
        else:
            assert (contribution.end_state, contribution.end_date) == ("not-known", None)
        assert contribution.confirmed_on is None and contribution.confirmed_by_id is None
        mandates = list(
            Authorisation.objects.using(OLD_CONTENT)
            .filter(contribution=contribution)
            .values_list("mandate__key", "order")
        )
        assert mandates == ([(before["mandate"][0], 1)] if before["mandate"] else [])

    for mission in Mission.objects.using(OLD_CONTENT).all():
        assert mission.end_state == ("ended" if old["coalition.mission", mission.key]["end_date"] else "not-known")
    for programme in Programme.objects.using(OLD_CONTENT).all():
        assert programme.end_state == (
            "ended" if old["programmes.programme", programme.key]["end_date"] else "not-known"
        )
    activities = Activity.objects.using(OLD_CONTENT).select_related("theme__programme", "programme")
    assert activities.count() == sum(1 for model, _key in old if model == "programmes.activity")
    for activity in activities:
        assert activity.theme.number == old["programmes.activity", activity.key]["theme"][0]
        assert activity.programme == activity.theme.programme
    # The new database rules hold for every migrated row.
    for model in (Contribution, Mission, Programme):
        for obj in model.objects.using(OLD_CONTENT).all():
            obj.clean_period()
