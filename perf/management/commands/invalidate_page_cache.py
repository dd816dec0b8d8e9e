from django.core.management.base import BaseCommand, CommandError

from perf.cache import clear_pages


class Command(BaseCommand):
    help = (
        "Empty the anonymous page cache (every worker and server sharing it). Admin saves and actions, loaddata "
        "and the site's own bulk updates do this by themselves; run it after changing content with SQL."
    )

    def handle(self, *args, **options):
        if not clear_pages():
            raise CommandError("The page cache could not be reached; nothing was emptied.")
        self.stdout.write("Page cache emptied.")
