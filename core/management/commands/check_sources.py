"""Check that every source's address still answers, and record the result on the source (core.linkcheck)."""

import threading

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import linkcheck
from core.models import Source


class Command(BaseCommand):
    help = (
        "Check every source's address (following redirects) and record the time, the HTTP status or error and the "
        "final address on the source. Exits with status 1 when any source is broken."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=4, help="Hosts checked at the same time (default 4).")
        parser.add_argument(
            "--delay", type=float, default=1.0, help="Seconds between two requests to the same host (default 1)."
        )
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for an answer (default 10).")
        parser.add_argument("keys", nargs="*", help="Check only the sources with these keys.")

    def handle(self, *args, workers, delay, timeout, keys, **options):
        if workers < 1 or delay < 0 or timeout <= 0:
            raise CommandError("--workers must be at least 1, --delay at least 0 and --timeout more than 0.")
        sources = list(Source.objects.filter(key__in=keys) if keys else Source.objects.all())
        if keys and len(sources) != len(set(keys)):
            missing = sorted(set(keys) - {source.key for source in sources})
            raise CommandError(f"No source with the key(s): {', '.join(missing)}")
        urls = {source.url for source in sources}
        progress = self.progress_bar(len(urls))
        results = linkcheck.check_urls(urls, workers=workers, delay=delay, timeout=timeout, on_result=progress)
        if getattr(progress, "shown", False):
            self.stderr.write("")

        now = timezone.now()
        broken, redirected = [], []
        for source in sources:
            result = results[source.url]
            linkcheck.store(source, result, now)
            if result.is_broken:
                broken.append((source, result))
            elif source.link_final_url:
                redirected.append((source, result))

        for source, result in redirected:
            self.stdout.write(f"moved   {source.key}: {source.url} -> {result.final_url}")
        for source, result in broken:
            what = result.error or f"HTTP {result.status}"
            archive = " (archived copy available)" if source.archive_url else ""
            self.stdout.write(self.style.ERROR(f"broken  {source.key}: {source.url} [{what}]{archive}"))
        summary = (
            f"{len(sources)} sources checked: {len(sources) - len(broken)} answer "
            f"({len(redirected)} through a redirect), {len(broken)} broken."
        )
        if broken:
            self.stdout.write(self.style.ERROR(summary))
            raise CommandError(f"{len(broken)} of {len(sources)} sources are broken.", returncode=1)
        self.stdout.write(self.style.SUCCESS(summary))

    def progress_bar(self, total):
        """A one-line bar on stderr when it is a terminal; nothing when the output goes to a file or a log."""
        stream = self.stderr._out
        if not (hasattr(stream, "isatty") and stream.isatty()) or not total:
            return None
        lock, state = threading.Lock(), {"done": 0}

        def advance(result):
            with lock:
                state["done"] += 1
                filled = 30 * state["done"] // total
                stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {state['done']}/{total}")
                stream.flush()
                advance.shown = True

        return advance
