""" "Cite this page": the citation of a content page, shown at its foot (with a copy button) and in the header of
its printout.

The date in it is the day the page was generated, and it says so: pages are kept in the page cache (perf/) and
served unchanged for a while, so "accessed" or "printed" with a date fixed at rendering would not be true."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class Citation:
    title: str
    publisher: str
    url: str  # The page's permanent address.
    generated: datetime.date  # The day the page was generated.


def cite(request, title, path):
    """The citation of the page at `path` with the given title, generated now."""
    return Citation(
        title=str(title or ""),
        publisher=str(settings.SITE_NAME),
        url=request.build_absolute_uri(path),
        generated=timezone.localdate(),
    )
