"""Create or refresh a local superuser for development, with a new random password each time."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Development only: create the local 'admin' superuser with a fresh random password and print it."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        if not settings.DEBUG or settings.SETTINGS_MODULE != "config.settings.dev":
            raise CommandError("ensure_local_staff runs only with the development settings (config.settings.dev).")
        password = secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Local staff login ({'created' if created else 'new password'}): "
                f"http://127.0.0.1:8000/en/admin/  user: {username}  password: {password}"
            )
        )
