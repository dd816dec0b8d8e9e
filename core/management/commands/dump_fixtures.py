"""`manage.py dump_fixtures`: rewrite fixtures/*.json from the database, one file per entry of the content registry.

Each file holds the models that the registry assigns to it (core.registry.fixture_files()), dumped as `dumpdata`
does with natural keys (no numeric ids), an indent of 2 and every column, so every language's column of a translated
field. Only content is dumped: no content types, permissions, sessions, users or edit history.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from core import registry


class Command(BaseCommand):
    help = "Rewrite the content fixtures (fixtures/*.json) from the database, as the content registry lists them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=Path(settings.BASE_DIR) / "fixtures",
            type=Path,
            help="Where to write the files (default: the project's fixtures/).",
        )

    def handle(self, *args, directory, **options):
        directory.mkdir(parents=True, exist_ok=True)
        for name, labels in registry.fixture_files().items():
            path = directory / f"{name}.json"
            call_command(
                "dumpdata", *labels, natural_foreign=True, natural_primary=True, indent=2, output=str(path), verbosity=0
            )
            if options["verbosity"]:
                self.stdout.write(f"{path}: {', '.join(labels)}")
