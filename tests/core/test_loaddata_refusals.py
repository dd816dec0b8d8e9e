"""A bad fixture makes `loaddata` exit non-zero with a message naming the object, and leaves every table
exactly as it was: row counts and content compared table by table, on PostgreSQL.

Each bad fixture first changes an existing row and adds a valid new one, so that a partial load would show."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from tests.factories import (
    ActivityFactory,
    ContributionFactory,
    CountryFactory,
    KeyFigureFactory,
    MandateFactory,
)
from tests.helpers import PROJECT_DIR

ON_POSTGRESQL = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="The fixture-safety tests run on PostgreSQL (DATABASE_URL=postgres://…); CI runs them.",
    ),
]
pytestmark = [*ON_POSTGRESQL, pytest.mark.subprocess]  # Each load runs manage.py in a fresh process.


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def manage(*args):
    """Run manage.py against the test database in a fresh process, as an operator would."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url()}
    connection.close()  # Nothing of ours holds a transaction or a lock while the command runs.
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def snapshot():
    """Every table's row count and an order-independent digest of its rows."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        state = {}
        for table in tables:
            name = connection.ops.quote_name(table)
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {name} t"
            )
            state[table] = cursor.fetchone()
    return state


@pytest.fixture
def existing_content():
    """Published content across every app, as the site holds it."""
    ContributionFactory(key="dk-existing", country=CountryFactory(code="DK", name_en="Denmark"))
    MandateFactory()
    ActivityFactory()
    KeyFigureFactory()


def obj(model, fields, pk=None):
    return {"model": model, **({"pk": pk} if pk is not None else {}), "fields": fields}


def source(key, **fields):
    return obj(
        "core.source",
        {"key": key, "title": "A document", "publisher": "Folketinget", "url": "https://www.ft.dk/", **fields},
    )


def country(code, **fields):
    return obj(
        "coalition.country",
        {
            "code": code,
            "name_en": f"Country {code}",
            "slug_en": f"country-{code.lower()}",
            "status": "published",
            **fields,
        },
    )


def contribution(existing, key, **fields):
    """A new contribution to the same mission, of the same kind, as an existing one."""
    return obj(
        "contributions.contribution",
        {
            "key": key,
            "country": ["DK"],
            "mission": [existing.mission.key],
            "kind": [existing.kind.key],
            "title_en": "A contribution",
            "slug_en": key,
            "description_en": "What was sent.",
            "as_of": "2020-06-11",
            "status": "published",
            **fields,
        },
    )


@pytest.fixture
def existing(existing_content):
    from contributions.models import Contribution

    return Contribution.objects.select_related("country", "mission", "kind").get(key="dk-existing")


# Changes that are valid on their own: renaming Denmark and adding a new source. They must not survive
# a failure later in the same load.
VALID_PREFIX = [country("DK", name_en="Renamed Denmark"), source("new-valid-source")]

BAD_OBJECTS = {
    "dangling natural reference": (
        lambda existing: contribution(existing, "dk-dangling", country=["ZZ"]),
        ['contributions.contribution "dk-dangling"', "country refers to coalition.country ['ZZ']", "does not exist"],
    ),
    "dangling numeric reference": (
        lambda existing: obj(
            "core.keyfigure",
            {"key": "kf-dangling", "value_en": "80+", "label_en": "members", "as_of": "2024-01-01", "source": 987654},
        ),
        ['core.keyfigure "kf-dangling"', "source refers to core.source 987654", "does not exist"],
    ),
    "dangling many-to-many reference": (
        lambda existing: contribution(existing, "dk-dangling-sources", sources=[["no-such-source"]]),
        ['contributions.contribution "dk-dangling-sources"', "sources refers to an object that does not exist"],
    ),
    "invalid choice": (
        lambda existing: contribution(existing, "dk-bad-status", status="bogus"),
        ['contributions.contribution "dk-bad-status"', "invalid value", "status", "bogus"],
    ),
    "invalid date": (
        lambda existing: contribution(existing, "dk-bad-date", as_of="2020-02-30"),
        ['contributions.contribution "dk-bad-date"', "object 3 in", "2020-02-30"],
    ),
    "end before start": (
        lambda existing: contribution(existing, "dk-bad-period", start_date="2020-01-01", end_date="2019-01-01"),
        ['contributions.contribution "dk-bad-period"', "end_date: The end date must be on or after the start date."],
    ),
    "no title in any language": (
        lambda existing: contribution(existing, "dk-no-title", title_en="", description_en=""),
        [
            'contributions.contribution "dk-no-title"',
            "refused as the admin would refuse it",
            "title_en: Fill in this field in at least one language.",
        ],
    ),
    "no slug in any language": (
        lambda existing: contribution(existing, "dk-no-slug", slug_en=None),
        ['contributions.contribution "dk-no-slug"', "slug: empty in every language"],
    ),
    "a mission without a title": (
        lambda existing: obj(
            "coalition.mission",
            {"key": "untitled", "slug_en": "untitled", "summary_en": "A summary.", "status": "published"},
        ),
        ['coalition.mission "untitled"', "title_en: Fill in this field in at least one language."],
    ),
    "an existing country loaded again without its slugs": (
        lambda existing: country("NO", slug_en=None),
        ['coalition.country "NO"', "slug: empty in every language"],
    ),
    "unsafe URL": (
        lambda existing: source("src-js", url="javascript:alert(1)"),
        ['core.source "src-js"', "invalid value", "url"],
    ),
    "country code not ISO": (
        lambda existing: country("D1"),
        ['coalition.country "D1"', "invalid value", "code: Enter a two-letter ISO 3166-1 code"],
    ),
    "duplicate key in the file": (
        lambda existing: [source("twice"), source("twice", title="Another document")],
        ["Duplicate key", 'core.source "twice" (object 4', "key='twice'", 'core.source "twice" (object 3'],
    ),
    "duplicate of an existing row's unique value": (
        lambda existing: contribution(existing, "dk-same-address", slug_en=existing.slug_en),
        ['contributions.contribution "dk-same-address"', "contributions_contribution_slug_en_unique"],
    ),
}


@pytest.mark.parametrize("case", BAD_OBJECTS)
def test_bad_fixture_changes_nothing(existing, tmp_path, case):
    build, expected = BAD_OBJECTS[case]
    bad = build(existing)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([*VALID_PREFIX, *(bad if isinstance(bad, list) else [bad])]), encoding="utf-8")
    before = snapshot()

    result = manage("loaddata", str(path))

    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("CommandError: "), result.stderr
    for fragment in expected:
        assert fragment in message
    assert "Traceback" not in result.stderr
    assert snapshot() == before


def test_malformed_json_changes_nothing(existing, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(VALID_PREFIX), encoding="utf-8")
    bad = tmp_path / "truncated.json"
    bad.write_text(json.dumps([source("a-source"), source("b-source")])[:-30], encoding="utf-8")
    before = snapshot()

    result = manage("loaddata", str(good), str(bad))

    assert result.returncode != 0
    assert f"Fixture {bad} is not valid JSON" in result.stderr
    assert "line 1 column" in result.stderr
    assert snapshot() == before


def test_bad_second_file_undoes_the_first(existing, tmp_path):
    """The files load in one transaction: a failure in any file undoes every file."""
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    first.write_text(json.dumps(VALID_PREFIX), encoding="utf-8")
    second.write_text(json.dumps([contribution(existing, "dk-late-failure", country=["ZZ"])]), encoding="utf-8")
    before = snapshot()

    result = manage("loaddata", str(first), str(second))

    assert result.returncode != 0
    assert 'contributions.contribution "dk-late-failure"' in result.stderr
    assert snapshot() == before


def test_duplicate_across_files(existing, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    first.write_text(json.dumps([source("shared-key")]), encoding="utf-8")
    second.write_text(json.dumps([source("shared-key", title="Changed")]), encoding="utf-8")
    before = snapshot()

    result = manage("loaddata", str(first), str(second))

    assert result.returncode != 0
    assert f'core.source "shared-key" (object 1 in {second})' in result.stderr
    assert snapshot() == before


def test_valid_fixture_loads_and_the_comparison_sees_it(existing, tmp_path):
    """The control: the same valid objects alone load, and the snapshot notices the change."""
    from coalition.models import Country
    from core.models import Source

    path = tmp_path / "valid.json"
    path.write_text(json.dumps(VALID_PREFIX), encoding="utf-8")
    before = snapshot()

    result = manage("loaddata", str(path))

    assert result.returncode == 0, result.stderr
    assert "Installed 2 object(s)" in result.stdout
    after = snapshot()
    assert after["core_source"][0] == before["core_source"][0] + 1
    assert after["coalition_country"] != before["coalition_country"]
    assert Country.objects.get(code="DK").name_en == "Renamed Denmark"
    assert Source.objects.filter(key="new-valid-source").exists()
    # Loading the same file again is allowed: natural keys update the same rows, nothing is added.
    assert manage("loaddata", str(path)).returncode == 0
    assert {table: count for table, (count, _digest) in snapshot().items()} == {
        table: count for table, (count, _digest) in after.items()
    }


def test_real_fixtures_with_a_contribution_stripped_of_titles_and_slugs(db, tmp_path):
    """The probe's case: a copy of the content fixtures where one contribution has no title_* and no slug_* keys.
    It used to load ("Installed 154 object(s)") and break a dozen pages with NoReverseMatch."""
    files = []
    for path in sorted((PROJECT_DIR / "fixtures").glob("*.json")):
        objects = json.loads(path.read_text(encoding="utf-8"))
        for item in objects:
            if item["model"] == "contributions.contribution":
                stripped = item
        files.append((path.name, objects))
    stripped["fields"] = {
        name: value for name, value in stripped["fields"].items() if not name.startswith(("title", "slug"))
    }
    for name, objects in files:
        (tmp_path / name).write_text(json.dumps(objects), encoding="utf-8")
    before = snapshot()

    result = manage("loaddata", *sorted(str(path) for path in tmp_path.glob("*.json")))

    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert f'contributions.contribution "{stripped["fields"]["key"]}"' in message
    assert "Fill in this field in at least one language" in message
    assert snapshot() == before
