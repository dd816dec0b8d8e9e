from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "programmes"

programme_patterns = [
    path("", views.ProgrammeListView.as_view(), name="programme_list"),
    path("<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
]

urlpatterns = [
    # Translators: a URL path segment: lower-case ASCII letters only, keep the final slash.
    path(_("programmes/"), include(programme_patterns)),
]
