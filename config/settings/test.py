"""Test settings: fast hashing, in-memory e-mail, the database named by DATABASE_URL."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, INSTALLED_APPS, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="django-insecure-test-only")
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# The benchmark's tools (bench/: the data builder the scaling tests use, the baseline page); never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]

# On SQLite the test databases are files (test-db.sqlite3, one per test worker with its suffix) rather than in
# memory, so that pytest's --reuse-db (pyproject.toml) keeps them from one run to the next: a run then applies only
# the migrations that are new instead of building every table again. `pytest --create-db` starts afresh. Nothing
# here needs to survive a crash, so SQLite neither waits for the disk nor keeps a rollback journal on it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY;"
    )
