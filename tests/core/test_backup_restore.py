"""`make backup` and `make restore` (pg_dump/pg_restore, custom format) bring the database back exactly as
it was, every table compared; a damaged dump is refused without touching the database."""

import os
import subprocess

import pytest

from coalition.models import Country
from contributions.models import Contribution
from tests.factories import ActivityFactory, ContributionFactory, KeyFigureFactory, MandateFactory
from tests.helpers import PROJECT_DIR

from .test_loaddata_refusals import database_url, snapshot

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="Backups are of PostgreSQL (DATABASE_URL=postgres://…); CI runs these tests.",
    ),
]


def make(target, **variables):
    from django.db import connection

    connection.close()  # pg_restore --clean drops tables: hold no connection or lock meanwhile.
    return subprocess.run(
        ["make", "--no-print-directory", target, *(f"{name}={value}" for name, value in variables.items())],
        cwd=PROJECT_DIR,
        env={**os.environ, "DATABASE_URL": database_url()},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def saved_content():
    ContributionFactory(key="kept")
    MandateFactory()
    ActivityFactory()
    KeyFigureFactory()


def test_backup_then_restore_brings_everything_back(saved_content, tmp_path):
    dump = tmp_path / "isil.dump"
    before = snapshot()

    backup = make("backup", BACKUP_FILE=dump)
    assert backup.returncode == 0, backup.stderr
    assert f"Backup written to {dump}" in backup.stdout
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert not (tmp_path / "isil.dump.partial").exists()

    # Lose data: delete a contribution, rename a country.
    Contribution.objects.filter(key="kept").delete()
    Country.objects.update(name_en="Changed")
    assert snapshot() != before

    restore = make("restore", BACKUP=dump)
    assert restore.returncode == 0, restore.stderr
    assert snapshot() == before
    assert Contribution.objects.filter(key="kept").exists()


def test_damaged_dump_is_refused_and_changes_nothing(saved_content, tmp_path):
    good = tmp_path / "good.dump"
    assert make("backup", BACKUP_FILE=good).returncode == 0
    damaged = tmp_path / "damaged.dump"
    damaged.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    before = snapshot()

    restore = make("restore", BACKUP=damaged)

    assert restore.returncode != 0
    assert snapshot() == before


def test_backup_refuses_a_database_that_is_not_postgresql(tmp_path):
    result = subprocess.run(
        ["make", "--no-print-directory", "backup", f"BACKUP_FILE={tmp_path / 'x.dump'}"],
        cwd=PROJECT_DIR,
        env={**os.environ, "DATABASE_URL": "sqlite:////tmp/whatever.sqlite3"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "DATABASE_URL must name the PostgreSQL database" in result.stderr
    assert not (tmp_path / "x.dump").exists()
