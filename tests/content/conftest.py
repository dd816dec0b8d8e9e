"""The site's real content: every file in fixtures/, loaded the way the README says."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

FIXTURE_FILES = sorted((Path(settings.BASE_DIR) / "fixtures").glob("*.json"))


@pytest.fixture
def fixture_files():
    assert FIXTURE_FILES, "fixtures/*.json is empty"
    return [str(path) for path in FIXTURE_FILES]


@pytest.fixture
def content(db, fixture_files):
    """All content fixtures loaded into the empty test database in one `loaddata` call."""
    call_command("loaddata", *fixture_files, verbosity=0)
