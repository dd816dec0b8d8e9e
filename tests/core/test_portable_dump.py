"""The portable backup path: dump with natural keys, load into an empty (freshly migrated) database, dump
again: the two dumps are identical, byte for byte. On PostgreSQL, as production runs."""

import os
import re
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from tests.factories import (
    ActivityFactory,
    ContributionFactory,
    CountryFactory,
    KeyFigureFactory,
    MandateFactory,
    MissionFactory,
    ProgrammeFactory,
    SourceFactory,
    ThemeFactory,
)
from tests.helpers import PROJECT_DIR

from .test_loaddata_refusals import database_url

SUBSECOND_ZERO = re.compile(r'\.000(?=(?:Z|[+-]\d\d:\d\d)")')

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="The portable dump test runs on PostgreSQL (DATABASE_URL=postgres://…); CI runs it.",
    ),
]

# What a portable dump leaves out: rows that migrate recreates or that have no value elsewhere.
DUMP = [
    "dumpdata",
    "--natural-foreign",
    "--natural-primary",
    "--indent",
    "2",
    "--exclude",
    "contenttypes",
    "--exclude",
    "auth.permission",
    "--exclude",
    "sessions",
    "--exclude",
    "admin.logentry",
    "--exclude",
    "axes",
]


def manage(url, *args):
    # django-simple-history builds the many-to-many history models in set order, which varies with Python's
    # hash seed, and dumpdata lists models in registry order. The seed is fixed so that the comparison is
    # about the data.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": url,
        "PYTHONHASHSEED": "0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def empty_database():
    """A second, freshly migrated database: what a restore on a new server starts from."""
    name = f"{connection.settings_dict['NAME']}_portable"
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
        cursor.execute(f"CREATE DATABASE {quoted}")
    url = urlunsplit(urlsplit(database_url())._replace(path=f"/{name}"))
    manage(url, "migrate", "--noinput", "-v0")
    yield url
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


@pytest.fixture
def site_content(django_user_model):
    """Every content model, relations of every kind, text in three languages with non-ASCII letters."""
    denmark = CountryFactory(code="DK", name_da="Danmark", name_nb="Danmark", name_en="Denmark")
    norway = CountryFactory(code="NO", name_da="Norge", name_nb="Norge", name_en="Norway")
    coalition = MissionFactory(key="oir", title_da="Operation Inherent Resolve", host_countries=[CountryFactory()])
    part = MissionFactory(key="part-of-oir", parent=coalition, title_nb="Bidrag i Irak, del én")
    mandate = MandateFactory(key="dk-mandate", country=denmark, missions=[coalition, part])
    ContributionFactory(
        key="dk-contribution", country=denmark, mission=part, mandate=mandate, partner_countries=[norway]
    )
    theme = ThemeFactory(programme=ProgrammeFactory(key="dk-programme", donor=denmark, target_countries=[norway]))
    ThemeFactory(programme=theme.programme, number=7)
    ActivityFactory(theme=theme).countries.set([norway])
    KeyFigureFactory(key="figure", country=denmark, mission=coalition, source=SourceFactory(title="Beslutning æøå"))
    editor = django_user_model.objects.create_user("redaktør", "editor@example.org", "a long passphrase 42")
    editor.groups.set(Group.objects.all()[:1])


def test_dump_load_dump_is_identical(site_content, empty_database, tmp_path):
    first = tmp_path / "first.json"
    manage(database_url(), *DUMP, "-o", str(first))
    dumped = first.read_text(encoding="utf-8")
    # The dump holds the content, by natural keys rather than database ids.
    for expected in ['"key": "dk-contribution"', '"country": [\n      "DK"\n    ]', "Beslutning æøå", "redaktør"]:
        assert expected in dumped

    loaded = manage(empty_database, "loaddata", str(first))
    assert "Installed" in loaded.stdout

    second = tmp_path / "second.json"
    manage(empty_database, *DUMP, "-o", str(second))
    assert whole_milliseconds(second.read_text(encoding="utf-8")) == whole_milliseconds(dumped)


def whole_milliseconds(dump):
    """Django's serializer writes times to the millisecond, and a time between 1 and 999 microseconds past a second
    as ".000", which it leaves out once loaded (0 microseconds): the same time, written two ways."""
    return SUBSECOND_ZERO.sub("", dump)
