"""CSV and JSON downloads of the public lists, row for row what the list shows under the same filters.

Both are streamed: rows are read from the database in chunks (from a server-side cursor on PostgreSQL, related
sets included, in one query) and written as they come, so memory stays bounded however many rows a filter
selects. The CSV starts
with a byte order mark, so spreadsheets read it as UTF-8 and show æ, ø and å."""

import csv
import json

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from .datasets import DATASETS, InvalidFilters, iso
from .licence import data_licence

# Rows fetched per database round trip.
CHUNK_SIZE = 500
# Rows written per chunk of the response.
ROWS_PER_WRITE = 100

BYTE_ORDER_MARK = "\ufeff"


class _Echo:
    """A file-like object whose write() returns what it is given, so csv.writer produces strings to stream."""

    def write(self, value):
        return value


def csv_rows(dataset, queryset, context):
    yield BYTE_ORDER_MARK
    writer = csv.writer(_Echo())
    yield writer.writerow(dataset.column_names())
    buffer = []
    for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
        buffer.append(writer.writerow([column.to_csv(value) for column, value in dataset.row(obj, context)]))
        if len(buffer) >= ROWS_PER_WRITE:
            yield "".join(buffer)
            buffer = []
    if buffer:
        yield "".join(buffer)


def json_document(dataset, queryset, context, header):
    """The JSON export: `header`'s members, then "rows" (one object per row) and "count" at the end."""
    opening = json.dumps(header, ensure_ascii=False)
    yield opening[:-1] + ', "rows": ['
    count = 0
    buffer = []
    for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
        row = {column.name: column.to_json(value) for column, value in dataset.row(obj, context)}
        buffer.append(("," if count else "") + "\n" + json.dumps(row, ensure_ascii=False))
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
    params = request.GET.copy()
    for name in list(params):
        if name not in filters:
            params.pop(name)
    query = f"?{params.urlencode()}" if params else ""
    return request.build_absolute_uri(reverse(dataset.list_url_name) + query)


class ExportView(View):
    """One data set in one format. Invalid filters give 400 with the reasons, as the list shows them."""

    dataset_name = None
    file_format = None  # "csv" or "json"

    def get(self, request):
        dataset = DATASETS[self.dataset_name]
        try:
            filterset, queryset = dataset.filtered(request)
        except InvalidFilters as error:
            return self.invalid(error)
        context = dataset.context(request)
        if self.file_format == "csv":
            response = StreamingHttpResponse(
                csv_rows(dataset, queryset, context), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{dataset.name}.csv"'
        else:
            filters = applied_filters(filterset, request)
            header = {
                "dataset": dataset.name,
                "title": str(dataset.title),
                "schema": request.build_absolute_uri(
                    reverse("discovery:json_schema", kwargs={"dataset": dataset.name})
                ),
                "source": list_url(dataset, request, filters),
                "generated": iso(timezone.now()),
                "filters": filters,
            }
            licence = data_licence()
            if licence["confirmed"]:
                header["licence"] = {key: licence[key] for key in ("name", "title", "path")}
            response = StreamingHttpResponse(
                json_document(dataset, queryset, context, header), content_type="application/json; charset=utf-8"
            )
            response["Content-Disposition"] = f'inline; filename="{dataset.name}.json"'
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
