from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views
from .datasets import DATASETS
from .exports import ExportView
from .feeds import UpdatesFeed

app_name = "discovery"

# Data files keep the same address in every language and whatever the page addresses become: /en/data/….
data_patterns = [
    *(
        path(
            f"{name}.{file_format}",
            ExportView.as_view(dataset_name=name, file_format=file_format),
            name=f"{name}_{file_format}",
        )
        for name in DATASETS
        for file_format in ("csv", "json", "xlsx")
    ),
    path("<slug:dataset>.schema.json", views.SchemaView.as_view(document="json-schema"), name="json_schema"),
    path("<slug:dataset>.tableschema.json", views.SchemaView.as_view(document="table-schema"), name="table_schema"),
    path("datapackage.json", views.SchemaView.as_view(document="data-package"), name="datapackage"),
    path("catalog.jsonld", views.SchemaView.as_view(document="catalogue"), name="catalogue"),
    path("updates.atom", UpdatesFeed(), name="feed"),
]

urlpatterns = [
    # Translators: a URL path segment: lower-case ASCII letters only, keep the final slash.
    path(_("search/"), views.SearchView.as_view(), name="search"),
    # Translators: a URL path segment: lower-case ASCII letters and hyphens only, keep the final slash.
    path(_("open-data/"), views.OpenDataView.as_view(), name="open_data"),
    # Translators: a URL path segment: lower-case ASCII letters and hyphens only, keep the final slash.
    path(_("denmark-and-norway/"), views.ComparisonView.as_view(), name="comparison"),
    path("data/", include(data_patterns)),
]
