"""Database states that consecutive tests share instead of each building its own (see SharedStates)."""

import copy

from django.db import transaction
from django.test import TestCase
from django.utils import translation


def _is_transactional(item):
    """Whether pytest-django runs this test without a wrapping transaction (live server, transaction=True)."""
    names = getattr(item, "fixturenames", ())
    if {"transactional_db", "live_server", "django_db_reset_sequences"} & set(names):
        return True
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))


class SharedStates:
    """The database states that tests share instead of building their own (`content`, `site`, and the discovery
    tests' `scene`): the first test that asks for one builds it inside a transaction that stays open, each test
    runs in a savepoint of it and gets its own copy of the Python objects (as Django's TestCase does with
    setUpTestData), and the transaction is rolled back before the first test that asks for something else."""

    def __init__(self):
        self.builders = {}  # fixture name -> function that builds the state and returns its objects
        self.blocker = None  # pytest-django's database blocker, once the test database exists
        self.wanted = None  # the state the test about to run shares
        self.name = None  # the state that is open
        self.objects = None
        self.atomic = None

    def wanted_by(self, item):
        if _is_transactional(item):
            return None
        names = getattr(item, "fixturenames", ())
        return next((name for name in self.builders if name in names), None)

    def open(self, name):
        with self.blocker.unblock(), translation.override("en"):
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                # What the build leaves for the commit (the page cache's invalidation) runs now, as if committed.
                with TestCase.captureOnCommitCallbacks(execute=True):
                    self.objects = self.builders[name]()
            except BaseException as error:
                atomic.__exit__(type(error), error, error.__traceback__)
                raise
        self.name, self.atomic = name, atomic

    def close(self):
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.name = self.objects = self.atomic = None

    def prepare_for(self, item):
        self.wanted = self.wanted_by(item)
        if self.name and self.name != self.wanted:
            self.close()
        if self.wanted and not self.name and self.blocker:
            self.open(self.wanted)

    def get(self, name):
        """The state for this test: a copy of the shared objects, or built for this test alone where the test
        cannot run inside the shared transaction. The fixture that calls this asks for `db` (which pytest-django
        makes transactional where the test is): the test database then exists, and the shared transaction opened
        before the test's own."""
        if self.name == name:
            return copy.deepcopy(self.objects)
        return self.builders[name]()


shared_states = SharedStates()
