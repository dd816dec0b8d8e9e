from django.core.management.base import BaseCommand, CommandError

from perf.cache import bump_generation


class Command(BaseCommand):
    help = (
        "Invalidate every cached page and shared query result at once (all workers and servers sharing the cache). "
        "Saves in the admin and loaddata do this by themselves; run it after changing content by other means, such "
        "as SQL or QuerySet.update()."
    )

    def handle(self, *args, **options):
        generation = bump_generation()
        if generation is None:
            raise CommandError("The cache could not be reached; nothing was invalidated.")
        self.stdout.write(f"Page cache invalidated (generation {generation}).")
