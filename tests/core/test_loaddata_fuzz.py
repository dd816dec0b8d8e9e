"""Property-based fixture corruption, on PostgreSQL: a valid fixture file with one object corrupted (required
translations missing, empty slugs, references to nothing, values outside the choices, impossible dates, a duplicate,
values of the wrong type) is refused by `loaddata` with a message naming the object, and every table is left as it
was. test_loaddata.py runs hand-picked cases as an operator would (manage.py in a fresh process); this runs many
generated ones in-process."""

import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_loaddata_refusals import ON_POSTGRESQL, contribution, existing, existing_content, obj, snapshot  # noqa: F401 (fixtures)

pytestmark = [*ON_POSTGRESQL, pytest.mark.fuzz]

LANGUAGES = ("da", "nb", "en")
garbage = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    st.booleans(),
)


def mission(key, **fields):
    return obj(
        "coalition.mission",
        {
            "key": key,
            "title_en": "A mission",
            "slug_en": key,
            "summary_en": "What it does.",
            "start_date": "2015-01-01",
            "status": "published",
            **fields,
        },
    )


def without(fields, prefix):
    return {name: value for name, value in fields.items() if not name.startswith(prefix)}


# Each corruption: (name, function(object, drawn value) -> the objects to write instead of the object).
CORRUPTIONS = {
    "missing required translations": lambda item, _value: [
        {**item, "fields": without(item["fields"], "title")},
    ],
    "empty slugs": lambda item, value: [
        {**item, "fields": {**item["fields"], **{f"slug_{code}": "" if value else None for code in LANGUAGES}}},
    ],
    "bad reference": lambda item, value: [
        {**item, "fields": {**item["fields"], "country" if "country" in item["fields"] else "parent": [str(value)]}},
    ],
    "bad choice": lambda item, value: [
        {**item, "fields": {**item["fields"], "status": f"not-a-status {value}"}},
    ],
    "bad date": lambda item, value: [
        {**item, "fields": {**item["fields"], "start_date": f"2020-02-{30 + abs(hash(str(value))) % 70}"}},
    ],
    "duplicate key": lambda item, value: [
        item,
        {**copy.deepcopy(item), "fields": {**item["fields"], "title_en": str(value)}},
    ],
    "wrong type": lambda item, value: [
        {**item, "fields": {**item["fields"], "start_date": value if not isinstance(value, str) else [value]}},
    ],
}


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    corruption=st.sampled_from(sorted(CORRUPTIONS)),
    target=st.sampled_from(["contribution", "mission"]),
    value=garbage,
    position=st.integers(min_value=0, max_value=2),
)
def test_a_corrupted_object_is_refused_by_name_and_changes_nothing(
    existing,  # noqa: F811 (a fixture)
    tmp_path_factory,
    corruption,
    target,
    value,
    position,
):
    victim = (
        contribution(existing, "fuzz-victim", start_date="2020-01-01")
        if target == "contribution"
        else mission("fuzz-victim")
    )
    valid = [contribution(existing, "fuzz-valid-1"), mission("fuzz-valid-2")]
    objects = valid[:position] + CORRUPTIONS[corruption](victim, value) + valid[position:]
    path = tmp_path_factory.mktemp("corrupt") / "corrupt.json"
    path.write_text(json.dumps(objects, default=str), encoding="utf-8")
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        call_command("loaddata", str(path), verbosity=0)

    assert "fuzz-victim" in str(refused.value), str(refused.value)
    assert snapshot() == before
