"""Test settings: fast hashing, in-memory e-mail, the database named by DATABASE_URL."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="django-insecure-test-only")
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# The benchmark's tools (bench/: the data builder the scaling tests use, the baseline page); never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
