"""CSV, JSON and spreadsheet (XLSX) downloads of the data sets: of a public list, row for row what the list shows
under the same filters.

An export of at most CACHEABLE_ROWS rows is built whole and answered as an ordinary response, so the anonymous
page cache keeps it like any page (per language and address, filters included, until the content changes; see
perf/middleware.py) and a repeat visitor's If-None-Match gets 304 Not Modified. When a filtered list is in the
news and many journalists download the same file at once, one request builds it and the rest are served from the
cache without touching the database. (A cached JSON export's "generated" is the time the cached copy was made.)
A larger export is streamed: rows are read from the database in chunks (from a server-side cursor on PostgreSQL,
related sets included, in one query) and written as they come, so memory stays bounded however many rows a filter
selects; such files are neither cached nor given an ETag. (A spreadsheet, a zip archive, is always built whole;
above the bound it is not cached either; see discovery/spreadsheet.py.)

Every download names its licence and its data package in a Link header and has a Last-Modified time, the latest
change to the site's content (discovery/changes.py), so a client can ask If-Modified-Since as well as
If-None-Match.

Which of the two an export is follows from reading its first rows: the view reads up to CACHEABLE_ROWS + 1 rows
before it answers. Fewer, and the export is complete; more, and the rows read so far start the stream and the
same query goes on. That costs no query beyond the rows themselves (a separate count would be one more for every
export not yet counted), and the rows read ahead are what a cacheable export would hold anyway.

The CSV starts with a byte order mark, so spreadsheets read it as UTF-8 and show æ, ø and å."""

import csv
import json
from itertools import chain, islice

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views import View

from core.text import slugify_localized

from .changes import last_change
from .datasets import DATASETS, IGNORED_PARAMETERS, InvalidFilters, iso
from .licence import data_licence
from .licence import link_header as licence_link
from .spreadsheet import MEDIA_TYPE, workbook_bytes

# Exports of at most this many rows are answered whole, and so can be cached; larger ones are streamed. 2,000
# rows of the widest data set (contributions, with every language's texts) make about 2.5 MB of CSV or 3.7 MB of
# JSON, which a response may hold in memory and a cache entry may take.
CACHEABLE_ROWS = 2000
# Rows fetched per database round trip.
CHUNK_SIZE = 500
# Rows written per chunk of the response.
ROWS_PER_WRITE = 100

BYTE_ORDER_MARK = "\ufeff"
# A filtered download's file name stays short enough for every file system.
FILE_NAME_LENGTH = 120

# One encoder for every row: json.dumps() with options builds a new one for each call.
encode_json = json.JSONEncoder(ensure_ascii=False).encode


class _Echo:
    """A file-like object whose write() returns what it is given, so csv.writer produces strings to stream."""

    def write(self, value):
        return value


def csv_rows(dataset, rows, context):
    yield BYTE_ORDER_MARK
    writerow = csv.writer(_Echo()).writerow
    yield writerow(dataset.column_names())
    csv_row = dataset.csv_row
    buffer = []
    for row in rows:
        buffer.append(writerow(csv_row(row, context)))
        if len(buffer) >= ROWS_PER_WRITE:
            yield "".join(buffer)
            buffer = []
    if buffer:
        yield "".join(buffer)


def json_document(dataset, rows, context, header):
    """The JSON export: `header`'s members, then "rows" (one object per row) and "count" at the end."""
    opening = json.dumps(header, ensure_ascii=False)
    yield opening[:-1] + ', "rows": ['
    json_row = dataset.json_row
    count = 0
    buffer = []
    for row in rows:
        buffer.append(("," if count else "") + "\n" + encode_json(json_row(row, context)))
        count += 1
        if len(buffer) >= ROWS_PER_WRITE:
            yield "".join(buffer)
            buffer = []
    yield "".join(buffer) + f'\n], "count": {count}}}\n'


def applied_filters(filterset, request):
    """The filters given in the request, as given: {parameter: value}."""
    if filterset is None:
        return {}
    return {name: request.GET[name] for name in filterset.filters if request.GET.get(name, "").strip()}


def list_url(dataset, request, filters):
    """The address of the rows' public list with the same filters; for a data set no list shows, the "Open data"
    page's description of it."""
    if not dataset.list_url_name:
        return request.build_absolute_uri(reverse("discovery:open_data") + f"#fields-{dataset.name}")
    params = request.GET.copy()
    for name in list(params):
        if name not in filters:
            params.pop(name)
    query = f"?{params.urlencode()}" if params else ""
    return request.build_absolute_uri(reverse(dataset.list_url_name) + query)


