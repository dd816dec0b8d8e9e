from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .cache import cached_query


class CachedCountPaginator(Paginator):
    """A paginator whose row count (a COUNT(*) over the whole filtered list, the expensive part of a list page
    with much content) is shared through the query cache. `count_key` identifies the list: the view, the filter
    values and the language, never the page number, so every page of a list shares one count."""

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        return cached_query(lambda: Paginator.count.func(self), "paginator-count", *self.count_key)