def file_name(dataset, filters, extension):
    """The download's file name: the data set's name and, for a filtered download, each filter with its value, so
    that two downloads of different rows are not saved under one name: contributions_country-dk_year-2017.csv."""
    parts = [dataset.name, *(f"{name}-{slugify_localized(value, 40) or 'x'}" for name, value in filters.items())]
    return f"{'_'.join(parts)[:FILE_NAME_LENGTH]}.{extension}"


def read_ahead(rows, limit):
    """(rows, complete): every row when there are at most `limit`, else an iterator over all of them that has
    read only the first `limit` + 1 so far."""
    rows = iter(rows)
    first = list(islice(rows, limit + 1))
    if len(first) <= limit:
        return first, True
    return chain(first, rows), False


def link_header(request):
    """The licence of every download and the data package that describes them (RFC 8288)."""
    package = request.build_absolute_uri(reverse("discovery:datapackage"))
    return f'{licence_link()}, <{package}>; rel="describedby"; type="application/json"'


class ExportView(View):
    """One data set in one format. Invalid filters, parameters that are not filters of the data set and repeated
    filters give 400 with the reasons."""

    dataset_name = None
    file_format = None  # "csv", "json" or "xlsx"
    # The page cache (perf/middleware.py) keys an export by the data set's filters; a request with any other
    # parameter is not cached, so that it gets its 400.
    page_cache_strict = True

    @classmethod
    def page_cache_parameters(cls, dataset_name=None, **initkwargs):
        return {*DATASETS[dataset_name or cls.dataset_name].filter_names, *IGNORED_PARAMETERS}

    def get(self, request):
        dataset = DATASETS[self.dataset_name]
        try:
            filterset, queryset = dataset.filtered(request)
        except InvalidFilters as error:
            return self.invalid(error)
        modified = last_change()
        # Nothing changed since the client's copy (If-Modified-Since): answer 304 before reading any row.
        not_modified = get_conditional_response(request, last_modified=int(modified.timestamp()))
        if not_modified is not None:
            return not_modified
        context = dataset.context(request)
        filters = applied_filters(filterset, request)
        rows, complete = read_ahead(queryset.iterator(chunk_size=CHUNK_SIZE), CACHEABLE_ROWS)
        if self.file_format == "xlsx":
            # A zip archive cannot be streamed as it is written: the file is built whole, and kept by the page cache
            # only within the bound the other formats have.
            content = workbook_bytes(dataset, rows, context, list_url(dataset, request, filters), modified)
            content_type = MEDIA_TYPE
            disposition = f'attachment; filename="{file_name(dataset, filters, "xlsx")}"'
        elif self.file_format == "csv":
            content = csv_rows(dataset, rows, context)
            content_type = "text/csv; charset=utf-8"
            disposition = f'attachment; filename="{file_name(dataset, filters, "csv")}"'
        else:
            header = {
                "dataset": dataset.name,
                "title": str(dataset.title),
                "schema": request.build_absolute_uri(
                    reverse("discovery:json_schema", kwargs={"dataset": dataset.name})
                ),
                "source": list_url(dataset, request, filters),
                "generated": iso(timezone.now()),
                "filters": filters,
                "licence": data_licence(),
            }
            content = json_document(dataset, rows, context, header)
            content_type = "application/json; charset=utf-8"
            disposition = f'inline; filename="{file_name(dataset, filters, "json")}"'
        if self.file_format == "xlsx":
            response = HttpResponse(content, content_type=content_type)
            response.page_cache_exempt = not complete
        elif complete:
            response = HttpResponse("".join(content), content_type=content_type)
        else:
            response = StreamingHttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = disposition
        response["Last-Modified"] = http_date(modified.timestamp())
        response["Link"] = link_header(request)
        # Open data: other sites' scripts may read it.
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def invalid(self, error):
        messages = error.messages()
        if self.file_format == "json":
            return JsonResponse(
                {"error": _("The filters are not valid."), "filters": messages},
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        lines = [_("The filters are not valid.")]
        lines += [f"{name}: {' '.join(texts)}" for name, texts in messages.items()]
        return HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")
